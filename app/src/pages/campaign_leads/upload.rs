//! One uploaded file as it was read: its counts, its columns, the rows refused and the rows
//! accepted as MANGO will get them, and the button that adds them to the campaign.

use leptos::prelude::*;

use crate::api::leads::*;
use crate::api::AppError;
use crate::components::feedback::{ErrorBanner, Notice};

use super::mapping::{MappingActions, MappingEditor};
use super::rejected::RejectedRows;

/// 12345 → "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
            notice.set(Some("Mapping saved; choose it for the next file from the same source.".into()));
        }
    });
    Effect::new(move |_| match accept.value().get() {
        Some(Ok(push)) => {
            error.set(None);
            notice.set(Some(format!("{} tasks in the campaign; sending to MANGO.", push.total)));
        }
        Some(Err(failure)) => error.set(Some(failure)),
        None => {}
    });
    let batch_size = RwSignal::new("500".to_string());
    view! {
        <ErrorBanner error=error/>
        <Notice message=notice/>
        <Transition fallback=|| view! { <p class="muted">"Checking the file…"</p> }>
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
    view! {
        <section class="card" data-testid="upload-summary">
            <h2>{format!("{} — {}", v.file_name, v.read_as)}</h2>
            <ul class="counts">
                <li data-testid="count-total">{format!("{} rows read", v.total_rows)}</li>
                <li data-testid="count-accepted" class="check-ok">{format!("{} accepted", v.accepted)}</li>
                {v.rejected.iter().map(|r| view! { <li class="check-failed" data-kind=r.kind.key()>{format!("{} — {}", r.count, r.label)}</li> }).collect_view()}
            </ul>
            <p class="field-hint">
                {format!("The campaign holds {} tasks; room for {} more (MANGO takes 10,000 per campaign). ", thousands(v.campaign_tasks), thousands(v.cap_remaining))}
                "MANGO requires a name for every task: rows without one are listed below — fix them or map a name column."
            </p>
            {(!v.rejected_rows.is_empty()).then(|| view! {
                <a class="button" href=format!("/leads/uploads/{upload_id}/rejected.csv") download>"Download rejected rows (CSV)"</a>
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
    view! {
        <section class="card">
            <h2>"Accepted rows, as MANGO will get them"</h2>
            <div class="table-wrap">
                <table class="table" data-testid="accepted-table">
                    <thead><tr><th>"Row"</th><th>"Number"</th><th>"Name"</th><th>"Company"</th><th>"Position"</th><th>"Additional info"</th></tr></thead>
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
            {(v.accepted_preview.len() < v.accepted).then(|| view! { <p class="muted">{format!("The first {} of {} are shown.", v.accepted_preview.len(), v.accepted)}</p> })}
            {if accepted_done {
                view! { <p class="check-ok">{format!("Added to the campaign {}.", v.accepted_at.clone().unwrap_or_default())}</p> }.into_any()
            } else {
                view! {
                    <div class="form-actions">
                        <label class="field">
                            <span class="field-label">"Tasks per request"</span>
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
                            {format!("Add {} tasks and send them to MANGO", v.accepted)}
                        </button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12345), "12,345");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
