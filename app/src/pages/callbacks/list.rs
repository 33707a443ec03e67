//! Every callback with its state, refreshed as the calls' events arrive.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::callbacks::*;
use crate::components::feedback::ErrorBanner;
use crate::i18n::{fill, t};

#[component]
pub fn CallbackList(create: ServerAction<CreateCallback>) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let list = Resource::new(move || (tick.get(), create.version().get()), |_| list_callbacks());
    #[cfg(feature = "hydrate")]
    {
        // The states move with the calls' events; a glance every 2 s keeps the page current.
        let handle =
            set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(2))
                .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    let shown = RwSignal::new(String::new());
    let t = t();
    let c = &t.callbacks;
    view! {
        <section class="card">
            <div class="page-head-row">
                <h2>{c.every_callback}</h2>
                <label class="field">
                    <span class="field-label">{c.state_label}</span>
                    <select aria-label=c.state_filter bind:value=shown>
                        <option value="">{c.any_state}</option>
                        {CallbackState::ALL.into_iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <Transition fallback=move || view! { <p class="muted">{t.common.loading}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                        Ok(view_data) if view_data.rows.is_empty() => view! {
                            <CcUnavailable notice=view_data.cc_unavailable/>
                            <div class="empty-state" data-testid="callbacks-empty">
                                <h2>{c.empty_heading}</h2>
                                <p>{c.empty_text}</p>
                            </div>
                        }.into_any(),
                        Ok(view_data) => {
                            let filter = shown.get();
                            let rows: Vec<CallbackRow> = view_data.rows.into_iter().filter(|r| filter.is_empty() || r.state.key() == filter).collect();
                            view! {
                                <CcUnavailable notice=view_data.cc_unavailable/>
                                <ul class="counts" data-testid="callback-counts">
                                    {view_data.counts.into_iter().map(|c| view! {
                                        <li class=format!("state-{}", c.state.key()) data-state=c.state.key()>{fill(t.callbacks.state_count, &[&c.count, &c.state.label().to_lowercase()])}</li>
                                    }).collect_view()}
                                </ul>
                                <p class="muted">{fill(c.times_in, &[&view_data.timezone])}</p>
                                <CallbackTable rows/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Shown while MANGO's Contact Center API answers 5008 to everything (manual 4.1): callbacks
/// wait instead of failing one by one.
#[component]
fn CcUnavailable(notice: Option<String>) -> impl IntoView {
    let t = &t().callbacks;
    notice.map(|text| {
        view! {
            <div class="banner banner-error" role="alert" data-testid="cc-unavailable">
                <strong>{t.cc_unavailable}</strong>
                {text}
            </div>
        }
    })
}

/// The callbacks as a table; also used for a bulk request's items.
#[component]
pub fn CallbackTable(rows: Vec<CallbackRow>) -> impl IntoView {
    let t = &t().callbacks;
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="callbacks-table">
                <thead><tr>
                    <th>{t.col_due}</th><th>{t.col_lead}</th><th>{t.col_campaign}</th><th>{t.col_operator}</th><th>{t.col_state}</th><th>{t.col_details}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let lead = if row.name.is_empty() { row.number.clone() } else { format!("{} · {}", row.name, row.number) };
                        let campaign = match (row.campaign_id, row.campaign_name.clone()) {
                            (Some(id), Some(name)) => view! { <A href=format!("/campaigns/{id}/results")>{name}</A> }.into_any(),
                            _ => view! { <span class="muted">"—"</span> }.into_any(),
                        };
                        let details = match (&row.reason, row.talk_seconds) {
                            (Some(reason), _) => reason.clone(),
                            (None, Some(seconds)) => fill(t.talk, &[&format!("{}:{:02}", seconds / 60, seconds % 60)]),
                            (None, None) if row.state == CallbackState::Scheduled => fill(t.scheduled_for, &[&row.event.label(), &row.duration_minutes]),
                            _ => String::new(),
                        };
                        view! {
                            <tr data-testid="callback-row" data-state=row.state.key() data-number=row.number.clone()>
                                <td class="nowrap">{row.due_at.clone()}</td>
                                <td>{lead}</td>
                                <td>{campaign}</td>
                                <td>{row.operator.clone()}</td>
                                <td><span class=format!("badge state-{}", row.state.key())>{row.state.label()}</span></td>
                                <td title=row.description.clone()>{details}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
