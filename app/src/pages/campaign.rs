//! One campaign: every setting in words, its status and the reason MANGO gives, and the
//! actions its status and the user's role allow (with confirmations).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::campaign_options::*;
use crate::api::campaigns::*;
use crate::api::schedule::{format_hhmm, WEEKDAY_NAMES};
use crate::api::{AppError, Permission};
use crate::components::auth::{signed_in_user, Guard};
use crate::components::feedback::{ConfirmButton, ErrorBanner, Notice};

#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Title text="Campaign · Obzvon"/>
        <Guard permission=Permission::ViewCampaigns>
            {move || match id() {
                Some(id) => view! { <CampaignView id/> }.into_any(),
                None => view! { <ErrorBanner error=Some(AppError::NotFound("There is no such campaign.".into()))/> }.into_any(),
            }}
        </Guard>
    }
}

#[component]
fn CampaignView(id: i64) -> impl IntoView {
    let act = ServerAction::<ActOnCampaign>::new();
    let duplicate = ServerAction::<DuplicateCampaign>::new();
    let tick = RwSignal::new(0u32);
    let detail = Resource::new(move || (act.version().get(), tick.get()), move |_| get_campaign(id));
    #[cfg(feature = "hydrate")]
    {
        let handle =
            set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(5))
                .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    Effect::new(move |_| match act.value().get() {
        Some(Ok(detail)) => {
            error.set(None);
            notice.set(Some(format!("Done. Status: {}.", detail.row.state.label())));
        }
        Some(Err(AppError::NotFound(_))) => navigate("/campaigns", Default::default()),
        Some(Err(failure)) => {
            notice.set(None);
            error.set(Some(failure));
        }
        None => {}
    });
    let navigate = use_navigate();
    Effect::new(move |_| match duplicate.value().get() {
        Some(Ok(copy)) => navigate(&format!("/campaigns/{}/edit", copy.row.id), Default::default()),
        Some(Err(failure)) => error.set(Some(failure)),
        None => {}
    });
    let user = signed_in_user();
    let can = move |permission: Permission| user.as_ref().is_some_and(|u| u.role.allows(permission));
    let (may_edit, may_run, may_delete) =
        (can(Permission::EditCampaigns), can(Permission::RunCampaigns), can(Permission::DeleteCampaigns));
    let may_upload = can(Permission::UploadLeadLists);
    // Questions open across the 5-second refresh, which re-renders the buttons.
    let [asking_create, asking_start, asking_stop, asking_delete, asking_discard] =
        std::array::from_fn(|_| RwSignal::new(false));
    let run = move |action: CampaignAction| {
        Callback::new(move |_| {
            act.dispatch(ActOnCampaign { id, action });
        })
    };

    view! {
        <ErrorBanner error=error/>
        <Notice message=notice/>
        <Transition fallback=|| view! { <p class="muted">"Loading the campaign…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(failure) => view! { <ErrorBanner error=Some(failure)/> }.into_any(),
                    Ok(detail) => {
                        let state = detail.row.state;
                        let busy = Signal::derive(move || act.pending().get());
                        view! {
                            <header class="page-head page-head-row">
                                <div>
                                    <h1 data-testid="campaign-name">{detail.row.name.clone()}</h1>
                                    <p>
                                        <span class=format!("status status-{}", state.key()) data-testid="campaign-status">{state.label()}</span>
                                        {detail.status_reason.clone().map(|reason| view! { <span class="muted" data-testid="status-reason">" — " {reason}</span> })}
                                    </p>
                                </div>
                                <div class="actions" data-testid="campaign-actions">
                                    {(state == CampaignState::Draft && may_edit).then(|| view! {
                                        <A href=format!("/campaigns/{id}/edit") attr:class="button">"Edit"</A>
                                    })}
                                    {(state == CampaignState::Draft && may_run).then(|| view! {
                                        <ConfirmButton label="Create in MANGO" question="Create it in MANGO? Its settings cannot be changed there afterwards." on_confirm=run(CampaignAction::Create) disabled=busy asking=asking_create/>
                                    })}
                                    {(state.can_start() && may_run).then(|| view! {
                                        <ConfirmButton label="Start" question="Start calling now (within its schedule)?" on_confirm=run(CampaignAction::Start) disabled=busy asking=asking_start/>
                                    })}
                                    {(state.can_stop() && may_run).then(|| view! {
                                        <ConfirmButton label="Stop" question="Stop the campaign? Calls in progress finish." on_confirm=run(CampaignAction::Stop) danger=true disabled=busy asking=asking_stop/>
                                    })}
                                    {(state.can_delete() && may_delete).then(|| view! {
                                        <ConfirmButton label="Delete" question="Delete it in MANGO? This cannot be undone." on_confirm=run(CampaignAction::Delete) danger=true disabled=busy asking=asking_delete/>
                                    })}
                                    {(state == CampaignState::Draft && may_edit).then(|| view! {
                                        <ConfirmButton label="Discard draft" question="Discard this draft?" on_confirm=run(CampaignAction::Delete) danger=true disabled=busy asking=asking_discard/>
                                    })}
                                    {may_edit.then(|| view! {
                                        <button type="button" class="button" on:click=move |_| { duplicate.dispatch(DuplicateCampaign { id }); }>"Duplicate"</button>
                                    })}
                                    {(!matches!(state, CampaignState::Draft | CampaignState::Deleted)).then(|| view! {
                                        <A href=format!("/campaigns/{id}/board") attr:class="button" attr:data-testid="board-link">"Board"</A>
                                        <A href=format!("/campaigns/{id}/results") attr:class="button" attr:data-testid="results-link">"Results"</A>
                                    })}
                                    {(may_upload && state != CampaignState::Deleted).then(|| view! {
                                        <A href=format!("/campaigns/{id}/leads") attr:class="button" attr:data-testid="lead-list-link">"Lead list"</A>
                                    })}
                                </div>
                            </header>
                            <CampaignFacts detail/>
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn CampaignFacts(detail: CampaignDetail) -> impl IntoView {
    let CampaignDetail {
        row,
        form,
        mango_schedule,
        created_in_mango_at,
        started_at,
        synced_at,
        sync_error,
        names,
        ..
    } = detail;
    let fact = |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let dates = |text: &str| if text.is_empty() { "not set".to_string() } else { text.replace('T', " ") };
    let progress = match (row.finished_tasks_count, row.tasks_count) {
        (Some(done), Some(total)) => format!("{done} of {total} tasks finished"),
        (_, Some(total)) => format!("0 of {total} tasks finished"),
        _ => "no tasks yet".into(),
    };
    let windows = mango_schedule
        .as_ref()
        .map(|s| {
            s.windows
                .iter()
                .map(|w| {
                    format!(
                        "{} {}–{}",
                        WEEKDAY_NAMES[usize::from(w.weekday - 1)],
                        format_hhmm(w.start),
                        format_hhmm(w.end)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let local = (0..7)
        .filter(|d| !form.schedule.days[*d].is_empty())
        .map(|d| {
            let list = form.schedule.days[d]
                .iter()
                .map(|w| format!("{}–{}", format_hhmm(w.start), format_hhmm(w.end)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} {list}", WEEKDAY_NAMES[d])
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <section class="card">
            <h2>"Status"</h2>
            <dl class="facts">
                {fact("MANGO campaign id", row.mango_campaign_id.map(|id| id.to_string()).unwrap_or_else(|| "not created in MANGO yet".into()))}
                {fact("Progress", progress)}
                {fact("Author in Obzvon", row.author.clone())}
                {fact("Created", row.created_at.clone())}
                {fact("Created in MANGO", created_in_mango_at.unwrap_or_else(|| "—".into()))}
                {fact("Started", started_at.unwrap_or_else(|| "—".into()))}
                {fact("Status read from MANGO", synced_at.unwrap_or_else(|| "—".into()))}
            </dl>
            {sync_error.map(|e| view! { <p class="field-error">"Last status read failed: " {e}</p> })}
        </section>
        <section class="card">
            <h2>"Settings"</h2>
            <dl class="facts" data-testid="campaign-settings">
                {fact("Line", names.line.clone().unwrap_or_default())}
                {fact("Author in MANGO", names.author.clone().unwrap_or_else(|| "not set".into()))}
                {fact("Priority", form.priority.label().to_string())}
                {fact("Dial mode", form.dial_mode.label().to_string())}
                {fact("Time zone", form.timezone.clone())}
                {fact("Start", dates(&form.start_local))}
                {fact("End", dates(&form.end_local))}
                {fact("Schedule (local)", local)}
                {fact("Schedule sent to MANGO (UTC)", windows)}
                {fact("Operators", if names.operators.is_empty() { "none chosen".to_string() } else { format!("{}: {}", names.operators.len(), names.operators.join(", ")) })}
                {fact("Voice message", names.voice_message.clone().unwrap_or_else(|| "MANGO's default".into()))}
                {fact("Hold music", names.hold_message.clone().unwrap_or_else(|| "MANGO's default".into()))}
                {fact("Attempts if busy", label_of(REDIAL_COUNTS, form.redial_if_busy))}
                {fact("Wait if busy", label_of(WAITS_IF_BUSY, form.wait_if_busy_seconds))}
                {fact("Attempts if no answer", label_of(REDIAL_COUNTS, form.redial_if_no_answer))}
                {fact("Wait if no answer", label_of(WAITS_IF_NO_ANSWER, form.wait_if_no_answer_seconds))}
                {fact("Attempts if unavailable", label_of(REDIAL_COUNTS, form.redial_if_unavailable))}
                {fact("Wait if unavailable", label_of(WAITS_IF_UNAVAILABLE, form.wait_if_unavailable_seconds))}
                {fact("Wait for the client to answer", label_of(ANSWER_WAITS, form.answer_wait_seconds))}
                {fact("Calls per free operator", coefficient_text(form.call_coefficient_tenths))}
                {fact("Pause after a talk", label_of(AFTER_CALL_PAUSES, form.after_call_seconds))}
            </dl>
        </section>
    }
}
