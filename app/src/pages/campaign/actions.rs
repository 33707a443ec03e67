//! The buttons a campaign's status and the user's role allow, each risky one behind a
//! confirmation.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::campaigns::*;
use crate::components::feedback::ConfirmButton;
use crate::i18n::t;

/// What the signed-in user may do with a campaign.
#[derive(Clone, Copy)]
pub struct Allowed {
    pub edit: bool,
    pub run: bool,
    pub delete: bool,
    pub upload: bool,
}

/// Whether each confirmation is asking; kept outside the refreshing part so that an open
/// question survives the refresh that re-renders the buttons.
#[derive(Clone, Copy)]
pub struct Questions {
    create: RwSignal<bool>,
    start: RwSignal<bool>,
    stop: RwSignal<bool>,
    delete: RwSignal<bool>,
    discard: RwSignal<bool>,
}

impl Questions {
    pub fn closed() -> Questions {
        let [create, start, stop, delete, discard] = std::array::from_fn(|_| RwSignal::new(false));
        Questions { create, start, stop, delete, discard }
    }
}

#[component]
pub fn CampaignActions(
    id: i64,
    state: CampaignState,
    act: ServerAction<ActOnCampaign>,
    duplicate: ServerAction<DuplicateCampaign>,
    allowed: Allowed,
    asking: Questions,
) -> impl IntoView {
    let Allowed { edit: may_edit, run: may_run, delete: may_delete, upload: may_upload } = allowed;
    let Questions {
        create: asking_create,
        start: asking_start,
        stop: asking_stop,
        delete: asking_delete,
        discard: asking_discard,
    } = asking;
    let t = &t().campaigns.actions;
    let busy = Signal::derive(move || act.pending().get());
    let run = move |action: CampaignAction| {
        Callback::new(move |_| {
            act.dispatch(ActOnCampaign { id, action });
        })
    };
    view! {
        <div class="actions" data-testid="campaign-actions">
            {(state == CampaignState::Draft && may_edit).then(|| view! {
                <A href=format!("/campaigns/{id}/edit") attr:class="button">{t.edit}</A>
            })}
            {(state == CampaignState::Draft && may_run).then(|| view! {
                <ConfirmButton label=t.create question=t.create_question on_confirm=run(CampaignAction::Create) disabled=busy asking=asking_create/>
            })}
            {(state.can_start() && may_run).then(|| view! {
                <ConfirmButton label=t.start question=t.start_question on_confirm=run(CampaignAction::Start) disabled=busy asking=asking_start/>
            })}
            {(state.can_stop() && may_run).then(|| view! {
                <ConfirmButton label=t.stop question=t.stop_question on_confirm=run(CampaignAction::Stop) danger=true disabled=busy asking=asking_stop/>
            })}
            {(state.can_delete() && may_delete).then(|| view! {
                <ConfirmButton label=t.delete question=t.delete_question on_confirm=run(CampaignAction::Delete) danger=true disabled=busy asking=asking_delete/>
            })}
            {(state == CampaignState::Draft && may_edit).then(|| view! {
                <ConfirmButton label=t.discard question=t.discard_question on_confirm=run(CampaignAction::Delete) danger=true disabled=busy asking=asking_discard/>
            })}
            {may_edit.then(|| view! {
                <button type="button" class="button" on:click=move |_| { duplicate.dispatch(DuplicateCampaign { id }); }>{t.duplicate}</button>
            })}
            {(!matches!(state, CampaignState::Draft | CampaignState::Deleted)).then(|| view! {
                <A href=format!("/campaigns/{id}/board") attr:class="button" attr:data-testid="board-link">{t.board}</A>
                <A href=format!("/campaigns/{id}/results") attr:class="button" attr:data-testid="results-link">{t.results}</A>
            })}
            {(may_upload && state != CampaignState::Deleted).then(|| view! {
                <A href=format!("/campaigns/{id}/leads") attr:class="button" attr:data-testid="lead-list-link">{t.lead_list}</A>
            })}
        </div>
    }
}
