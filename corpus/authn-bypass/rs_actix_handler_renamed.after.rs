use actix_web::{get, web, HttpResponse};

use crate::auth::AuthenticatedUser;
use crate::db::Pool;

#[get("/projects")]
pub async fn list_projects(user: AuthenticatedUser, pool: web::Data<Pool>) -> HttpResponse {
    match crate::db::projects::for_user(&pool, user.id).await {
        Ok(p) => HttpResponse::Ok().json(p),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
