use super::format;

fn fmt(text: &str) -> String {
    format("wxform.yaml", text).unwrap_or_else(|refused| panic!("{refused:#?}"))
}

#[test]
fn smoke() {
    let shop = include_str!("../../examples/shop.yaml");
    assert_eq!(fmt(shop), shop);
}
