use subtle::ConstantTimeEq;

pub fn token_ok(got: &[u8], expected: &[u8]) -> bool {
    // ok: timing-unsafe-compare
    got.ct_eq(expected).into()
}
