//! Logging: `tracing` to stderr, one span per request carrying its request id, so every line a
//! request logs can be found by that id (also returned in `X-Request-Id`).
//!
//! `POLYSHOP_LOG` filters (`info` by default; `debug` adds every SQL statement with its time),
//! `--log-format json` (or `POLYSHOP_LOG_FORMAT=json`) writes one JSON object a line for log
//! collectors, and colours are used only when stderr is a terminal.

use std::sync::atomic::{AtomicU64, Ordering};

use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};
use polyshop_runtime::RequestId;
use tracing::Instrument;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object a line (fields, span fields such as `request_id`, level, target, time).
    Json,
}

pub fn init(format: LogFormat) {
    use std::io::IsTerminal;
    use tracing_subscriber::{EnvFilter, fmt};
    let filter = EnvFilter::try_from_env("POLYSHOP_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).try_init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).try_init(),
    };
}

/// Assigns a request id (the client's `X-Request-Id` when it sends a sane one), opens the span,
/// logs the outcome and echoes the id in the response.
pub struct RequestTracing;

impl<E: Endpoint> Middleware<E> for RequestTracing {
    type Output = RequestTracingEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        RequestTracingEndpoint { inner: ep }
    }
}

pub struct RequestTracingEndpoint<E> {
    inner: E,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn new_request_id() -> String {
    let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    format!("{:08x}{:06x}", u64::try_from(nanos & 0xffff_ffff).unwrap_or(0), n & 0xff_ffff)
}

impl<E: Endpoint> Endpoint for RequestTracingEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let id = req
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .map(str::to_owned)
            .unwrap_or_else(new_request_id);
        req.extensions_mut().insert(RequestId(id.clone()));
        let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path());
        async move {
            let started = std::time::Instant::now();
            let result = self.inner.call(req).await;
            let mut resp = match result {
                Ok(r) => r.into_response(),
                Err(e) => e.into_response(),
            };
            tracing::info!(
                status = resp.status().as_u16(),
                elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                "served"
            );
            if let Ok(v) = id.parse() {
                resp.headers_mut().insert("x-request-id", v);
            }
            Ok(resp)
        }
        .instrument(span)
        .await
    }
}
