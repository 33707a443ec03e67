//! "Test connection": two harmless reads with the saved settings.

use leptos::prelude::*;

use crate::api::settings::*;
use crate::components::feedback::ErrorBanner;
use crate::i18n::{fill, t};

/// "Test connection": two harmless reads with the saved settings, each shown with what MANGO
/// answered (or its result code and description).
#[component]
pub fn ConnectionTester() -> impl IntoView {
    let test = ServerAction::<TestConnection>::new();
    let report = move || test.value().get();
    let t = &t().settings;
    view! {
        <section class="card connection-test" data-testid="connection-test">
            <h2>{t.test_heading}</h2>
            <p class="field-hint">
                {t.test_hint_one}
                {t.test_hint_two}
            </p>
            <div class="form-actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || test.pending().get()
                    on:click=move |_| {
                        test.dispatch(TestConnection {});
                    }
                >
                    {move || if test.pending().get() { t.testing } else { t.test }}
                </button>
            </div>
            {move || match report() {
                None => None,
                Some(Err(error)) => Some(view! { <ErrorBanner error=Some(error)/> }.into_any()),
                Some(Ok(report)) => Some(view! { <ConnectionResult report/> }.into_any()),
            }}
        </section>
    }
}

#[component]
fn ConnectionResult(report: ConnectionReport) -> impl IntoView {
    let t = &t().settings;
    let (class, headline) = match (report.ok(), report.sandbox) {
        (true, true) => ("banner banner-ok", t.connected_sandbox.to_string()),
        (true, false) => ("banner banner-ok", fill(t.connected, &[&report.target])),
        (false, _) => ("banner banner-error", fill(t.connection_failed, &[&report.target])),
    };
    let checks = report
        .checks
        .into_iter()
        .map(|check| {
            let code = check.code.map(|code| fill(t.result_code, &[&code]));
            view! {
                <li class=if check.ok { "check-ok" } else { "check-failed" }>
                    <code>{check.method.path()}</code>
                    " — "
                    {if check.ok { t.check_ok } else { t.check_failed }}
                    {code}
                    {check.detail}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class=class role="status" data-testid="connection-result">
            <strong>{headline}</strong>
            <ul class="checks">{checks}</ul>
        </div>
    }
}
