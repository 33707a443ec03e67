use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::components::auth::{full_page_load, safe_next, use_auth};
use crate::components::feedback::ErrorBanner;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
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
        <Title text="Sign in · Obzvon"/>
        <Transition fallback=|| ()>{already_signed_in}</Transition>
        <section class="card narrow">
            <h1>"Sign in"</h1>
            <ErrorBanner error/>
            <ActionForm action=auth.login attr:class="form" attr:data-testid="login-form">
                <label class="field">
                    <span class="field-label">"Username"</span>
                    <input name="username" autocomplete="username" required autofocus/>
                </label>
                <label class="field">
                    <span class="field-label">"Password"</span>
                    <input name="password" type="password" autocomplete="current-password" required/>
                </label>
                <button type="submit" class="button button-primary" disabled=move || auth.login.pending().get()>
                    {move || if auth.login.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
        </section>
    }
}
