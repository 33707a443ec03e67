//! Obzvon's server: configuration, database, authentication, and the HTTP surface.

pub mod auth;
pub mod backend;
pub mod board;
pub mod bootstrap;
pub mod callbacks;
pub mod campaigns;
pub mod config;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod directory;
pub mod emulator;
pub mod http;
pub mod lead_lists;
pub mod leads;
pub mod mango;
pub mod mango_link;
pub mod push;
pub mod results;
pub mod settings;
pub mod task_poll;
pub mod time_format;
pub mod uploads;
pub mod web_guard;
pub mod webhooks;
pub mod xlsx;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tower_sessions::session_store::ExpiredDeletion;

use crate::config::ServeConfig;

/// Credentials of the built-in sandbox; they guard nothing real.
pub const SANDBOX_API_KEY: &str = "sandbox-api-key";
pub const SANDBOX_API_SALT: &str = "sandbox-api-salt";

/// A server that is listening.
pub struct Running {
    pub addr: SocketAddr,
    pub task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// Prepares everything (data directory, database, secrets, first admin), binds, and serves
/// until `shutdown` completes. Returns once the socket is bound.
pub async fn start(
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<Running> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create the data directory {}", config.data_dir.display()))?;
    let db = db::connect(&config.database_url()).await?;
    let secrets = Arc::new(crypto::init(&db, &config.data_dir, config.secret_key.as_deref()).await?);
    bootstrap::ensure_admin(&db, config.admin_password.as_deref()).await?;

    let cleanup_store =
        db::sessions::SqlSessionStore::new(db.clone(), auth::session::ABSOLUTE.whole_milliseconds() as i64);
    let cleanup_db = db.clone();
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(error) = cleanup_store.delete_expired().await {
                tracing::warn!(%error, "could not delete expired sessions");
            }
            if let Err(error) = auth::throttle::prune(&cleanup_db).await {
                tracing::warn!(%error, "could not prune ended sign-in attempt windows");
            }
        }
    });

    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let addr = listener.local_addr()?;
    let link = Arc::new(
        mango_link::MangoLink::new(
            db.clone(),
            secrets.clone(),
            mango_link::SandboxAddress::served_at(addr),
            config.mango_loopback_only,
        )
        .allowing_private(config.mango_allow_private),
    );
    let receiver = webhooks::receiver::Receiver::new(
        db.clone(),
        link.clone(),
        webhooks::receiver::Sources::parse(config.webhook_sources.as_deref())?,
    );
    db::events::set_receiver_mode(&db, receiver.sources_mode()).await?;
    let directory = Arc::new(directory::DirectorySync::new(db.clone(), link.clone()));
    let campaigns = Arc::new(campaigns::Campaigns::new(db.clone(), link.clone()));
    let pusher = Arc::new(push::Pusher::new(db.clone(), link.clone()));
    let task_poller = Arc::new(task_poll::TaskPoller::new(db.clone(), link.clone()));
    let leads = Arc::new(lead_lists::LeadLists::new(db.clone(), pusher.clone()));
    let callbacks = Arc::new(callbacks::Callbacks::new(db.clone(), link.clone()));
    let upload_state =
        uploads::UploadState { db: db.clone(), secrets: secrets.clone(), leads: leads.clone() };
    let backend = Arc::new(backend::AppBackend {
        db: db.clone(),
        secrets: secrets.clone(),
        public_url: config.public_url(addr),
        link: link.clone(),
        directory: directory.clone(),
        campaigns: campaigns.clone(),
        leads,
        callbacks: callbacks.clone(),
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
    let events_url = mango_link::SandboxAddress::served_at(addr).vpbx_base.replace("/sandbox/vpbx", "");
    let delivering = emulator::delivery::spawn(sandbox.clone(), Some(events_url));
    let signed_in = board::stream_router(db.clone(), receiver.updates.clone())
        .merge(results::export_router(db.clone(), secrets.clone()));
    let router = http::router(&config, db.clone(), backend.clone(), upload_state, signed_in)
        .merge(receiver.router())
        .nest("/sandbox", mango_link::guard_sandbox(sandbox.router(), link));
    let router = web_guard::protect(router, &config, addr);
    // The first refresh runs as soon as the server answers (it may be calling itself: the
    // sandbox).
    let periodic_refresh = directory.spawn_periodic(directory::REFRESH_EVERY);
    let polling = campaigns.spawn_polling(campaigns::POLL_EVERY);
    let pushing = pusher.spawn();
    let task_polling = task_poller.spawn(task_poll::POLL_EVERY);
    let sending_callbacks = callbacks.spawn();
    // The demo plays while the server answers: it talks to the sandbox served here.
    let demo = config.demo.then(|| demo::spawn(backend.clone()));
    let task = tokio::spawn(async move {
        let _stop_refresh_with_server = AbortOnDrop(periodic_refresh);
        let _stop_polling_with_server = AbortOnDrop(polling);
        let _stop_pushing_with_server = AbortOnDrop(pushing);
        let _stop_sandbox_calls_with_server = AbortOnDrop(delivering);
        let _stop_task_polling_with_server = AbortOnDrop(task_polling);
        let _stop_sending_callbacks_with_server = AbortOnDrop(sending_callbacks);
        let _stop_demo_with_server = demo.map(AbortOnDrop);
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await
            .context("the HTTP server stopped with an error")?;
        db.close().await;
        Ok(())
    });
    Ok(Running { addr, task })
}

/// Stops a background task when the server task ends.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
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
