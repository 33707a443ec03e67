//! The rows an upload refused, each with its reason and a way to fix it in place.

use leptos::prelude::*;

use crate::api::leads::*;
use crate::i18n::{fill, t};

#[component]
pub fn RejectedRows(
    view: StoredValue<UploadView>,
    fix: ServerAction<FixRow>,
    disabled: bool,
) -> impl IntoView {
    let v = view.get_value();
    if v.rejected_rows.is_empty() {
        return ().into_any();
    }
    let upload_id = v.upload_id;
    let t = t();
    let rows = v
        .rejected_rows
        .iter()
        .map(|row| view! { <RejectedRow row=row.clone() upload_id fix disabled/> })
        .collect_view();
    view! {
        <section class="card">
            <h2>{fill(t.leads.rejected.heading, &[&v.rejected_rows_shown_of])}</h2>
            <div class="table-wrap">
                <table class="table" data-testid="rejected-table">
                    <thead><tr><th>{t.leads.col_row}</th><th>{t.leads.rejected.col_cells}</th><th>{t.leads.rejected.col_why}</th><th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(v.rejected_rows.len() < v.rejected_rows_shown_of).then(|| view! {
                <p class="muted">{fill(t.leads.rejected.first_shown, &[&v.rejected_rows.len()])}</p>
            })}
        </section>
    }
    .into_any()
}

/// One refused row: its cells, the reason, and "Fix" to edit and save them.
#[component]
fn RejectedRow(row: CheckedRow, upload_id: i64, fix: ServerAction<FixRow>, disabled: bool) -> impl IntoView {
    let number = row.row;
    let t = &t().leads.rejected;
    let reason = row.rejection.as_ref().map(|r| r.describe()).unwrap_or_default();
    let cells = RwSignal::new(row.cells.clone());
    let editing = RwSignal::new(false);
    // Untracked: typing must not rebuild the inputs (that would drop the focus).
    let inputs = move || {
        cells
            .get_untracked()
            .into_iter()
            .enumerate()
            .map(|(i, value)| view! {
                <input aria-label=fill(t.cell_label, &[&number, &(i + 1)]) prop:value=value
                    on:input=move |ev| cells.update(|c| { if let Some(slot) = c.get_mut(i) { *slot = event_target_value(&ev); } })/>
            })
            .collect_view()
    };
    view! {
        <tr data-testid="rejected-row" data-row=number>
            <td>{number}</td>
            <td>
                {move || if editing.get() {
                    view! {
                        <span class="inline-form">{inputs()}
                            <button type="button" class="button button-primary" on:click=move |_| {
                                fix.dispatch(FixRow { upload_id, row: number, cells: cells.get_untracked() });
                                editing.set(false);
                            }>{t.save_row}</button>
                        </span>
                    }.into_any()
                } else {
                    view! { <span>{cells.get().iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" | ")}</span> }.into_any()
                }}
            </td>
            <td class="field-error">{reason}</td>
            <td>{(!disabled).then(|| view! { <button type="button" class="button" on:click=move |_| editing.set(true)>{t.fix}</button> })}</td>
        </tr>
    }
}
