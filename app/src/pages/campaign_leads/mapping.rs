//! How an upload's columns are read: the sheet, the header row, each column's role, and
//! mappings saved for files from the same source.

use leptos::prelude::*;

use crate::api::leads::*;
use crate::api::AppError;
use crate::i18n::{fill, t};

/// The server actions that change how an upload is read.
#[derive(Clone, Copy)]
pub struct MappingActions {
    pub remap: ServerAction<RemapUpload>,
    pub sheet: ServerAction<ChooseSheet>,
    pub apply: ServerAction<ApplyMappingTemplate>,
    pub save_template: ServerAction<SaveMappingTemplate>,
    pub templates: Resource<Result<Vec<MappingTemplate>, AppError>>,
}

#[component]
pub fn MappingEditor(
    view: StoredValue<UploadView>,
    actions: MappingActions,
    disabled: bool,
) -> impl IntoView {
    let MappingActions { remap, sheet, apply, save_template, templates } = actions;
    let t = &t().leads.mapping;
    let v = view.get_value();
    let upload_id = v.upload_id;
    let mapping = RwSignal::new(v.mapping.clone());
    let send = Callback::new(move |()| {
        remap.dispatch(RemapUpload { upload_id, mapping: mapping.get_untracked() });
    });
    let columns = v
        .first_row
        .iter()
        .enumerate()
        .map(|(index, cell)| {
            let heading = if v.mapping.has_header {
                cell.clone()
            } else {
                fill(t.column_example, &[&(index + 1), cell])
            };
            view! { <ColumnRoleSelect heading index mapping send disabled/> }
        })
        .collect_view();
    let sheets = (v.sheets.len() > 1).then(|| {
        view! { <SheetSelect upload_id sheets=v.sheets.clone() read_as=v.read_as.clone() sheet disabled/> }
    });
    view! {
        <section class="card" data-testid="mapping">
            <h2>{t.heading}</h2>
            {sheets}
            <label class="checkbox">
                <input type="checkbox" name="has_header" disabled=disabled prop:checked=move || mapping.with(|m| m.has_header)
                    on:change=move |ev| { mapping.update(|m| m.has_header = event_target_checked(&ev)); send.run(()); }/>
                {t.first_row_header}
            </label>
            <div class="form-grid">{columns}</div>
            {(!disabled).then(|| view! { <SavedMappings upload_id apply save_template templates/> })}
        </section>
    }
}

/// What one column holds; a change is sent at once.
#[component]
fn ColumnRoleSelect(
    heading: String,
    index: usize,
    mapping: RwSignal<ColumnMapping>,
    send: Callback<()>,
    disabled: bool,
) -> impl IntoView {
    let t = &t().leads.mapping;
    view! {
        <label class="field">
            <span class="field-label">{heading}</span>
            <select
                aria-label=fill(t.column_holds, &[&(index + 1)])
                disabled=disabled
                on:change=move |ev| {
                    if let Some(role) = ColumnRole::from_key(&event_target_value(&ev)) {
                        mapping.update(|m| {
                            if let Some(slot) = m.roles.get_mut(index) {
                                *slot = role;
                            }
                        });
                        send.run(());
                    }
                }
            >
                {ColumnRole::ALL.iter().map(|role| {
                    let role = *role;
                    view! { <option value=role.key() selected=move || mapping.with(|m| m.roles.get(index) == Some(&role))>{role.label()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The sheet to read, for a workbook with more than one.
#[component]
fn SheetSelect(
    upload_id: i64,
    sheets: Vec<String>,
    read_as: String,
    sheet: ServerAction<ChooseSheet>,
    disabled: bool,
) -> impl IntoView {
    let current = read_as;
    let t = t();
    view! {
        <label class="field">
            <span class="field-label">{t.leads.mapping.sheet}</span>
            <select
                aria-label=t.leads.mapping.sheet
                disabled=disabled
                on:change=move |ev| { sheet.dispatch(ChooseSheet { upload_id, sheet: event_target_value(&ev) }); }
            >
                {sheets.iter().map(|name| {
                    // ", sheet Лист1" is in "XLSX, sheet Лист1" and in "XLSX, sheet Лист1 (of 3)".
                    let selected = current.contains(&fill(t.leads.file.read_as_sheet, &[&"", name]));
                    view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// Use a saved mapping, or save this one under a name.
#[component]
fn SavedMappings(
    upload_id: i64,
    apply: ServerAction<ApplyMappingTemplate>,
    save_template: ServerAction<SaveMappingTemplate>,
    templates: Resource<Result<Vec<MappingTemplate>, AppError>>,
) -> impl IntoView {
    let template_name = RwSignal::new(String::new());
    let t = &t().leads.mapping;
    view! {
        <div class="form-actions">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let saved = templates.await.unwrap_or_default();
                    (!saved.is_empty()).then(|| view! {
                        <label class="field">
                            <span class="field-label">{t.use_saved}</span>
                            <select
                                aria-label=t.use_saved
                                on:change=move |ev| {
                                    if let Ok(template_id) = event_target_value(&ev).parse::<i64>() {
                                        apply.dispatch(ApplyMappingTemplate { upload_id, template_id });
                                    }
                                }
                            >
                                <option value="">{t.choose}</option>
                                {saved.into_iter().map(|m| view! { <option value=m.id.to_string()>{m.name}</option> }).collect_view()}
                            </select>
                        </label>
                    })
                })}
            </Transition>
            <label class="field">
                <span class="field-label">{t.save_as}</span>
                <input
                    aria-label=t.mapping_name
                    maxlength=TEMPLATE_NAME_MAX_CHARS.to_string()
                    placeholder=t.mapping_placeholder
                    bind:value=template_name
                />
            </label>
            <button
                type="button"
                class="button"
                disabled=move || save_template.pending().get()
                on:click=move |_| { save_template.dispatch(SaveMappingTemplate { upload_id, name: template_name.get_untracked() }); }
            >{t.save_mapping}</button>
        </div>
    }
}
