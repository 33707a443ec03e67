//! Call recordings over HTTP (manual 3.1.3, 3.4): `/events/recording` in the manual's shape is
//! linked to its call and lead whatever the order; listening goes through Obzvon's route,
//! which asks MANGO for a fresh one-time link each time and keeps none; transcripts and
//! topics are asked for in batches of at most 500 and asked again later when MANGO has none.

use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use server::calls::recordings::analysis::{SpeechAnalytics, MAX_ATTEMPTS};

use crate::support::*;

/// The server's database and a link to the MANGO it uses (here its built-in sandbox).
async fn database_and_link(server: &TestServer) -> (server::db::Db, Arc<server::mango::link::MangoLink>) {
    let url = format!("sqlite://{}", server.data_dir.join("obzvon.db").display());
    let db = server::db::connect(&url).await.unwrap();
    let secrets = Arc::new(server::crypto::init(&db, &server.data_dir, None).await.unwrap());
    let addr: std::net::SocketAddr = server.url.trim_start_matches("http://").parse().unwrap();
    let link = Arc::new(server::mango::link::MangoLink::new(
        db.clone(),
        secrets,
        server::mango::link::SandboxAddress::served_at(addr),
        true,
    ));
    (db, link)
}

fn call_event(seq: i64, state: &str, at: i64, mango_campaign: i64) -> Value {
    let mut event = json!({
        "entry_id": "MToxMDAwODg4", "call_id": "MToxMDAwODg4OjE=", "timestamp": at, "seq": seq,
        "call_state": state, "location": "abonent",
        "from": {"extension": "101", "number": "74951234567"}, "to": {"number": "79161234567"},
        "task_id": 900002, "campaign_id": mango_campaign, "callback_initiator": "ObDial"
    });
    if state == "Disconnected" {
        event["disconnect_reason"] = json!(1110);
    }
    event
}

async fn results(client: &reqwest::Client, server: &TestServer, campaign: i64, filter: Value) -> Value {
    let (status, body) =
        call(client, server, "results/get", json!({"campaign_id": campaign, "filter": filter})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn recordings_link_to_their_call_and_lead_and_are_asked_for_again_later() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let (campaign, mango_id) =
        campaign_with_leads(&admin, &server, "name,phone\nАнна Смирнова,8 916 123-45-67\n").await;
    let start = 1_800_000_000;
    // The manual's example 1 (3.1.3) with this call's ids, after its completion: order does
    // not matter. A second recording of the call was too short (4002).
    let completed = json!({"recording_id": "r100:777:500:256", "recording_state": "Completed", "seq": 2,
        "call_id": "MToxMDAwODg4OjE=", "entry_id": "MToxMDAwODg4", "extension": "101",
        "timestamp": (start + 98).to_string(), "completion_code": "1000", "recipient": "Cloud"});
    let started = json!({"recording_id": "r100:777:500:256", "recording_state": "Started", "seq": 1,
        "call_id": "MToxMDAwODg4OjE=", "entry_id": "MToxMDAwODg4", "extension": "101",
        "timestamp": (start + 8).to_string(), "command_id": "cmd.12.vpbx.12345.external.system.com.net"});
    let short = json!({"recording_id": "r500:256", "recording_state": "Completed", "seq": 1,
        "call_id": "MToxMDAwODg4OjE=", "entry_id": "MToxMDAwODg4", "timestamp": start + 9, "completion_code": 4002});
    for event in [&completed, &started, &short] {
        assert_eq!(sandbox_event(&server, "recording", event).await, StatusCode::OK);
    }
    for (seq, state, at) in
        [(1, "Appeared", start), (2, "Connected", start + 8), (3, "Disconnected", start + 98)]
    {
        assert_eq!(
            sandbox_event(&server, "call", &call_event(seq, state, at, mango_id)).await,
            StatusCode::OK
        );
    }

    let view = results(&admin, &server, campaign, json!({})).await;
    let row = &view["rows"][0];
    assert_eq!(row["name"], "Анна Смирнова");
    let recordings = row["recordings"].as_array().unwrap();
    assert_eq!(recordings.len(), 2, "{row}");
    let stored = recordings.iter().find(|r| r["status"] == "Stored").expect("the completed recording");
    assert_eq!(stored["transcript"], "Waiting");
    let failed = recordings.iter().find(|r| r["status"].get("Failed").is_some()).expect("the short one");
    assert_eq!(failed["status"]["Failed"]["code"], 4002);
    assert_eq!(failed["transcript"], "NotApplicable");
    let (stored, failed) = (stored["id"].as_i64().unwrap(), failed["id"].as_i64().unwrap());

    // A marketer sees that it exists but may not listen; MANGO (the sandbox) does not know
    // these ids: 3320 becomes 404 with MANGO's words; the short one cannot be played at all.
    create_user(&admin, &server, "marketer1", "marketer", "marketer-password-1").await;
    let marketer = signed_in(&server, "marketer1", "marketer-password-1").await;
    let played = marketer.get(format!("{}/recordings/{stored}/play", server.url)).send().await.unwrap();
    assert_eq!(played.status(), StatusCode::FORBIDDEN);
    let (status, _) = call(&marketer, &server, "recordings/transcript", json!({"recording": stored})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let played = admin.get(format!("{}/recordings/{stored}/play", server.url)).send().await.unwrap();
    assert_eq!(played.status(), StatusCode::NOT_FOUND);
    assert!(played.text().await.unwrap().contains("3320"));
    let short = admin.get(format!("{}/recordings/{failed}/download", server.url)).send().await.unwrap();
    assert_eq!(short.status(), StatusCode::CONFLICT);
    assert!(short.text().await.unwrap().contains("4002"));
    let missing = admin.get(format!("{}/recordings/999999/play", server.url)).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(audit_actions(&server)
        .await
        .iter()
        .any(|(a, t)| a == "recording_played" && t.as_deref() == Some(&format!("recording {stored}"))));

    // 501 more recordings of the talked call: transcripts go 500 to a request, and what MANGO
    // does not have is asked for again, each time twice as late.
    for n in 0..501 {
        let event = json!({"recording_id": format!("bulk-{n}"), "recording_state": "Completed", "seq": 2,
            "entry_id": "MToxMDAwODg4", "timestamp": start + 98, "completion_code": 1000, "recipient": "CloudAndMail"});
        assert_eq!(sandbox_event(&server, "recording", &event).await, StatusCode::OK);
    }
    let (db, link) = database_and_link(&server).await;
    let speech = SpeechAnalytics::new(db.clone(), link);
    let later = server::db::now_ms() + 3_600_000;
    let round = speech.round(later).await.unwrap();
    assert_eq!(round.requests, 4, "502 transcripts in two requests, 502 topics in two: {round:?}");
    assert_eq!((round.transcripts, round.postponed), (0, 2 * 502));
    let (attempts, due): (i64, i64) =
        sqlx::query_as("SELECT transcript_attempts, transcript_due_at FROM recordings WHERE id = $1")
            .bind(stored)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((attempts, due), (1, later + 30_000));
    assert_eq!(speech.round(later).await.unwrap().requests, 0, "nothing is due before its time");
    let mut at = due;
    for _ in 1..MAX_ATTEMPTS {
        speech.round(at).await.unwrap();
        at += 4_000_000;
    }
    let state: String = sqlx::query_scalar("SELECT transcript_state FROM recordings WHERE id = $1")
        .bind(stored)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(state, "unavailable");
    let view = results(&admin, &server, campaign, json!({})).await;
    assert!(view["rows"][0]["recordings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["transcript"] == "Unavailable"));
    db.close().await;
    server.stop().await;
}

/// The form of a campaign that calls at any hour (the sandbox's clock starts now).
fn always_form(name: &str) -> Value {
    let mut form = draft_form(name);
    let day = json!([{"start": 0, "end": 1440}]);
    form["schedule"] = json!({"days": [day, day, day, day, day, day, day]});
    form["operators"] = json!([400100101, 400100102, 400100103]);
    form["answer_wait_seconds"] = json!(10);
    form
}

#[tokio::test]
async fn a_recording_plays_through_a_fresh_link_each_time_and_what_was_said_is_found() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let csv: String =
        (1..=8).fold("name,phone\n".to_string(), |csv, n| csv + &format!("Клиент {n},8916222000{n}\n"));
    let (campaign, _) = campaign_of_form_with_leads(&admin, &server, &always_form("Записи"), &csv).await;
    assert_eq!(
        call(&admin, &server, "campaigns/act", json!({"id": campaign, "action": "Start"})).await.0,
        StatusCode::OK
    );

    // A simulated minute per second: wait for a talked call's recording to be kept.
    let mut recording = None;
    for _ in 0..240 {
        let view = results(&admin, &server, campaign, json!({})).await;
        recording = view["rows"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["recordings"].as_array().unwrap().clone())
            .find(|r| r["status"] == "Stored")
            .and_then(|r| r["id"].as_i64());
        if recording.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let recording = recording.expect("a talked call was recorded");
    create_user(&admin, &server, "lead1", "lead", "lead-password-123").await;
    let lead = signed_in(&server, "lead1", "lead-password-123").await;
    let play = format!("{}/recordings/{recording}/play", server.url);

    let first = lead.get(&play).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["content-type"], "audio/wav");
    let whole = first.bytes().await.unwrap();
    assert_eq!(&whole[..4], b"RIFF");
    // The sandbox's links die after one use, like MANGO's: a second listen works only
    // because Obzvon asks for a new one.
    let again = lead.get(&play).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.bytes().await.unwrap(), whole);
    let part = lead.get(&play).header("range", "bytes=100-199").send().await.unwrap();
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.headers()["content-range"], format!("bytes 100-199/{}", whole.len()));
    assert_eq!(part.bytes().await.unwrap(), whole[100..200]);
    let download = lead.get(format!("{}/recordings/{recording}/download", server.url)).send().await.unwrap();
    assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    let plays = audit_actions(&server).await.iter().filter(|(a, _)| a == "recording_played").count();
    assert_eq!(plays, 2, "two listens from the start; the seek is not a listen");

    // No link is kept anywhere (the sandbox serves them under /files/).
    let stopped_db = std::fs::read(server.data_dir.join("obzvon.db")).unwrap();
    let wal = std::fs::read(server.data_dir.join("obzvon.db-wal")).unwrap_or_default();
    for bytes in [&stopped_db, &wal] {
        assert!(!bytes.windows(7).any(|w| w == b"/files/"), "a file link was stored");
    }

    // Transcripts and topics, once MANGO has them (2–8 simulated minutes after the call).
    let (db, link) = database_and_link(&server).await;
    let speech = SpeechAnalytics::new(db.clone(), link);
    let mut transcript = Value::Null;
    for _ in 0..120 {
        speech.round(server::db::now_ms() + 600_000).await.unwrap();
        transcript = call(&lead, &server, "recordings/transcript", json!({"recording": recording})).await.1;
        if transcript["state"] == "Ready" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(transcript["state"], "Ready", "{transcript}");
    let phrases = transcript["phrases"].as_array().unwrap();
    assert!(phrases.len() >= 2 && phrases.iter().any(|p| p["speaker"] == "Client"), "{transcript}");
    assert!(audit_actions(&server).await.iter().any(|(a, _)| a == "transcript_read"));

    // Search in what was said: the client's words in capitals and cut short still find the call.
    let words: Vec<&str> = phrases[1]["text"].as_str().unwrap().split_whitespace().collect();
    let word =
        words.iter().max_by_key(|w| w.chars().count()).unwrap().trim_matches(|c: char| !c.is_alphanumeric());
    let stem: String = word.chars().take(word.chars().count().max(4) - 1).collect::<String>().to_uppercase();
    let found = results(&lead, &server, campaign, json!({"said": stem})).await;
    let matched: Vec<&Value> = found["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["recordings"].as_array().unwrap())
        .filter(|r| !r["said"].is_null())
        .collect();
    assert!(matched.iter().any(|r| r["id"] == recording), "{stem}: {found}");
    assert!(matched.iter().all(|r| r["said"]["text"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains(&stem.to_lowercase())));
    let nothing = results(&lead, &server, campaign, json!({"said": "гиппопотам"})).await;
    assert_eq!(nothing["matching"], 0);
    let marketer_search = {
        create_user(&admin, &server, "marketer2", "marketer", "marketer-password-2").await;
        let marketer = signed_in(&server, "marketer2", "marketer-password-2").await;
        call(&marketer, &server, "results/get", json!({"campaign_id": campaign, "filter": {"said": stem}}))
            .await
            .0
    };
    assert_eq!(marketer_search, StatusCode::FORBIDDEN, "what was said is for those who may hear it");

    // Topics, and the filter by one; the export carries them and, when asked, the transcript.
    let all = results(&lead, &server, campaign, json!({})).await;
    if let Some(topic) = all["topics"].as_array().unwrap().first().and_then(Value::as_str) {
        let by_topic = results(&lead, &server, campaign, json!({"topic": topic})).await;
        let rows = by_topic["rows"].as_array().unwrap();
        assert!(!rows.is_empty() && (rows.len() as i64) <= all["matching"].as_i64().unwrap());
        assert!(rows.iter().all(|r| r["recordings"].as_array().unwrap().iter().any(|rec| rec["topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == topic))));
    }
    let csv = lead
        .get(format!("{}/campaigns/{campaign}/results.csv?transcripts=true", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.lines().next().unwrap().ends_with(";Topics;Transcript"), "{csv}");
    assert!(csv.contains(phrases[0]["text"].as_str().unwrap()), "the transcript is in the export");
    db.close().await;
    server.stop().await;
}
