# wxform's container image (ghcr.io/wxform/wxform): the static Linux binaries of a release
# (wxform, and wxform-emulator to try it without WeChat) on Alpine, with the tools the GitLab
# CI scripts use (bash, curl, jq) and those scripts themselves in
# /usr/local/share/wxform/gitlab. The release workflow builds it from the release's own
# binaries, checked against SHA256SUMS (.github/release/image-context.sh), placed in
# dist/linux/<arch>/; docs/install.md shows a local build.
#
# The base image is pinned by the digest of its multi-platform image index (alpine 3.22.5, the
# image alpine:3.22 named when it was pinned): a moved tag cannot change what is built. To move
# to a newer Alpine, replace both the tag and the digest (`docker buildx imagetools inspect
# alpine:3.22` prints the index digest).
FROM alpine:3.22@sha256:14358309a308569c32bdc37e2e0e9694be33a9d99e68afb0f5ff33cc1f695dce

ARG TARGETARCH
RUN apk add --no-cache bash ca-certificates curl jq
COPY --chmod=0755 dist/linux/${TARGETARCH}/wxform /usr/local/bin/wxform
COPY --chmod=0755 dist/linux/${TARGETARCH}/wxform-emulator /usr/local/bin/wxform-emulator
COPY examples/gitlab-ci/wxform/ /usr/local/share/wxform/gitlab/

# The image runs as root: CI runners (GitLab's docker executor among them) clone the project as
# root, and the jobs write their plans and notes into that checkout.
WORKDIR /work
ENTRYPOINT ["wxform"]
CMD ["--help"]
