//! The MANGO directory as Obzvon has cached it: operators (with who is not in outbound
//! dialing), lines and audio files, when each was fetched, and a refresh button.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::directory::*;
use crate::api::{AppError, Permission};
use crate::components::auth::{signed_in_user, Guard};
use crate::components::feedback::{ErrorBanner, Notice};
use crate::i18n::{fill, t};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=format!("{}{}", t.directory.title, t.common.title_suffix)/>
        <Guard permission=Permission::ViewCampaigns>
            <DirectoryLoader/>
        </Guard>
    }
}

#[component]
fn DirectoryLoader() -> impl IntoView {
    let refresh = ServerAction::<RefreshDirectory>::new();
    let t = &t().directory;
    let loaded = Resource::new(|| (), |_| get_directory());
    let may_refresh = signed_in_user().is_some_and(|user| user.role.allows(Permission::EditCampaigns));
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    // The refreshed directory replaces the loaded one once it arrives.
    let refreshed = RwSignal::new(None::<DirectoryView>);
    Effect::new(move |_| match refresh.value().get() {
        Some(Ok(view)) => {
            let failed = view.parts.iter().filter(|p| p.last_error.is_some()).count();
            error.set(None);
            notice.set(Some(if failed == 0 {
                t.refreshed.to_string()
            } else {
                fill(t.refreshed_failed, &[&failed])
            }));
            refreshed.set(Some(view));
        }
        Some(Err(failure)) => {
            notice.set(None);
            error.set(Some(failure));
        }
        None => {}
    });

    view! {
        <header class="page-head page-head-row">
            <div>
                <h1>{t.title}</h1>
                <p class="muted">{t.intro}</p>
            </div>
            <Show when=move || may_refresh>
                <button
                    type="button"
                    class="button"
                    data-testid="refresh-directory"
                    disabled=move || refresh.pending().get()
                    on:click=move |_| {
                        refresh.dispatch(RefreshDirectory {});
                    }
                >
                    {move || if refresh.pending().get() { t.refreshing } else { t.refresh }}
                </button>
            </Show>
        </header>
        <ErrorBanner error=error/>
        <Notice message=notice/>
        <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let first = loaded.await;
                match refreshed.get().map(Ok).unwrap_or(first) {
                    Ok(view) => view! { <DirectoryTables view/> }.into_any(),
                    Err(failure) => view! { <ErrorBanner error=Some(failure)/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DirectoryTables(view: DirectoryView) -> impl IntoView {
    let DirectoryView { sandbox, stale_source, operators, lines, audio_files, parts, refresh_every_minutes } =
        view;
    let t = &t().directory;
    view! {
        <Show when=move || sandbox>
            <div class="banner banner-info" role="status" data-testid="sandbox-notice">
                {t.sandbox}
            </div>
        </Show>
        <Show when=move || stale_source>
            <div class="banner banner-info" role="status">
                {t.stale}
            </div>
        </Show>
        <PartsCard parts refresh_every_minutes/>
        <OperatorsCard operators/>
        <LinesCard lines/>
        <AudioCard audio_files/>
    }
}

/// When each part of the directory was fetched, and whether the last attempt failed.
#[component]
fn PartsCard(parts: Vec<DirectoryPartState>, refresh_every_minutes: u32) -> impl IntoView {
    let t = &t().directory;
    let part_states = parts
        .into_iter()
        .map(|part| {
            let fetched = part.fetched_at.unwrap_or_else(|| t.never_fetched.into());
            view! {
                <div>
                    <dt>{part.label}</dt>
                    <dd>{t.fetched} {fetched}</dd>
                    {part.last_error.map(|error| view! { <dd class="field-error">{t.last_failed} {error}</dd> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t.last_fetched}</h2>
            <dl class="part-states" data-testid="directory-parts">{part_states}</dl>
            <p class="field-hint">{fill(t.auto_refresh, &[&refresh_every_minutes])}</p>
        </section>
    }
}

/// The operators, with whether each takes campaign calls.
#[component]
fn OperatorsCard(operators: Vec<OperatorView>) -> impl IntoView {
    let t = &t().directory;
    let outbound = operators.iter().filter(|o| o.in_outbound() == Some(true)).count();
    let operator_count = operators.len();
    let operator_rows = operators
        .into_iter()
        .map(|operator| {
            let badge = match operator.in_outbound() {
                Some(true) => "badge badge-ok",
                Some(false) => "badge badge-warn",
                None => "badge",
            };
            let availability = operator.availability();
            view! {
                <tr data-testid="operator-row">
                    <td>{operator.name}</td>
                    <td>{operator.extension.unwrap_or_default()}</td>
                    <td>{operator.department.unwrap_or_default()}</td>
                    <td>{operator.position.unwrap_or_default()}</td>
                    <td><span class=badge>{availability}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t.operators} <span class="muted">{fill(t.operators_count, &[&operator_count, &outbound])}</span></h2>
            <div class="table-wrap">
                <table class="table" data-testid="operators-table">
                    <thead><tr><th>{t.col_name}</th><th>{t.col_ext}</th><th>{t.col_department}</th><th>{t.col_position}</th><th>{t.col_campaign_calls}</th></tr></thead>
                    <tbody>{operator_rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The company's lines (numbers MANGO can call from).
#[component]
fn LinesCard(lines: Vec<LineView>) -> impl IntoView {
    let t = &t().directory;
    let line_rows = lines
        .into_iter()
        .map(|line| {
            view! {
                <tr data-testid="line-row">
                    <td class="nowrap">{line.number}</td>
                    <td>{line.name.or(line.comment).unwrap_or_default()}</td>
                    <td>{line.region.unwrap_or_default()}</td>
                    <td class="muted">{line.line_id}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t.lines}</h2>
            <div class="table-wrap">
                <table class="table" data-testid="lines-table">
                    <thead><tr><th>{t.col_number}</th><th>{t.col_line_name}</th><th>{t.col_region}</th><th>"line_id"</th></tr></thead>
                    <tbody>{line_rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The audio files (voice messages and hold music).
#[component]
fn AudioCard(audio_files: Vec<AudioFileView>) -> impl IntoView {
    let t = &t().directory;
    let audio_rows = audio_files
        .into_iter()
        .map(|file| view! { <tr data-testid="audio-row"><td>{file.name}</td><td class="muted">{file.audio_id}</td></tr> })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t.audio}</h2>
            <div class="table-wrap">
                <table class="table" data-testid="audio-table">
                    <thead><tr><th>{t.col_audio_name}</th><th>"id"</th></tr></thead>
                    <tbody>{audio_rows}</tbody>
                </table>
            </div>
        </section>
    }
}
