//! Cross-site writes (ASVS V4.2.2, V50.4): a change is carried out only when the browser says
//! it comes from one of our own pages. Browsers name the page's origin in `Origin` on every
//! cross-site POST, PUT, PATCH and DELETE (forms too, `text/plain` ones included), and modern
//! ones add `Sec-Fetch-Site`; a request with neither comes from a program (curl, MANGO's
//! events, the sandbox), which carries no one's cookies by accident and is authenticated on
//! its own terms (a session it signed in for, a signature).

use std::fmt;
use std::net::SocketAddr;

use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use url::Url;

/// Scheme, host (lower case; IPv6 in brackets) and port: what "same origin" compares.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    fn parse(text: &str) -> Option<Origin> {
        let url = Url::parse(text.trim()).ok()?;
        Some(Origin {
            scheme: url.scheme().to_ascii_lowercase(),
            host: url.host_str()?.to_ascii_lowercase(),
            port: url.port_or_known_default()?,
        })
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

/// Where Obzvon is served from, as the origin check and the headers need it.
#[derive(Debug, Clone)]
pub struct Site {
    /// The origins our own pages have.
    own: Vec<Origin>,
    /// Listening on every address with no public URL configured: the page's origin is the
    /// address it was loaded from, which the browser also sends as `Host`.
    trust_host_header: bool,
}

impl Site {
    /// `public_url` is the configured public address; without one, the bound address. Bound to
    /// loopback, the loopback names on that port (`localhost`, `127.0.0.1`, `[::1]`) are ours
    /// too, public URL or not: only a page this server served can have that origin (behind a
    /// proxy on the same machine, or through an SSH tunnel).
    pub fn new(public_url: Option<&str>, bound: SocketAddr) -> Site {
        let public = public_url.and_then(|url| {
            let origin = Origin::parse(url);
            if origin.is_none() {
                tracing::error!(%url, "the public URL is not a valid address; accepting writes only from the bound address");
            }
            origin
        });
        let has_public = public.is_some();
        let mut own: Vec<Origin> = match public {
            Some(origin) => vec![origin],
            None => Origin::parse(&format!("http://{bound}")).into_iter().collect(),
        };
        if bound.ip().is_loopback() {
            for host in ["localhost", "127.0.0.1", "[::1]"] {
                let alias = Origin { scheme: "http".into(), host: host.into(), port: bound.port() };
                if !own.contains(&alias) {
                    own.push(alias);
                }
            }
        }
        Site { own, trust_host_header: !has_public && bound.ip().is_unspecified() }
    }

    /// Whether our pages are served over https (then HSTS is sent).
    pub fn is_https(&self) -> bool {
        self.own.first().is_some_and(|origin| origin.scheme == "https")
    }

    /// Refuses a write from another site, and a server-function call whose body type no
    /// server function reads.
    pub fn check(&self, method: &Method, path: &str, headers: &HeaderMap) -> Result<(), Refusal> {
        if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
            return Ok(());
        }
        if let Some(value) = headers.get(header::ORIGIN) {
            let text = value.to_str().unwrap_or("(not text)");
            let ours = Origin::parse(text).is_some_and(|origin| self.is_own(&origin, headers));
            if !ours {
                return Err(Refusal::OtherOrigin {
                    origin: text.chars().take(200).collect(),
                    own: self.own_text(),
                });
            }
        } else if let Some(value) = headers.get("sec-fetch-site") {
            let site = value.to_str().unwrap_or("(not text)").to_ascii_lowercase();
            // `none`: typed in the address bar or opened from a bookmark.
            if site != "same-origin" && site != "none" {
                return Err(Refusal::OtherSite { fetch_site: site.chars().take(40).collect() });
            }
        }
        if path.starts_with("/api/") {
            check_server_fn_body(headers)?;
        }
        Ok(())
    }

    fn is_own(&self, origin: &Origin, headers: &HeaderMap) -> bool {
        if self.own.contains(origin) {
            return true;
        }
        self.trust_host_header
            && origin.scheme == "http"
            && headers
                .get(header::HOST)
                .and_then(|host| host.to_str().ok())
                .and_then(|host| Origin::parse(&format!("http://{host}")))
                .is_some_and(|host| &host == origin)
    }

    fn own_text(&self) -> String {
        self.own.first().map(ToString::to_string).unwrap_or_default()
    }
}

/// Server functions read JSON (`input = Json`) or an urlencoded form (sign-in, sign-out,
/// `me`). Anything else, `text/plain` above all — the one body type an HTML form on another
/// site can fill with JSON — is refused before it is parsed. An urlencoded form cannot carry
/// JSON: the browser percent-encodes `{`, `"` and `:`.
fn check_server_fn_body(headers: &HeaderMap) -> Result<(), Refusal> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" | "application/x-www-form-urlencoded" => Ok(()),
        _ => Err(Refusal::BodyType { content_type: content_type.chars().take(100).collect() }),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `Origin` names a page that is not ours.
    OtherOrigin { origin: String, own: String },
    /// No `Origin`, but `Sec-Fetch-Site` says the request comes from another site.
    OtherSite { fetch_site: String },
    /// A server function was sent a body type none of them reads.
    BodyType { content_type: String },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::OtherOrigin { origin, own } => write!(
                f,
                "Refused: this change was sent from another site ({origin}). Obzvon accepts changes only from its own pages ({own}); if that address is wrong, set OBZVON_PUBLIC_URL."
            ),
            Refusal::OtherSite { fetch_site } => write!(
                f,
                "Refused: this change was sent from another site (Sec-Fetch-Site: {fetch_site}). Obzvon accepts changes only from its own pages."
            ),
            Refusal::BodyType { content_type } => write!(
                f,
                "Refused: server functions take application/json or application/x-www-form-urlencoded, not {:?}.",
                content_type
            ),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let status = match self {
            Refusal::BodyType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::FORBIDDEN,
        };
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], self.to_string()).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    const JSON: (&str, &str) = ("content-type", "application/json");

    #[test]
    fn only_our_own_origin_may_write() {
        let site = Site::new(None, "127.0.0.1:3000".parse().unwrap());
        let post = |pairs: &[(&'static str, &str)]| {
            site.check(&Method::POST, "/api/campaigns/duplicate", &headers(pairs))
        };
        assert_eq!(post(&[("origin", "http://127.0.0.1:3000"), JSON]), Ok(()));
        assert_eq!(post(&[("origin", "http://localhost:3000"), JSON]), Ok(()), "loopback by name");
        assert_eq!(post(&[("origin", "HTTP://LOCALHOST:3000"), JSON]), Ok(()));
        assert_eq!(post(&[JSON]), Ok(()), "a program: no Origin, no Sec-Fetch-Site");
        assert_eq!(post(&[("sec-fetch-site", "same-origin"), JSON]), Ok(()));
        assert_eq!(post(&[("sec-fetch-site", "none"), JSON]), Ok(()));
        for origin in [
            "https://evil.example",
            "null",
            "http://127.0.0.1:3001",
            "https://127.0.0.1:3000",
            "http://127.0.0.1.evil.example:3000",
            "",
        ] {
            assert!(
                matches!(post(&[("origin", origin), JSON]), Err(Refusal::OtherOrigin { .. })),
                "{origin}"
            );
        }
        for fetch_site in ["cross-site", "same-site", "CROSS-SITE"] {
            assert!(matches!(post(&[("sec-fetch-site", fetch_site), JSON]), Err(Refusal::OtherSite { .. })));
        }
        // A foreign Origin wins over a same-origin Sec-Fetch-Site.
        assert!(post(&[("origin", "https://evil.example"), ("sec-fetch-site", "same-origin"), JSON]).is_err());
        // Reading is never refused.
        for method in [Method::GET, Method::HEAD, Method::OPTIONS] {
            assert_eq!(
                site.check(&method, "/campaigns", &headers(&[("origin", "https://evil.example")])),
                Ok(())
            );
        }
        for method in [Method::PUT, Method::PATCH, Method::DELETE] {
            assert!(site.check(&method, "/x", &headers(&[("origin", "https://evil.example")])).is_err());
        }
    }

    #[test]
    fn a_configured_public_url_is_the_only_origin() {
        let site = Site::new(Some("https://obzvon.example.ru/"), "0.0.0.0:3000".parse().unwrap());
        assert!(site.is_https());
        let post = |origin: &str| {
            site.check(&Method::POST, "/campaigns/1/leads/upload", &headers(&[("origin", origin)]))
        };
        assert_eq!(post("https://obzvon.example.ru"), Ok(()));
        assert_eq!(post("https://obzvon.example.ru:443"), Ok(()));
        assert!(post("http://obzvon.example.ru").is_err(), "the scheme counts");
        assert!(post("https://obzvon.example.ru:8443").is_err(), "the port counts");
        assert!(post("http://127.0.0.1:3000").is_err());
        assert!(post("https://sub.obzvon.example.ru").is_err());
    }

    #[test]
    fn bound_to_loopback_behind_a_public_url_our_loopback_pages_are_ours_too() {
        let site = Site::new(Some("https://obzvon.example.ru/"), "127.0.0.1:3000".parse().unwrap());
        assert!(site.is_https(), "the public URL comes first");
        let post = |origin: &str| site.check(&Method::POST, "/x", &headers(&[("origin", origin)]));
        assert_eq!(post("https://obzvon.example.ru"), Ok(()));
        assert_eq!(post("http://127.0.0.1:3000"), Ok(()));
        assert_eq!(post("http://localhost:3000"), Ok(()));
        assert!(post("http://127.0.0.1:3001").is_err(), "another port is another site");
        assert!(post("https://evil.example").is_err());
    }

    #[test]
    fn listening_everywhere_without_a_public_url_trusts_the_host_the_page_came_from() {
        let site = Site::new(None, "0.0.0.0:3000".parse().unwrap());
        assert!(!site.is_https());
        let post = |origin: &str, host: &str| {
            site.check(&Method::POST, "/x", &headers(&[("origin", origin), ("host", host)]))
        };
        assert_eq!(post("http://10.1.2.3:3000", "10.1.2.3:3000"), Ok(()));
        assert!(post("https://evil.example", "10.1.2.3:3000").is_err());
        assert!(post("http://10.1.2.3:3000", "10.9.9.9:3000").is_err());
    }

    #[test]
    fn server_functions_take_only_the_body_types_they_read() {
        let site = Site::new(None, "127.0.0.1:3000".parse().unwrap());
        let post = |content_type: &str| {
            site.check(&Method::POST, "/api/campaigns/duplicate", &headers(&[("content-type", content_type)]))
        };
        assert_eq!(post("application/json"), Ok(()));
        assert_eq!(post("Application/JSON; charset=utf-8"), Ok(()));
        assert_eq!(post("application/x-www-form-urlencoded"), Ok(()));
        for refused in ["text/plain", "text/plain; charset=utf-8", "multipart/form-data; boundary=x", ""] {
            assert!(matches!(post(refused), Err(Refusal::BodyType { .. })), "{refused:?}");
        }
        // Uploads are multipart, outside /api/.
        assert_eq!(
            site.check(
                &Method::POST,
                "/campaigns/1/leads/upload",
                &headers(&[("content-type", "multipart/form-data")])
            ),
            Ok(())
        );
    }
}
