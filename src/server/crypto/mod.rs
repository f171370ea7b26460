//! WeChat's message crypto for the account's server (wechat-api §11): the SHA-1 signatures of
//! the URL handshake, of every push and of encrypted replies, the EncodingAESKey, and the AES
//! envelope of compatible and safe mode. Pure functions: nothing here sends or prints.

mod aes_key;
mod envelope;

pub use aes_key::{AesKey, KeyError};
pub use envelope::{OpenError, Opened, open, seal};

use sha1::{Digest, Sha1};

/// WeChat's signature: the lowercase hex SHA-1 of the parts sorted lexicographically (as byte
/// strings) and joined without a separator. The handshake and every push sign the token, the
/// timestamp and the nonce; an encrypted message adds its `Encrypt`.
pub fn signature(parts: &[&str]) -> String {
    let mut sorted = parts.to_vec();
    sorted.sort_unstable();
    let digest = Sha1::digest(sorted.concat().as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Whether `given` is the signature of `parts`, compared without regard to case (a server may
/// write hex in capitals).
pub fn signature_matches(given: &str, parts: &[&str]) -> bool {
    given.trim().eq_ignore_ascii_case(&signature(parts))
}

#[cfg(test)]
mod tests;
