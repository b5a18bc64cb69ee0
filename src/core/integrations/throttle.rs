//! Throttling of failed credentials: wrong CS-Cart API keys and wrong OAuth2 client secrets.
//!
//! Each failure is recorded under the client it named and under the address it came from. Once a
//! client has failed [`PER_CLIENT`] times, or an address [`PER_ADDRESS`] times, within
//! [`WINDOW_MINUTES`], every further attempt for it (even with the right secret) answers 429 with
//! `Retry-After` until the oldest counted failure leaves the window. The counts live in the
//! database (`auth_failures`), so several server processes on one database share them. A
//! success clears the client's failures; an address keeps its count (it may be guessing names).

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use poem::http::{HeaderName, HeaderValue, StatusCode};
use polyshop_entities::auth_failures;
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
    sea_query::{Expr, Func},
};

use crate::clock::Clock;

pub const WINDOW_MINUTES: i64 = 15;
/// Failures of one client (an administrator's email, an OAuth2 client id) before it is throttled.
pub const PER_CLIENT: i64 = 10;
/// Failures from one address (over every client it tried) before it is throttled.
pub const PER_ADDRESS: i64 = 50;

/// Subjects are stored in a 255-character column; longer names are cut (on a character boundary).
const MAX_SUBJECT: usize = 255;

/// Who is trying to authenticate: the client named by the credentials, and the peer address
/// (absent when the transport has none, such as in-process tests).
#[derive(Debug, Clone)]
pub struct Attempt {
    client: String,
    address: Option<String>,
}

impl Attempt {
    /// `api` tells the credential kinds apart (`cs-cart`, `oauth`); `name` is what the client sent
    /// as its name (an email, a client id).
    pub fn new(api: &str, name: &str, address: Option<&str>) -> Self {
        Attempt {
            client: subject(&format!("client:{api}:{name}")),
            address: address.map(|a| subject(&format!("address:{a}"))),
        }
    }

    fn subjects(&self) -> Vec<String> {
        std::iter::once(self.client.clone()).chain(self.address.clone()).collect()
    }
}

fn subject(text: &str) -> String {
    match text.char_indices().nth(MAX_SUBJECT) {
        Some((cut, _)) => text[..cut].to_owned(),
        None => text.to_owned(),
    }
}

/// What [`Throttle::check`] found: the attempt may go ahead, and whether the client has failures
/// to clear should it succeed.
#[derive(Debug, Clone, Copy)]
struct Allowed {
    client_has_failures: bool,
}

#[derive(Clone)]
pub struct Throttle {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

#[derive(Debug, FromQueryResult)]
struct Counted {
    subject: String,
    failures: i64,
    oldest: DateTime<Utc>,
}

impl Throttle {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Throttle { db, clock }
    }

    /// Runs `verify` for `attempt` under the throttle: a 429 without calling it when the client
    /// or address is throttled; otherwise its result, with a 401 recorded as a failure.
    pub async fn guard<T, F>(&self, attempt: &Attempt, verify: F) -> Result<T, ServiceError>
    where
        F: Future<Output = Result<T, ServiceError>>,
    {
        let allowed = self.check(attempt).await?;
        match verify.await {
            Ok(value) => {
                self.succeeded(attempt, allowed).await?;
                Ok(value)
            }
            Err(e) if e.status() == StatusCode::UNAUTHORIZED => {
                self.failed(attempt).await?;
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// A 429 with `Retry-After` if the client or the address is throttled. One query.
    async fn check(&self, attempt: &Attempt) -> Result<Allowed, ServiceError> {
        let now = self.clock.now();
        let counted: Vec<Counted> = auth_failures::Entity::find()
            .select_only()
            .column(auth_failures::Column::Subject)
            .column_as(Expr::expr(Func::count(Expr::col(auth_failures::Column::Id))), "failures")
            .column_as(Expr::expr(Func::min(Expr::col(auth_failures::Column::FailedAt))), "oldest")
            .filter(auth_failures::Column::Subject.is_in(attempt.subjects()))
            .filter(auth_failures::Column::FailedAt.gt(now - Duration::minutes(WINDOW_MINUTES)))
            .group_by(auth_failures::Column::Subject)
            .into_model::<Counted>()
            .all(&self.db)
            .await?;
        let mut client_has_failures = false;
        for c in &counted {
            let is_client = c.subject == attempt.client;
            client_has_failures |= is_client;
            let limit = if is_client { PER_CLIENT } else { PER_ADDRESS };
            if c.failures >= limit {
                let free_at = c.oldest + Duration::minutes(WINDOW_MINUTES);
                let retry_after = Ord::max((free_at - now).num_seconds(), 1);
                tracing::warn!(subject = %c.subject, failures = c.failures, retry_after, "credentials throttled");
                return Err(too_many_attempts(retry_after));
            }
        }
        Ok(Allowed { client_has_failures })
    }

    /// Records a failed attempt (and forgets failures older than the window).
    async fn failed(&self, attempt: &Attempt) -> Result<(), ServiceError> {
        let now = self.clock.now();
        let rows = attempt.subjects().into_iter().map(|subject| auth_failures::ActiveModel {
            id: NotSet,
            subject: Set(subject),
            failed_at: Set(now),
        });
        auth_failures::Entity::insert_many(rows).exec(&self.db).await?;
        auth_failures::Entity::delete_many()
            .filter(auth_failures::Column::FailedAt.lte(now - Duration::minutes(WINDOW_MINUTES)))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// A successful attempt clears the client's failures (a write only when it had some).
    async fn succeeded(&self, attempt: &Attempt, allowed: Allowed) -> Result<(), ServiceError> {
        if allowed.client_has_failures {
            auth_failures::Entity::delete_many()
                .filter(auth_failures::Column::Subject.eq(attempt.client.as_str()))
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }
}

/// 429 with `Retry-After`; each surface renders the message in its own error style.
fn too_many_attempts(retry_after: i64) -> ServiceError {
    ServiceError::new(
        StatusCode::TOO_MANY_REQUESTS,
        format!("Too many failed authentication attempts; try again in {retry_after} seconds"),
    )
    .with_header(HeaderName::from_static("retry-after"), HeaderValue::from(retry_after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_fit_their_column() {
        let long = "é".repeat(400);
        let attempt = Attempt::new("cs-cart", &long, Some("127.0.0.1"));
        assert_eq!(attempt.client.chars().count(), MAX_SUBJECT);
        assert_eq!(attempt.subjects(), vec![attempt.client.clone(), "address:127.0.0.1".to_owned()]);
        assert_eq!(Attempt::new("oauth", "abc", None).subjects(), vec!["client:oauth:abc".to_owned()]);
    }
}
