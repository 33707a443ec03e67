//! What every answer gets and every change must pass, whatever route it reaches: writes only
//! from our own pages (the origin check), security headers with a per-answer script nonce,
//! and no caching of anything but the static bundle.

mod headers;
mod origin;
pub mod proxy;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use leptos::prelude::{provide_context, use_context};

use crate::config::ServeConfig;

pub use headers::CspNonce;
pub use origin::{Refusal, Site};
pub use proxy::TrustedProxies;

/// Wraps the whole application (pages, server functions, uploads, exports, events, sandbox).
pub fn protect(router: Router, config: &ServeConfig, bound: SocketAddr, proxies: TrustedProxies) -> Router {
    let site = Arc::new(Site::new(config.public_url.as_deref(), bound));
    router
        .layer(axum::middleware::from_fn_with_state(site, guard))
        // Outermost: everything after it sees the client's address.
        .layer(axum::middleware::from_fn_with_state(Arc::new(proxies), forwarded_client))
}

/// Puts the client's address where every part reads it, `ConnectInfo<SocketAddr>` (sign-in
/// throttling, audit lines, the sandbox's loopback check, the events' source list): behind a
/// trusted proxy it is the address the proxy forwarded (`proxy`), else the TCP peer.
async fn forwarded_client(
    State(proxies): State<Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    if !proxies.is_empty() {
        if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
            let client = proxies.client_of(peer.ip(), request.headers());
            request.extensions_mut().insert(ConnectInfo(SocketAddr::new(client, peer.port())));
        }
    }
    next.run(request).await
}

async fn guard(State(site): State<Arc<Site>>, mut request: Request, next: Next) -> Response {
    if let Err(refusal) = site.check(request.method(), request.uri().path(), request.headers()) {
        tracing::warn!(path = %request.uri().path(), reason = %refusal, "refused a write");
        return refusal.into_response();
    }
    let nonce = CspNonce::new();
    request.extensions_mut().insert(nonce.clone());
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    headers::add(response.headers_mut(), &path, &nonce, site.is_https());
    response
}

/// Hands this request's nonce to Leptos, so the inline scripts it renders (hydration,
/// streamed resources) carry the very value the Content-Security-Policy header names. Call
/// it in the context of every rendering route. Without the guard in front (no nonce in the
/// request) Leptos keeps its own nonce and no policy is sent.
pub fn provide_request_nonce() {
    let nonce =
        use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce.value().to_string()));
    }
}
