//! Obzvon's server. This file only assembles the parts and runs the background work; each
//! area is a module (docs/architecture.md draws how they connect):
//!
//! - `routes` — every HTTP route and the guard around them; `contract` — what each server
//!   function of the UI does once the role is checked;
//! - `campaigns`, `leads` (reading files, lead lists, the push), `callbacks`, `calls`
//!   (MANGO's events, the board, results, task polling) — the rules;
//! - `mango` — MANGO's API and this installation's connection to it; `emulator` — the sandbox;
//! - `db` — all SQL; `auth` — passwords, sessions, throttling, the sign-in extractor;
//! - `config`, `bootstrap`, `crypto`, `retention`, `error`, `time_format`, `xlsx` — plumbing.

pub mod auth;
pub mod bootstrap;
pub mod callbacks;
pub mod calls;
pub mod campaigns;
pub mod config;
pub mod contract;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod emulator;
pub mod error;
pub mod leads;
pub mod mango;
pub mod retention;
pub mod routes;
pub mod time_format;
pub mod xlsx;

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;

use std::time::Duration;

use anyhow::Context;
use tokio_util::sync::CancellationToken;

use crate::config::ServeConfig;

/// Credentials of the built-in sandbox; they guard nothing real.
pub const SANDBOX_API_KEY: &str = "sandbox-api-key";
pub const SANDBOX_API_SALT: &str = "sandbox-api-salt";

/// How long a stop waits for open requests and the workers' work in flight before it cuts
/// them off and closes the database.
pub const STOP_WITHIN: Duration = Duration::from_secs(10);

/// A server that is listening.
pub struct Running {
    pub addr: SocketAddr,
    pub task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// Prepares everything (data directory, database, secrets, first admin), binds, and serves
/// until `shutdown` completes. Returns once the socket is bound.
///
/// Stopping: `shutdown` cancels one token that every open board stream and every worker
/// watches. New connections are refused, open requests get [`STOP_WITHIN`] to finish, the
/// workers finish what they are doing (the callback sender records the answer of the request
/// in flight) within what is left of it, anything still running is cut off, and then the
/// database is closed.
pub async fn start(
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<Running> {
    bootstrap::create_data_dir(&config.data_dir)?;
    let db = db::connect(&config.database_url()).await?;
    let secrets = Arc::new(crypto::init(&db, &config.data_dir, config.secret_key.as_deref()).await?);
    bootstrap::ensure_admin(&db, config.admin_password.as_deref()).await?;

    // Retention's first run, before anything is served (later ones run daily).
    if let Err(error) = retention::run_once(&db, config.retention_days).await {
        tracing::warn!(error = format!("{error:#}"), "retention could not prune at start");
    }
    let stop = CancellationToken::new();

    let session_cleanup = auth::session::spawn_cleanup(db.clone(), stop.clone());

    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let addr = listener.local_addr()?;
    let link = Arc::new(
        mango::link::MangoLink::new(
            db.clone(),
            secrets.clone(),
            mango::link::SandboxAddress::served_at(addr),
            config.mango_loopback_only,
        )
        .allowing_private(config.mango_allow_private),
    );
    let receiver = calls::webhooks::receiver::Receiver::new(
        db.clone(),
        link.clone(),
        calls::webhooks::receiver::Sources::parse(config.webhook_sources.as_deref())?,
        stop.clone(),
    );
    let lookups_worker = receiver.lookups_stopped();
    db::events::set_receiver_mode(&db, receiver.sources_mode()).await?;
    let directory = Arc::new(mango::directory::DirectorySync::new(db.clone(), link.clone()));
    let campaigns = Arc::new(campaigns::Campaigns::new(db.clone(), link.clone()));
    let pusher = Arc::new(leads::push::Pusher::new(db.clone(), link.clone()));
    let task_poller = Arc::new(calls::task_poll::TaskPoller::new(db.clone(), link.clone()));
    let speech = Arc::new(calls::recordings::analysis::SpeechAnalytics::new(db.clone(), link.clone()));
    let leads = Arc::new(leads::lists::LeadLists::new(db.clone(), pusher.clone()));
    let callbacks = Arc::new(callbacks::Callbacks::new(db.clone(), link.clone()));
    let alert_rules =
        calls::alerts::AlertRules { silence: std::time::Duration::from_secs(config.alert_silence_seconds) };
    let do_not_call = Arc::new(leads::do_not_call::DoNotCallList::new(db.clone()));
    let upload_state =
        routes::uploads::UploadState { db: db.clone(), secrets: secrets.clone(), leads: leads.clone() };
    let backend = Arc::new(contract::AppBackend {
        db: db.clone(),
        secrets: secrets.clone(),
        public_url: config.public_url(addr),
        link: link.clone(),
        directory: directory.clone(),
        campaigns: campaigns.clone(),
        leads,
        callbacks: callbacks.clone(),
        do_not_call: do_not_call.clone(),
        alert_rules,
    });
    // The built-in sandbox MANGO, under /sandbox/vpbx and /sandbox/cc: what Obzvon talks to
    // while no MANGO credentials are configured. Its events come to our own /events/.
    let sandbox = emulator::Sandbox::new(emulator::EmulatorConfig {
        api_key: SANDBOX_API_KEY.into(),
        api_salt: SANDBOX_API_SALT.into(),
        start: chrono::Utc::now(),
        time_factor: 60.0,
        seed: 1,
        faults: Default::default(),
    });
    // The sandbox appends /events/call, /events/summary, … to this.
    let events_url = mango::link::SandboxAddress::served_at(addr).vpbx_base.replace("/sandbox/vpbx", "");
    let delivering = emulator::delivery::spawn(sandbox.clone(), Some(events_url));
    let signed_in =
        routes::board_stream::router(db.clone(), receiver.updates.clone(), stop.clone(), alert_rules)
            .merge(routes::export::router(db.clone(), secrets.clone()))
            .merge(routes::recordings::router(db.clone(), link.clone()))
            .merge(routes::do_not_call::router(routes::do_not_call::DoNotCallState {
                db: db.clone(),
                secrets: secrets.clone(),
                list: do_not_call,
            }));
    let router = routes::router(&config, db.clone(), backend.clone(), upload_state, signed_in)
        .merge(receiver.router())
        .nest("/sandbox", mango::link::guard_sandbox(sandbox.router(), link));
    let proxies = routes::guard::TrustedProxies::parse(config.trusted_proxies.as_deref())
        .map_err(|why| anyhow::anyhow!("OBZVON_TRUSTED_PROXIES: {why}"))?;
    let router = routes::guard::protect(router, &config, addr, proxies);
    // Workers that stop cleanly: they watch `stop` and finish the step under way. The first
    // directory refresh runs as soon as the server answers (it may be calling itself: the
    // sandbox).
    let workers = vec![
        directory.spawn_periodic(mango::directory::REFRESH_EVERY, stop.clone()),
        pusher.spawn(stop.clone()),
        task_poller.spawn(calls::task_poll::POLL_EVERY, stop.clone()),
        speech.spawn(calls::recordings::analysis::ROUND_EVERY, stop.clone()),
        callbacks.spawn(stop.clone()),
        retention::spawn_daily(db.clone(), config.retention_days, stop.clone()),
        session_cleanup,
    ];
    let workers = workers.into_iter().chain(lookups_worker).collect::<Vec<_>>();
    // Reads and the sandbox only: cut off at the stop.
    let polling = campaigns.spawn_polling(campaigns::POLL_EVERY);
    // The demo plays while the server answers: it talks to the sandbox served here.
    let demo = config.demo.then(|| demo::spawn(backend.clone()));
    let task = tokio::spawn(async move {
        // When the stop came: everything after it shares one bound.
        let stopped_at = Arc::new(std::sync::OnceLock::new());
        let (stop_serving, stop_noted) = (stop.clone(), stopped_at.clone());
        tokio::spawn(async move {
            shutdown.await;
            stop_noted.get_or_init(tokio::time::Instant::now);
            stop_serving.cancel();
        });
        let serving = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(stop.clone().cancelled_owned())
            .into_future();
        tokio::pin!(serving);
        let served = tokio::select! {
            served = &mut serving => served.context("the HTTP server stopped with an error"),
            _ = async {
                stop.cancelled().await;
                let since = stopped_at.get().copied().unwrap_or_else(tokio::time::Instant::now);
                tokio::time::sleep_until(since + STOP_WITHIN).await;
            } => {
                tracing::warn!("requests still open {} s after the stop: cut off", STOP_WITHIN.as_secs());
                Ok(())
            }
        };
        // Also when serving failed by itself: the workers stop either way.
        stopped_at.get_or_init(tokio::time::Instant::now);
        stop.cancel();
        let deadline = stopped_at.get().copied().unwrap_or_else(tokio::time::Instant::now) + STOP_WITHIN;
        // Anything that only reads or plays is cut off now.
        polling.abort();
        delivering.abort();
        if let Some(demo) = demo {
            demo.abort();
        }
        for worker in workers {
            let abort = worker.abort_handle();
            if tokio::time::timeout_at(deadline, worker).await.is_err() {
                tracing::warn!("a background worker did not finish in time: cut off");
                abort.abort();
            }
        }
        db.close().await;
        tracing::info!("stopped: the database is closed");
        served
    });
    Ok(Running { addr, task })
}

/// Runs only the MANGO sandbox until `shutdown` completes.
pub async fn run_emulator(
    bind: SocketAddr,
    args: config::EmulatorArgs,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let sandbox = emulator::Sandbox::new(emulator::EmulatorConfig {
        api_key: args.api_key,
        api_salt: args.api_salt,
        start: chrono::Utc::now(),
        time_factor: args.time_factor,
        seed: args.seed,
        faults: Default::default(),
    });
    let dialer = emulator::delivery::spawn(sandbox.clone(), args.webhook_url);
    let listener =
        tokio::net::TcpListener::bind(bind).await.with_context(|| format!("cannot listen on {bind}"))?;
    tracing::info!("MANGO sandbox listening on http://{}/vpbx", listener.local_addr()?);
    axum::serve(listener, sandbox.router())
        .with_graceful_shutdown(shutdown)
        .await
        .context("the sandbox stopped with an error")?;
    dialer.abort();
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing open requests");
}
