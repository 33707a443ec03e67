//! A campaign's lead lists: upload a CSV/XLSX, map its columns, see what each row became,
//! fix rejected rows, then add the accepted ones as tasks and watch them go to MANGO.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::leads::*;
use crate::api::{AppError, Permission};
use crate::components::auth::{signed_in_user, Guard};
use crate::components::feedback::{ErrorBanner, Notice};

#[component]
pub fn CampaignLeadsPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Title text="Lead list · Obzvon"/>
        <Guard permission=Permission::UploadLeadLists>
            {move || match id() {
                Some(id) => view! { <LeadsView campaign_id=id/> }.into_any(),
                None => view! { <ErrorBanner error=Some(AppError::NotFound("There is no such campaign.".into()))/> }.into_any(),
            }}
        </Guard>
    }
}

#[component]
fn LeadsView(campaign_id: i64) -> impl IntoView {
    let query = use_query_map();
    let upload_id = move || query.with(|q| q.get("upload").and_then(|u| u.parse::<i64>().ok()));
    let upload_error = move || query.with(|q| q.get("error"));
    let tick = RwSignal::new(0u32);
    let overview = Resource::new(move || tick.get(), move |_| get_leads_overview(campaign_id));
    #[cfg(feature = "hydrate")]
    {
        let handle =
            set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(1))
                .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(overview) => view! {
                        <header class="page-head page-head-row">
                            <div>
                                <h1>"Lead list"</h1>
                                <p class="muted">
                                    <A href=format!("/campaigns/{campaign_id}")>{overview.campaign_name.clone()}</A>
                                </p>
                            </div>
                        </header>
                        {(!overview.in_mango).then(|| view! {
                            <div class="banner banner-info" role="status">
                                "This campaign is not in MANGO yet: you can upload and check a list now, and add it once the campaign is created in MANGO."
                            </div>
                        })}
                        <PushProgress campaign_id push=overview.push.clone()/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
        // Outside the refreshing part: a chosen file must survive the progress updates.
        <UploadForm campaign_id/>
        {move || upload_error().map(|text| view! { <div class="banner banner-error" role="alert" data-testid="upload-error">{text}</div> })}
        {move || upload_id().map(|upload_id| view! { <UploadPreview upload_id/> })}
    }
}

#[component]
fn UploadForm(campaign_id: i64) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Upload a list"</h2>
            <form
                method="post"
                enctype="multipart/form-data"
                action=format!("/campaigns/{campaign_id}/leads/upload")
                class="form"
                data-testid="upload-form"
            >
                <label class="dropzone">
                    <span>"Drop a CSV or spreadsheet here, or choose one"</span>
                    <span class="field-hint">
                        "CSV or TXT in UTF-8, UTF-16 or Windows-1251, separated by , ; tab or |; XLSX, XLS or ODS (the first sheet with data). Up to 20 MB and 100,000 rows."
                    </span>
                    <input type="file" name="file" accept=".csv,.txt,.tsv,.xlsx,.xls,.ods" required/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">"Upload and check"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn PushProgress(campaign_id: i64, push: PushView) -> impl IntoView {
    let control = ServerAction::<ControlPush>::new();
    let may_push = signed_in_user().is_some_and(|u| u.role.allows(Permission::PushTasks));
    if push.state == PushState::None {
        return ().into_any();
    }
    let percent = if push.total > 0 { push.sent * 100 / push.total } else { 0 };
    let state_text = match push.state {
        PushState::Running => "Sending to MANGO",
        PushState::Paused => "Paused",
        PushState::Done => "All tasks are in MANGO",
        PushState::Failed => "Stopped",
        PushState::None => "",
    };
    let details = match (push.rate_per_minute, push.seconds_left) {
        (Some(rate), Some(left)) if push.state == PushState::Running => {
            format!("{rate:.0} tasks per minute, about {} left", duration_words(left))
        }
        (Some(rate), _) => format!("{rate:.0} tasks per minute"),
        _ => String::new(),
    };
    let running = push.state == PushState::Running;
    let resumable = push.state.can_resume();
    view! {
        <section class="card" data-testid="push-progress" data-state=push.state.key()>
            <h2>{state_text}</h2>
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=push.total aria-valuenow=push.sent>
                <div class="progress-bar" style=format!("width: {percent}%")></div>
            </div>
            <p data-testid="push-counts">{format!("{} of {} tasks sent ({percent} %)", push.sent, push.total)} " " <span class="muted">{details}</span></p>
            {push.last_error.clone().map(|e| view! { <p class="field-error" data-testid="push-error">{e}</p> })}
            {may_push.then(|| view! {
                <div class="actions">
                    {running.then(|| view! {
                        <button type="button" class="button" on:click=move |_| { control.dispatch(ControlPush { campaign_id, control: PushControl::Pause }); }>"Pause"</button>
                    })}
                    {resumable.then(|| view! {
                        <button type="button" class="button" on:click=move |_| { control.dispatch(ControlPush { campaign_id, control: PushControl::Resume }); }>"Resume"</button>
                    })}
                </div>
            })}
        </section>
    }
    .into_any()
}

fn duration_words(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min", (s + 59) / 60),
        s => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

/// 12345 → "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[component]
fn UploadPreview(upload_id: i64) -> impl IntoView {
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
                        let v = view.get_value();
                        let accepted_done = v.accepted_at.is_some();
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
                            <MappingEditor view actions disabled=accepted_done/>
                            <RejectedRows view fix disabled=accepted_done/>
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
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The server actions that change how an upload is read.
#[derive(Clone, Copy)]
struct MappingActions {
    remap: ServerAction<RemapUpload>,
    sheet: ServerAction<ChooseSheet>,
    apply: ServerAction<ApplyMappingTemplate>,
    save_template: ServerAction<SaveMappingTemplate>,
    templates: Resource<Result<Vec<MappingTemplate>, AppError>>,
}

#[component]
fn MappingEditor(view: StoredValue<UploadView>, actions: MappingActions, disabled: bool) -> impl IntoView {
    let MappingActions { remap, sheet, apply, save_template, templates } = actions;
    let v = view.get_value();
    let upload_id = v.upload_id;
    let mapping = RwSignal::new(v.mapping.clone());
    let send = move || {
        remap.dispatch(RemapUpload { upload_id, mapping: mapping.get_untracked() });
    };
    let columns = v
        .first_row
        .iter()
        .enumerate()
        .map(|(index, cell)| {
            let heading = if v.mapping.has_header { cell.clone() } else { format!("Column {} (e.g. {cell})", index + 1) };
            view! {
                <label class="field">
                    <span class="field-label">{heading}</span>
                    <select
                        aria-label=format!("Column {} holds", index + 1)
                        disabled=disabled
                        on:change=move |ev| {
                            if let Some(role) = ColumnRole::from_key(&event_target_value(&ev)) {
                                mapping.update(|m| {
                                    if let Some(slot) = m.roles.get_mut(index) {
                                        *slot = role;
                                    }
                                });
                                send();
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
        })
        .collect_view();
    let sheets = (v.sheets.len() > 1).then(|| {
        let current = v.read_as.clone();
        view! {
            <label class="field">
                <span class="field-label">"Sheet"</span>
                <select
                    aria-label="Sheet"
                    disabled=disabled
                    on:change=move |ev| { sheet.dispatch(ChooseSheet { upload_id, sheet: event_target_value(&ev) }); }
                >
                    {v.sheets.iter().map(|name| {
                        let selected = current.contains(&format!("sheet {name}"));
                        view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    });
    let template_name = RwSignal::new(String::new());
    view! {
        <section class="card" data-testid="mapping">
            <h2>"Columns"</h2>
            {sheets}
            <label class="checkbox">
                <input type="checkbox" name="has_header" disabled=disabled prop:checked=move || mapping.with(|m| m.has_header)
                    on:change=move |ev| { mapping.update(|m| m.has_header = event_target_checked(&ev)); send(); }/>
                "The first row is a header"
            </label>
            <div class="form-grid">{columns}</div>
            {(!disabled).then(|| view! {
                <div class="form-actions">
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let saved = templates.await.unwrap_or_default();
                            (!saved.is_empty()).then(|| view! {
                                <label class="field">
                                    <span class="field-label">"Use a saved mapping"</span>
                                    <select
                                        aria-label="Use a saved mapping"
                                        on:change=move |ev| {
                                            if let Ok(template_id) = event_target_value(&ev).parse::<i64>() {
                                                apply.dispatch(ApplyMappingTemplate { upload_id, template_id });
                                            }
                                        }
                                    >
                                        <option value="">"Choose…"</option>
                                        {saved.into_iter().map(|t| view! { <option value=t.id.to_string()>{t.name}</option> }).collect_view()}
                                    </select>
                                </label>
                            })
                        })}
                    </Transition>
                    <label class="field">
                        <span class="field-label">"Save this mapping as"</span>
                        <input
                            aria-label="Mapping name"
                            maxlength=TEMPLATE_NAME_MAX_CHARS.to_string()
                            placeholder="e.g. Bitrix24 export"
                            bind:value=template_name
                        />
                    </label>
                    <button
                        type="button"
                        class="button"
                        disabled=move || save_template.pending().get()
                        on:click=move |_| { save_template.dispatch(SaveMappingTemplate { upload_id, name: template_name.get_untracked() }); }
                    >"Save mapping"</button>
                </div>
            })}
        </section>
    }
}

#[component]
fn RejectedRows(view: StoredValue<UploadView>, fix: ServerAction<FixRow>, disabled: bool) -> impl IntoView {
    let v = view.get_value();
    if v.rejected_rows.is_empty() {
        return ().into_any();
    }
    let upload_id = v.upload_id;
    let rows = v
        .rejected_rows
        .iter()
        .map(|row| {
            let number = row.row;
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
                        <input aria-label=format!("Row {number} cell {}", i + 1) prop:value=value
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
                                    }>"Save row"</button>
                                </span>
                            }.into_any()
                        } else {
                            view! { <span>{cells.get().iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" | ")}</span> }.into_any()
                        }}
                    </td>
                    <td class="field-error">{reason}</td>
                    <td>{(!disabled).then(|| view! { <button type="button" class="button" on:click=move |_| editing.set(true)>"Fix"</button> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{format!("Rejected rows ({})", v.rejected_rows_shown_of)}</h2>
            <div class="table-wrap">
                <table class="table" data-testid="rejected-table">
                    <thead><tr><th>"Row"</th><th>"Cells"</th><th>"Why"</th><th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(v.rejected_rows.len() < v.rejected_rows_shown_of).then(|| view! {
                <p class="muted">{format!("The first {} are shown; download the CSV for all of them.", v.rejected_rows.len())}</p>
            })}
        </section>
    }
    .into_any()
}
