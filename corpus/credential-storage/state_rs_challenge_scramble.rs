use sha1::{Digest, Sha1};

/// The answer to the server's challenge: proves the password without sending it.
fn scramble(password: &str, nonce: &[u8]) -> Vec<u8> {
    let mut ctx = Sha1::new();
    // ok: credential-storage
    ctx.update(password);
    let stage1 = ctx.finalize_reset();
    ctx.update(&stage1);
    let stage2 = ctx.finalize_reset();
    ctx.update(nonce);
    ctx.update(&stage2);
    let mut out = ctx.finalize().to_vec();
    for (o, s) in out.iter_mut().zip(stage1.iter()) {
        *o ^= s;
    }
    out
}
