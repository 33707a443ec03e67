//! "Do not call again" on a lead: its number goes onto the installation's do-not-call list,
//! with a reason; the lead shows that it is on the list from then on.

use leptos::prelude::*;

use crate::api::do_not_call::AddLeadToDoNotCall;
use crate::components::feedback::ErrorBanner;
use crate::i18n::t;

#[component]
pub fn DoNotCallCell(
    campaign_id: i64,
    lead: i64,
    listed_since: Option<String>,
    may_list: bool,
) -> impl IntoView {
    let t = &t().do_not_call;
    let add = ServerAction::<AddLeadToDoNotCall>::new();
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let listed = RwSignal::new(listed_since);
    let error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            asking.set(false);
            listed.set(Some(String::new()));
        }
    });
    view! {
        {move || match listed.get() {
            Some(since) => view! {
                <span class="tag tag-warn" title=since data-testid="result-dnc">{t.results_listed}</span>
            }.into_any(),
            None if !may_list => ().into_any(),
            None if !asking.get() => view! {
                <button type="button" class="button button-quiet" data-testid="result-dnc-add"
                    on:click=move |_| asking.set(true)>{t.results_action}</button>
            }.into_any(),
            None => view! {
                <form class="inline-form" on:submit=move |ev| {
                    ev.prevent_default();
                    add.dispatch(AddLeadToDoNotCall { campaign_id, lead, reason: reason.get_untracked() });
                }>
                    <input type="text" name="dnc-reason" aria-label=t.results_reason placeholder=t.results_reason
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                    <button type="submit" class="button" disabled=move || add.pending().get()>{t.results_action}</button>
                </form>
                <ErrorBanner error/>
            }.into_any(),
        }}
    }
}
