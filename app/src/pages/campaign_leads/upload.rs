//! One uploaded file as it was read: its counts, its columns, the rows refused and the rows
//! accepted as MANGO will get them, and the button that adds them to the campaign.

use leptos::prelude::*;

use crate::api::leads::*;
use crate::api::AppError;
use crate::components::feedback::{ErrorBanner, Notice};
use crate::i18n::{current, fill, format::number, t};

use super::mapping::{MappingActions, MappingEditor};
use super::rejected::RejectedRows;

/// 12345 → "12,345" (English), "12 345" (Russian).
fn grouped(n: usize) -> String {
    number(current(), n as u64)
}

#[component]
pub fn UploadPreview(upload_id: i64) -> impl IntoView {
    let remap = ServerAction::<RemapUpload>::new();
    let fix = ServerAction::<FixRow>::new();
    let accept = ServerAction::<AcceptUpload>::new();
    let sheet = ServerAction::<ChooseSheet>::new();
    let apply = ServerAction::<ApplyMappingTemplate>::new();
    let save_template = ServerAction::<SaveMappingTemplate>::new();
    let loaded = Resource::new(
        move || {
            (
                remap.version().get(),
                fix.version().get(),
                accept.version().get(),
                sheet.version().get(),
                apply.version().get(),
            )
        },
        move |_| get_upload(upload_id),
    );
    let templates = Resource::new(move || save_template.version().get(), |_| list_mapping_templates());
    let actions = MappingActions { remap, sheet, apply, save_template, templates };
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let t = &t().leads;
    Effect::new(move |_| {
        let failures = [
            remap.value().get().and_then(|r| r.err()),
            fix.value().get().and_then(|r| r.err()),
            sheet.value().get().and_then(|r| r.err()),
            apply.value().get().and_then(|r| r.err()),
            save_template.value().get().and_then(|r| r.err()),
        ];
        error.set(failures.into_iter().flatten().last());
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save_template.value().get() {
            notice.set(Some(t.mapping_saved.into()));
        }
    });
    Effect::new(move |_| match accept.value().get() {
        Some(Ok(push)) => {
            error.set(None);
            notice.set(Some(fill(t.tasks_added, &[&t.tasks.count(push.total.max(0) as u64)])));
        }
        Some(Err(failure)) => error.set(Some(failure)),
        None => {}
    });
    let batch_size = RwSignal::new("500".to_string());
    view! {
        <ErrorBanner error=error/>
        <Notice message=notice/>
        <Transition fallback=move || view! { <p class="muted">{t.checking}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Err(failure) => view! { <ErrorBanner error=Some(failure)/> }.into_any(),
                    Ok(view) => {
                        let view = StoredValue::new(view);
                        let accepted_done = view.with_value(|v| v.accepted_at.is_some());
                        view! {
                            <SummaryCard view upload_id/>
                            <MappingEditor view actions disabled=accepted_done/>
                            <RejectedRows view fix disabled=accepted_done/>
                            <AcceptedCard view upload_id accept batch_size/>
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The file's name, how it was read and what its rows became.
#[component]
fn SummaryCard(view: StoredValue<UploadView>, upload_id: i64) -> impl IntoView {
    let v = view.get_value();
    let t = &t().leads;
    view! {
        <section class="card" data-testid="upload-summary">
            <h2>{format!("{} — {}", v.file_name, v.read_as)}</h2>
            <ul class="counts">
                <li data-testid="count-total">{fill(t.rows_read, &[&t.rows.count(v.total_rows as u64)])}</li>
                <li data-testid="count-accepted" class="check-ok">{fill(t.accepted_count, &[&grouped(v.accepted)])}</li>
                {v.rejected.iter().map(|r| view! { <li class="check-failed" data-kind=r.kind.key()>{format!("{} — {}", grouped(r.count), r.label)}</li> }).collect_view()}
            </ul>
            <p class="field-hint">
                {fill(t.campaign_holds, &[&grouped(v.campaign_tasks), &grouped(v.cap_remaining)])}
                {t.name_required_hint}
            </p>
            {(!v.rejected_rows.is_empty()).then(|| view! {
                <a class="button" href=format!("/leads/uploads/{upload_id}/rejected.csv") download>{t.download_rejected}</a>
            })}
        </section>
    }
}

/// The accepted rows as MANGO will get them, and the button that adds them as tasks.
#[component]
fn AcceptedCard(
    view: StoredValue<UploadView>,
    upload_id: i64,
    accept: ServerAction<AcceptUpload>,
    batch_size: RwSignal<String>,
) -> impl IntoView {
    let v = view.get_value();
    let accepted_done = v.accepted_at.is_some();
    let t = &t().leads;
    view! {
        <section class="card">
            <h2>{t.accepted_heading}</h2>
            <div class="table-wrap">
                <table class="table" data-testid="accepted-table">
                    <thead><tr><th>{t.col_row}</th><th>{t.col_number}</th><th>{t.col_name}</th><th>{t.col_company}</th><th>{t.col_position}</th><th>{t.col_additional_info}</th></tr></thead>
                    <tbody>
                        {v.accepted_preview.iter().map(|row| view! {
                            <tr>
                                <td>{row.row}</td>
                                <td class="nowrap">{row.fields.number.clone()}</td>
                                <td>{row.fields.name.clone()}</td>
                                <td>{row.fields.organization.clone()}</td>
                                <td>{row.fields.position.clone()}</td>
                                <td>{row.fields.additional_info.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(v.accepted_preview.len() < v.accepted).then(|| view! { <p class="muted">{fill(t.first_of_shown, &[&v.accepted_preview.len(), &grouped(v.accepted)])}</p> })}
            {if accepted_done {
                view! { <p class="check-ok">{fill(t.added_at, &[&v.accepted_at.clone().unwrap_or_default()])}</p> }.into_any()
            } else {
                view! {
                    <div class="form-actions">
                        <label class="field">
                            <span class="field-label">{t.tasks_per_request}</span>
                            <input type="number" min="1" max="2000" class="input-short" bind:value=batch_size name="batch_size"/>
                        </label>
                        <button
                            type="button"
                            class="button button-primary"
                            data-testid="accept-upload"
                            disabled=move || accept.pending().get() || view.with_value(|v| v.accepted == 0)
                            on:click=move |_| {
                                let size = batch_size.get_untracked().trim().parse().unwrap_or(500);
                                accept.dispatch(AcceptUpload { upload_id, batch_size: size });
                            }
                        >
                            {fill(t.add_and_send, &[&grouped(v.accepted)])}
                        </button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;
    use crate::i18n::{in_lang, Lang};

    #[test]
    fn thousands_are_grouped_by_commas() {
        in_lang(Lang::En, || {
            assert_eq!(grouped(0), "0");
            assert_eq!(grouped(999), "999");
            assert_eq!(grouped(1000), "1,000");
            assert_eq!(grouped(12345), "12,345");
            assert_eq!(grouped(1234567), "1,234,567");
        });
        assert_eq!(in_lang(Lang::Ru, || grouped(12345)), "12\u{202F}345");
    }
}
