#![recursion_limit = "256"]
//! Obzvon's user interface. Rendered on the server (feature `ssr`) and hydrated in the
//! browser (feature `hydrate`).

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::auth::provide_auth;
use crate::components::nav::Nav;
use crate::pages::*;

/// The name of the browser bundle (`/pkg/obzvon.js`, `/pkg/obzvon_bg.wasm`, `/pkg/obzvon.css`).
pub const BUNDLE_NAME: &str = "obzvon";

/// The HTML document around the app; the server renders it for every page. `bundle_root` is
/// where the bundle is served (`/v/<content hash>`, so browsers may keep it for good).
pub fn shell(options: LeptosOptions, bundle_root: String) -> impl IntoView {
    // The request's language: `<html lang>` tells the browser (and the hydrating bundle).
    let lang = i18n::current();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href=format!("{bundle_root}/pkg/obzvon.css")/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options root=bundle_root/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // One language for the whole render: the request's on the server, `<html lang>` in the browser.
    provide_context(i18n::current());
    provide_auth();

    // Marks the page once the wasm bundle has taken over, so browser tests (and people
    // debugging) can tell a hydrated page from a server-rendered one.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Title text="Obzvon"/>
        <Router>
            <Nav/>
            <main class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomeRedirect/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/campaigns") view=CampaignsPage/>
                    <Route path=path!("/campaigns/new") view=NewCampaignPage/>
                    <Route path=path!("/campaigns/:id") view=CampaignPage/>
                    <Route path=path!("/campaigns/:id/edit") view=EditCampaignPage/>
                    <Route path=path!("/campaigns/:id/leads") view=CampaignLeadsPage/>
                    <Route path=path!("/campaigns/:id/board") view=CampaignBoardPage/>
                    <Route path=path!("/campaigns/:id/results") view=CampaignResultsPage/>
                    <Route path=path!("/callbacks") view=CallbacksPage/>
                    <Route path=path!("/directory") view=DirectoryPage/>
                    <Route path=path!("/do-not-call") view=DoNotCallPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <Route path=path!("/users") view=UsersPage/>
                    <Route path=path!("/audit") view=AuditPage/>
                    <Route path=path!("/account") view=AccountPage/>
                </Routes>
            </main>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
