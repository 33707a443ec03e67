//! One way to show errors, successes and confirmations everywhere.

use leptos::prelude::*;

use crate::api::AppError;

/// A problem the user should read; announced to screen readers.
#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            view! {
                <div class="banner banner-error" role="alert">
                    <strong>{crate::i18n::t().common.could_not}</strong>
                    {error.to_string()}
                </div>
            }
        })
    }
}

/// A short confirmation that something worked.
#[component]
pub fn Notice(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|message| {
            view! { <div class="banner banner-ok" role="status">{message}</div> }
        })
    }
}

/// The message for one field: from the browser-side check while typing, else from the
/// server's last answer.
#[component]
pub fn FieldMessage(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || message.get().map(|text| view! { <span class="field-error">{text}</span> })
}

/// A button that asks before it acts: the first click shows the question, "Yes" confirms.
/// A page that re-renders the button while it refreshes passes `asking` from outside the
/// refreshed part, so an open question stays open.
#[component]
pub fn ConfirmButton(
    #[prop(into)] label: String,
    #[prop(into)] question: String,
    on_confirm: Callback<()>,
    #[prop(optional, into)] danger: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] asking: Option<RwSignal<bool>>,
) -> impl IntoView {
    let asking = asking.unwrap_or_else(|| RwSignal::new(false));
    let class = if danger { "button button-danger" } else { "button" };
    let label = StoredValue::new(label);
    let question = StoredValue::new(question);
    move || {
        if asking.get() {
            view! {
                <span class="confirm" role="group">
                    <span class="confirm-question">{question.get_value()}</span>
                    <button
                        type="button"
                        class=class
                        on:click=move |_| {
                            asking.set(false);
                            on_confirm.run(());
                        }
                    >
                        {crate::i18n::t().common.yes}
                    </button>
                    <button type="button" class="button button-quiet" on:click=move |_| asking.set(false)>
                        {crate::i18n::t().common.cancel}
                    </button>
                </span>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class=class disabled=move || disabled.get() on:click=move |_| asking.set(true)>
                    {label.get_value()}
                </button>
            }
            .into_any()
        }
    }
}
