//! The entries: a search, active or removed ones, the CSV export, and removing an entry with
//! its reason.

use leptos::prelude::*;

use crate::api::do_not_call::*;
use crate::api::AppError;
use crate::components::feedback::{ErrorBanner, Notice};
use crate::i18n::{fill, t};

#[component]
pub fn Entries(
    view: DoNotCallView,
    search: RwSignal<String>,
    removed: RwSignal<bool>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let t = &t().do_not_call;
    let remove = ServerAction::<RemoveFromDoNotCall>::new();
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => {
            error.set(None);
            changed.update(|n| *n += 1);
        }
        Some(Err(failure)) => error.set(Some(failure)),
        None => {}
    });
    let showing_removed = removed.get_untracked();
    let shown = view.entries.len();
    let rows = view.entries.into_iter().map(|entry| view! { <EntryRow entry remove notice/> }).collect_view();
    view! {
        <section class="card" data-testid="dnc-list">
            <div class="page-head-row">
                <p data-testid="dnc-counts">{fill(t.counts, &[&view.active, &view.removed])}</p>
                <a class="button" href=EXPORT_PATH download="do-not-call.csv">{t.export}</a>
            </div>
            <div class="form form-inline">
                <label class="field">
                    <span>{t.search_label}</span>
                    <input type="search" name="search" prop:value=move || search.get()
                        on:change=move |ev| search.set(event_target_value(&ev))/>
                </label>
                <div class="segmented" role="group">
                    <button type="button" class="button" aria-pressed=(!showing_removed).to_string()
                        on:click=move |_| removed.set(false)>{t.show_active}</button>
                    <button type="button" class="button" aria-pressed=showing_removed.to_string()
                        data-testid="dnc-show-removed" on:click=move |_| removed.set(true)>{t.show_removed}</button>
                </div>
            </div>
            <ErrorBanner error=error/>
            <Notice message=notice/>
            <table class="table" data-testid="dnc-entries">
                <thead>
                    <tr>
                        <th>{t.col_number}</th>
                        <th>{t.col_reason}</th>
                        <th>{t.col_source}</th>
                        <th>{t.col_added_by}</th>
                        <th>{t.col_added_at}</th>
                        <th>{if showing_removed { t.col_removed } else { "" }}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {(view.active == 0 && !showing_removed).then(|| view! { <p class="muted">{t.empty}</p> })}
            {(shown == LIST_SHOWN).then(|| view! { <p class="muted">{fill(t.first_shown, &[&LIST_SHOWN])}</p> })}
        </section>
    }
}

#[component]
fn EntryRow(
    entry: ListEntry,
    remove: ServerAction<RemoveFromDoNotCall>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = &t().do_not_call;
    let asking = RwSignal::new(false);
    let why = RwSignal::new(String::new());
    let id = entry.id;
    let number = entry.number.clone();
    let last_cell = match (&entry.removed_at, &entry.removed_by) {
        (Some(at), Some(by)) => {
            let words = fill(t.removed_line, &[at, by, &entry.removal_reason.clone().unwrap_or_default()]);
            view! { <span class="muted">{words}</span> }.into_any()
        }
        _ => view! {
            <Show when=move || asking.get() fallback=move || view! {
                <button type="button" class="button button-quiet" on:click=move |_| asking.set(true)>{t.remove}</button>
            }>
                <form class="inline-form" on:submit={
                    let number = number.clone();
                    move |ev| {
                        ev.prevent_default();
                        notice.set(Some(fill(t.removed_notice, &[&number])));
                        remove.dispatch(RemoveFromDoNotCall { id, reason: why.get_untracked() });
                    }
                }>
                    <input type="text" name="why" aria-label=t.remove_reason_label placeholder=t.remove_reason_label
                        prop:value=move || why.get() on:input=move |ev| why.set(event_target_value(&ev))/>
                    <button type="submit" class="button">{t.remove_confirm}</button>
                </form>
            </Show>
        }
        .into_any(),
    };
    let shown_number = entry.number.clone();
    view! {
        <tr data-number=entry.number>
            <td class="mono">{shown_number}</td>
            <td>{entry.reason}</td>
            <td>{entry.source.label()}</td>
            <td>{entry.added_by}</td>
            <td>{entry.added_at}</td>
            <td>{last_cell}</td>
        </tr>
    }
}
