//! The browser bundle at an address that names its content: `/v/<hash>/pkg/obzvon.js`,
//! `…/obzvon_bg.wasm`, `…/obzvon.css`. A new build gets a new address, so these answers may be
//! kept by the browser for good (`immutable`), and the pages always name the files they were
//! rendered with. Each file is sent as built by `scripts/build-site.sh`: Brotli or gzip when
//! the browser takes it and the `.br`/`.gz` file is there, the plain file otherwise — nothing is
//! compressed per request. `/pkg/…` keeps answering too (no long caching), for old pages.

use std::path::{Path, PathBuf};

use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The files the pages load, as `scripts/build-site.sh` names them.
const BUNDLE_FILES: [&str; 3] = ["obzvon.js", "obzvon_bg.wasm", "obzvon.css"];

/// The bundle's address prefix: `/v/` and the first 16 hex digits of the SHA-256 of its files
/// (a missing file counts as empty, so a server without a built site still starts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleVersion(pub String);

impl BundleVersion {
    pub fn of(pkg_dir: &Path) -> BundleVersion {
        let mut hash = Sha256::new();
        for name in BUNDLE_FILES {
            let bytes = std::fs::read(pkg_dir.join(name)).unwrap_or_default();
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(&bytes);
        }
        BundleVersion(hex::encode(&hash.finalize()[..8]))
    }

    /// The prefix the pages put before `/pkg/…`.
    pub fn root(&self) -> String {
        format!("/v/{}", self.0)
    }
}

#[derive(Clone)]
struct Assets {
    version: BundleVersion,
    pkg_dir: PathBuf,
}

pub fn router(version: BundleVersion, pkg_dir: PathBuf) -> Router {
    Router::new()
        .route("/v/{version}/pkg/{*file}", axum::routing::get(serve))
        .with_state(Assets { version, pkg_dir })
}

async fn serve(
    State(assets): State<Assets>,
    UrlPath((version, file)): UrlPath<(String, String)>,
    request: Request,
) -> Response {
    let (mut parts, body) = request.into_parts();
    // ServeDir resolves the file below its root (and refuses `..`); the version is not a path.
    parts.uri = match format!("/{file}").parse() {
        Ok(uri) => uri,
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    let files = ServeDir::new(&assets.pkg_dir).precompressed_br().precompressed_gzip();
    let mut response = match files.oneshot(Request::from_parts(parts, body)).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::OK {
        // Only the current build's address is forever; an old page's request gets today's
        // file, to be asked again.
        let caching =
            if version == assets.version.0 { "public, max-age=31536000, immutable" } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(caching));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_content_of_every_bundle_file() {
        let dir = tempfile::tempdir().unwrap();
        let empty = BundleVersion::of(dir.path());
        assert_eq!(empty.0.len(), 16);
        assert!(empty.root().starts_with("/v/"));
        std::fs::write(dir.path().join("obzvon.js"), "a").unwrap();
        let with_js = BundleVersion::of(dir.path());
        assert_ne!(with_js, empty);
        std::fs::write(dir.path().join("obzvon.css"), "a").unwrap();
        assert_ne!(BundleVersion::of(dir.path()), with_js, "the same bytes in another file differ");
        std::fs::write(dir.path().join("other.txt"), "b").unwrap();
        let before = BundleVersion::of(dir.path());
        std::fs::write(dir.path().join("other.txt"), "c").unwrap();
        assert_eq!(BundleVersion::of(dir.path()), before, "only the bundle's files count");
    }
}
