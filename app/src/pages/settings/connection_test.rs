//! "Test connection": two harmless reads with the saved settings.

use leptos::prelude::*;

use crate::api::settings::*;
use crate::components::feedback::ErrorBanner;

/// "Test connection": two harmless reads with the saved settings, each shown with what MANGO
/// answered (or its result code and description).
#[component]
pub fn ConnectionTester() -> impl IntoView {
    let test = ServerAction::<TestConnection>::new();
    let report = move || test.value().get();
    view! {
        <section class="card connection-test" data-testid="connection-test">
            <h2>"Check the connection"</h2>
            <p class="field-hint">
                "Calls account/balance and config/users/request with the saved settings. "
                "Save first if you changed anything above."
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
                    {move || if test.pending().get() { "Testing…" } else { "Test connection" }}
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
    let (class, headline) = match (report.ok(), report.sandbox) {
        (true, true) => (
            "banner banner-ok",
            "Connected to the built-in sandbox (no MANGO credentials are set).".to_string(),
        ),
        (true, false) => ("banner banner-ok", format!("Connected to MANGO at {}.", report.target)),
        (false, _) => ("banner banner-error", format!("The connection to {} failed.", report.target)),
    };
    let checks = report
        .checks
        .into_iter()
        .map(|check| {
            let code = check.code.map(|code| format!("result {code}: "));
            view! {
                <li class=if check.ok { "check-ok" } else { "check-failed" }>
                    <code>{check.method.path()}</code>
                    " — "
                    {if check.ok { "OK: " } else { "failed: " }}
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
