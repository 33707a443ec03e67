//! Security headers on every answer (ASVS V3.4, V14.3): the Content-Security-Policy names the
//! answer's own nonce, which Leptos puts on each inline script it renders.

use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use base64::Engine as _;
use rand::RngCore as _;

/// A fresh random value per answer (128 bits, URL-safe base64, as Leptos makes its own).
#[derive(Debug, Clone)]
pub struct CspNonce(Arc<str>);

impl CspNonce {
    #[allow(clippy::new_without_default)]
    pub fn new() -> CspNonce {
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        CspNonce(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes).into())
    }

    pub fn value(&self) -> &str {
        &self.0
    }
}

/// The policy for one answer.
///
/// - Scripts: our own files (`/pkg/obzvon.js`, imported by the hydration script) and inline
///   scripts carrying the nonce (hydration, streamed resources); `'wasm-unsafe-eval'` lets the
///   bundle compile its WebAssembly. No `'strict-dynamic'`: it would disregard `'self'` and
///   refuse Leptos's `<link rel="modulepreload">`, which carries no nonce.
/// - Styles: our stylesheet; inline `style` attributes (progress bars) but no `<style>`
///   elements. Browsers without `style-src-attr` fall back to `style-src` and drop the bars'
///   widths only.
/// - `connect-src 'self'`: server functions, the board's event stream, the bundle's fetch.
pub fn content_security_policy(nonce: &CspNonce) -> String {
    let nonce = nonce.value();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Only the built bundle may be cached; pages, server functions, exports and downloads carry
/// personal data.
fn cacheable(path: &str) -> bool {
    path.starts_with("/pkg/") || path.starts_with("/v/")
}

pub fn add(headers: &mut HeaderMap, path: &str, nonce: &CspNonce, https: bool) {
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(nonce)) {
        headers.entry(header::CONTENT_SECURITY_POLICY).or_insert(policy);
    }
    if !cacheable(path) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let fixed: [(HeaderName, &'static str); 4] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ),
    ];
    for (name, value) in fixed {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_has_its_own_nonce_in_the_policy() {
        let (first, second) = (CspNonce::new(), CspNonce::new());
        assert_ne!(first.value(), second.value());
        assert_eq!(first.value().len(), 22);
        assert!(first.value().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let policy = content_security_policy(&first);
        assert!(policy.contains(&format!("'nonce-{}'", first.value())), "{policy}");
        let scripts = policy.split(';').find(|part| part.trim().starts_with("script-src")).unwrap();
        assert!(!scripts.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"), "{policy}");
    }

    #[test]
    fn only_the_bundle_is_cacheable_and_hsts_only_over_https() {
        let nonce = CspNonce::new();
        let mut page = HeaderMap::new();
        add(&mut page, "/campaigns/1/results.csv", &nonce, false);
        assert_eq!(page[header::CACHE_CONTROL], "no-store");
        assert!(!page.contains_key(header::STRICT_TRANSPORT_SECURITY));
        let mut bundle = HeaderMap::new();
        bundle.insert(header::CACHE_CONTROL, HeaderValue::from_static("max-age=3600"));
        add(&mut bundle, "/pkg/obzvon_bg.wasm", &nonce, true);
        assert_eq!(bundle[header::CACHE_CONTROL], "max-age=3600");
        assert_eq!(bundle[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000; includeSubDomains");
    }
}
