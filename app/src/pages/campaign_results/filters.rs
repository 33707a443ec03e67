//! The filter bar: last outcome, operator, attempts, a search by number or name, the topic of a
//! call and (for those who may hear the calls) a search in what was said.

use leptos::prelude::*;

use crate::api::board::CallOutcome;
use crate::api::results::*;
use crate::api::{AppError, Permission};
use crate::components::auth::signed_in_user;
use crate::i18n::{fill, t};

#[component]
pub fn Filters(
    filter: RwSignal<ResultsFilter>,
    results: Resource<Result<ResultsView, AppError>>,
) -> impl IntoView {
    let t = t();
    let set_outcome = move |key: String| {
        filter.update(|f| {
            f.not_called = key == "not_called";
            f.outcome = CallOutcome::from_key(&key);
        })
    };
    view! {
        <section class="card filters">
            <label class="field">
                <span class="field-label">{t.results.last_outcome}</span>
                <select aria-label=t.results.filter_outcome on:change=move |ev| set_outcome(event_target_value(&ev))>
                    <option value="">{t.results.any}</option>
                    <option value="not_called">{t.results.not_called}</option>
                    {CallOutcome::ALL.iter().map(|o| view! { <option value=o.key()>{o.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field-label">{t.results.operator}</span>
                <select aria-label=t.results.filter_operator on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.operator = (!value.is_empty()).then_some(value));
                }>
                    <option value="">{t.results.any}</option>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            results.await.map(|r| r.operators.into_iter().map(|o| {
                                let selected = filter.with_untracked(|f| f.operator.as_deref() == Some(o.extension.as_str()));
                                view! { <option value=o.extension.clone() selected=selected>{fill(t.board.operator_ext, &[&o.name, &o.extension])}</option> }
                            }).collect_view()).ok()
                        })}
                    </Transition>
                </select>
            </label>
            <label class="field">
                <span class="field-label">{t.results.min_attempts}</span>
                <input type="number" min="0" class="input-short" aria-label=t.results.min_attempts_label on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.min_attempts = value.trim().parse().ok());
                }/>
            </label>
            <label class="field">
                <span class="field-label">{t.results.search}</span>
                <input type="search" placeholder=t.results.search_placeholder aria-label=t.results.search_label on:input=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.search = value);
                }/>
            </label>
            <TopicAndSaid filter results/>
        </section>
    }
}

/// The topic MANGO's speech analytics found (manual 3.4.4) and words said in a call (3.4.5).
#[component]
fn TopicAndSaid(
    filter: RwSignal<ResultsFilter>,
    results: Resource<Result<ResultsView, AppError>>,
) -> impl IntoView {
    let t = &t().results.recordings;
    let may_hear = signed_in_user().is_some_and(|u| u.role.allows(Permission::HearCalls));
    view! {
        <label class="field">
            <span class="field-label">{t.topics}</span>
            <select aria-label=t.filter_topic data-testid="filter-topic" on:change=move |ev| {
                let value = event_target_value(&ev);
                filter.update(|f| f.topic = (!value.is_empty()).then_some(value));
            }>
                <option value="">{t.any_topic}</option>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        results.await.map(|r| r.topics.into_iter().map(|topic| {
                            let selected = filter.with_untracked(|f| f.topic.as_deref() == Some(topic.as_str()));
                            view! { <option value=topic.clone() selected=selected>{topic.clone()}</option> }
                        }).collect_view()).ok()
                    })}
                </Transition>
            </select>
        </label>
        {may_hear.then(|| view! {
            <label class="field">
                <span class="field-label">{t.said_label}</span>
                <input type="search" data-testid="filter-said" placeholder=t.said_placeholder aria-label=t.said_label
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.said = value);
                    }/>
            </label>
        })}
    }
}
