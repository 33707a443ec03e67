//! The campaigns list: name, status in words, task counts, author, dates, last change; filter
//! by status, sort, search by name.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::api::campaigns::{list_campaigns, CampaignRow, CampaignState};
use crate::api::Permission;
use crate::components::alerts::CampaignAlertsCard;
use crate::components::auth::{signed_in_user, Guard};
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=format!("{}{}", t.campaigns.list_title, t.common.title_suffix)/>
        <Guard permission=Permission::ViewCampaigns>
            <CampaignList/>
        </Guard>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Updated,
    Name,
    Status,
    Progress,
}

impl SortBy {
    fn from_key(key: &str) -> SortBy {
        match key {
            "name" => SortBy::Name,
            "status" => SortBy::Status,
            "progress" => SortBy::Progress,
            _ => SortBy::Updated,
        }
    }
}

fn sorted(mut rows: Vec<CampaignRow>, by: SortBy) -> Vec<CampaignRow> {
    match by {
        SortBy::Updated => rows.sort_by_key(|r| std::cmp::Reverse(r.updated_at_ms)),
        SortBy::Name => rows.sort_by_key(|r| r.name.to_lowercase()),
        SortBy::Status => rows.sort_by_key(|r| r.state.label()),
        SortBy::Progress => rows.sort_by_key(|r| std::cmp::Reverse(r.finished_tasks_count.unwrap_or(0))),
    }
    rows
}

pub fn progress_text(row: &CampaignRow) -> String {
    match (row.finished_tasks_count, row.tasks_count) {
        (Some(done), Some(total)) => format!("{done} / {total}"),
        (None, Some(total)) => format!("0 / {total}"),
        _ => "—".into(),
    }
}

/// A campaign's `YYYY-MM-DDTHH:MM` as the reader writes it: unchanged in English, `01.12.2026 09:00`
/// in Russian.
pub fn local_text(text: &str) -> String {
    match (crate::i18n::current(), crate::api::schedule::parse_local(text)) {
        (crate::i18n::Lang::Ru, Some(local)) => local.format("%d.%m.%Y %H:%M").to_string(),
        _ => text.to_string(),
    }
}

#[component]
fn CampaignList() -> impl IntoView {
    let may_edit = signed_in_user().is_some_and(|u| u.role.allows(Permission::EditCampaigns));
    let tick = RwSignal::new(0u32);
    let campaigns = Resource::new(move || tick.get(), |_| list_campaigns());
    // MANGO changes statuses on its own; the server polls it and this page re-reads the list.
    #[cfg(feature = "hydrate")]
    {
        let handle =
            set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(10))
                .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    let t = &t().campaigns;
    let search = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let sort = RwSignal::new("updated".to_string());

    view! {
        <header class="page-head page-head-row">
            <div>
                <h1>{t.list_heading}</h1>
                <p class="muted">{t.list_intro}</p>
            </div>
            <Show when=move || may_edit>
                <A href="/campaigns/new" attr:class="button button-primary" attr:data-testid="new-campaign">{t.new_campaign}</A>
            </Show>
        </header>
        <CampaignAlertsCard tick/>
        <Toolbar search status sort/>
        <Transition fallback=move || view! { <p class="muted">{t.loading_list}</p> }>
            {move || Suspend::new(async move {
                match campaigns.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! {
                        <section class="empty-state" data-testid="campaigns-empty">
                            <h2>{t.empty_heading}</h2>
                            <p>{t.empty_text}</p>
                        </section>
                    }
                    .into_any(),
                    Ok(rows) => view! { <CampaignTable rows search status sort/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Search by name, filter by status, sort.
#[component]
fn Toolbar(search: RwSignal<String>, status: RwSignal<String>, sort: RwSignal<String>) -> impl IntoView {
    let t = &t().campaigns;
    view! {
        <div class="toolbar toolbar-wrap">
            <input type="search" placeholder=t.search_by_name aria-label=t.search_by_name bind:value=search/>
            <select aria-label=t.filter_by_status bind:value=status>
                <option value="">{t.every_status}</option>
                {CampaignState::FILTERS
                    .iter()
                    .map(|s| view! { <option value=s.key()>{s.label()}</option> })
                    .collect_view()}
            </select>
            <select aria-label=t.sort_by bind:value=sort>
                <option value="updated">{t.sort_updated}</option>
                <option value="name">{t.sort_name}</option>
                <option value="status">{t.sort_status}</option>
                <option value="progress">{t.sort_progress}</option>
            </select>
        </div>
    }
}

/// The campaigns that match the toolbar, in its order.
#[component]
fn CampaignTable(
    rows: Vec<CampaignRow>,
    search: RwSignal<String>,
    status: RwSignal<String>,
    sort: RwSignal<String>,
) -> impl IntoView {
    let t = &t().campaigns;
    let all = StoredValue::new(rows);
    let visible = move || {
        let needle = search.get().trim().to_lowercase();
        let wanted = status.get();
        let rows: Vec<CampaignRow> = all
            .get_value()
            .into_iter()
            .filter(|r| needle.is_empty() || r.name.to_lowercase().contains(&needle))
            .filter(|r| wanted.is_empty() || r.state.key() == wanted)
            .collect();
        sorted(rows, SortBy::from_key(&sort.get()))
    };
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="campaigns-table">
                <thead>
                    <tr>
                        <th>{t.col_name}</th>
                        <th>{t.col_status}</th>
                        <th>{t.col_progress}</th>
                        <th>{t.col_author}</th>
                        <th>{t.col_dates}</th>
                        <th>{t.col_updated}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let rows = visible();
                        if rows.is_empty() {
                            return view! { <tr><td colspan="6" class="muted">{t.no_match}</td></tr> }.into_any();
                        }
                        rows.into_iter().map(|row| view! { <CampaignRowView row/> }).collect_view().into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// One campaign: its name (a link), status, progress, author, dates and last change.
#[component]
fn CampaignRowView(row: CampaignRow) -> impl IntoView {
    let href = format!("/campaigns/{}", row.id);
    let progress = progress_text(&row);
    let state_key = row.state.key();
    let dates = match (row.start_local.is_empty(), row.end_local.is_empty()) {
        (true, true) => t().campaigns.no_dates.to_string(),
        _ => format!("{} – {} ({})", local_text(&row.start_local), local_text(&row.end_local), row.timezone),
    };
    view! {
        <tr data-testid="campaign-row" data-state=state_key.clone()>
            <td><A href=href>{row.name.clone()}</A></td>
            <td><span class=format!("status status-{state_key}")>{row.state.label()}</span></td>
            <td class="nowrap">{progress}</td>
            <td>{row.author.clone()}</td>
            <td>{dates}</td>
            <td class="nowrap">{row.updated_at.clone()}</td>
        </tr>
    }
}
