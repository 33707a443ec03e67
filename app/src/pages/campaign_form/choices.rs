//! The form's select fields: one over a fixed list of MANGO's allowed values, one over the
//! company's audio files.

use leptos::prelude::*;

use crate::api::campaign_options::Choice;
use crate::api::campaigns::CampaignForm;
use crate::api::directory::AudioFileView;

/// A `<select>` over `choices`, showing `get()` and calling `set` with the chosen value.
pub fn choice_select(
    name: &'static str,
    choices: &'static [Choice],
    get: impl Fn() -> u32 + Send + Sync + Copy + 'static,
    set: impl Fn(u32) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    view! {
        <select
            name=name
            on:change=move |ev| {
                if let Ok(value) = event_target_value(&ev).parse::<u32>() {
                    set(value);
                }
            }
        >
            {choices
                .iter()
                .map(|choice| {
                    let value = choice.value;
                    view! { <option value=value.to_string() selected=move || get() == value>{choice.text()}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// A `<select>` over the audio files, with "MANGO's default" for none.
#[component]
pub fn AudioSelect(
    name: &'static str,
    label: &'static str,
    form: RwSignal<CampaignForm>,
    files: Vec<AudioFileView>,
    get: fn(&CampaignForm) -> Option<i64>,
    set: fn(&mut CampaignForm, Option<i64>),
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select name=name on:change=move |ev| form.update(|f| set(f, event_target_value(&ev).parse().ok()))>
                <option value="" selected=move || form.with(|f| get(f).is_none())>{crate::i18n::t().campaigns.form.mango_default}</option>
                {files.into_iter().map(|file| {
                    let id = file.audio_id;
                    view! { <option value=id.to_string() selected=move || form.with(|f| get(f) == Some(id))>{file.name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
