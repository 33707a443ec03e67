//! The form that adds a user, checked while typing by the same rules as on the server.

use leptos::prelude::*;

use crate::api::types::NewUserForm;
use crate::api::users::*;
use crate::api::validation::check;
use crate::api::{AppError, FieldError, Role};
use crate::components::feedback::{ErrorBanner, FieldMessage, Notice};
use crate::i18n::{fill, t};

#[component]
pub fn NewUser(create: ServerAction<CreateUser>) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Marketer.as_str().to_string());
    let password = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let t = &t().users;

    let form = move || NewUserForm {
        username: username.get().trim().to_string(),
        display_name: display_name.get().trim().to_string(),
        role: Role::parse(&role.get()),
        password: password.get(),
    };
    let client_errors = Memo::new(move |_| check(&form()));
    let server_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    // A field's message: the browser's rule once the field has content (or after a submit
    // attempt), else what the server said.
    let message = move |field: &'static str, value: RwSignal<String>| {
        Signal::derive(move || {
            let show_client = attempted.get() || !value.get().is_empty();
            client_errors
                .get()
                .into_iter()
                .find(|e: &FieldError| e.field == field && show_client)
                .map(|e| e.message)
                .or_else(|| server_error.get().and_then(|e| e.field(field)))
        })
    };
    let general_error =
        Signal::derive(move || server_error.get().filter(|e| !matches!(e, AppError::Invalid(_))));

    Effect::new(move |_| {
        if let Some(Ok(user)) = create.value().get() {
            notice.set(Some(fill(t.created_notice, &[&user.username, &user.role.label()])));
            username.set(String::new());
            display_name.set(String::new());
            password.set(String::new());
            attempted.set(false);
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        notice.set(None);
        if client_errors.get_untracked().is_empty() {
            create.dispatch(CreateUser { form: form() });
        }
    };

    view! {
        <section class="card">
            <h2>{t.add_heading}</h2>
            <ErrorBanner error=general_error/>
            <Notice message=notice/>
            <form class="form form-grid" on:submit=submit data-testid="new-user-form">
                <label class="field">
                    <span class="field-label">{t.username}</span>
                    <input name="username" bind:value=username autocomplete="off"/>
                    <FieldMessage message=message("username", username)/>
                </label>
                <label class="field">
                    <span class="field-label">{t.full_name}</span>
                    <input name="display_name" bind:value=display_name autocomplete="off"/>
                    <FieldMessage message=message("display_name", display_name)/>
                </label>
                <label class="field">
                    <span class="field-label">{t.role}</span>
                    <select name="role" bind:value=role>
                        {Role::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str()>{r.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{t.password}</span>
                    <input name="password" type="password" bind:value=password autocomplete="new-password"/>
                    <FieldMessage message=message("password", password)/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || create.pending().get()>
                        {t.create}
                    </button>
                </div>
            </form>
        </section>
    }
}
