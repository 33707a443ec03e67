//! The top navigation: the pages the signed-in user's role may open, and signing out.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::Permission;
use crate::components::auth::{full_page_load, use_auth};

struct NavEntry {
    href: &'static str,
    label: &'static str,
    permission: Permission,
}

/// Menu entries, each shown only to roles that may open it.
const ENTRIES: &[NavEntry] = &[
    NavEntry { href: "/campaigns", label: "Campaigns", permission: Permission::ViewCampaigns },
    NavEntry { href: "/callbacks", label: "Callbacks", permission: Permission::CreateCallbacks },
    NavEntry { href: "/directory", label: "Directory", permission: Permission::ViewCampaigns },
    NavEntry { href: "/settings", label: "Settings", permission: Permission::ManageSettings },
    NavEntry { href: "/users", label: "Users", permission: Permission::ManageUsers },
    NavEntry { href: "/audit", label: "Audit", permission: Permission::ViewAuditLog },
];

#[component]
pub fn Nav() -> impl IntoView {
    let auth = use_auth();
    Effect::new(move |_| {
        if let Some(Ok(())) = auth.logout.value().get() {
            full_page_load("/login");
        }
    });

    view! {
        <header class="topbar">
            <a class="brand" href="/campaigns">"Obzvon"</a>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    auth.user
                        .await
                        .ok()
                        .flatten()
                        .map(|user| {
                            let links = ENTRIES
                                .iter()
                                .filter(|entry| user.role.allows(entry.permission))
                                .map(|entry| view! { <A href=entry.href>{entry.label}</A> })
                                .collect_view();
                            view! {
                                <nav class="menu" aria-label="Main">{links}</nav>
                                <div class="whoami">
                                    <A href="/account" attr:class="whoami-name">
                                        {user.display_name.clone()}
                                        <span class="role-tag">{user.role.label()}</span>
                                    </A>
                                    <ActionForm action=auth.logout>
                                        <button type="submit" class="button button-quiet">"Sign out"</button>
                                    </ActionForm>
                                </div>
                            }
                        })
                })}
            </Transition>
        </header>
    }
}
