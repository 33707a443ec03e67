//! The campaign form's state: the draft, which fields were touched, the checks' messages and
//! the save, with the cards laid out in `sections`.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::campaigns::*;
use crate::api::AppError;
use crate::components::feedback::{ErrorBanner, FieldMessage};
use crate::i18n::{fill, t};

use super::operators::OperatorPicker;
use super::sections::{CallingRules, CampaignSection, MessagesSection, WhenSection};

/// A field's message by the rules' field name.
pub type Messages = Callback<&'static str, Signal<Option<String>>>;

#[component]
pub fn CampaignEditor(id: Option<i64>, options: CampaignFormOptions, start: CampaignForm) -> impl IntoView {
    let form = RwSignal::new(start);
    let save = ServerAction::<SaveCampaign>::new();
    let attempted = RwSignal::new(false);
    let touched = RwSignal::new(BTreeSet::<&'static str>::new());
    let touch = Callback::new(move |field: &'static str| {
        touched.update(|t| {
            t.insert(field);
        })
    });
    let checked = Memo::new(move |_| form.with(check_campaign));
    let server_error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let message: Messages = Callback::new(move |field: &'static str| {
        Signal::derive(move || {
            let shown = attempted.get() || touched.with(|t| t.contains(field));
            let local = checked.with(|c| match c {
                Err(errors) if shown => errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
                _ => None,
            });
            local.or_else(|| server_error.get().and_then(|e| e.field(field)))
        })
    });
    let general_error =
        Signal::derive(move || server_error.get().filter(|e| !matches!(e, AppError::Invalid(_))));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            navigate(&format!("/campaigns/{}", saved.row.id), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if checked.with_untracked(|c| c.is_ok()) {
            save.dispatch(SaveCampaign { id, form: form.get_untracked() });
        }
    };
    let options = StoredValue::new(options);
    let problems_count = move || checked.with(|c| c.as_ref().err().map(|e| e.len()).unwrap_or(0));

    let t = &t().campaigns.form;
    view! {
        <ErrorBanner error=general_error/>
        <Show when=move || options.with_value(|o| o.sandbox)>
            <div class="banner banner-info" role="status">
                {t.sandbox}
            </div>
        </Show>
        <form class="form campaign-form" on:submit=submit data-testid="campaign-form" novalidate>
            <CampaignSection form options touch message/>
            <WhenSection form options touch message checked/>

            <section class="card">
                <h2>{t.operators_heading}</h2>
                <OperatorPicker form operators=options.with_value(|o| o.operators.clone())/>
                <FieldMessage message=message.run("operators")/>
            </section>

            <CallingRules form message/>
            <MessagesSection form options/>

            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {if id.is_some() { t.save_draft } else { t.save_as_draft }}
                </button>
                <span class="muted" data-testid="problem-count">
                    {move || match (attempted.get(), problems_count()) {
                        (true, n) if n > 0 => fill(t.problems, &[&n]),
                        _ => String::new(),
                    }}
                </span>
            </div>
        </form>
    }
}
