//! The three ways onto the list: numbers typed by hand, a file, and the "called recently"
//! setting that bars numbers called in other campaigns.

use leptos::prelude::*;

use crate::api::do_not_call::*;
use crate::api::AppError;
use crate::components::feedback::{ErrorBanner, Notice};
use crate::i18n::{fill, t};

/// What an addition did, in words: the counts and each refused line.
fn addition_words(addition: &ListAddition) -> (String, Vec<String>) {
    let t = &t().do_not_call;
    let summary =
        fill(t.added_summary, &[&addition.added.len(), &addition.already.len(), &addition.refused.len()]);
    let lines =
        addition.refused.iter().map(|r| fill(t.refusal_line, &[&r.line, &r.text, &r.reason])).collect();
    (summary, lines)
}

#[component]
pub fn AddNumbers(changed: RwSignal<u32>) -> impl IntoView {
    let t = &t().do_not_call;
    let add = ServerAction::<AddToDoNotCall>::new();
    let numbers = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let outcome = RwSignal::new(None::<(String, Vec<String>)>);
    Effect::new(move |_| match add.value().get() {
        Some(Ok(addition)) => {
            error.set(None);
            outcome.set(Some(addition_words(&addition)));
            numbers.set(String::new());
            changed.update(|n| *n += 1);
        }
        Some(Err(failure)) => {
            outcome.set(None);
            error.set(Some(failure));
        }
        None => {}
    });
    view! {
        <section class="card" data-testid="dnc-add">
            <h2>{t.add_heading}</h2>
            <form class="form" on:submit=move |ev| {
                ev.prevent_default();
                add.dispatch(AddToDoNotCall { numbers: numbers.get_untracked(), reason: reason.get_untracked() });
            }>
                <label class="field">
                    <span>{t.numbers_label}</span>
                    <textarea name="numbers" rows="4" prop:value=move || numbers.get()
                        on:input=move |ev| numbers.set(event_target_value(&ev))></textarea>
                    <span class="field-hint">{t.numbers_hint}</span>
                </label>
                <label class="field">
                    <span>{t.reason_label}</span>
                    <input type="text" name="reason" placeholder=t.reason_placeholder prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || add.pending().get()>
                        {move || if add.pending().get() { t.adding } else { t.add_button }}
                    </button>
                </div>
            </form>
            <ErrorBanner error=error/>
            {move || outcome.get().map(|(summary, lines)| view! {
                <div class="banner banner-ok" role="status" data-testid="dnc-add-outcome">
                    {summary}
                    <ul class="refusals">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            })}
        </section>
    }
}

/// A plain multipart form, as lead lists are uploaded: it works before the page hydrates.
#[component]
pub fn FromFile() -> impl IntoView {
    let t = &t().do_not_call;
    let chosen = RwSignal::new(None::<String>);
    view! {
        <section class="card">
            <h2>{t.file_heading}</h2>
            <form method="post" enctype="multipart/form-data" action=UPLOAD_PATH class="form" data-testid="dnc-file-form">
                <p class="field-hint">{t.file_hint}</p>
                <label class="field">
                    <span>{t.file_label}</span>
                    <span class="file-choice">
                        <span class="button" aria-hidden="true">{crate::i18n::t().leads.choose_file}</span>
                        <span class="muted">{move || chosen.get().unwrap_or_else(|| crate::i18n::t().leads.no_file.to_string())}</span>
                    </span>
                    <input type="file" name="file" class="visually-hidden" aria-label=t.file_label
                        accept=".csv,.txt,.tsv,.xlsx,.xls,.ods" required
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            chosen.set(value.rsplit(['\\', '/']).next().map(str::to_string));
                        }/>
                </label>
                <label class="field">
                    <span>{t.reason_label}</span>
                    <input type="text" name="reason" placeholder=t.reason_placeholder/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button">{t.upload_button}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
pub fn CalledRecently(days: u32) -> impl IntoView {
    let t = &t().do_not_call;
    let save = ServerAction::<SetCalledRecently>::new();
    let typed = RwSignal::new(days.to_string());
    let now = RwSignal::new(days);
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            now.set(saved);
            error.set(None);
            notice.set(Some(t.saved.to_string()));
        }
        Some(Err(failure)) => {
            notice.set(None);
            error.set(Some(failure));
        }
        None => {}
    });
    view! {
        <section class="card" data-testid="dnc-recent">
            <h2>{t.recent_heading}</h2>
            <p class="muted">{t.recent_intro}</p>
            <p data-testid="dnc-recent-now">
                {move || match now.get() { 0 => t.recent_off.to_string(), n => fill(t.recent_on, &[&n]) }}
            </p>
            <form class="form form-inline" on:submit=move |ev| {
                ev.prevent_default();
                match typed.get_untracked().trim().parse::<u32>() {
                    Ok(days) => {
                        save.dispatch(SetCalledRecently { days });
                    }
                    Err(_) => error.set(Some(AppError::invalid("days", fill(t.days_range, &[&MAX_RECENT_DAYS])))),
                }
            }>
                <label class="field">
                    <span>{t.recent_days_label}</span>
                    <input type="number" name="days" min="0" max=MAX_RECENT_DAYS prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="button" disabled=move || save.pending().get()>{t.save}</button>
            </form>
            <ErrorBanner error=error/>
            <Notice message=notice/>
        </section>
    }
}
