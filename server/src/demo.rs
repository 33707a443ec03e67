//! Demo data for a first look (`serve --demo`): on a fresh database (no campaigns, no user
//! but the first admin), the story the product is for plays out by itself against the
//! built-in sandbox — a marketer's campaign in Yekaterinburg time, a team lead's Windows-1251
//! lead list with bad rows (one fixed), the campaign run to the end, and callbacks for every
//! lead who did not answer.
//!
//! Everything goes through the same backend calls the pages make, so the audit log, the
//! board and the results show it as if people had clicked.

use std::sync::Arc;
use std::time::Duration;

use app::api::backend::{CallbackBackend, Caller, CallsBackend, CampaignBackend, LeadBackend, UserBackend};
use app::api::board::CallOutcome;
use app::api::callbacks::{next_quarter_hour, BulkCallbackForm, CallbackEvent, CallbackSelection};
use app::api::campaigns::{CampaignAction, CampaignForm};
use app::api::leads::ColumnRole;
use app::api::results::ResultsFilter;
use app::api::types::{NewUserForm, SessionUser};
use app::api::{AppError, Role};

use crate::auth::passwords;
use crate::bootstrap::FIRST_ADMIN;
use crate::contract::AppBackend;
use crate::db;

/// The sample list the story uploads: Russian Excel's CSV (Windows-1251, `;`), 24 rows, three
/// of them bad.
const LEAD_FILE: &[u8] = include_bytes!("../../examples/leads-windows-1251.csv");
const LEAD_FILE_NAME: &str = "leads-windows-1251.csv";
const CAMPAIGN_NAME: &str = "Демо: звонки по заявкам с сайта";
/// The row whose number was mistyped, and the number it should have had.
const FIXED_LEAD: (&str, &str) = ("Игорь Фёдоров", "+7 916 123-45-10");
/// Sandbox operators who take campaign calls (`general.use_cc_status`).
const OPERATORS: [i64; 3] = [400100101, 400100102, 400100103];
const LINE: i64 = 400200001;

/// Bounds on each wait, so a demo that cannot finish says so instead of waiting forever.
const DIRECTORY_WAIT: Duration = Duration::from_secs(60);
const CAMPAIGN_WAIT: Duration = Duration::from_secs(600);
const POLL: Duration = Duration::from_millis(500);

/// Who the demo acts as, with the passwords to sign in with.
struct DemoPeople {
    marketer: (Caller, String),
    team_lead: (Caller, String),
}

/// The demo acts as `user` from no connection: its audit lines have no client address.
fn demo_caller(user: SessionUser) -> Caller {
    Caller { user, client_ip: None }
}

/// Starts the demo in the background; it does something only on a fresh database.
pub fn spawn(backend: Arc<AppBackend>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        match run(&backend).await {
            Ok(Some(summary)) => tracing::info!("demo: {summary}"),
            Ok(None) => {}
            Err(error) => tracing::error!("demo: stopped: {error}"),
        }
    })
}

/// Plays the story once. `None` when the database was in use already (it is left alone).
pub async fn run(backend: &AppBackend) -> Result<Option<String>, String> {
    // Only a fresh installation: anyone's campaigns or colleagues mean it is in use.
    let campaigns = backend.list_campaigns().await.map_err(failed("list the campaigns"))?;
    let users = backend.list_users().await.map_err(failed("list the users"))?;
    if !campaigns.is_empty() || users.iter().any(|user| user.username != FIRST_ADMIN) {
        tracing::info!("demo: the database has campaigns or users already; no demo data added");
        return Ok(None);
    }
    let people = people(backend).await?;
    let (marina, marina_password) = &people.marketer;
    let (leonid, leonid_password) = &people.team_lead;
    tracing::warn!(
        "demo: sign in as `{}` (marketer) with password `{marina_password}`, or as `{}` (team lead) with `{leonid_password}` — shown only this once",
        marina.user.username,
        leonid.user.username
    );

    wait_for_directory(backend).await?;
    tracing::info!("demo: {} builds a campaign in Yekaterinburg time", marina.user.username);
    let campaign = backend
        .save_campaign(marina, None, campaign_form())
        .await
        .map_err(failed("save the campaign"))?
        .row
        .id;
    backend
        .act_on_campaign(marina, campaign, CampaignAction::Create)
        .await
        .map_err(failed("create the campaign in the sandbox"))?;

    tracing::info!(
        "demo: {} uploads {LEAD_FILE_NAME}, fixes the mistyped number and pushes the leads",
        leonid.user.username
    );
    let pushed = upload_fix_and_push(backend, leonid, campaign).await?;
    wait_until("the leads are pushed", CAMPAIGN_WAIT, || async {
        let overview = backend.leads_overview(campaign).await.map_err(failed("read the push"))?;
        match overview.push.state {
            app::api::leads::PushState::Done => Ok(true),
            app::api::leads::PushState::Failed => {
                Err(format!("the push failed: {}", overview.push.last_error.unwrap_or_default()))
            }
            _ => Ok(false),
        }
    })
    .await?;

    tracing::info!(
        "demo: {} starts the campaign; the sandbox calls {pushed} leads (a simulated minute a second)",
        leonid.user.username
    );
    backend
        .act_on_campaign(leonid, campaign, CampaignAction::Start)
        .await
        .map_err(failed("start the campaign"))?;
    wait_until("the campaign has called every lead", CAMPAIGN_WAIT, || async {
        let board = backend.board(campaign).await.map_err(failed("read the board"))?;
        Ok(board.queued == 0
            && board.tasks_total.is_some_and(|total| total > 0)
            && board.tasks_finished == board.tasks_total)
    })
    .await?;

    let (outcome, missed) = missed_leads(backend, campaign).await?;
    if missed == 0 {
        return Ok(Some(format!(
            "campaign {campaign} finished; every lead answered, so no callbacks were needed"
        )));
    }
    tracing::info!(
        "demo: {} asks for callbacks for the {missed} leads whose last call ended \"{}\"",
        leonid.user.username,
        outcome.label()
    );
    let batch = backend
        .create_callbacks(
            leonid,
            callbacks_form(
                campaign,
                outcome,
                &backend
                    .callback_options()
                    .await
                    .map_err(failed("read the callback options"))?
                    .default_timezone,
            ),
        )
        .await
        .map_err(failed("create the callbacks"))?;
    Ok(Some(format!(
        "campaign {campaign} finished with {pushed} leads; {} callbacks queued for the sandbox to call — see /campaigns/{campaign}/board and /callbacks",
        batch.total - batch.skipped
    )))
}

fn failed(doing: &'static str) -> impl Fn(AppError) -> String {
    move |error| format!("could not {doing}: {error}")
}

async fn people(backend: &AppBackend) -> Result<DemoPeople, String> {
    let admin = demo_caller(
        db::users::find_by_username(&backend.db, FIRST_ADMIN)
            .await
            .map_err(|error| format!("could not read the users: {error}"))?
            .ok_or("the first administrator is missing")?
            .session_user(),
    );
    let add = |username: &'static str, display_name: &'static str, role: Role| {
        let admin = admin.clone();
        async move {
            let password = passwords::generate();
            let form = NewUserForm {
                username: username.into(),
                display_name: display_name.into(),
                role: Some(role),
                password: password.clone(),
            };
            let row = backend.create_user(&admin, form).await.map_err(failed("create a demo user"))?;
            let user = SessionUser {
                id: row.id,
                username: row.username,
                display_name: row.display_name,
                role,
                lang: None,
            };
            Ok::<_, String>((demo_caller(user), password))
        }
    };
    Ok(DemoPeople {
        marketer: add("marina", "Марина Маркетолог", Role::Marketer).await?,
        team_lead: add("leonid", "Леонид Руководитель", Role::Lead).await?,
    })
}

/// The sandbox's directory arrives a moment after start; the campaign needs its line.
async fn wait_for_directory(backend: &AppBackend) -> Result<(), String> {
    wait_until("the sandbox directory has arrived", DIRECTORY_WAIT, || async {
        let options = backend.campaign_form_options().await.map_err(failed("read the directory"))?;
        Ok(options.lines.iter().any(|line| line.line_id == LINE))
    })
    .await
}

/// Around the clock every day in Asia/Yekaterinburg (UTC+5), one attempt per outcome, the
/// shortest waits: the sandbox dials at once and the run ends in a few minutes.
fn campaign_form() -> CampaignForm {
    let whole_day = serde_json::json!([{"start": 0, "end": 1440}]);
    serde_json::from_value(serde_json::json!({
        "name": CAMPAIGN_NAME, "line_id": LINE, "author_user_id": null, "priority": "Normal", "dial_mode": "Simultaneous",
        "timezone": "Asia/Yekaterinburg", "start_local": "", "end_local": "",
        "schedule": {"days": [whole_day, whole_day, whole_day, whole_day, whole_day, whole_day, whole_day]},
        "operators": OPERATORS, "voice_message_id": null, "hold_message_id": null,
        "redial_if_busy": 1, "redial_if_no_answer": 1, "redial_if_unavailable": 1, "answer_wait_seconds": 10,
        "call_coefficient_tenths": 10, "wait_if_busy_seconds": 60, "wait_if_no_answer_seconds": 3600,
        "wait_if_unavailable_seconds": 0, "after_call_seconds": 0
    }))
    .expect("the demo campaign matches CampaignForm")
}

/// Uploads the sample file as a person would, fixes the one row a person can fix, and
/// accepts the rest; returns how many leads go to MANGO.
async fn upload_fix_and_push(backend: &AppBackend, lead: &Caller, campaign: i64) -> Result<usize, String> {
    let upload = crate::routes::uploads::store_and_record(
        &backend.db,
        &backend.leads,
        &lead.user,
        campaign,
        LEAD_FILE_NAME,
        LEAD_FILE,
        None,
    )
    .await
    .map_err(failed("read the sample lead file"))?;
    let view = backend.upload(upload).await.map_err(failed("check the sample lead file"))?;
    let (name, number) = FIXED_LEAD;
    let mistyped = view
        .rejected_rows
        .iter()
        .find(|row| row.cells.first().map(String::as_str) == Some(name))
        .ok_or_else(|| format!("the sample file no longer has {name}'s mistyped number"))?;
    let phone_column = view
        .mapping
        .roles
        .iter()
        .position(|role| *role == ColumnRole::Phone)
        .ok_or("the phone column of the sample file was not recognised")?;
    let mut cells = mistyped.cells.clone();
    cells[phone_column] = number.to_string();
    backend.fix_row(lead, upload, mistyped.row, cells).await.map_err(failed("fix the mistyped row"))?;
    let accepted = backend.upload(upload).await.map_err(failed("check the fixed lead file"))?.accepted;
    backend.accept_upload(lead, upload, 500).await.map_err(failed("push the leads"))?;
    Ok(accepted)
}

/// The likeliest miss that happened: "no answer", else busy or unavailable.
async fn missed_leads(backend: &AppBackend, campaign: i64) -> Result<(CallOutcome, i64), String> {
    let mut last = (CallOutcome::NoAnswer, 0);
    for outcome in [CallOutcome::NoAnswer, CallOutcome::Busy, CallOutcome::Unavailable] {
        let filter = ResultsFilter { outcome: Some(outcome), ..Default::default() };
        let matching = backend.results(campaign, filter).await.map_err(failed("read the results"))?.matching;
        last = (outcome, matching);
        if matching > 0 {
            break;
        }
    }
    Ok(last)
}

/// Two operators in turn, spread over the next two hours; the sandbox's clock runs ahead,
/// so they are called within minutes.
fn callbacks_form(campaign: i64, outcome: CallOutcome, timezone: &str) -> BulkCallbackForm {
    BulkCallbackForm {
        campaign_id: campaign,
        selection: CallbackSelection::Matching(ResultsFilter {
            outcome: Some(outcome),
            ..Default::default()
        }),
        operators: OPERATORS[..2].to_vec(),
        from_local: next_quarter_hour(timezone, 0),
        until_local: next_quarter_hour(timezone, 120),
        timezone: timezone.to_string(),
        duration_minutes: 15,
        description: "Не ответил на обзвон — перезвонить".into(),
        event: CallbackEvent::Call,
        auto_call: true,
    }
}

/// Polls `done` until it says yes, within `limit`.
async fn wait_until<F, Fut>(what: &str, limit: Duration, mut done: F) -> Result<(), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool, String>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if done().await? {
            return Ok(());
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(format!("gave up waiting until {what} after {} s", limit.as_secs()));
        }
        tokio::time::sleep(POLL).await;
    }
}
