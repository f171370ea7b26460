use super::*;
use base64::Engine as _;

/// wechat-api §11.4's test vector (the one wechatpy's tests use).
const TOKEN: &str = "123456";
const KEY: &str = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
const APPID: &str = "wx49f0ab532d5d035a";
const RANDOM: [u8; 16] = *b"1234567890123456";
const NONCE: &str = "461056294";
const TIMESTAMP: &str = "1411525903";
const REPLY: &str = "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>";
const SEALED: &str = "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3";

fn key() -> AesKey {
    AesKey::decode(KEY).unwrap()
}

#[test]
fn the_handshake_signature_is_the_documented_worked_example() {
    // wechat-api §11.1: sorted, joined `1714037059486452656AAAAA`.
    assert_eq!(
        signature(&["AAAAA", "1714037059", "486452656"]),
        "899cf89e464efb63f54ddac96b0a0a235f53aa78"
    );
    // The order the parts are given in does not matter; their case does.
    assert_eq!(
        signature(&["486452656", "AAAAA", "1714037059"]),
        "899cf89e464efb63f54ddac96b0a0a235f53aa78"
    );
    assert!(signature_matches(
        "899CF89E464EFB63F54DDAC96B0A0A235F53AA78",
        &["AAAAA", "1714037059", "486452656"]
    ));
    assert!(!signature_matches(
        "899cf89e464efb63f54ddac96b0a0a235f53aa78",
        &["AAAAB", "1714037059", "486452656"]
    ));
}

#[test]
fn sealing_the_test_vector_gives_its_encrypt_and_msg_signature() {
    let sealed = seal(&key(), RANDOM, REPLY, APPID);
    assert_eq!(sealed, SEALED);
    assert_eq!(
        signature(&[TOKEN, TIMESTAMP, NONCE, &sealed]),
        "407518b7649e86ef23978113f92d27afa9296533"
    );
    // 16 + 4 + 247 + 18 = 285 bytes, padded by 3 to 288, not by 11 to 296 (16-byte blocks).
    assert_eq!(REPLY.len(), 247);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&sealed)
        .unwrap();
    assert_eq!(bytes.len(), 288);
}

#[test]
fn the_test_vector_opens_to_its_message_and_appid() {
    let opened = open(&key(), SEALED).unwrap();
    assert_eq!(opened.message, REPLY);
    assert_eq!(opened.appid, APPID);
}

#[test]
fn a_message_published_encrypted_opens_with_the_key() {
    // wechatpy's decrypt example: a push sealed by the other side, with its msg_signature.
    let encrypted = "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=";
    assert!(signature_matches(
        "74d92dfeb87ba7c714f89d98870ae5eb62dff26d",
        &[TOKEN, TIMESTAMP, NONCE, encrypted]
    ));
    let opened = open(&key(), encrypted).unwrap();
    assert!(
        opened
            .message
            .contains("<Content><![CDATA[test]]></Content>")
    );
    assert_eq!(opened.appid, APPID);
}

#[test]
fn a_key_with_trailing_bits_decodes_as_wechat_decodes_it() {
    // `R` ends in the bits 01, past the key's 256th: a strict decoder refuses the key.
    let strict = base64::engine::general_purpose::STANDARD.decode(format!("{KEY}="));
    assert!(strict.is_err());
    assert!(AesKey::decode(KEY).is_ok());
    // The trailing bits carry nothing: `Q` (bits 00) gives the same key.
    let cleared = format!("{}Q", &KEY[..42]);
    assert_eq!(AesKey::decode(&cleared).unwrap(), key());
    assert_eq!(AesKey::decode(&format!(" {KEY}\n")).unwrap(), key());
}

#[test]
fn a_key_of_another_length_or_alphabet_is_refused_without_quoting_it() {
    assert_eq!(AesKey::decode(&KEY[..42]), Err(KeyError::Length(42)));
    assert_eq!(
        AesKey::decode(&format!("{KEY}=")),
        Err(KeyError::Length(44))
    );
    assert_eq!(
        AesKey::decode(&format!("{}-", &KEY[..42])),
        Err(KeyError::Alphabet)
    );
    for error in [KeyError::Length(42), KeyError::Alphabet] {
        assert!(!error.to_string().contains(&KEY[..10]));
    }
    assert_eq!(format!("{:?}", key()), "AesKey(***)");
}

#[test]
fn aligned_messages_get_a_whole_block_of_padding_and_every_length_round_trips() {
    for length in 0..100 {
        let message = "x".repeat(length);
        let sealed = seal(&key(), RANDOM, &message, APPID);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&sealed)
            .unwrap();
        let plain = 16 + 4 + length + APPID.len();
        let padding = 32 - plain % 32;
        assert!((1..=32).contains(&padding));
        assert_eq!(bytes.len(), plain + padding, "length {length}");
        let opened = open(&key(), &sealed).unwrap();
        assert_eq!(
            (opened.message.as_str(), opened.appid.as_str()),
            (message.as_str(), APPID)
        );
    }
}

#[test]
fn what_another_key_sealed_does_not_open() {
    let other = AesKey::decode(&format!(
        "{}A",
        &"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"[..42]
    ))
    .unwrap();
    let sealed = seal(&other, RANDOM, REPLY, APPID);
    assert!(open(&key(), &sealed).is_err());
    assert_eq!(open(&key(), "not base64!"), Err(OpenError::NotBase64));
    assert_eq!(open(&key(), "AAAA"), Err(OpenError::NotBlocks(3)));
}
