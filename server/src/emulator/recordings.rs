//! Call recordings (manual 3.1.3, 3.4): every talked call of the sandbox is recorded and
//! reported by `/events/recording`; `queries/recording/post` hands out its file (see `files`),
//! `queries/recording_transcripts` and `queries/recording_categories` what the speech
//! analytics made of it. Transcripts and topics are drawn per recording from small pools of
//! sales-call lines, from the seed, and are ready a few simulated minutes after the call
//! (manual 3.4: saving a recording takes a while after the conversation).

use std::collections::HashSet;

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use super::dialer::Event;
use super::fields::{Checked, Fields};
use super::files::Action;
use super::refusal::Refusal;
use super::world::World;

/// Manual 3.1.3: a recording shorter than the account's minimum is not saved (code 4002).
/// The manual gives no figure; the sandbox's minimum is 20 seconds.
pub const MIN_SAVED_SECONDS: i64 = 20;
/// Manual 3.1.3: "recording_id: строка не более 128 байт".
pub const MAX_ID_BYTES: usize = 128;
/// Manual 3.4.5: "массив идентификаторов записи разговора (не более 500)".
pub const MAX_TRANSCRIPT_IDS: usize = 500;
/// Manual 3.4.5: the names of the two sides when neither is a known employee pair.
const CLIENT_NAME: &str = "Клиент";
const OPERATOR_NAME: &str = "Сотрудник";

/// A topic of the speech analytics (manual 3.4.4), with the fixed id its database gives it.
#[derive(Debug)]
pub struct Topic {
    pub id: i64,
    pub name: &'static str,
}

pub const TOPICS: &[Topic] = &[
    Topic { id: 7101, name: "Цена" },
    Topic { id: 7102, name: "Доставка" },
    Topic { id: 7103, name: "Перезвонить позже" },
    Topic { id: 7104, name: "Отказ" },
    Topic { id: 7105, name: "Жалоба" },
];
const PRICE: usize = 0;
const DELIVERY: usize = 1;
const CALL_LATER: usize = 2;
const REFUSAL: usize = 3;
const COMPLAINT: usize = 4;
/// Manual 3.4.4 lists the topics found; the sandbox finds at most this many per call.
const MOST_TOPICS: usize = 2;

/// One line of a conversation, and the topic it sets off with the term that sets it off.
struct Line {
    text: &'static str,
    topic: Option<(usize, &'static str)>,
}

const fn plain(text: &'static str) -> Line {
    Line { text, topic: None }
}

const fn about(text: &'static str, topic: usize, term: &'static str) -> Line {
    Line { text, topic: Some((topic, term)) }
}

const GREETINGS: &[&str] = &[
    "Здравствуйте, вас беспокоит компания «Северный ветер», меня зовут Анна. Удобно говорить?",
    "Добрый день, это компания «Техснаб», звоню по поводу вашей заявки на сайте",
    "Здравствуйте, вас беспокоит компания «Домашний уют», у нас для вас специальное предложение",
];

const OPERATOR_LINES: &[Line] = &[
    plain("У нас сейчас действует скидка десять процентов на первый заказ"),
    plain("Могу отправить вам коммерческое предложение на электронную почту"),
    about("Доставка по городу бесплатная при заказе от пяти тысяч рублей", DELIVERY, "доставка"),
    about("Для вас цена будет от двух тысяч рублей в месяц", PRICE, "цена"),
    plain("Подскажите, пожалуйста, как к вам можно обращаться?"),
    plain("Понимаю вас, извините за беспокойство"),
    plain("Спасибо за уделённое время, всего доброго"),
];

const CLIENT_LINES: &[Line] = &[
    about("Да, интересно, пришлите цены", PRICE, "цены"),
    about("А сколько это стоит?", PRICE, "стоит"),
    about("Сколько стоит доставка?", DELIVERY, "доставка"),
    about("А доставка в область у вас есть?", DELIVERY, "доставка"),
    about("Перезвоните мне завтра после обеда", CALL_LATER, "перезвоните"),
    about("Сейчас неудобно, перезвоните позже", CALL_LATER, "перезвоните"),
    about("Нет, спасибо, мне не нужно", REFUSAL, "не нужно"),
    about("Не звоните мне больше, пожалуйста", REFUSAL, "не звоните"),
    about("В прошлый раз заказ привезли с опозданием на неделю, я очень недоволен", COMPLAINT, "недоволен"),
    plain("Да, слушаю вас"),
    plain("Хорошо, записываю"),
    plain("Угу, понятно"),
];

/// A topic found in one conversation: the terms that set it off, with how often each was said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicHit {
    pub id: i64,
    pub name: &'static str,
    pub terms: Vec<(&'static str, u32)>,
}

#[derive(Clone, Debug)]
pub struct Recording {
    pub recording_id: String,
    pub entry_id: String,
    pub call_id: String,
    /// The recorded employee's extension, when the call had an operator (manual 3.1.3).
    pub extension: Option<&'static str>,
    pub started: DateTime<Utc>,
    /// Seconds of conversation; known once completed.
    pub talk_seconds: i64,
    /// Simulated time of the `Completed` event.
    pub completed: Option<DateTime<Utc>>,
    /// Manual 3.1.3 `completion_code`: 1000 saved, 4002 too short to be saved.
    pub completion_code: Option<u32>,
    pub saved: bool,
    /// `(speaker, text)` in turn, speaker "operator" or "client" (manual 3.4.5).
    pub phrases: Vec<(&'static str, &'static str)>,
    pub topics: Vec<TopicHit>,
    /// How long after completion the transcript and topics are ready (simulated time).
    pub analysis_delay: Duration,
}

impl Recording {
    /// When the transcript and topics can be fetched: never for an unsaved recording.
    pub fn ready_at(&self) -> Option<DateTime<Utc>> {
        self.completed.filter(|_| self.saved).map(|at| at + self.analysis_delay)
    }
}

/// Manual 3.1.3: the id is opaque, at most 128 bytes and unique. The sandbox's look like
/// MANGO's (standard base64, `=` padding, maybe `+` and `/`), so a client that puts them in a
/// URL or form unescaped finds out here rather than against a real account.
pub fn recording_id(entry_id: &str, call_id: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("rec:{entry_id}:{call_id}"))
}

/// FNV-1a: a hash that stays the same across Rust releases, so a seed keeps its recordings.
pub(super) fn stable_hash(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The transcript, topics and analysis delay of one recording, drawn from its own generator
/// (seeded by the world's seed and the id) so recordings never change the calls a seed gives.
fn analyse(seed: u64, recording_id: &str) -> (Vec<(&'static str, &'static str)>, Vec<TopicHit>, Duration) {
    let mut rng = StdRng::seed_from_u64(seed ^ stable_hash(recording_id));
    let turns = rng.gen_range(4..=8usize);
    let greeting = GREETINGS[rng.gen_range(0..GREETINGS.len())];
    let clients: Vec<&Line> = CLIENT_LINES.choose_multiple(&mut rng, turns / 2).collect();
    let operators: Vec<&Line> = OPERATOR_LINES.choose_multiple(&mut rng, turns - turns / 2 - 1).collect();
    let mut lines: Vec<(&'static str, &Line)> = Vec::with_capacity(turns);
    for turn in 1..turns {
        let line = if turn % 2 == 1 {
            clients.get((turn - 1) / 2).map(|l| ("client", *l))
        } else {
            operators.get(turn / 2 - 1).map(|l| ("operator", *l))
        };
        lines.extend(line);
    }
    let mut topics: Vec<TopicHit> = Vec::new();
    for (_, line) in &lines {
        let Some((index, term)) = line.topic else { continue };
        let topic = &TOPICS[index];
        let room = topics.len() < MOST_TOPICS;
        match topics.iter_mut().find(|hit| hit.id == topic.id) {
            Some(hit) => match hit.terms.iter_mut().find(|(t, _)| *t == term) {
                Some((_, count)) => *count += 1,
                None => hit.terms.push((term, 1)),
            },
            None if room => topics.push(TopicHit { id: topic.id, name: topic.name, terms: vec![(term, 1)] }),
            None => {}
        }
    }
    let mut phrases = vec![("operator", greeting)];
    phrases.extend(lines.iter().map(|(speaker, line)| (*speaker, line.text)));
    // The brief's 2–8 simulated minutes: manual 3.4 only says saving "takes some time".
    let delay = Duration::seconds(rng.gen_range(120..=480));
    (phrases, topics, delay)
}

fn recording_event(json: Value) -> Event {
    Event { path: "events/recording", json }
}

/// Manual 3.4.1: an unknown recording, or one that was not saved (4002).
fn not_found(id: &str) -> Refusal {
    // 3320: "Запись разговора не найдена".
    Refusal::bad(3320, format!("recording {id} not found"))
}

fn check_id(name: &str, id: String) -> Checked<String> {
    if id.is_empty() {
        return Err(Refusal::format(name, "must be a recording id"));
    }
    if id.len() > MAX_ID_BYTES {
        // Manual 3.1.3: at most 128 bytes.
        return Err(Refusal::format(name, format!("is {} bytes; at most {MAX_ID_BYTES}", id.len())));
    }
    Ok(id)
}

/// `recording_id` of 3.4.4 and 3.4.5: the manual says "массив идентификаторов" while its
/// examples send a string holding a JSON array (`"[\"MTTox…=\"]"`); both are read, and a
/// single id as a plain string too. Repeated ids are answered once.
fn requested_ids(fields: &Fields, most: Option<usize>) -> Checked<Vec<String>> {
    let value = fields.raw("recording_id").ok_or_else(|| Refusal::missing("recording_id"))?;
    let items: Vec<Value> = match value {
        Value::Array(items) => items.clone(),
        Value::String(text) if text.trim_start().starts_with('[') => serde_json::from_str(text)
            .map_err(|e| Refusal::format("recording_id", format!("is not a JSON array of ids ({e})")))?,
        Value::String(_) | Value::Number(_) => vec![value.clone()],
        _ => return Err(Refusal::format("recording_id", "must be an id or an array of ids")),
    };
    if let Some(most) = most.filter(|most| items.len() > *most) {
        // 3503 "SEARCH_REQUEST_IS_TOO_BIG (например, при передаче больше 500 …)".
        return Err(Refusal::bad(3503, format!("recording_id: {} ids; at most {most}", items.len())));
    }
    let mut seen = HashSet::new();
    let mut ids = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let name = format!("recording_id[{i}]");
        let id = match item {
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            _ => return Err(Refusal::format(&name, "must be a string")),
        };
        let id = check_id(&name, id)?;
        if seen.insert(id.clone()) {
            ids.push(id);
        }
    }
    Ok(ids)
}

impl World {
    /// All recordings the sandbox knows, oldest first (for tests).
    pub fn recording_ids(&self) -> Vec<String> {
        self.recording_order.iter().cloned().collect()
    }

    /// Manual 3.1.3: the recording of a talked call starts when it is connected; reported
    /// as `Started`, `seq` 1. Returns its id.
    pub(super) fn start_recording(
        &mut self,
        entry_id: &str,
        call_id: &str,
        extension: Option<&'static str>,
        at: DateTime<Utc>,
    ) -> String {
        let id = recording_id(entry_id, call_id);
        let (phrases, topics, analysis_delay) = analyse(self.sim.seed, &id);
        let mut event = json!({
            "recording_id": id,
            "recording_state": "Started",
            "seq": 1,
            "call_id": call_id,
            "entry_id": entry_id,
            "timestamp": at.timestamp(),
        });
        // Manual 3.1.3: `extension` only when the recorded side is a known employee.
        if let Some(extension) = extension {
            event["extension"] = json!(extension);
        }
        self.sim.outbox.push(recording_event(event));
        self.recordings.insert(
            id.clone(),
            Recording {
                recording_id: id.clone(),
                entry_id: entry_id.to_string(),
                call_id: call_id.to_string(),
                extension,
                started: at,
                talk_seconds: 0,
                completed: None,
                completion_code: None,
                saved: false,
                phrases,
                topics,
                analysis_delay,
            },
        );
        self.recording_order.push_back(id.clone());
        while self.recording_order.len() > self.caps.recordings {
            if let Some(oldest) = self.recording_order.pop_front() {
                self.recordings.remove(&oldest);
            }
        }
        id
    }

    /// Manual 3.1.3: the recording ends with the call: `Completed`, `seq` 2, with
    /// `completion_code` 1000 and `recipient` "Cloud" (saved in the cloud storage), or 4002
    /// and no `recipient` when the talk was shorter than the minimum (not saved).
    pub(super) fn complete_recording(&mut self, id: &str, talk_seconds: i64, at: DateTime<Utc>) {
        let Some(recording) = self.recordings.get_mut(id) else { return };
        let saved = talk_seconds >= MIN_SAVED_SECONDS;
        let code = if saved { 1000 } else { 4002 };
        recording.talk_seconds = talk_seconds;
        recording.completed = Some(at);
        recording.completion_code = Some(code);
        recording.saved = saved;
        let mut event = json!({
            "recording_id": recording.recording_id,
            "recording_state": "Completed",
            "seq": 2,
            "call_id": recording.call_id,
            "entry_id": recording.entry_id,
            "timestamp": at.timestamp(),
            "completion_code": code,
        });
        if let Some(extension) = recording.extension {
            event["extension"] = json!(extension);
        }
        if saved {
            // Manual 3.1.3: "Cloud" — kept in the cloud storage.
            event["recipient"] = json!("Cloud");
        }
        self.sim.outbox.push(recording_event(event));
    }

    /// A recording whose file can be fetched: saved, and so completed.
    pub(super) fn saved_recording(&self, id: &str) -> Checked<&Recording> {
        self.recordings.get(id).filter(|r| r.saved).ok_or_else(|| not_found(id))
    }

    /// `queries/recording/post` (manual 3.4.1): checks the request and hands out a one-time
    /// file link's token (see `files`).
    pub fn recording_link(&mut self, fields: &Fields) -> Checked<String> {
        let id = check_id("recording_id", fields.required_str("recording_id", MAX_ID_BYTES)?)?;
        // Manual 3.4.1: "action: разрешенные значения download, play".
        let action = match fields.required_str("action", 16)?.as_str() {
            "download" => Action::Download,
            "play" => Action::Play,
            other => {
                return Err(Refusal::format("action", format!("{other:?} is not one of download, play")))
            }
        };
        self.refresh();
        self.saved_recording(&id)?;
        Ok(self.issue_file_link(id, action))
    }

    /// The recordings of `ids` whose analysis is ready by the simulated clock.
    fn ready_recordings(&mut self, ids: &[String]) -> Vec<&Recording> {
        self.refresh();
        let now = self.clock.now();
        ids.iter()
            .filter_map(|id| self.recordings.get(id))
            .filter(|r| r.ready_at().is_some_and(|at| at <= now))
            .collect()
    }

    /// `queries/recording_transcripts` (manual 3.4.5): only ready transcripts are listed;
    /// unknown ids and those still being recognised are simply absent.
    pub fn transcripts_json(&mut self, fields: &Fields) -> Checked<Value> {
        let ids = requested_ids(fields, Some(MAX_TRANSCRIPT_IDS))?;
        let data: Vec<Value> = self
            .ready_recordings(&ids)
            .into_iter()
            .map(|r| {
                let phrases: Vec<Value> = r.phrases.iter().map(|(who, text)| json!([who, text])).collect();
                json!({
                    "recording_id": r.recording_id,
                    // Manual 3.4.5: neither side is a pair of known employees: "Клиент", "Сотрудник".
                    "names": { "client": CLIENT_NAME, "operator": OPERATOR_NAME },
                    "phrases": phrases,
                })
            })
            .collect();
        Ok(json!({ "result": 1000, "data": data }))
    }

    /// `queries/recording_categories` (manual 3.4.4): the topics of each ready recording
    /// (`[]` when none was found); `name` with `with_names`, `terms` with `with_terms`.
    pub fn categories_json(&mut self, fields: &Fields) -> Checked<Value> {
        let ids = requested_ids(fields, None)?;
        let with_terms = fields.optional_bool("with_terms")?.unwrap_or(false);
        let with_names = fields.optional_bool("with_names")?.unwrap_or(false);
        let data: Vec<Value> = self
            .ready_recordings(&ids)
            .into_iter()
            .map(|r| {
                let assigned = r.ready_at().map(|at| at.timestamp()).unwrap_or_default();
                let categories: Vec<Value> = r
                    .topics
                    .iter()
                    .map(|topic| {
                        let mut category = json!({ "id": topic.id, "assign_time": assigned, "version": 1 });
                        if with_names {
                            category["name"] = json!(topic.name);
                        }
                        if with_terms {
                            // Manual 3.4.4: channel -1 is the left channel of the recording.
                            let terms: Vec<Value> = topic
                                .terms
                                .iter()
                                .map(|(term, count)| json!({ "channels": [-1], "count": count, "value": term }))
                                .collect();
                            category["terms"] = json!(terms);
                        }
                        category
                    })
                    .collect();
                json!({ "recording_id": r.recording_id, "categories": categories })
            })
            .collect();
        Ok(json!({ "result": 1000, "data": data }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::clock::Clock;
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()
    }

    fn fields(value: Value) -> Fields {
        Fields::parse(&value.to_string()).unwrap()
    }

    /// A campaign of `tasks` leads, open all Sunday, run for `hours` of simulated time; the
    /// clock is then set to the end of the run.
    fn world_after(seed: u64, tasks: usize, hours: i64) -> World {
        let mut world = World::new(Clock::new(start(), 0.0), seed);
        let added = world
            .add_campaign(&fields(json!({"line_id": 400200001, "name": "rec",
                "operators": [400100101, 400100102, 400100103],
                "schedule": [{"weekday": 7, "start": "00:00", "end": "24:00"}]})))
            .unwrap();
        let id = added["campaign_id"].as_i64().unwrap();
        let list: Vec<Value> =
            (0..tasks).map(|n| json!({"name": format!("t{n}"), "number": format!("7912{n:07}")})).collect();
        world.push_tasks(&fields(json!({"campaign_id": id, "tasks": list}))).unwrap();
        world.start(id).unwrap();
        let end = start() + Duration::hours(hours);
        world.advance(end);
        world.clock = Clock::new(end, 0.0);
        world
    }

    fn events<'a>(world: &'a World, path: &str) -> Vec<&'a Value> {
        world.sim.outbox.iter().filter(|e| e.path == path).map(|e| &e.json).collect()
    }

    #[test]
    fn talked_calls_are_recorded_from_connected_to_completed() {
        let world = world_after(11, 60, 8);
        let calls = events(&world, "events/call");
        let recordings = events(&world, "events/recording");
        let summaries = events(&world, "events/summary");
        assert!(recordings.len() >= 20, "{} recording events", recordings.len());
        let mut saved = 0;
        let mut short = 0;
        for summary in &summaries {
            let entry = summary["entry_id"].as_str().unwrap();
            let of_entry: Vec<&&Value> = recordings.iter().filter(|r| r["entry_id"] == entry).collect();
            if summary["entry_result"] == 0 {
                assert!(of_entry.is_empty(), "{entry}: an unanswered call is not recorded");
                continue;
            }
            let [started, completed] = of_entry[..] else { panic!("{entry}: {of_entry:?}") };
            let connected = calls
                .iter()
                .find(|c| c["entry_id"] == entry && c["call_state"] == "Connected")
                .expect("a talked call was connected");
            assert_eq!(started["recording_state"], "Started");
            assert_eq!(started["seq"], 1);
            assert_eq!(started["call_id"], connected["call_id"]);
            assert_eq!(started["timestamp"], connected["timestamp"]);
            assert!(started["timestamp"].is_i64());
            assert_eq!(started["extension"], connected["from"]["extension"]);
            assert!(started.get("completion_code").is_none());
            assert_eq!(completed["recording_state"], "Completed");
            assert_eq!(completed["seq"], 2);
            assert_eq!(completed["recording_id"], started["recording_id"]);
            assert_eq!(completed["call_id"], started["call_id"]);
            assert_eq!(completed["timestamp"], summary["end_time"]);
            let id = started["recording_id"].as_str().unwrap();
            assert!(id.len() <= MAX_ID_BYTES && id.contains('='), "{id}");
            let talk = summary["end_time"].as_i64().unwrap() - summary["talk_time"].as_i64().unwrap();
            if talk < MIN_SAVED_SECONDS {
                short += 1;
                assert_eq!(completed["completion_code"], 4002, "{talk} s");
                assert!(completed.get("recipient").is_none());
                assert!(!world.recordings[id].saved);
            } else {
                saved += 1;
                assert_eq!(completed["completion_code"], 1000, "{talk} s");
                assert_eq!(completed["recipient"], "Cloud");
                assert_eq!(world.recordings[id].talk_seconds, talk);
            }
        }
        assert!(saved > 0 && short > 0, "saved {saved}, short {short}");
        // Every recording event follows its call's Connected, and Completed its Disconnected.
        let order: Vec<(&str, &str)> = world
            .sim
            .outbox
            .iter()
            .filter(|e| e.path != "events/user/status_changed")
            .map(|e| {
                (e.path, e.json["recording_state"].as_str().or(e.json["call_state"].as_str()).unwrap_or(""))
            })
            .collect();
        for (i, (path, state)) in order.iter().enumerate() {
            if *path == "events/recording" && *state == "Started" {
                assert_eq!(order[i - 1], ("events/call", "Connected"));
            }
            if *path == "events/recording" && *state == "Completed" {
                assert_eq!(order[i - 1].0, "events/summary");
                assert_eq!(order[i - 2], ("events/call", "Disconnected"));
            }
        }
        let ids = world.recording_ids();
        assert_eq!(ids.len(), recordings.iter().filter(|r| r["recording_state"] == "Started").count());
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "ids are unique");
        let first_started = recordings.iter().find(|r| r["recording_state"] == "Started").unwrap();
        assert_eq!(ids[0], first_started["recording_id"], "creation order");
    }

    #[test]
    fn recordings_are_the_same_for_the_same_seed() {
        let world = world_after(11, 40, 8);
        let again = world_after(11, 40, 8);
        assert_eq!(world.sim.outbox, again.sim.outbox);
        let one = &world.recordings[&world.recording_ids()[0]];
        let other = &again.recordings[&again.recording_ids()[0]];
        assert_eq!(
            (&one.phrases, &one.topics, one.analysis_delay),
            (&other.phrases, &other.topics, other.analysis_delay)
        );
    }

    #[test]
    fn transcripts_alternate_and_topics_follow_the_phrases() {
        let world = world_after(3, 60, 8);
        let mut topics_seen = HashSet::new();
        for recording in world.recordings.values() {
            let turns = recording.phrases.len();
            assert!((4..=8).contains(&turns), "{turns} turns");
            for (i, (speaker, _)) in recording.phrases.iter().enumerate() {
                assert_eq!(*speaker, if i % 2 == 0 { "operator" } else { "client" });
            }
            assert!(recording.topics.len() <= MOST_TOPICS);
            for topic in &recording.topics {
                topics_seen.insert(topic.id);
                for (term, count) in &topic.terms {
                    let said = recording
                        .phrases
                        .iter()
                        .filter(|(_, text)| text.to_lowercase().contains(term))
                        .count();
                    assert!(said >= *count as usize && *count >= 1, "{term}: {count} of {said}");
                }
            }
            let delivery = recording.phrases.iter().any(|(_, t)| *t == "Сколько стоит доставка?");
            if delivery && recording.topics.len() < MOST_TOPICS {
                assert!(recording.topics.iter().any(|t| t.name == "Доставка"), "{:?}", recording.topics);
            }
            let delay = recording.analysis_delay;
            assert!(delay >= Duration::minutes(2) && delay <= Duration::minutes(8), "{delay}");
        }
        assert!(topics_seen.len() >= 4, "the pool is used: {topics_seen:?}");
    }

    #[test]
    fn ids_come_as_an_array_a_string_holding_one_or_a_single_id() {
        let mut world = world_after(5, 40, 8);
        let ready: Vec<String> = world
            .recording_ids()
            .into_iter()
            .filter(|id| world.recordings[id].ready_at().is_some_and(|at| at <= world.clock.now()))
            .take(2)
            .collect();
        assert_eq!(ready.len(), 2);
        let as_string = serde_json::to_string(&ready).unwrap();
        let listed = |answer: Value| -> Vec<String> {
            assert_eq!(answer["result"], 1000);
            answer["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["recording_id"].as_str().unwrap().into())
                .collect()
        };
        let from_string = world.transcripts_json(&fields(json!({"recording_id": as_string}))).unwrap();
        assert_eq!(listed(from_string.clone()), ready);
        let from_array = world.transcripts_json(&fields(json!({"recording_id": ready}))).unwrap();
        assert_eq!(from_array, from_string);
        let single = world.transcripts_json(&fields(json!({"recording_id": ready[1]}))).unwrap();
        assert_eq!(listed(single), [ready[1].clone()]);
        let with_unknown = world
            .categories_json(&fields(json!({"recording_id": [ready[0], "bm9wZQ==", ready[0]]})))
            .unwrap();
        assert_eq!(listed(with_unknown), [ready[0].clone()], "unknown ids are absent, repeats answered once");

        let transcript = &from_string["data"][0];
        assert_eq!(transcript["names"], json!({"client": "Клиент", "operator": "Сотрудник"}));
        let phrases = transcript["phrases"].as_array().unwrap();
        assert_eq!(phrases.len(), world.recordings[&ready[0]].phrases.len());
        assert_eq!(phrases[0][0], "operator");
        assert_eq!(phrases[1][0], "client");

        for bad in [json!({}), json!({"recording_id": "[\"a\","}), json!({"recording_id": [1.5, {}]})] {
            let code = world.transcripts_json(&fields(bad.clone())).unwrap_err().code();
            assert!(code == 3103 || code == 3104, "{bad}: {code}");
        }
        let too_many: Vec<String> = (0..501).map(|n| format!("id{n}")).collect();
        let refused = world.transcripts_json(&fields(json!({"recording_id": too_many}))).unwrap_err();
        assert_eq!(refused.code(), 3503);
        let long = "x".repeat(129);
        assert_eq!(
            world.transcripts_json(&fields(json!({"recording_id": [long]}))).unwrap_err().code(),
            3104
        );
    }

    #[test]
    fn analysis_is_ready_only_after_its_simulated_delay() {
        let mut world = world_after(3, 30, 3);
        let id = world
            .recording_ids()
            .into_iter()
            .find(|id| world.recordings[id].saved && !world.recordings[id].topics.is_empty())
            .unwrap();
        let recording = world.recordings[&id].clone();
        let ready = recording.ready_at().unwrap();
        assert!(ready > recording.completed.unwrap() + Duration::seconds(119));
        let ask = json!({"recording_id": [id], "with_names": true, "with_terms": true});
        world.clock = Clock::new(ready - Duration::seconds(1), 0.0);
        assert_eq!(world.transcripts_json(&fields(ask.clone())).unwrap()["data"], json!([]));
        assert_eq!(world.categories_json(&fields(ask.clone())).unwrap()["data"], json!([]));
        world.clock = Clock::new(ready, 0.0);
        let transcripts = world.transcripts_json(&fields(ask.clone())).unwrap();
        assert_eq!(transcripts["data"][0]["recording_id"], id);
        let categories = world.categories_json(&fields(ask)).unwrap();
        let listed = &categories["data"][0];
        assert_eq!(listed["recording_id"], id);
        let shown = listed["categories"].as_array().unwrap();
        assert_eq!(shown.len(), recording.topics.len(), "a recording without topics lists []");
        for (shown, topic) in shown.iter().zip(&recording.topics) {
            assert_eq!(shown["id"], topic.id);
            assert_eq!(shown["name"], topic.name);
            assert_eq!(shown["version"], 1);
            assert_eq!(shown["assign_time"], ready.timestamp());
            assert_eq!(shown["terms"][0]["channels"], json!([-1]));
            assert_eq!(shown["terms"][0]["value"], topic.terms[0].0);
            assert_eq!(shown["terms"][0]["count"], topic.terms[0].1);
        }
        let plain = world.categories_json(&fields(json!({"recording_id": [id]}))).unwrap();
        for category in plain["data"][0]["categories"].as_array().unwrap() {
            assert!(category.get("name").is_none() && category.get("terms").is_none(), "{category}");
        }

        // A recording that was not saved never gets a transcript, nor a file.
        let short = world
            .recording_ids()
            .into_iter()
            .find(|id| world.recordings[id].completion_code == Some(4002))
            .expect("seed 3 has a short talk");
        world.clock = Clock::new(start() + Duration::days(1), 0.0);
        let answer = world.transcripts_json(&fields(json!({"recording_id": [short]}))).unwrap();
        assert_eq!(answer["data"], json!([]));
        let refused =
            world.recording_link(&fields(json!({"recording_id": short, "action": "play"}))).unwrap_err();
        assert_eq!(refused.code(), 3320);
    }

    #[test]
    fn a_ready_recording_without_topics_lists_none() {
        let mut world = world_after(5, 30, 3);
        let id = world
            .recording_ids()
            .into_iter()
            .find(|id| world.recordings[id].saved && world.recordings[id].topics.is_empty())
            .expect("seed 5 has a talk without topics");
        world.clock = Clock::new(start() + Duration::days(1), 0.0);
        let answer =
            world.categories_json(&fields(json!({"recording_id": [id], "with_names": true}))).unwrap();
        assert_eq!(answer, json!({"result": 1000, "data": [{"recording_id": id, "categories": []}]}));
    }

    #[test]
    fn recording_post_checks_its_fields() {
        let mut world = world_after(7, 20, 3);
        let id = world.recording_ids().into_iter().find(|id| world.recordings[id].saved).unwrap();
        let code = |world: &mut World, value: Value| world.recording_link(&fields(value)).unwrap_err().code();
        assert_eq!(code(&mut world, json!({"recording_id": id, "action": "stream"})), 3104);
        assert_eq!(code(&mut world, json!({"recording_id": id})), 3103);
        assert_eq!(code(&mut world, json!({"action": "play"})), 3103);
        assert_eq!(code(&mut world, json!({"recording_id": "bm9wZQ==", "action": "play"})), 3320);
        assert_eq!(code(&mut world, json!({"recording_id": "я".repeat(70), "action": "play"})), 3104);
        let token = world.recording_link(&fields(json!({"recording_id": id, "action": "download"}))).unwrap();
        assert_eq!(world.file_links[&token].recording_id, id);
        assert_eq!(world.file_links[&token].action, Action::Download);
    }
}
