# wxform's container image (ghcr.io/wxform/wxform): the static Linux binary of a release on
# Alpine, with the tools the GitLab CI scripts use (bash, curl, jq) and those scripts themselves
# in /usr/local/share/wxform/gitlab. The release workflow builds it from the release's own
# binaries, checked against SHA256SUMS (.github/release/image-context.sh), placed at
# dist/linux/<arch>/wxform; docs/install.md shows a local build.
FROM alpine:3.22

ARG TARGETARCH
RUN apk add --no-cache bash ca-certificates curl jq
COPY --chmod=0755 dist/linux/${TARGETARCH}/wxform /usr/local/bin/wxform
COPY examples/gitlab-ci/wxform/ /usr/local/share/wxform/gitlab/

# The image runs as root: CI runners (GitLab's docker executor among them) clone the project as
# root, and the jobs write their plans and notes into that checkout.
WORKDIR /work
ENTRYPOINT ["wxform"]
CMD ["--help"]
