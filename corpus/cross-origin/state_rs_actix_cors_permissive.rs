use actix_cors::Cors;
use actix_web::{App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        // expect: cross-origin
        let cors = Cors::permissive();
        App::new().wrap(cors).configure(crate::routes::configure)
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
