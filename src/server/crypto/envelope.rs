//! The AES envelope of an encrypted message (wechat-api §11.4): 16 random bytes, the message's
//! length (4 bytes, big-endian), the message, the account's AppID; padded PKCS#7-style to a
//! multiple of 32 bytes (1–32 bytes of padding, a whole 32 when already aligned); AES-256-CBC
//! with the key's first 16 bytes as IV; base64. The padding block is 32, not AES's 16: a
//! decoder that expects 16 refuses WeChat's messages.

use super::AesKey;
use aes::Aes256;
use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// WeChat pads to multiples of this many bytes.
const PAD_BLOCK: usize = 32;
/// The random prefix and the length field.
const HEADER: usize = 16 + 4;

/// A message taken out of its envelope: the message and the AppID it carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub message: String,
    pub appid: String,
}

/// Why an `Encrypt` value does not open with the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("it is not base64")]
    NotBase64,
    #[error("its length ({0} bytes) is not a whole number of AES blocks")]
    NotBlocks(usize),
    #[error("its padding is not WeChat's (1–32 bytes of the padding's length): another key?")]
    Padding,
    #[error("its length field says {0} bytes, more than it holds: another key?")]
    Length(usize),
    #[error("the message or the AppID after it is not UTF-8: another key?")]
    NotUtf8,
}

/// `message` sealed for the account `appid` with `key`, behind `random`: the `Encrypt` value.
pub fn seal(key: &AesKey, random: [u8; 16], message: &str, appid: &str) -> String {
    let mut plain = Vec::with_capacity(HEADER + message.len() + appid.len() + PAD_BLOCK);
    plain.extend_from_slice(&random);
    let length = u32::try_from(message.len()).unwrap_or(u32::MAX);
    plain.extend_from_slice(&length.to_be_bytes());
    plain.extend_from_slice(message.as_bytes());
    plain.extend_from_slice(appid.as_bytes());
    let padding = PAD_BLOCK - plain.len() % PAD_BLOCK;
    // At most 32, so it fits the byte it is written as.
    plain.resize(plain.len() + padding, padding as u8);
    let mut cipher = cbc::Encryptor::<Aes256>::new(key.bytes().into(), &key.iv().into());
    for block in plain.chunks_exact_mut(16) {
        cipher.encrypt_block_mut(GenericArray::from_mut_slice(block));
    }
    STANDARD.encode(plain)
}

/// The message and AppID inside the `Encrypt` value `encrypted`.
pub fn open(key: &AesKey, encrypted: &str) -> Result<Opened, OpenError> {
    let mut data = STANDARD
        .decode(encrypted.trim())
        .map_err(|_| OpenError::NotBase64)?;
    if data.is_empty() || !data.len().is_multiple_of(16) {
        return Err(OpenError::NotBlocks(data.len()));
    }
    let mut cipher = cbc::Decryptor::<Aes256>::new(key.bytes().into(), &key.iv().into());
    for block in data.chunks_exact_mut(16) {
        cipher.decrypt_block_mut(GenericArray::from_mut_slice(block));
    }
    let padding = usize::from(*data.last().unwrap_or(&0));
    let padded_well = (1..=PAD_BLOCK).contains(&padding)
        && padding <= data.len()
        && data[data.len() - padding..]
            .iter()
            .all(|&byte| usize::from(byte) == padding);
    if !padded_well {
        return Err(OpenError::Padding);
    }
    let content = &data[..data.len() - padding];
    if content.len() < HEADER {
        return Err(OpenError::Length(0));
    }
    let length = u32::from_be_bytes([content[16], content[17], content[18], content[19]]) as usize;
    let rest = &content[HEADER..];
    if length > rest.len() {
        return Err(OpenError::Length(length));
    }
    let (message, appid) = rest.split_at(length);
    Ok(Opened {
        message: String::from_utf8(message.to_vec()).map_err(|_| OpenError::NotUtf8)?,
        appid: String::from_utf8(appid.to_vec()).map_err(|_| OpenError::NotUtf8)?,
    })
}
