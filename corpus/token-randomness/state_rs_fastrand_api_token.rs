use sqlx::PgPool;

const CHARSET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

pub async fn create_personal_access_token(pool: &PgPool, user_id: i64) -> sqlx::Result<String> {
    let token: String = (0..40)
        // expect: token-randomness
        .map(|_| CHARSET[fastrand::usize(..CHARSET.len())] as char)
        .collect();
    sqlx::query("INSERT INTO access_tokens (user_id, token) VALUES ($1, $2)")
        .bind(user_id)
        .bind(&token)
        .execute(pool)
        .await?;
    Ok(token)
}
