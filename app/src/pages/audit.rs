//! The audit log: who did what and when, newest first, filtered by action and paged back.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::audit::list_audit;
use crate::api::types::{AuditEntry, AuditQuery};
use crate::api::Permission;
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <Title text="Audit log · Obzvon"/>
        <Guard permission=Permission::ViewAuditLog>
            <AuditLog/>
        </Guard>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let action = RwSignal::new(String::new());
    let before_id = RwSignal::new(None::<i64>);
    let page = Resource::new(
        move || AuditQuery {
            action: Some(action.get()).filter(|a| !a.is_empty()),
            before_id: before_id.get(),
        },
        list_audit,
    );

    view! {
        <header class="page-head">
            <h1>"Audit log"</h1>
            <p class="muted">"Who did what, and when. Newest first."</p>
        </header>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(page) => view! { <AuditEntries page action before_id/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One page of entries: the action filter, the table and the pager.
#[component]
fn AuditEntries(
    page: crate::api::types::AuditPage,
    action: RwSignal<String>,
    before_id: RwSignal<Option<i64>>,
) -> impl IntoView {
    let oldest = page.entries.last().map(|e| e.id);
    let has_more = page.has_more;
    let options = page
        .actions
        .iter()
        .map(|a| view! { <option value=a.clone() selected=action.get_untracked() == *a>{a.clone()}</option> })
        .collect_view();
    let empty = page.entries.is_empty();
    view! {
        <div class="toolbar">
            <label class="field inline">
                <span class="field-label">"Action"</span>
                <select
                    aria-label="Filter by action"
                    on:change=move |ev| {
                        before_id.set(None);
                        action.set(event_target_value(&ev));
                    }
                >
                    <option value="">"All actions"</option>
                    {options}
                </select>
            </label>
        </div>
        {empty.then(|| view! { <p class="empty-state">"Nothing recorded for this filter."</p> })}
        <AuditTable entries=page.entries/>
        <div class="pager">
            <button
                type="button"
                class="button button-quiet"
                disabled=move || before_id.get().is_none()
                on:click=move |_| before_id.set(None)
            >
                "Newest"
            </button>
            <button
                type="button"
                class="button"
                disabled=!has_more
                on:click=move |_| before_id.set(oldest)
            >
                "Older entries"
            </button>
        </div>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let rows = entries
        .into_iter()
        .map(|e| {
            view! {
                <tr>
                    <td class="nowrap">{e.at}</td>
                    <td>{e.actor.unwrap_or_else(|| "—".into())}</td>
                    <td><code>{e.action}</code></td>
                    <td>{e.target.unwrap_or_default()}</td>
                    <td>{e.details.unwrap_or_default()}</td>
                    <td>{e.client_ip.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="audit-table">
                <thead>
                    <tr>
                        <th>"When"</th>
                        <th>"Who"</th>
                        <th>"Action"</th>
                        <th>"On"</th>
                        <th>"Details"</th>
                        <th>"Address"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
