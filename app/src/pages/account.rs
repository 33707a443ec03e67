//! Your account: who you are signed in as, and changing your own password (required first
//! when the password was generated for you).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::ChangePassword;
use crate::api::types::PasswordChangeForm;
use crate::api::validation::check;
use crate::api::{AppError, Permission};
use crate::components::auth::{signed_in_user, Guard};
use crate::components::feedback::{ErrorBanner, FieldMessage, Notice};

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text="Your account · Obzvon"/>
        <Guard permission=Permission::ViewCampaigns>
            <Account/>
        </Guard>
    }
}

const FIRST_PASSWORD_NOTICE: &str =
    "Your password was generated for you: choose your own before using Obzvon. Until then every other page leads here.";

#[component]
fn Account() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<String>);
    // The server sends a user here with `?change=first` while a generated first password is unchanged.
    let first_password = use_query_map().read_untracked().get("change").as_deref() == Some("first");
    let first_password_notice = RwSignal::new(first_password.then(|| FIRST_PASSWORD_NOTICE.to_string()));
    let form = move || PasswordChangeForm {
        current_password: current_password.get(),
        new_password: new_password.get(),
    };
    let new_problem = Signal::derive(move || {
        if new_password.get().is_empty() {
            return None;
        }
        check(&form())
            .into_iter()
            .find(|e| e.field == "new_password")
            .map(|e| e.message)
            .or_else(|| change.value().get().and_then(|r| r.err()).and_then(|e| e.field("new_password")))
    });
    let repeat_problem = Signal::derive(move || {
        (!repeat.get().is_empty() && repeat.get() != new_password.get())
            .then(|| "The two new passwords differ.".to_string())
    });
    let current_problem = Signal::derive(move || {
        change.value().get().and_then(|r| r.err()).and_then(|e| e.field("current_password"))
    });
    let general_error = Signal::derive(move || {
        change.value().get().and_then(|r| r.err()).filter(|e| !matches!(e, AppError::Invalid(_)))
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            current_password.set(String::new());
            new_password.set(String::new());
            repeat.set(String::new());
            first_password_notice.set(None);
            notice.set(Some("Password changed. Your other sessions were signed out.".into()));
        }
    });
    let can_submit = move || {
        !current_password.get().is_empty()
            && !new_password.get().is_empty()
            && new_problem.get().is_none()
            && repeat.get() == new_password.get()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        if can_submit() {
            change.dispatch(ChangePassword { form: form() });
        }
    };
    let who = signed_in_user();

    view! {
        <header class="page-head">
            <h1>"Your account"</h1>
            {who.map(|u| view! { <p class="muted">{format!("{} · {} · {}", u.display_name, u.username, u.role.label())}</p> })}
        </header>
        <section class="card narrow">
            <h2>"Change password"</h2>
            <ErrorBanner error=general_error/>
            <Notice message=first_password_notice/>
            <Notice message=notice/>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span class="field-label">"Current password"</span>
                    <input type="password" bind:value=current_password autocomplete="current-password"/>
                    <FieldMessage message=current_problem/>
                </label>
                <label class="field">
                    <span class="field-label">"New password (12+ characters)"</span>
                    <input type="password" bind:value=new_password autocomplete="new-password"/>
                    <FieldMessage message=new_problem/>
                </label>
                <label class="field">
                    <span class="field-label">"New password again"</span>
                    <input type="password" bind:value=repeat autocomplete="new-password"/>
                    <FieldMessage message=repeat_problem/>
                </label>
                <button type="submit" class="button button-primary" disabled=move || !can_submit() || change.pending().get()>
                    "Change password"
                </button>
            </form>
        </section>
    }
}
