//! The campaign form's cards: what and from which line, when, calling rules and messages.

use leptos::prelude::*;

use crate::api::campaign_options::*;
use crate::api::campaigns::*;
use crate::api::FieldError;
use crate::components::callback_fields::LocalDateTime;
use crate::components::feedback::FieldMessage;

use super::choices::{choice_select, AudioSelect};
use super::editor::Messages;
use super::schedule::{ScheduleEditor, SchedulePreview};

/// Name, line, author, priority and dial mode.
#[component]
pub fn CampaignSection(
    form: RwSignal<CampaignForm>,
    options: StoredValue<CampaignFormOptions>,
    touch: Callback<&'static str>,
    message: Messages,
) -> impl IntoView {
    let t = &crate::i18n::t().campaigns.form;
    view! {
        <section class="card">
            <h2>{t.campaign_heading}</h2>
            <label class="field">
                <span class="field-label">{t.name}</span>
                <input
                    name="name"
                    maxlength="200"
                    prop:value=move || form.with(|f| f.name.clone())
                    on:input=move |ev| {
                        form.update(|f| f.name = event_target_value(&ev));
                        touch.run("name");
                    }
                />
                <span class="field-hint">{move || crate::i18n::fill(t.name_length, &[&form.with(|f| f.name.trim().chars().count()), &NAME_MAX_CHARS])}</span>
                <FieldMessage message=message.run("name")/>
            </label>
            <div class="form-grid">
                <label class="field">
                    <span class="field-label">{t.line}</span>
                    <select
                        name="line_id"
                        on:change=move |ev| {
                            form.update(|f| f.line_id = event_target_value(&ev).parse().ok());
                            touch.run("line_id");
                        }
                    >
                        <option value="" selected=move || form.with(|f| f.line_id.is_none())>{t.choose_line}</option>
                        {options.with_value(|o| o.lines.clone()).into_iter().map(|line| {
                            let id = line.line_id;
                            view! { <option value=id.to_string() selected=move || form.with(|f| f.line_id == Some(id))>{line.title()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage message=message.run("line_id")/>
                </label>
                <label class="field">
                    <span class="field-label">{t.author}</span>
                    <select
                        name="author_user_id"
                        on:change=move |ev| form.update(|f| f.author_user_id = event_target_value(&ev).parse().ok())
                    >
                        <option value="" selected=move || form.with(|f| f.author_user_id.is_none())>{t.not_set}</option>
                        {options.with_value(|o| o.operators.clone()).into_iter().map(|op| {
                            let id = op.user_id;
                            view! { <option value=id.to_string() selected=move || form.with(|f| f.author_user_id == Some(id))>{op.title()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{t.priority}</span>
                    <select name="priority" on:change=move |ev| {
                        if let Some(p) = Priority::from_key(&event_target_value(&ev)) { form.update(|f| f.priority = p) }
                    }>
                        {Priority::ALL.iter().map(|p| {
                            let p = *p;
                            view! { <option value=p.key() selected=move || form.with(|f| f.priority == p)>{p.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{t.dial_mode}</span>
                    <select name="dial_mode" on:change=move |ev| {
                        if let Some(m) = DialMode::from_key(&event_target_value(&ev)) { form.update(|f| f.dial_mode = m) }
                    }>
                        {DialMode::ALL.iter().map(|m| {
                            let m = *m;
                            view! { <option value=m.key() selected=move || form.with(|f| f.dial_mode == m)>{m.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
        </section>
    }
}

/// Time zone, start and end, the weekly windows and what MANGO will receive.
#[component]
pub fn WhenSection(
    form: RwSignal<CampaignForm>,
    options: StoredValue<CampaignFormOptions>,
    touch: Callback<&'static str>,
    message: Messages,
    checked: Memo<Result<MangoSchedule, Vec<FieldError>>>,
) -> impl IntoView {
    let t = &crate::i18n::t().campaigns.form;
    view! {
        <section class="card">
            <h2>{t.when_heading}</h2>
            <div class="form-grid">
                <label class="field">
                    <span class="field-label">{t.time_zone}</span>
                    <select name="timezone" on:change=move |ev| {
                        form.update(|f| f.timezone = event_target_value(&ev));
                        touch.run("timezone");
                    }>
                        {options.with_value(|o| o.time_zones.clone()).into_iter().map(|zone| {
                            let z = zone.clone();
                            let label = zone.clone();
                            view! { <option value=zone selected=move || form.with(|f| f.timezone == z)>{label}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage message=message.run("timezone")/>
                </label>
                <label class="field">
                    <span class="field-label">{t.start}</span>
                    <LocalDateTime name="start_local"
                        value=Signal::derive(move || form.with(|f| f.start_local.clone()))
                        on_change=move |v| { form.update(|f| f.start_local = v); touch.run("start_local"); }
                    />
                    <FieldMessage message=message.run("start_local")/>
                </label>
                <label class="field">
                    <span class="field-label">{t.end}</span>
                    <LocalDateTime name="end_local"
                        value=Signal::derive(move || form.with(|f| f.end_local.clone()))
                        on_change=move |v| { form.update(|f| f.end_local = v); touch.run("end_local"); }
                    />
                    <FieldMessage message=message.run("end_local")/>
                </label>
            </div>
            <ScheduleEditor form touch/>
            <FieldMessage message=message.run("schedule")/>
            <SchedulePreview checked/>
        </section>
    }
}

/// Redial counts and waits per failure, answer wait, calls per operator, pause after a talk.
#[component]
pub fn CallingRules(form: RwSignal<CampaignForm>, message: Messages) -> impl IntoView {
    let t = &crate::i18n::t().campaigns.form;
    view! {
        <section class="card">
            <h2>{t.rules_heading}</h2>
            <div class="form-grid">
                <label class="field"><span class="field-label">{t.attempts_busy}</span>
                    {choice_select("redial_if_busy", REDIAL_COUNTS, move || form.with(|f| f.redial_if_busy), move |v| form.update(|f| f.redial_if_busy = v))}
                    <FieldMessage message=message.run("redial_if_busy")/></label>
                <label class="field"><span class="field-label">{t.wait_busy}</span>
                    {choice_select("wait_if_busy_seconds", WAITS_IF_BUSY, move || form.with(|f| f.wait_if_busy_seconds), move |v| form.update(|f| f.wait_if_busy_seconds = v))}</label>
                <label class="field"><span class="field-label">{t.attempts_no_answer}</span>
                    {choice_select("redial_if_no_answer", REDIAL_COUNTS, move || form.with(|f| f.redial_if_no_answer), move |v| form.update(|f| f.redial_if_no_answer = v))}</label>
                <label class="field"><span class="field-label">{t.wait_no_answer}</span>
                    {choice_select("wait_if_no_answer_seconds", WAITS_IF_NO_ANSWER, move || form.with(|f| f.wait_if_no_answer_seconds), move |v| form.update(|f| f.wait_if_no_answer_seconds = v))}</label>
                <label class="field"><span class="field-label">{t.attempts_unavailable}</span>
                    {choice_select("redial_if_unavailable", REDIAL_COUNTS, move || form.with(|f| f.redial_if_unavailable), move |v| form.update(|f| f.redial_if_unavailable = v))}</label>
                <label class="field"><span class="field-label">{t.wait_unavailable}</span>
                    {choice_select("wait_if_unavailable_seconds", WAITS_IF_UNAVAILABLE, move || form.with(|f| f.wait_if_unavailable_seconds), move |v| form.update(|f| f.wait_if_unavailable_seconds = v))}</label>
                <label class="field"><span class="field-label">{t.answer_wait}</span>
                    {choice_select("answer_wait_seconds", ANSWER_WAITS, move || form.with(|f| f.answer_wait_seconds), move |v| form.update(|f| f.answer_wait_seconds = v))}</label>
                <label class="field"><span class="field-label">{t.coefficient}</span>
                    {choice_select("call_coefficient_tenths", CALL_COEFFICIENTS_TENTHS, move || form.with(|f| f.call_coefficient_tenths), move |v| form.update(|f| f.call_coefficient_tenths = v))}
                    <span class="field-hint">{t.coefficient_hint}</span></label>
                <label class="field"><span class="field-label">{t.after_call}</span>
                    {choice_select("after_call_seconds", AFTER_CALL_PAUSES, move || form.with(|f| f.after_call_seconds), move |v| form.update(|f| f.after_call_seconds = v))}</label>
            </div>
        </section>
    }
}

/// The voice message and the hold music, from MANGO's audio files.
#[component]
pub fn MessagesSection(
    form: RwSignal<CampaignForm>,
    options: StoredValue<CampaignFormOptions>,
) -> impl IntoView {
    let t = &crate::i18n::t().campaigns.form;
    view! {
        <section class="card">
            <h2>{t.messages_heading}</h2>
            <div class="form-grid">
                <AudioSelect name="voice_message_id" label=t.voice_message form files=options.with_value(|o| o.audio_files.clone())
                    get=|f: &CampaignForm| f.voice_message_id set=|f: &mut CampaignForm, v| f.voice_message_id = v/>
                <AudioSelect name="hold_message_id" label=t.hold_music form files=options.with_value(|o| o.audio_files.clone())
                    get=|f: &CampaignForm| f.hold_message_id set=|f: &mut CampaignForm, v| f.hold_message_id = v/>
            </div>
        </section>
    }
}
