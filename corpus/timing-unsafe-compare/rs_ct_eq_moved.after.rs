use subtle::ConstantTimeEq;

pub fn verify_tag(expected: &[u8], tag: &[u8]) -> bool {
    if expected.is_empty() {
        return false;
    }
    expected.ct_eq(tag).into()
}
