//! Prometheus metrics at `GET /metrics`: requests by surface, operation and status, their
//! latency, and the database pool. Built on the `prometheus` crate (the Rust client the TiKV
//! project maintains) with one registry per app, so apps built side by side (tests) never share
//! counters.

use std::{sync::Arc, time::Instant};

use poem::{
    Endpoint, EndpointExt, IntoResponse, Middleware, Request, Response, endpoint::BoxEndpoint, http::StatusCode,
};
use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder};
use sea_orm::DatabaseConnection;

/// What a response was: the surface and operation that produced it. Routes put it in the
/// response's extensions; a response without it (an unknown path) counts as surface `none`.
#[derive(Debug, Clone, Copy)]
pub struct Served {
    pub surface: &'static str,
    pub operation: &'static str,
}

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool: IntGaugeVec,
    db: DatabaseConnection,
}

impl Metrics {
    pub fn new(db: DatabaseConnection) -> Arc<Metrics> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("polyshop_http_requests_total", "HTTP requests answered, by surface, operation and status."),
            &["surface", "operation", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new("polyshop_http_request_duration_seconds", "Time to answer, by surface and operation.")
                .buckets(vec![0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]),
            &["surface", "operation"],
        )
        .expect("valid metric");
        let pool = IntGaugeVec::new(
            Opts::new("polyshop_db_pool_connections", "Database pool connections: open, idle, in use, maximum."),
            &["state"],
        )
        .expect("valid metric");
        registry.register(Box::new(requests.clone())).expect("metric names are unique");
        registry.register(Box::new(latency.clone())).expect("metric names are unique");
        registry.register(Box::new(pool.clone())).expect("metric names are unique");
        Arc::new(Metrics { registry, requests, latency, pool, db })
    }

    fn observe(&self, served: Served, status: StatusCode, seconds: f64) {
        self.requests.with_label_values(&[served.surface, served.operation, status.as_str()]).inc();
        self.latency.with_label_values(&[served.surface, served.operation]).observe(seconds);
    }

    /// The text exposition format (version 0.0.4), with the pool read now.
    pub fn render(&self) -> String {
        let (size, idle, max) = pool_use(&self.db);
        for (state, value) in [("open", size), ("idle", idle), ("in_use", size.saturating_sub(idle)), ("max", max)] {
            self.pool.with_label_values(&[state]).set(i64::from(value));
        }
        let mut out = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::error!(error = %e, "encoding metrics");
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

/// (open, idle, maximum) connections of the pool.
fn pool_use(db: &DatabaseConnection) -> (u32, u32, u32) {
    use sea_orm::DatabaseConnectionType as Type;
    match &db.inner {
        Type::SqlxPostgresPoolConnection(_) => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), u32::try_from(pool.num_idle()).unwrap_or(u32::MAX), pool.options().get_max_connections())
        }
        Type::SqlxSqlitePoolConnection(_) => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), u32::try_from(pool.num_idle()).unwrap_or(u32::MAX), pool.options().get_max_connections())
        }
        _ => (0, 0, 0),
    }
}

/// Counts and times every request.
pub struct Measure(pub Arc<Metrics>);

impl<E: Endpoint> Middleware<E> for Measure {
    type Output = MeasureEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        MeasureEndpoint { inner: ep, metrics: self.0.clone() }
    }
}

pub struct MeasureEndpoint<E> {
    inner: E,
    metrics: Arc<Metrics>,
}

impl<E: Endpoint> Endpoint for MeasureEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let started = Instant::now();
        let resp = match self.inner.call(req).await {
            Ok(r) => r.into_response(),
            Err(e) => e.into_response(),
        };
        let served =
            resp.extensions().get::<Served>().copied().unwrap_or(Served { surface: "none", operation: "none" });
        self.metrics.observe(served, resp.status(), started.elapsed().as_secs_f64());
        Ok(resp)
    }
}

/// `endpoint`, its answers (errors included) labelled `served` in the metrics.
pub fn labelled<E>(endpoint: E, served: Served) -> BoxEndpoint<'static, Response>
where
    E: Endpoint + 'static,
{
    endpoint
        .to_response()
        .map(move |mut resp: Response| async move {
            resp.extensions_mut().insert(served);
            resp
        })
        .boxed()
}
