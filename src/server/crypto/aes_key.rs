//! The EncodingAESKey (消息加解密密钥): 43 base64 characters that decode, with `=` appended, to
//! the 32-byte AES-256 key. WeChat's console draws the 43 characters at random, so the last one
//! usually carries non-zero bits past the 256th: they are dropped, as WeChat's own decoders do,
//! where a strict base64 decoder would refuse most real keys.

use base64::Engine as _;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// How many characters an EncodingAESKey has.
pub const KEY_CHARS: usize = 43;

/// Base64 that allows what WeChat's keys hold: trailing bits, with or without padding.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The AES-256 key. Its bytes are never shown: `Debug` names it only.
#[derive(Clone, PartialEq, Eq)]
pub struct AesKey([u8; 32]);

impl std::fmt::Debug for AesKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AesKey(***)")
    }
}

/// Why a text is no EncodingAESKey; never quotes the text, which is a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("it has {0} characters; an EncodingAESKey has 43")]
    Length(usize),
    #[error("it holds a character that is not a letter, a digit, `+` or `/`")]
    Alphabet,
}

impl AesKey {
    /// The key an EncodingAESKey stands for; surrounding whitespace (a pasted newline) is
    /// ignored.
    pub fn decode(text: &str) -> Result<AesKey, KeyError> {
        let text = text.trim();
        let length = text.chars().count();
        if length != KEY_CHARS {
            return Err(KeyError::Length(length));
        }
        if !text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        {
            return Err(KeyError::Alphabet);
        }
        let bytes = LENIENT.decode(text).map_err(|_| KeyError::Alphabet)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| KeyError::Length(length))?;
        Ok(AesKey(key))
    }

    pub(super) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The IV of every message: the key's first 16 bytes.
    pub(super) fn iv(&self) -> [u8; 16] {
        let mut iv = [0; 16];
        iv.copy_from_slice(&self.0[..16]);
        iv
    }
}
