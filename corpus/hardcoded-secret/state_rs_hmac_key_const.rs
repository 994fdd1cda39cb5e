// expect: hardcoded-secret
const WEBHOOK_SECRET: &str = "whsec_9Yb2Kp4Lq7Rt1Vx3Zc6Nm8Jh0Gf5Dd2S";

pub fn secret() -> &'static [u8] {
    WEBHOOK_SECRET.as_bytes()
}
