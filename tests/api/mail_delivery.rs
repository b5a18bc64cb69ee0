//! SMTP delivery of the mail outbox: what a real SMTP conversation carries, what becomes of
//! refused and failed mails, and that concurrent senders never send a mail twice.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicUsize, Ordering},
};

use polyshop::{
    clock::Clock,
    mail::{
        OutgoingMail,
        delivery::{self, MAX_ATTEMPTS, MailTransport, Round, SendFailure, Smtp},
        queue,
    },
};
use polyshop_entities::mail_outbox;
use sea_orm::EntityTrait;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

use crate::harness::TestApp;

async fn queue_to(app: &TestApp, to: &str, subject: &str) -> i64 {
    let mail = OutgoingMail { kind: "test", to: to.into(), subject: subject.into(), body: format!("Hello {to}.") };
    queue(app.db(), mail, app.clock.now()).await.unwrap()
}

async fn row(app: &TestApp, id: i64) -> mail_outbox::Model {
    mail_outbox::Entity::find_by_id(id).one(app.db()).await.unwrap().unwrap()
}

/// A minimal SMTP server on a free local port: it accepts every recipient but
/// `refused@example.com` (550, permanent) and `later@example.com` (451, try again), and
/// records each conversation's lines.
async fn smtp_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let heard = Arc::new(Mutex::new(Vec::new()));
    let log = heard.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test.local ESMTP\r\n").await.unwrap();
                let mut in_data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    log.lock().unwrap().push(line.clone());
                    let answer: &[u8] = if in_data {
                        if line != "." {
                            continue;
                        }
                        in_data = false;
                        b"250 queued\r\n"
                    } else if line.starts_with("EHLO") || line.starts_with("HELO") {
                        b"250 test.local\r\n"
                    } else if line.starts_with("RCPT TO:<refused@") {
                        b"550 no such user\r\n"
                    } else if line.starts_with("RCPT TO:<later@") {
                        b"451 mailbox busy, try later\r\n"
                    } else if line == "DATA" {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if line == "QUIT" {
                        write.write_all(b"221 bye\r\n").await.ok();
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    if write.write_all(answer).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    (port, heard)
}

#[tokio::test]
async fn the_outbox_goes_out_over_smtp() {
    let app = TestApp::empty().await;
    let (port, heard) = smtp_server().await;
    let smtp = Smtp::new(&format!("smtp://127.0.0.1:{port}"), "Polyshop <shop@example.com>").unwrap();
    let delivered = queue_to(&app, "anna@example.com", "Your order #1 is confirmed").await;
    let refused = queue_to(&app, "refused@example.com", "Refused").await;
    let later = queue_to(&app, "later@example.com", "Later").await;
    let invalid = queue_to(&app, "not an address", "Invalid").await;

    let round = delivery::deliver_due(app.db(), &smtp, &app.clock).await.unwrap();
    assert_eq!(round, Round { sent: 1, failed: 3 });

    let sent = row(&app, delivered).await;
    assert_eq!(sent.sent_at, Some(app.clock.now()));
    assert_eq!((sent.attempts, sent.last_error), (1, None));
    let conversation = heard.lock().unwrap().join("\n");
    for expected in [
        "MAIL FROM:<shop@example.com>",
        "RCPT TO:<anna@example.com>",
        "Subject: Your order #1 is confirmed",
        "Content-Type: text/plain; charset=utf-8",
        "Hello anna@example.com.",
    ] {
        assert!(conversation.contains(expected), "{expected:?} not in:\n{conversation}");
    }

    // A 5xx answer and an invalid address are final: the attempts are used up.
    let refused = row(&app, refused).await;
    assert_eq!((refused.sent_at, refused.attempts), (None, MAX_ATTEMPTS));
    assert!(refused.last_error.as_deref().unwrap().contains("no such user"), "{:?}", refused.last_error);
    let invalid = row(&app, invalid).await;
    assert_eq!((invalid.sent_at, invalid.attempts), (None, MAX_ATTEMPTS));
    assert!(invalid.last_error.as_deref().unwrap().starts_with("invalid recipient"), "{:?}", invalid.last_error);
    assert!(!conversation.contains("not an address"));
    // A 4xx answer is tried again a minute later.
    let later = row(&app, later).await;
    assert_eq!((later.sent_at, later.attempts), (None, 1));
    assert_eq!(later.next_attempt_at, Some(app.clock.now() + chrono::Duration::minutes(1)));
    assert!(later.last_error.as_deref().unwrap().contains("try later"), "{:?}", later.last_error);

    // Nothing is due until then; then only that mail is tried.
    assert_eq!(delivery::deliver_due(app.db(), &smtp, &app.clock).await.unwrap(), Round::default());
    app.clock.advance(chrono::Duration::minutes(1));
    assert_eq!(delivery::deliver_due(app.db(), &smtp, &app.clock).await.unwrap(), Round { sent: 0, failed: 1 });
    assert_eq!(row(&app, later.id).await.attempts, 2);

    // An SMTP URL that is not one is refused up front.
    assert!(Smtp::new("http://example.com", "shop@example.com").is_err());
    assert!(Smtp::new("smtp://127.0.0.1:25", "not a sender").is_err());
}

/// A transport that counts what it sends per recipient, failing (transiently) while `failing`
/// says so, and taking a little time, so that concurrent senders overlap.
#[derive(Default)]
struct Recorder {
    sends: Mutex<Vec<String>>,
    failing: std::sync::atomic::AtomicBool,
    tries: AtomicUsize,
}

#[async_trait::async_trait]
impl MailTransport for Recorder {
    async fn send(&self, mail: &mail_outbox::Model) -> Result<(), SendFailure> {
        self.tries.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        if self.failing.load(Ordering::SeqCst) {
            return Err(SendFailure { message: "421 service not available".into(), permanent: false });
        }
        self.sends.lock().unwrap().push(mail.to_address.clone());
        Ok(())
    }
}

#[tokio::test]
async fn failed_mails_wait_longer_each_time_and_stop_after_five_attempts() {
    let app = TestApp::empty().await;
    let id = queue_to(&app, "bob@example.com", "Reset your password").await;
    let recorder = Recorder::default();
    recorder.failing.store(true, Ordering::SeqCst);
    let mut waits = Vec::new();
    for attempt in 1..=MAX_ATTEMPTS {
        assert_eq!(delivery::deliver_due(app.db(), &recorder, &app.clock).await.unwrap(), Round { sent: 0, failed: 1 });
        let mail = row(&app, id).await;
        assert_eq!(mail.attempts, attempt);
        if let Some(next) = mail.next_attempt_at.filter(|_| attempt < MAX_ATTEMPTS) {
            waits.push((next - app.clock.now()).num_minutes());
            app.clock.advance(next - app.clock.now());
        }
    }
    assert_eq!(waits, [1, 4, 16, 64]);
    // Used up: never tried again, even once the transport works.
    recorder.failing.store(false, Ordering::SeqCst);
    app.clock.advance(chrono::Duration::days(30));
    assert_eq!(delivery::deliver_due(app.db(), &recorder, &app.clock).await.unwrap(), Round::default());
    assert_eq!(recorder.tries.load(Ordering::SeqCst), MAX_ATTEMPTS as usize);
    assert!(recorder.sends.lock().unwrap().is_empty());
}

#[tokio::test]
async fn concurrent_senders_send_each_mail_once() {
    let app = TestApp::empty().await;
    let mut ids = Vec::new();
    for n in 0..15 {
        ids.push(queue_to(&app, &format!("customer{n}@example.com"), "Newsletter").await);
    }
    let recorder = Recorder::default();
    let (a, b) = tokio::join!(
        delivery::deliver_due(app.db(), &recorder, &app.clock),
        delivery::deliver_due(app.db(), &recorder, &app.clock),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 15, "{a:?} {b:?}");
    let mut sent = recorder.sends.lock().unwrap().clone();
    sent.sort();
    sent.dedup();
    assert_eq!(sent.len(), 15);
    assert_eq!(recorder.tries.load(Ordering::SeqCst), 15);
    for id in ids {
        let mail = row(&app, id).await;
        assert_eq!((mail.attempts, mail.sent_at.is_some()), (1, true));
    }
}
