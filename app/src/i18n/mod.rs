//! Obzvon speaks Russian by default and English as a choice. Every text a person reads comes
//! from one table per language ([`ru`], [`en`]), typed as [`Texts`]: a key missing from one
//! language does not compile, and a unit test checks that both agree on placeholders.
//!
//! Which language: the signed-in user's saved choice (Account page) → the browser's
//! `Accept-Language` → Russian. The server decides per request and writes it into
//! `<html lang>`; the browser reads it back from there, so both render the same words.
//!
//! Why not a translation crate: the tables are plain `const` data shared by the server
//! (errors, exports) and the browser, with no locale database in the wasm bundle.

mod en;
pub mod format;
mod ru;
mod texts;

use serde::{Deserialize, Serialize};

pub use format::{fill, Plural};
pub use texts::*;

/// A language Obzvon speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The BCP 47 code, as in `<html lang>` and `Accept-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ru") {
            Some(Lang::Ru)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language's own name, for the choice on the Account page.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ru => &ru::RU,
            Lang::En => &en::EN,
        }
    }

    /// The best of our languages in an `Accept-Language` header (RFC 9110 §12.5.4): the one
    /// with the highest weight; on a tie, the one listed first. None when it names neither.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, u16)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else { continue };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").map(|q| q.trim().parse::<f32>().unwrap_or(0.0)))
                .unwrap_or(1.0);
            let weight = (weight.clamp(0.0, 1.0) * 1000.0) as u16;
            if weight > 0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// The language of a request: the user's saved choice, then the browser's, then Russian.
    pub fn of_request(saved: Option<Lang>, accept_language: Option<&str>) -> Lang {
        saved.or_else(|| accept_language.and_then(Lang::from_accept_language)).unwrap_or_default()
    }
}

/// The language of what is being rendered or answered now. In a component: the one the App
/// provided. On the server outside the page (a server function): the request's. In the
/// browser outside any component: the page's `<html lang>`. Russian when nothing says.
pub fn current() -> Lang {
    if let Some(lang) = leptos::prelude::use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() {
        return request_lang(&parts);
    }
    #[cfg(feature = "hydrate")]
    if let Some(lang) = document_lang() {
        return lang;
    }
    Lang::default()
}

/// Runs `f` with `lang` as [`current`]: for code outside any page or request (the server's
/// plain routes and background work, unit tests).
pub fn in_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let owner = leptos::prelude::Owner::new();
    owner.with(|| {
        leptos::prelude::provide_context(lang);
        f()
    })
}

/// The texts of [`current`].
pub fn t() -> &'static Texts {
    current().texts()
}

/// The language of a request as the server sees it: the signed-in user's saved choice (the
/// session middleware puts the user into the extensions), then `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn request_lang(parts: &http::request::Parts) -> Lang {
    let saved = parts.extensions.get::<crate::api::types::SessionUser>().and_then(|user| user.lang);
    let header = parts.headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::of_request(saved, header)
}

/// The language the server wrote into `<html lang>`.
#[cfg(feature = "hydrate")]
pub fn document_lang() -> Option<Lang> {
    let element = leptos::prelude::document().document_element()?;
    Lang::parse(&element.get_attribute("lang")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_of_ours() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8"), Some(Lang::Ru));
        assert_eq!(Lang::from_accept_language("de-DE, en;q=0.5, ru;q=0.7"), Some(Lang::Ru));
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(Lang::from_accept_language("en;q=0, ru;q=0.1"), Some(Lang::Ru));
        assert_eq!(Lang::from_accept_language(""), None);
        assert_eq!(Lang::from_accept_language("en;q=garbage"), None);
    }

    #[test]
    fn the_saved_choice_wins_then_the_browser_then_russian() {
        assert_eq!(Lang::of_request(Some(Lang::En), Some("ru")), Lang::En);
        assert_eq!(Lang::of_request(None, Some("en-GB")), Lang::En);
        assert_eq!(Lang::of_request(None, Some("de")), Lang::Ru);
        assert_eq!(Lang::of_request(None, None), Lang::Ru);
    }
}

#[cfg(test)]
mod table_tests {
    use serde_json::Value;

    use super::format::placeholders;
    use super::Lang;

    /// Every text of a language, keyed by its path (`nav.campaigns`, `common.calls.one`).
    fn flatten(lang: Lang) -> Vec<(String, String)> {
        fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
            match value {
                Value::Object(map) => {
                    for (key, value) in map {
                        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                        walk(&path, value, out);
                    }
                }
                Value::String(text) => out.push((prefix.to_string(), text.clone())),
                other => panic!("{prefix}: a text table holds only texts, found {other}"),
            }
        }
        let mut out = Vec::new();
        walk("", &serde_json::to_value(lang.texts()).expect("texts serialize"), &mut out);
        out
    }

    /// Texts that are the same in both languages on purpose.
    const SAME_IN_BOTH: &[&str] = &[
        "common.title_suffix",
        "errors.mango_with_code",
        "errors.mango_without_code",
        // campaigns
        // leads, board, results
        "results.mango.status_with_reason",
        // callbacks, directory, settings, users, audit
        "audit.details.role_changed",
        "callbacks.state_count",
    ];

    #[test]
    fn both_languages_have_every_key_with_the_same_placeholders() {
        let ru = flatten(Lang::Ru);
        let en = flatten(Lang::En);
        let ru_keys: Vec<&str> = ru.iter().map(|(k, _)| k.as_str()).collect();
        let en_keys: Vec<&str> = en.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(ru_keys, en_keys);
        let mut problems = Vec::new();
        for ((key, ru_text), (_, en_text)) in ru.iter().zip(&en) {
            if ru_text.trim().is_empty() || en_text.trim().is_empty() {
                problems.push(format!("{key}: empty"));
            }
            // Russian may drop a placeholder English shows (the server's own English detail).
            let (ru_places, en_places) = (placeholders(ru_text), placeholders(en_text));
            if ru_places.iter().any(|p| !en_places.contains(p))
                || (key != "errors.internal" && ru_places != en_places)
            {
                problems
                    .push(format!("{key}: placeholders {ru_places:?} in Russian, {en_places:?} in English"));
            }
            if ru_text == en_text && !SAME_IN_BOTH.contains(&key.as_str()) {
                problems.push(format!("{key}: not translated ({ru_text:?})"));
            }
            if !SAME_IN_BOTH.contains(&key.as_str())
                && !ru_text.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
            {
                problems.push(format!("{key}: the Russian text has no Russian word ({ru_text:?})"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
