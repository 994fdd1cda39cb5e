use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthenticatedUser;
use crate::db::Pool;

#[delete("/projects/{id}")]
// expect: authn-bypass
pub async fn delete_project(path: web::Path<i64>, pool: web::Data<Pool>) -> HttpResponse {
    match crate::db::projects::delete_any(&pool, path.into_inner()).await {
        Ok(()) => HttpResponse::NoContent().finish(),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}
