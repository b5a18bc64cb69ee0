//! Sending the outbox over SMTP (off unless an SMTP URL is configured). A sender takes the
//! due mails in rounds: it claims each one (a conditional update that also leases it for a
//! while, so several server processes never send the same mail at once), sends it, and
//! records the outcome. A failed mail is tried again later, up to [`MAX_ATTEMPTS`] times, each
//! wait four times the last; a permanent refusal (a 5xx answer, an invalid address) is not
//! retried. Delivery is at least once: a process that dies after sending and before recording
//! it sends that mail again once its lease runs out.

use std::{sync::Arc, time::Duration};

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use polyshop_entities::mail_outbox;
use polyshop_runtime::ServiceError;
use sea_orm::DatabaseConnection;

use super::outbox;
use crate::clock::Clock;

/// Attempts per mail, the first included.
pub const MAX_ATTEMPTS: i32 = 5;
/// Mails taken per round.
const BATCH: u64 = 20;
/// How long a claimed mail is left to its sender before another may take it.
const LEASE_MINUTES: i64 = 10;

/// Why a mail was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    pub message: String,
    /// It can never succeed as it is (retrying is pointless).
    pub permanent: bool,
}

/// Where mails go: SMTP in production, a recorder in tests.
#[async_trait::async_trait]
pub trait MailTransport: Send + Sync + 'static {
    async fn send(&self, mail: &mail_outbox::Model) -> Result<(), SendFailure>;
}

/// An SMTP server, by URL: `smtps://user:pass@host:465` (TLS), `smtp://host:587?tls=required`
/// (STARTTLS), `smtp://host:25` (plain, for a local relay).
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub fn new(url: &str, from: &str) -> Result<Smtp, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("the sender address {from:?} is not valid: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| {
                format!(
                    "the SMTP URL is not valid ({e}): use smtps://user:pass@host:465 or smtp://host:587?tls=required"
                )
            })?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        Ok(Smtp { transport, from })
    }
}

#[async_trait::async_trait]
impl MailTransport for Smtp {
    async fn send(&self, mail: &mail_outbox::Model) -> Result<(), SendFailure> {
        let permanent = |message: String| SendFailure { message, permanent: true };
        let to: Mailbox =
            mail.to_address.parse().map_err(|e| permanent(format!("invalid recipient {:?}: {e}", mail.to_address)))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body_text.clone())
            .map_err(|e| permanent(format!("the message cannot be built: {e}")))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| SendFailure { message: e.to_string(), permanent: e.is_permanent() })
    }
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: u32,
    pub failed: u32,
}

/// Sends the mails due now, one batch: claims, sends and records each.
pub async fn deliver_due(
    db: &DatabaseConnection,
    transport: &dyn MailTransport,
    clock: &dyn Clock,
) -> Result<Round, ServiceError> {
    let now = clock.now();
    let mut round = Round::default();
    for mail in outbox::due(db, now, MAX_ATTEMPTS, BATCH).await? {
        if !outbox::claim(db, &mail, now + chrono::Duration::minutes(LEASE_MINUTES)).await? {
            continue;
        }
        match transport.send(&mail).await {
            Ok(()) => {
                outbox::mark_sent(db, mail.id, clock.now()).await?;
                round.sent += 1;
            }
            Err(failure) => {
                let attempts = mail.attempts.saturating_add(1);
                let retry_at = (!failure.permanent && attempts < MAX_ATTEMPTS).then(|| clock.now() + backoff(attempts));
                tracing::warn!(mail = mail.id, kind = %mail.kind, attempts, error = %failure.message, "mail not delivered");
                outbox::mark_failed(db, mail.id, &failure.message, retry_at, MAX_ATTEMPTS).await?;
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

/// The wait after `attempts` failed attempts: 1, 4, 16, 64 minutes.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(8);
    chrono::Duration::minutes(4_i64.pow(exponent))
}

/// Sends the outbox every `every`, for as long as the process runs (a round's error is logged
/// and the next round tries again).
pub fn spawn(
    db: DatabaseConnection,
    transport: Arc<dyn MailTransport>,
    clock: Arc<dyn Clock>,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match deliver_due(&db, transport.as_ref(), clock.as_ref()).await {
                Ok(round) if round != Round::default() => {
                    tracing::info!(sent = round.sent, failed = round.failed, "mail outbox delivered")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "mail outbox round failed"),
            }
        }
    })
}
