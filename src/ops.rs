//! Routes for operators, outside every API: `GET /healthz` (the process answers), `GET /readyz`
//! (the database answers and its schema is current), `GET /metrics` (Prometheus) and `GET /`, a
//! page linking every API's documentation.

use std::sync::Arc;

use poem::{
    Response, Route,
    endpoint::{make, make_sync},
    http::StatusCode,
};
use polyshop_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::json;

use crate::metrics::{Metrics, Served, labelled};

/// A link on the landing page.
pub struct Link {
    pub title: String,
    pub href: String,
}

/// One API on the landing page: its title and its links (documentation, playground).
pub struct ApiLinks {
    pub title: String,
    pub links: Vec<Link>,
}

/// Mounts the operator routes on `route`.
pub fn mount(route: Route, db: DatabaseConnection, metrics: Arc<Metrics>, apis: &[ApiLinks]) -> Route {
    let landing = landing_page(apis);
    let served = |operation| Served { surface: "ops", operation };
    // The cheapest route there is (load balancers ask it often): its body is written once.
    let health = make_sync(|_| Response::builder().content_type("application/json").body(r#"{"status":"ok"}"#));
    let ready = make(move |_| {
        let db = db.clone();
        async move { readiness(&db).await }
    });
    let metrics = make_sync(move |_| {
        Response::builder().content_type("text/plain; version=0.0.4; charset=utf-8").body(metrics.render())
    });
    let landing =
        make_sync(move |_| Response::builder().content_type("text/html; charset=utf-8").body(landing.clone()));
    route
        .at("/healthz", labelled(health, served("healthz")))
        .at("/readyz", labelled(ready, served("readyz")))
        .at("/metrics", labelled(metrics, served("metrics")))
        .at("/", labelled(landing, served("landing")))
}

/// 200 when the database answers and every migration is applied; 503 naming what is wrong.
async fn readiness(db: &DatabaseConnection) -> Response {
    let mut problems: Vec<String> = Vec::new();
    let ping = Statement::from_string(db.get_database_backend(), "SELECT 1");
    match db.query_one_raw(ping).await {
        Ok(_) => match Migrator::get_pending_migrations(db).await {
            Ok(pending) if pending.is_empty() => {}
            Ok(pending) => problems.push(format!(
                "{} migration(s) not applied: {} (run `polyshop migrate`)",
                pending.len(),
                pending.iter().map(|m| m.name().to_owned()).collect::<Vec<_>>().join(", ")
            )),
            Err(e) => problems.push(format!("reading the applied migrations: {e}")),
        },
        Err(e) => problems.push(format!("the database does not answer: {e}")),
    }
    if problems.is_empty() {
        json_response(StatusCode::OK, &json!({"status": "ready", "database": "ok", "migrations": "current"}))
    } else {
        tracing::warn!(?problems, "not ready");
        json_response(StatusCode::SERVICE_UNAVAILABLE, &json!({"status": "not ready", "problems": problems}))
    }
}

fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    Response::builder().status(status).content_type("application/json").body(body.to_string())
}

fn landing_page(apis: &[ApiLinks]) -> String {
    let mut items = String::new();
    for api in apis {
        let links: Vec<String> =
            api.links.iter().map(|l| format!(r#"<a href="{}">{}</a>"#, escape(&l.href), escape(&l.title))).collect();
        items.push_str(&format!("<li><strong>{}</strong>: {}</li>\n", escape(&api.title), links.join(" · ")));
    }
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>polyshop</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5}}</style>
</head><body>
<h1>polyshop</h1>
<p>One commerce core behind the Bagisto, Community Store and CS-Cart APIs.</p>
<ul>
{items}</ul>
<p>Operators: <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a></p>
</body></html>
"#
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
