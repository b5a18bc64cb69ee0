//! `polyshop-bench-hello ADDR`: one route, `GET /` → `{"hello":"world"}`, on poem 3 and tokio's
//! multi-threaded runtime (as polyshop). The baseline of bench/run.sh's stack-overhead ratio.

use poem::{Route, Server, get, handler, listener::TcpListener, web::Json};
use serde_json::{Value, json};

#[handler]
fn hello() -> Json<Value> {
    Json(json!({"hello": "world"}))
}

fn main() {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(async move {
        let app = Route::new().at("/", get(hello));
        if let Err(e) = Server::new(TcpListener::bind(addr.clone())).run(app).await {
            eprintln!("cannot serve on {addr}: {e}");
            std::process::exit(1);
        }
    });
}
