use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthenticatedUser;
use crate::db::Pool;

#[delete("/projects/{id}")]
pub async fn delete_project(user: AuthenticatedUser, path: web::Path<i64>, pool: web::Data<Pool>) -> HttpResponse {
    match crate::db::projects::delete(&pool, path.into_inner(), user.id).await {
        Ok(()) => HttpResponse::NoContent().finish(),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}
