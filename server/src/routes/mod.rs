//! The HTTP surface, assembled in one place: pages, server functions, static files, health,
//! uploads and downloads, the board's event stream, MANGO's webhooks and the sandbox; and
//! the guard every answer passes (`guard`).

pub mod assets;
pub mod board_stream;
pub mod do_not_call;
pub mod export;
pub mod guard;
pub mod recordings;
pub mod uploads;

use std::sync::Arc;

use app::api::backend::BackendHandle;
use app::{shell, App, BUNDLE_NAME};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use crate::auth::session;
use crate::config::ServeConfig;
use crate::contract::AppBackend;
use crate::db::{self, Db};

/// Requests larger than this are refused before they reach a handler. File uploads get
/// their own route with their own limit.
const BODY_LIMIT: usize = 1024 * 1024;

/// `signed_in` are further routes that need the session (the board's event stream).
pub fn router(
    config: &ServeConfig,
    db: Db,
    backend: Arc<AppBackend>,
    uploads: crate::routes::uploads::UploadState,
    signed_in: Router,
) -> Router {
    let options = LeptosOptions::builder()
        .output_name(BUNDLE_NAME)
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.bind)
        .build();
    let routes = generate_route_list(App);
    let backend = BackendHandle(backend);
    let pkg_dir = config.site_root.join("pkg");
    let version = assets::BundleVersion::of(&pkg_dir);
    let bundle_root = version.root();
    let fallback_root = bundle_root.clone();

    let pages = Router::new()
        .leptos_routes_with_context(
            &options,
            routes,
            move || {
                provide_context(backend.clone());
                guard::provide_request_nonce();
            },
            {
                let options = options.clone();
                move || shell(options.clone(), bundle_root.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context(
            guard::provide_request_nonce,
            move |options| shell(options, fallback_root.clone()),
        ))
        .with_state(options)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT));

    Router::new()
        .route("/healthz", get(healthz).with_state(db.clone()))
        .merge(assets::router(version, pkg_dir))
        .merge(crate::routes::uploads::router(uploads))
        .merge(signed_in)
        .merge(pages)
        .layer(axum::middleware::from_fn_with_state(db.clone(), session::resolve_user))
        .layer(session::layer(db, config.secure_cookies()))
        // The wasm bundle shrinks to about a third with compression.
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// 200 when the database answers, 503 when it does not.
async fn healthz(State(db): State<Db>) -> impl IntoResponse {
    if db::ping(&db).await {
        (StatusCode::OK, Json(serde_json::json!({"status": "ok", "database": "reachable"})))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({"status": "degraded", "database": "unreachable"})),
        )
    }
}
