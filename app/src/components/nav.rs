//! The top navigation: the pages the signed-in user's role may open, and signing out.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::Permission;
use crate::components::alerts::AlertCount;
use crate::components::auth::{full_page_load, use_auth};
use crate::i18n::{t, NavTexts};

struct NavEntry {
    href: &'static str,
    label: fn(&NavTexts) -> &'static str,
    permission: Permission,
}

/// Menu entries, each shown only to roles that may open it.
const ENTRIES: &[NavEntry] = &[
    NavEntry { href: "/campaigns", label: |t| t.campaigns, permission: Permission::ViewCampaigns },
    NavEntry { href: "/callbacks", label: |t| t.callbacks, permission: Permission::CreateCallbacks },
    NavEntry { href: "/do-not-call", label: |t| t.do_not_call, permission: Permission::ManageDoNotCall },
    NavEntry { href: "/directory", label: |t| t.directory, permission: Permission::ViewCampaigns },
    NavEntry { href: "/settings", label: |t| t.settings, permission: Permission::ManageSettings },
    NavEntry { href: "/users", label: |t| t.users, permission: Permission::ManageUsers },
    NavEntry { href: "/audit", label: |t| t.audit, permission: Permission::ViewAuditLog },
];

#[component]
pub fn Nav() -> impl IntoView {
    let auth = use_auth();
    let t = &t().nav;
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
                                .map(|entry| view! { <A href=entry.href>{(entry.label)(t)}</A> })
                                .collect_view();
                            view! {
                                <nav class="menu" aria-label=t.main_menu>{links}</nav>
                                <div class="whoami">
                                    <A href="/account" attr:class="whoami-name">
                                        {user.display_name.clone()}
                                        <span class="role-tag">{user.role.label()}</span>
                                    </A>
                                    <ActionForm action=auth.logout>
                                        <button type="submit" class="button button-quiet">{t.sign_out}</button>
                                    </ActionForm>
                                </div>
                            }
                        })
                })}
            </Transition>
            // Beside the user's part, not inside it: a resource inside another's Suspend
            // hydrates out of step with the server's rendering.
            <AlertCount/>
        </header>
    }
}
