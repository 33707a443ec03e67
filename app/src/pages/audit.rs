//! The audit log: who did what and when, newest first, filtered by action and paged back.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::audit::{action_label, list_audit};
use crate::api::types::{AuditEntry, AuditQuery};
use crate::api::Permission;
use crate::components::auth::Guard;
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=format!("{}{}", t.audit.title, t.common.title_suffix)/>
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
    let t = t();

    view! {
        <header class="page-head">
            <h1>{t.audit.title}</h1>
            <p class="muted">{t.audit.intro}</p>
        </header>
        <Transition fallback=move || view! { <p class="muted">{t.common.loading}</p> }>
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
    let t = &t().audit;
    let oldest = page.entries.last().map(|e| e.id);
    let has_more = page.has_more;
    let options = page
        .actions
        .iter()
        .map(|a| view! { <option value=a.clone() selected=action.get_untracked() == *a>{action_label(a)}</option> })
        .collect_view();
    let empty = page.entries.is_empty();
    view! {
        <div class="toolbar">
            <label class="field inline">
                <span class="field-label">{t.action}</span>
                <select
                    aria-label=t.filter
                    on:change=move |ev| {
                        before_id.set(None);
                        action.set(event_target_value(&ev));
                    }
                >
                    <option value="">{t.all_actions}</option>
                    {options}
                </select>
            </label>
        </div>
        {empty.then(|| view! { <p class="empty-state">{t.empty}</p> })}
        <AuditTable entries=page.entries/>
        <div class="pager">
            <button
                type="button"
                class="button button-quiet"
                disabled=move || before_id.get().is_none()
                on:click=move |_| before_id.set(None)
            >
                {t.newest}
            </button>
            <button
                type="button"
                class="button"
                disabled=!has_more
                on:click=move |_| before_id.set(oldest)
            >
                {t.older}
            </button>
        </div>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let t = &t().audit;
    let rows = entries
        .into_iter()
        .map(|e| {
            view! {
                <tr>
                    <td class="nowrap">{e.at}</td>
                    <td>{e.actor.unwrap_or_else(|| "—".into())}</td>
                    <td title=e.action.clone()>{action_label(&e.action)}</td>
                    <td data-testid="audit-target">{e.target.unwrap_or_default()}</td>
                    <td data-testid="audit-details">{e.details.unwrap_or_default()}</td>
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
                        <th>{t.col_when}</th>
                        <th>{t.col_who}</th>
                        <th>{t.col_action}</th>
                        <th>{t.col_on}</th>
                        <th>{t.col_details}</th>
                        <th>{t.col_address}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
