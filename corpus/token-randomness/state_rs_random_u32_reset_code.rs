use crate::mail::Mailer;
use crate::store::ResetStore;

pub async fn send_reset_code(store: &ResetStore, mailer: &Mailer, email: &str) -> anyhow::Result<()> {
    // expect: token-randomness
    let code = rand::random::<u32>() % 1_000_000;
    store.put(email, &format!("{code:06}")).await?;
    mailer
        .send(email, "Password reset", &format!("Your reset code is {code:06}"))
        .await
}
