//! The do-not-call list: add numbers by hand or from a file, set "called recently", and the
//! entries with who added each, when and why; removing one asks why.
//!
//! This module holds the page and what it loads; `add` the three forms, `list` the entries.

mod add;
mod list;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::do_not_call::*;
use crate::api::Permission;
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;
use crate::i18n::{fill, t};

use add::{AddNumbers, CalledRecently, FromFile};
use list::Entries;

#[component]
pub fn DoNotCallPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=format!("{}{}", t.do_not_call.title, t.common.title_suffix)/>
        <Guard permission=Permission::ManageDoNotCall>
            <DoNotCallLoader/>
        </Guard>
    }
}

#[component]
fn DoNotCallLoader() -> impl IntoView {
    let t = &t().do_not_call;
    let search = RwSignal::new(String::new());
    let removed = RwSignal::new(false);
    // Raised by every change, so the list is read again.
    let changed = RwSignal::new(0u32);
    let loaded = Resource::new(
        move || (search.get(), removed.get(), changed.get()),
        |(search, removed, _)| list_do_not_call(ListQuery { search, removed }),
    );
    view! {
        <header class="page-head">
            <h1>{t.title}</h1>
            <p class="muted">{t.intro}</p>
        </header>
        <FileOutcome/>
        <div class="card-row">
            <AddNumbers changed/>
            <FromFile/>
        </div>
        <Transition fallback=move || view! { <p class="muted">{crate::i18n::t().common.loading}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => view! {
                        <CalledRecently days=view.called_recently_days/>
                        <Entries view search removed changed/>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What the file upload did, as its redirect says (`?added=…` or `?error=…`).
#[component]
fn FileOutcome() -> impl IntoView {
    let t = &t().do_not_call;
    let query = use_query_map();
    let get = move |key: &str| query.with(|q| q.get(key));
    move || {
        if let Some(error) = get("error") {
            return view! { <div class="banner banner-error" role="alert" data-testid="dnc-file-error">{error}</div> }
                .into_any();
        }
        let Some(added) = get("added") else { return ().into_any() };
        let summary = fill(
            t.added_summary,
            &[&added, &get("already").unwrap_or_default(), &get("refused").unwrap_or_default()],
        );
        let refusals = get("refusals").unwrap_or_default();
        let lines = refusals
            .lines()
            .filter(|l| !l.is_empty())
            .map(|line| view! { <li>{line.to_string()}</li> })
            .collect_view();
        view! {
            <div class="banner banner-ok" role="status" data-testid="dnc-file-outcome">
                {summary}
                <ul class="refusals">{lines}</ul>
            </div>
        }
        .into_any()
    }
}
