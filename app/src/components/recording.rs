//! Listening to calls and reading what was said. One player per page ([`Player`], fed by
//! [`NowPlaying`] from context) sits outside the parts that re-render: the board is redrawn on
//! every event, and a player inside it would stop mid-call. Audio comes from Obzvon's own
//! route, which asks MANGO for a fresh one-time link each time (manual 3.4.1).

use leptos::prelude::*;

use crate::api::recordings::*;
use crate::api::Permission;
use crate::components::auth::signed_in_user;
use crate::components::feedback::ErrorBanner;
use crate::i18n::{fill, t};

/// The recording the page plays, and whose call it is; provided by the page.
#[derive(Clone, Copy)]
pub struct NowPlaying(pub RwSignal<Option<(i64, String)>>);

impl NowPlaying {
    pub fn provide() -> NowPlaying {
        let now = NowPlaying(RwSignal::new(None));
        provide_context(now);
        now
    }
}

/// Whether the signed-in user may listen, download and read transcripts.
pub fn may_hear() -> bool {
    signed_in_user().is_some_and(|u| u.role.allows(Permission::HearCalls))
}

/// The page's player: the chosen recording with the browser's controls.
#[component]
pub fn Player() -> impl IntoView {
    let t = &t().results.recordings;
    let now = use_context::<NowPlaying>().map(|n| n.0);
    move || {
        let (id, whose) = now.and_then(|n| n.get())?;
        Some(view! {
            <section class="card player" data-testid="recording-player">
                <p>{fill(t.listen_label, &[&whose])}</p>
                <audio controls autoplay preload="auto" data-testid="recording-audio" src=play_url(id)></audio>
                <p><a href=download_url(id) download data-testid="recording-download">{t.download}</a></p>
            </section>
        })
    }
}

/// "Listen": plays the recording in the page's player.
#[component]
pub fn ListenButton(recording: i64, whose: String) -> impl IntoView {
    let t = &t().results.recordings;
    let now = use_context::<NowPlaying>().map(|n| n.0);
    view! {
        <button type="button" class="button button-small" data-testid="listen" aria-label=fill(t.listen_label, &[&whose])
            on:click=move |_| if let Some(now) = now { now.set(Some((recording, whose.clone()))) }>
            {t.listen}
        </button>
    }
}

/// One recording in Results: its state, topics, the phrase a search found, and for those who
/// may hear the calls, Listen and what was said.
#[component]
pub fn RecordingCell(recording: CallRecording, whose: String) -> impl IntoView {
    let t = &t().results.recordings;
    let hear = may_hear();
    let open = RwSignal::new(false);
    let id = recording.id;
    let state = match &recording.status {
        RecordingStatus::Stored => None,
        RecordingStatus::Recording => Some(t.being_recorded.to_string()),
        RecordingStatus::MailedOnly => Some(t.mailed_only.to_string()),
        RecordingStatus::Failed { reason, .. } => Some(fill(t.failed, &[reason])),
    };
    let playable = recording.status.playable();
    view! {
        <div class="recording" data-testid="recording">
            {recording.call_at.clone().map(|at| view! { <span class="muted">{fill(t.call_at, &[&at])}</span> })}
            {state.map(|s| view! { <span class="muted" data-testid="recording-state">{s}</span> })}
            {(hear && playable).then(|| view! { <ListenButton recording=id whose/> })}
            {(!recording.topics.is_empty()).then(|| view! {
                <ul class="chips" aria-label=t.topics data-testid="recording-topics">
                    {recording.topics.iter().map(|topic| view! { <li class="chip">{topic.clone()}</li> }).collect_view()}
                </ul>
            })}
            {recording.said.clone().map(|phrase| view! {
                <p class="said" data-testid="said-match">{fill(t.said_match, &[&speaker(phrase.speaker), &phrase.text])}</p>
            })}
            {(hear && playable).then(|| view! {
                <button type="button" class="link-button" data-testid="show-transcript" on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { t.hide_transcript } else { t.show_transcript }}
                </button>
                {move || open.get().then(|| view! { <Transcript recording=id/> })}
            })}
        </div>
    }
}

pub fn speaker(speaker: Speaker) -> &'static str {
    let t = &t().results.recordings;
    match speaker {
        Speaker::Operator => t.operator,
        Speaker::Client => t.client,
        Speaker::Other => t.other_speaker,
    }
}

/// What was said, turn by turn, loaded when opened.
#[component]
fn Transcript(recording: i64) -> impl IntoView {
    let t = &t().results.recordings;
    let transcript = Resource::new(|| (), move |_| get_transcript(recording));
    view! {
        <Transition fallback=move || view! { <p class="muted">{crate::i18n::t().common.loading}</p> }>
            {move || Suspend::new(async move {
                match transcript.await {
                    Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    Ok(view) => match view.state {
                        AnalysisState::Ready if view.phrases.is_empty() => view! { <p class="muted">{t.transcript_empty}</p> }.into_any(),
                        AnalysisState::Ready => view! {
                            <ol class="transcript" data-testid="transcript">
                                {view.phrases.into_iter().map(|p| view! {
                                    <li data-speaker=p.speaker.key()><strong>{speaker(p.speaker)}": "</strong>{p.text}</li>
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        AnalysisState::Waiting => view! { <p class="muted">{t.transcript_waiting}</p> }.into_any(),
                        AnalysisState::Unavailable => view! { <p class="muted">{t.transcript_unavailable}</p> }.into_any(),
                        AnalysisState::NotApplicable => view! { <p class="muted">{t.transcript_not_applicable}</p> }.into_any(),
                    },
                }
            })}
        </Transition>
    }
}
