//! WeChat's side of the message crypto, written apart from wxform's (`src/server/crypto/`) so
//! that a mistake there is not mirrored here: the signature, the EncodingAESKey decoded by hand
//! (six bits a character, the bits past the 256th dropped), and the AES-256-CBC envelope with
//! its 32-byte PKCS#7 padding and the AppID after the message.

use aes::Aes256;
use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use base64::Engine as _;
use sha1::{Digest, Sha1};

/// sha1 of the parts sorted and joined, in lowercase hex.
pub fn sign(parts: &[&str]) -> String {
    let mut parts: Vec<&str> = parts.to_vec();
    parts.sort();
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .fold(String::new(), |out, byte| out + &format!("{byte:02x}"))
}

/// The 32-byte key of a 43-character EncodingAESKey.
pub fn key(encoding_aes_key: &str) -> [u8; 32] {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits: u32 = 0;
    let mut held = 0;
    let mut out = Vec::with_capacity(32);
    for ch in encoding_aes_key.bytes() {
        let value = ALPHABET
            .iter()
            .position(|&a| a == ch)
            .expect("a base64 character") as u32;
        bits = (bits << 6) | value;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    out.truncate(32);
    out.try_into().expect("43 characters make 32 bytes")
}

/// `message` sealed for `appid`: base64 of the AES-CBC ciphertext.
pub fn encrypt(key: &[u8; 32], message: &str, appid: &str) -> String {
    let mut plain: Vec<u8> = b"RANDOMRANDOM1234".to_vec();
    plain.extend_from_slice(&(message.len() as u32).to_be_bytes());
    plain.extend_from_slice(message.as_bytes());
    plain.extend_from_slice(appid.as_bytes());
    let pad = 32 - plain.len() % 32;
    plain.extend(std::iter::repeat_n(pad as u8, pad));
    let mut cipher = cbc::Encryptor::<Aes256>::new(key.into(), key[..16].into());
    for block in plain.chunks_mut(16) {
        cipher.encrypt_block_mut(GenericArray::from_mut_slice(block));
    }
    base64::engine::general_purpose::STANDARD.encode(plain)
}

/// The message and the AppID inside `encrypted`, or `None` when it does not open.
pub fn decrypt(key: &[u8; 32], encrypted: &str) -> Option<(String, String)> {
    let mut data = base64::engine::general_purpose::STANDARD
        .decode(encrypted)
        .ok()?;
    if data.is_empty() || data.len() % 32 != 0 {
        return None;
    }
    let mut cipher = cbc::Decryptor::<Aes256>::new(key.into(), key[..16].into());
    for block in data.chunks_mut(16) {
        cipher.decrypt_block_mut(GenericArray::from_mut_slice(block));
    }
    let pad = *data.last()? as usize;
    if !(1..=32).contains(&pad) {
        return None;
    }
    data.truncate(data.len() - pad);
    let length = u32::from_be_bytes(data.get(16..20)?.try_into().ok()?) as usize;
    let message = data.get(20..20 + length)?;
    let appid = data.get(20 + length..)?;
    Some((
        String::from_utf8(message.to_vec()).ok()?,
        String::from_utf8(appid.to_vec()).ok()?,
    ))
}
