//! Sign in, then back to the page that asked for it (only if it is one of this site's own).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::components::auth::{full_page_load, use_auth};
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let t = &t().login;
    let suffix = crate::i18n::t().common.title_suffix;
    let query = use_query_map();
    let next = move || safe_next(query.read_untracked().get("next"));
    Effect::new(move |_| {
        if let Some(Ok(_)) = auth.login.value().get() {
            full_page_load(&next());
        }
    });
    let error = Signal::derive(move || auth.login.value().get().and_then(|result| result.err()));
    let already_signed_in = move || {
        Suspend::new(async move { auth.user.await.ok().flatten().map(|_| view! { <Redirect path=next()/> }) })
    };

    view! {
        <Title text=format!("{}{suffix}", t.title)/>
        <Transition fallback=|| ()>{already_signed_in}</Transition>
        <section class="card narrow">
            <h1>{t.heading}</h1>
            <ErrorBanner error/>
            <ActionForm action=auth.login attr:class="form" attr:data-testid="login-form">
                <label class="field">
                    <span class="field-label">{t.username}</span>
                    <input name="username" autocomplete="username" required autofocus/>
                </label>
                <label class="field">
                    <span class="field-label">{t.password}</span>
                    <input name="password" type="password" autocomplete="current-password" required/>
                </label>
                <button type="submit" class="button button-primary" disabled=move || auth.login.pending().get()>
                    {move || if auth.login.pending().get() { t.submitting } else { t.submit }}
                </button>
            </ActionForm>
        </section>
    }
}

/// Where a sign-in goes when `next` is missing or not one of our own paths.
const AFTER_SIGN_IN: &str = "/campaigns";

/// The `next` page after sign-in, only when it is a path on this site, so a crafted link
/// cannot send people elsewhere (ASVS V5.1.5, open redirect). `next` arrives decoded once
/// (`?next=/%09/x` gives `/\t/x`). Browsers drop tabs and newlines from addresses and read
/// `\` as `/`, so `/\t/evil.example` and `/\evil.example` both mean `//evil.example`: another
/// host. Refused: anything not starting with one `/`, and any backslash or control character,
/// also after decoding once more (a link encoded twice).
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path)
            if is_own_path(&path) && percent_decoded(&path).is_some_and(|decoded| is_own_path(&decoded)) =>
        {
            path
        }
        _ => AFTER_SIGN_IN.to_string(),
    }
}

fn is_own_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/') | Some('\\'))
        && !path.chars().any(|c| c == '\\' || c.is_control())
}

/// `%XX` decoded to bytes, as a browser reads a path; None when they are not UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(path: &str) -> String {
        safe_next(Some(path.to_string()))
    }

    #[test]
    fn our_own_paths_are_followed() {
        assert_eq!(next("/users"), "/users");
        assert_eq!(next("/campaigns/7/board?tab=calls#top"), "/campaigns/7/board?tab=calls#top");
        assert_eq!(
            next("/campaigns/%D0%9A%D0%BB%D0%B8%D0%B5%D0%BD%D1%82"),
            "/campaigns/%D0%9A%D0%BB%D0%B8%D0%B5%D0%BD%D1%82"
        );
        assert_eq!(next("/"), "/");
        assert_eq!(safe_next(None), AFTER_SIGN_IN);
    }

    /// Each of these leads to another host when a browser follows it (the URL standard
    /// strips ASCII tab and newline and treats `\` as `/` in http(s) URLs).
    #[test]
    fn anything_that_could_leave_the_site_falls_back() {
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "\t//evil.example",
            " //evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/a/%0d%0aSet-Cookie:x=1",
            "/%E0%A4%A",
            "/%FF",
            "javascript:alert(1)",
            "evil.example",
            "",
        ] {
            assert_eq!(next(hostile), AFTER_SIGN_IN, "{hostile:?}");
        }
    }
}
