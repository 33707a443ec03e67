//! The campaign's operators, chosen from MANGO's directory.

use leptos::prelude::*;

use crate::api::campaigns::CampaignForm;
use crate::api::directory::OperatorView;
use crate::i18n::fill;

/// Operators, searchable by name and extension, showing who is not in outbound dialing.
#[component]
pub fn OperatorPicker(form: RwSignal<CampaignForm>, operators: Vec<OperatorView>) -> impl IntoView {
    let texts = &crate::i18n::t().campaigns.form;
    let filter = RwSignal::new(String::new());
    let operators = StoredValue::new(operators);
    let chosen_count = move || form.with(|f| f.operators.len());
    view! {
        <div class="operator-picker">
            <input type="search" placeholder=texts.search_operators_placeholder aria-label=texts.search_operators bind:value=filter/>
            <span class="field-hint">{move || fill(texts.operators_chosen, &[&chosen_count()])}</span>
            <ul class="operator-list" data-testid="operator-list">
                {move || {
                    let needle = filter.get().trim().to_lowercase();
                    operators
                        .get_value()
                        .into_iter()
                        .filter(|o| needle.is_empty() || o.name.to_lowercase().contains(&needle) || o.extension.as_deref().is_some_and(|e| e.contains(&needle)))
                        .map(|operator| {
                            let id = operator.user_id;
                            let warn = operator.in_outbound() != Some(true);
                            let availability = operator.availability();
                            view! {
                                <li>
                                    <label class="checkbox">
                                        <input type="checkbox" name="operators" value=id.to_string()
                                            prop:checked=move || form.with(|f| f.operators.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                form.update(|f| {
                                                    f.operators.retain(|o| *o != id);
                                                    if on { f.operators.push(id); }
                                                });
                                            }/>
                                        {operator.title()}
                                        <span class=if warn { "badge badge-warn" } else { "badge badge-ok" }>{availability}</span>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
