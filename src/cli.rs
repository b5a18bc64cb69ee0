//! The `polyshop` command line.

use std::{process::ExitCode, sync::Arc};

use clap::{Args, Parser, Subcommand};
use poem::listener::Listener;

use crate::{
    app::{self, AppState},
    clock::SystemClock,
    config::{Config, DEFAULT_BIND, DEFAULT_DATABASE_URL, DEFAULT_STORAGE_DIR},
    db, demo,
    integrations::storefront_keys::RateLimit,
    mail::delivery::{self, MailTransport, Smtp},
    telemetry::{self, LogFormat},
};

#[derive(Parser)]
#[command(name = "polyshop", version, about = "One commerce core behind the Bagisto, Community Store and CS-Cart APIs")]
struct Cli {
    /// How log lines are written: `text` for people, `json` for log collectors.
    #[arg(long, global = true, env = "POLYSHOP_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Database URL: `sqlite://FILE?mode=rwc` or `postgres://USER@HOST/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    database_url: String,
}

#[derive(Subcommand)]
enum Command {
    /// Serve every API (runs pending migrations first).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "POLYSHOP_BIND", default_value = DEFAULT_BIND)]
        bind: String,
        #[command(flatten)]
        db: DbArgs,
        /// Load the demo dataset first if the database holds no catalog, customers or orders.
        #[arg(long)]
        demo: bool,
        /// Base URL of product images and other media (default: the channel's URL + /storage).
        #[arg(long, env = "POLYSHOP_MEDIA_URL")]
        media_base_url: Option<String>,
        /// Directory of uploaded files (downloadable products' files and samples).
        #[arg(long, env = "POLYSHOP_STORAGE_DIR", default_value = DEFAULT_STORAGE_DIR)]
        storage_dir: std::path::PathBuf,
        #[command(flatten)]
        mail: MailArgs,
        /// Seconds between two sends of the mail outbox (with --smtp-url).
        #[arg(long, env = "POLYSHOP_MAIL_EVERY", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
        mail_every: u64,
    },
    /// Send the mail outbox once (what is due now) and exit, for a cron job or a one-off.
    SendMail {
        #[command(flatten)]
        mail: MailArgs,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Apply pending database migrations.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Load a dataset into an empty database.
    #[command(group(clap::ArgGroup::new("dataset").required(true).args(["demo", "profile"])))]
    Seed {
        /// The deterministic demo dataset (catalog with variations, customers, 50 orders).
        #[arg(long)]
        demo: bool,
        /// The demo dataset plus a generated one for benchmarks: `small` (1k products, ~6k
        /// variants, 1k customers, 10k orders), `medium` (24k products, 2k customers, 50k
        /// orders) or `large` (100k products, 100k customers, 1M orders; use PostgreSQL).
        #[arg(long)]
        profile: Option<demo::profiles::Profile>,
        /// The generator's seed: the same profile and seed give the same rows.
        #[arg(long, default_value_t = 1, requires = "profile")]
        seed: u64,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Manage API integrations (OAuth2 clients of the Community Store API).
    Integrations {
        #[command(subcommand)]
        command: IntegrationCommand,
    },
    /// Manage administrators (API users of the CS-Cart API).
    Admins {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Manage storefront keys (`X-STOREFRONT-KEY` of the Bagisto shop REST and GraphQL APIs).
    StorefrontKeys {
        #[command(subcommand)]
        command: StorefrontKeyCommand,
    },
}

/// Where the mail outbox is sent. Without an SMTP URL mails stay in the outbox (`mail_outbox`).
#[derive(Args)]
struct MailArgs {
    /// SMTP server to send the mail outbox through: `smtps://user:pass@host:465` (TLS),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtp://host:25` (a local relay).
    #[arg(long, env = "POLYSHOP_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of every mail.
    #[arg(long, env = "POLYSHOP_MAIL_FROM", default_value = "polyshop@localhost")]
    mail_from: String,
}

impl MailArgs {
    /// The SMTP transport, if one is configured.
    fn transport(&self) -> anyhow::Result<Option<Arc<dyn MailTransport>>> {
        let Some(url) = self.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) else { return Ok(None) };
        let smtp = Smtp::new(url.trim(), &self.mail_from).map_err(|e| anyhow::anyhow!("--smtp-url: {e}"))?;
        Ok(Some(Arc::new(smtp)))
    }
}

#[derive(Subcommand)]
enum StorefrontKeyCommand {
    /// Create a key; prints it once, as JSON (`{"key": "pk_storefront_...", ...}`).
    Create {
        #[arg(long)]
        name: String,
        /// Requests per minute (default 100, at most 5000), or `unlimited`.
        #[arg(long)]
        rate_limit: Option<RateLimit>,
        /// Days until the key stops working (default: never).
        #[arg(long)]
        expires_in_days: Option<i64>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Replace a key by a new one with the same name and limit; the old one stops working at once.
    Rotate {
        /// The key's id or name.
        #[arg(long)]
        key: String,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Stop a key from working.
    Deactivate {
        /// The key's id or name.
        #[arg(long)]
        key: String,
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List every key (never the keys themselves), as JSON.
    List {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator with an API key; prints the email and key once, as JSON.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum IntegrationCommand {
    /// Create an integration; prints its client id and secret once, as JSON.
    Create {
        #[arg(long)]
        name: String,
        /// Space-separated scopes it may request (default: all).
        #[arg(long, default_value = "")]
        scopes: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn open(url: &str) -> anyhow::Result<sea_orm::DatabaseConnection> {
    Ok(db::open(url).await?)
}

/// Resolves when the process is asked to stop: Ctrl-C (SIGINT) or SIGTERM, which containers and
/// process managers send.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("stopping: finishing requests in flight (at most 10 s)");
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve { bind, db, demo: with_demo, media_base_url, storage_dir, mail, mail_every } => {
            let transport = mail.transport()?;
            let conn = open(&db.database_url).await?;
            if with_demo {
                if demo::is_empty(&conn).await? {
                    let summary = demo::seed(&conn).await?;
                    tracing::info!(?summary, "loaded the demo dataset");
                } else {
                    tracing::info!("the database already holds data; not loading the demo dataset");
                }
            }
            let config = Config {
                bind: bind.clone(),
                database_url: db.database_url,
                media_base_url,
                storage_dir,
                placeholder_images: with_demo,
            };
            // Expired customizable-option uploads no cart took, with their files, every 10 minutes.
            polyshop_core::carts::uploads::spawn_sweeper(
                conn.clone(),
                config.storage_dir.clone(),
                Arc::new(SystemClock),
                std::time::Duration::from_secs(600),
            );
            let state = AppState::new(conn.clone(), Arc::new(SystemClock), config);
            match transport {
                Some(transport) => {
                    delivery::spawn(conn, transport, Arc::new(SystemClock), std::time::Duration::from_secs(mail_every));
                    tracing::info!("sending the mail outbox every {mail_every} s as {}", mail.mail_from);
                }
                None => tracing::info!("mail delivery is off: mails stay in the mail_outbox table (see --smtp-url)"),
            }
            let (app, apis) = app::build_listing(&state);
            let acceptor = poem::listener::TcpListener::bind(bind.clone()).into_acceptor().await.map_err(|e| {
                anyhow::anyhow!("cannot listen on {bind}: {e} (is another server using it? choose another with --bind or POLYSHOP_BIND)")
            })?;
            let base = format!("http://{}", local_address(&acceptor).unwrap_or(bind));
            for api in &apis {
                let links: Vec<String> = api.links.iter().map(|l| format!("{} {base}{}", l.title, l.href)).collect();
                tracing::info!("serving {}: {}", api.title, links.join(", "));
            }
            tracing::info!("ready: {base}/ links every API; health at {base}/healthz, metrics at {base}/metrics");
            poem::Server::new_with_acceptor(acceptor)
                .run_with_graceful_shutdown(app, shutdown_signal(), Some(std::time::Duration::from_secs(10)))
                .await?;
            tracing::info!("stopped");
            Ok(())
        }
        Command::SendMail { mail, db } => {
            let transport = mail
                .transport()?
                .ok_or_else(|| anyhow::anyhow!("give the SMTP server: --smtp-url or POLYSHOP_SMTP_URL"))?;
            let conn = open(&db.database_url).await?;
            let mut total = delivery::Round::default();
            // Round after round until nothing due is left (a failed mail waits for its retry).
            loop {
                let round = delivery::deliver_due(&conn, transport.as_ref(), &SystemClock)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                total.sent += round.sent;
                total.failed += round.failed;
                if round == delivery::Round::default() {
                    break;
                }
            }
            println!("{}", serde_json::json!({"sent": total.sent, "failed": total.failed}));
            Ok(())
        }
        Command::Migrate { db } => {
            open(&db.database_url).await?;
            eprintln!("migrations applied");
            Ok(())
        }
        Command::Seed { demo: _, profile, seed, db } => {
            let conn = open(&db.database_url).await?;
            if !demo::is_empty(&conn).await? {
                anyhow::bail!("the database already holds catalog, customer or order data; seed an empty database");
            }
            match profile {
                None => {
                    let summary = demo::seed(&conn).await?;
                    eprintln!("{summary:?}");
                }
                Some(profile) => {
                    let started = std::time::Instant::now();
                    let summary = demo::seed_profile(&conn, profile, seed, &progress_line()).await?;
                    let seconds = started.elapsed().as_secs_f64();
                    eprintln!(
                        "\nloaded {} rows in {seconds:.1} s ({:.0} rows/s)",
                        summary.rows,
                        summary.rows as f64 / seconds.max(0.001)
                    );
                    println!("{}", serde_json::to_string_pretty(&summary)?);
                }
            }
            Ok(())
        }
        Command::Integrations { command: IntegrationCommand::Create { name, scopes, db } } => {
            let conn = open(&db.database_url).await?;
            let state = AppState::new(conn, Arc::new(SystemClock), Config::default());
            let created = state.oauth().create_integration(&name, &scopes).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}", serde_json::to_string_pretty(&created)?);
            Ok(())
        }
        Command::StorefrontKeys { command } => storefront_keys(command).await,
        Command::Admins { command: AdminCommand::Create { email, name, db } } => {
            let conn = open(&db.database_url).await?;
            let state = AppState::new(conn, Arc::new(SystemClock), Config::default());
            let created = state.admins().create_admin(&email, &name).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}", serde_json::to_string_pretty(&created)?);
            Ok(())
        }
    }
}

/// Progress of a long load on stderr: one line rewritten in place on a terminal, a line every
/// few seconds otherwise (logs).
fn progress_line() -> impl Fn(&str, u64, f64) + Sync {
    use std::io::IsTerminal;
    let terminal = std::io::stderr().is_terminal();
    let last = std::sync::Mutex::new(-1.0_f64);
    move |phase: &str, rows: u64, seconds: f64| {
        let Ok(mut last) = last.lock() else { return };
        let every = if terminal { 0.2 } else { 5.0 };
        if seconds - *last < every {
            return;
        }
        *last = seconds;
        let rate = rows as f64 / seconds.max(0.001);
        if terminal {
            eprint!("\r{phase:<10} {rows:>10} rows  {rate:>8.0} rows/s  {seconds:>6.1} s");
        } else {
            eprintln!("{phase}: {rows} rows, {rate:.0} rows/s, {seconds:.1} s");
        }
    }
}

/// The address the server listens on (the real port when `--bind` asked for port 0).
fn local_address(acceptor: &impl poem::listener::Acceptor) -> Option<String> {
    acceptor.local_addr().into_iter().find_map(|a| a.as_socket_addr().map(ToString::to_string))
}

async fn storefront_keys(command: StorefrontKeyCommand) -> anyhow::Result<()> {
    let service = |conn| AppState::new(conn, Arc::new(SystemClock), Config::default()).storefront_keys();
    let fail = |e: polyshop_runtime::ServiceError| anyhow::anyhow!("{}", e.messages().join("; "));
    let json = match command {
        StorefrontKeyCommand::Create { name, rate_limit, expires_in_days, db } => {
            let keys = service(open(&db.database_url).await?);
            let created = keys.create(&name, rate_limit, expires_in_days).await.map_err(fail)?;
            if let Some(warning) = &created.warning {
                eprintln!("warning: {warning}");
            }
            serde_json::to_string_pretty(&created)?
        }
        StorefrontKeyCommand::Rotate { key, reason, db } => {
            let keys = service(open(&db.database_url).await?);
            serde_json::to_string_pretty(&keys.rotate(&key, reason.as_deref()).await.map_err(fail)?)?
        }
        StorefrontKeyCommand::Deactivate { key, reason, db } => {
            let keys = service(open(&db.database_url).await?);
            serde_json::to_string_pretty(&keys.deactivate(&key, reason.as_deref()).await.map_err(fail)?)?
        }
        StorefrontKeyCommand::List { db } => {
            let keys = service(open(&db.database_url).await?);
            serde_json::to_string_pretty(&keys.list().await.map_err(fail)?)?
        }
    };
    println!("{json}");
    Ok(())
}
