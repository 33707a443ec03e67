//! Your account: who you are signed in as, the language Obzvon speaks to you, and changing
//! your own password (required first when the password was generated for you).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{ChangePassword, SetLanguage};
use crate::api::types::PasswordChangeForm;
use crate::api::validation::check;
use crate::api::{AppError, Permission};
use crate::components::auth::{full_page_load, signed_in_user, Guard};
use crate::components::feedback::{ErrorBanner, FieldMessage, Notice};
use crate::i18n::{t, Lang};

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=format!("{}{}", t.account.title, t.common.title_suffix)/>
        <Guard permission=Permission::ViewCampaigns>
            <Account/>
            <LanguageChoice/>
        </Guard>
    }
}

/// The language Obzvon speaks to this user: saved with the account, then the page is loaded
/// anew so that everything on it (and the next pages) is in the new language.
#[component]
fn LanguageChoice() -> impl IntoView {
    let t = &t().account;
    let save = ServerAction::<SetLanguage>::new();
    let saved = signed_in_user().and_then(|u| u.lang);
    let choice = RwSignal::new(saved.map_or("", Lang::code).to_string());
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            full_page_load("/account");
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SetLanguage { lang: Lang::parse(&choice.get_untracked()) });
    };
    let options = Lang::ALL
        .into_iter()
        .map(|lang| view! { <option value=lang.code() lang=lang.code()>{lang.native_name()}</option> })
        .collect_view();
    view! {
        <section class="card narrow" data-testid="language">
            <h2>{t.language_heading}</h2>
            <ErrorBanner error/>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span class="field-label">{t.language_label}</span>
                    <select name="lang" bind:value=choice data-testid="language-select">
                        <option value="">{t.language_browser}</option>
                        {options}
                    </select>
                    <span class="muted">{t.language_hint}</span>
                </label>
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {t.language_save}
                </button>
            </form>
        </section>
    }
}

#[component]
fn Account() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<String>);
    // The server sends a user here with `?change=first` while a generated first password is unchanged.
    let first_password = use_query_map().read_untracked().get("change").as_deref() == Some("first");
    let t = &t().account;
    let first_password_notice = RwSignal::new(first_password.then(|| t.first_password_notice.to_string()));
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
            .then(|| t.passwords_differ.to_string())
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
            notice.set(Some(t.password_changed.into()));
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
            <h1>{t.heading}</h1>
            {who.map(|u| view! { <p class="muted">{format!("{} · {} · {}", u.display_name, u.username, u.role.label())}</p> })}
        </header>
        <section class="card narrow">
            <h2>{t.change_password}</h2>
            <ErrorBanner error=general_error/>
            <Notice message=first_password_notice/>
            <Notice message=notice/>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span class="field-label">{t.current_password}</span>
                    <input type="password" bind:value=current_password autocomplete="current-password"/>
                    <FieldMessage message=current_problem/>
                </label>
                <label class="field">
                    <span class="field-label">{t.new_password}</span>
                    <input type="password" bind:value=new_password autocomplete="new-password"/>
                    <FieldMessage message=new_problem/>
                </label>
                <label class="field">
                    <span class="field-label">{t.new_password_again}</span>
                    <input type="password" bind:value=repeat autocomplete="new-password"/>
                    <FieldMessage message=repeat_problem/>
                </label>
                <button type="submit" class="button button-primary" disabled=move || !can_submit() || change.pending().get()>
                    {t.change_password}
                </button>
            </form>
        </section>
    }
}
