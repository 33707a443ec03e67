//! Recording files (manual 3.4.1): `queries/recording/post` answers `302 Found` with a
//! temporary link to the file service, which the sandbox plays itself: a short generated WAV,
//! served once per link (the manual: links are invalid after the first access), with byte
//! ranges unless a test switches them off (`Sandbox::ignore_ranges`).

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rand::Rng;

use super::recordings::stable_hash;
use super::world::World;
use super::Sandbox;

/// Manual 3.4.1 says the links' life "is limited" without a figure; the sandbox's last a
/// minute of real time.
pub const LINK_LIFETIME: Duration = Duration::from_secs(60);
const SAMPLE_RATE: u32 = 8000;
/// RIFF header, `fmt ` chunk and `data` chunk header of a plain PCM WAV.
pub const WAV_HEADER_BYTES: usize = 44;
/// Peak sample value: about a tenth of full scale, a quiet tone.
const AMPLITUDE: f64 = 3000.0;

/// Manual 3.4.1 `action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Download,
    Play,
}

/// A one-time link to a recording's file.
#[derive(Clone, Debug)]
pub struct FileLink {
    pub recording_id: String,
    pub action: Action,
    /// Real time, since the link is used by a real client at once.
    pub expires: Instant,
}

impl World {
    /// A new link's token, unguessable; expired links are forgotten on the way.
    pub(super) fn issue_file_link(&mut self, recording_id: String, action: Action) -> String {
        let now = Instant::now();
        self.file_links.retain(|_, link| link.expires > now);
        let token = hex::encode(rand::thread_rng().gen::<[u8; 24]>());
        self.file_links
            .insert(token.clone(), FileLink { recording_id, action, expires: now + LINK_LIFETIME });
        token
    }
}

/// The file's length in seconds: a tenth of the talk, at least 2 and at most 8, so files stay
/// small whatever the call.
pub fn file_seconds(talk_seconds: i64) -> u32 {
    u32::try_from((talk_seconds / 10).clamp(2, 8)).unwrap_or(2)
}

pub fn wav_len(seconds: u32) -> usize {
    WAV_HEADER_BYTES + seconds as usize * SAMPLE_RATE as usize * 2
}

/// A PCM WAV (RIFF, 16-bit mono, 8000 Hz): two tones alternating every quarter second, the
/// pair chosen by `tone`, each burst faded in and out so it does not click.
pub fn wav(seconds: u32, tone: u64) -> Vec<u8> {
    let samples = seconds as usize * SAMPLE_RATE as usize;
    let data_bytes = (samples * 2) as u32;
    let mut out = Vec::with_capacity(WAV_HEADER_BYTES + samples * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_bytes).to_le_bytes());
    out.extend_from_slice(b"WAVE");
    out.extend_from_slice(b"fmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&SAMPLE_RATE.to_le_bytes());
    out.extend_from_slice(&(SAMPLE_RATE * 2).to_le_bytes()); // bytes per second
    out.extend_from_slice(&2u16.to_le_bytes()); // bytes per sample frame
    out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_bytes.to_le_bytes());
    const PAIRS: [(f64, f64); 3] = [(440.0, 660.0), (523.25, 392.0), (349.23, 587.33)];
    let (low, high) = PAIRS[(tone % PAIRS.len() as u64) as usize];
    let burst = SAMPLE_RATE as usize / 4;
    let fade = (burst / 10) as f64;
    for n in 0..samples {
        let frequency = if (n / burst).is_multiple_of(2) { low } else { high };
        let k = n % burst;
        let envelope = (k.min(burst - 1 - k) as f64 / fade).min(1.0);
        let t = n as f64 / f64::from(SAMPLE_RATE);
        let value = (std::f64::consts::TAU * frequency * t).sin() * envelope * AMPLITUDE;
        out.extend_from_slice(&(value as i16).to_le_bytes());
    }
    out
}

/// One byte range of a `Range` header (RFC 9110 14.1.2: `bytes=a-b`, `bytes=a-`,
/// `bytes=-n`) as inclusive offsets in a file of `len` bytes; `None` for anything else (other
/// units, several ranges, garbage) or a range that starts past the end.
pub fn byte_range(value: &str, len: usize) -> Option<(usize, usize)> {
    let spec = value.trim().strip_prefix("bytes=")?;
    let (first, last) = spec.split_once('-')?;
    let number = |s: &str| {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse::<usize>().ok()
    };
    if len == 0 {
        return None;
    }
    match (first.trim(), last.trim()) {
        ("", suffix) => {
            let n = number(suffix).filter(|n| *n > 0)?;
            Some((len.saturating_sub(n), len - 1))
        }
        (start, "") => number(start).filter(|a| *a < len).map(|a| (a, len - 1)),
        (start, end) => {
            let (a, b) = (number(start)?, number(end)?);
            (a <= b && a < len).then_some((a, b.min(len - 1)))
        }
    }
}

fn host_like(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 255
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b))
}

/// Manual 3.4.1: `302 Found`, `Location` the file's temporary link, absolute. The link is on
/// the address the request came to, under whatever the sandbox's router is nested under
/// (`/sandbox` inside Obzvon): the part of the original path before `/vpbx/`.
pub fn redirect(headers: &HeaderMap, original: &Uri, token: &str) -> Response {
    let path = original.path();
    let prefix = path.rfind("/vpbx/").map_or("", |at| &path[..at]);
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| host_like(h))
        .or_else(|| original.authority().map(|a| a.as_str()).filter(|a| host_like(a)))
        .unwrap_or("localhost");
    match HeaderValue::from_str(&format!("http://{host}{prefix}/files/{token}")) {
        Ok(location) => (StatusCode::FOUND, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET {prefix}/files/{token}`: the file behind a link from `queries/recording/post`.
/// Unknown, used or expired links answer 404; a HEAD does not use the link up, nor does a
/// request refused for its range (416), which never reached the file.
pub async fn serve(
    State(sandbox): State<Sandbox>,
    Path(token): Path<String>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let ranges = !sandbox.ignore_ranges.load(Ordering::SeqCst);
    let (seconds, tone, action, name, range, len) = {
        let mut world = sandbox.world.lock().unwrap_or_else(|p| p.into_inner());
        let Some(link) = world.file_links.get(&token).cloned() else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let recording = world.recordings.get(&link.recording_id).filter(|r| r.saved);
        let Some(recording) = recording.filter(|_| link.expires > Instant::now()) else {
            world.file_links.remove(&token);
            return StatusCode::NOT_FOUND.into_response();
        };
        let seconds = file_seconds(recording.talk_seconds);
        let len = wav_len(seconds);
        let name: String = recording.entry_id.chars().filter(char::is_ascii_alphanumeric).take(64).collect();
        let tone = stable_hash(&recording.recording_id);
        let range = match headers.get(header::RANGE).filter(|_| ranges) {
            None => None,
            Some(value) => match value.to_str().ok().and_then(|v| byte_range(v, len)) {
                Some(range) => Some(range),
                None => {
                    return (
                        StatusCode::RANGE_NOT_SATISFIABLE,
                        [(header::CONTENT_RANGE, format!("bytes */{len}"))],
                    )
                        .into_response()
                }
            },
        };
        if method != Method::HEAD {
            world.file_links.remove(&token);
        }
        (seconds, tone, link.action, name, range, len)
    };
    let file = wav(seconds, tone);
    let (status, body) = match range {
        Some((first, last)) => (StatusCode::PARTIAL_CONTENT, file[first..=last].to_vec()),
        None => (StatusCode::OK, file),
    };
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "audio/wav")
        .header(header::CONTENT_LENGTH, body.len());
    if ranges {
        response = response.header(header::ACCEPT_RANGES, "bytes");
    }
    if let Some((first, last)) = range {
        response = response.header(header::CONTENT_RANGE, format!("bytes {first}-{last}/{len}"));
    }
    if action == Action::Download {
        response = response
            .header(header::CONTENT_DISPOSITION, format!("attachment; filename=\"recording-{name}.wav\""));
    }
    response.body(Body::from(body)).unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::EmulatorConfig;
    use chrono::{TimeZone, Utc};
    use reqwest::header as h;
    use serde_json::{json, Value};

    const KEY: &str = "rec-key";
    const SALT: &str = "rec-salt";

    /// A frozen sandbox holding one finished recording of `talk` seconds.
    fn sandbox_with_recording(talk: i64) -> (Sandbox, String) {
        let sandbox = Sandbox::new(EmulatorConfig {
            api_key: KEY.into(),
            api_salt: SALT.into(),
            start: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap(),
            time_factor: 0.0,
            seed: 1,
            faults: Default::default(),
        });
        let id = {
            let mut world = sandbox.world.lock().unwrap();
            let at = world.clock.now();
            let id = world.start_recording("MToxMDAwMDAw00000001", "MTox00000001OjA=", Some("101"), at);
            world.complete_recording(&id, talk, at + chrono::Duration::seconds(talk));
            id
        };
        (sandbox, id)
    }

    /// Serves `router` on a free port; returns its base address.
    async fn serve_router(router: axum::Router) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        format!("http://{addr}")
    }

    fn client() -> reqwest::Client {
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }

    async fn post(base: &str, path: &str, body: Value) -> reqwest::Response {
        let json = body.to_string();
        let sign = crate::mango::sign::sign(KEY, &json, SALT);
        client()
            .post(format!("{base}/vpbx/{path}"))
            .form(&[("vpbx_api_key", KEY), ("sign", sign.as_str()), ("json", json.as_str())])
            .send()
            .await
            .unwrap()
    }

    async fn link(base: &str, path: &str, id: &str, action: &str) -> String {
        let answer = post(base, path, json!({"recording_id": id, "action": action})).await;
        assert_eq!(answer.status(), reqwest::StatusCode::FOUND, "{path}");
        answer.headers()[h::LOCATION].to_str().unwrap().to_string()
    }

    async fn get(url: &str, range: Option<&str>) -> reqwest::Response {
        let mut request = client().get(url);
        if let Some(range) = range {
            request = request.header(h::RANGE, range);
        }
        request.send().await.unwrap()
    }

    #[test]
    fn the_wav_header_adds_up() {
        for (talk, seconds) in [(5, 2), (45, 4), (300, 8)] {
            assert_eq!(file_seconds(talk), seconds);
            let file = wav(seconds, 7);
            let u32_at = |at: usize| u32::from_le_bytes(file[at..at + 4].try_into().unwrap());
            let u16_at = |at: usize| u16::from_le_bytes(file[at..at + 2].try_into().unwrap());
            assert_eq!(file.len(), wav_len(seconds));
            assert_eq!(&file[0..4], b"RIFF");
            assert_eq!(u32_at(4) as usize, file.len() - 8);
            assert_eq!(&file[8..16], b"WAVEfmt ");
            assert_eq!((u32_at(16), u16_at(20), u16_at(22)), (16, 1, 1), "PCM mono");
            assert_eq!((u32_at(24), u32_at(28), u16_at(32), u16_at(34)), (8000, 16000, 2, 16));
            assert_eq!(&file[36..40], b"data");
            assert_eq!(u32_at(40) as usize, file.len() - WAV_HEADER_BYTES);
            assert_eq!(u32_at(40), seconds * 16000);
            let samples: Vec<i16> =
                file[44..].chunks(2).map(|pair| i16::from_le_bytes([pair[0], pair[1]])).collect();
            let peak = samples.iter().map(|s| s.unsigned_abs()).max().unwrap();
            assert!((2000..=3000).contains(&peak), "a quiet but audible tone: {peak}");
        }
        assert_eq!(wav(3, 1), wav(3, 1), "deterministic");
        assert_ne!(wav(3, 1), wav(3, 2), "the tone follows the recording");
    }

    #[test]
    fn ranges_are_read_as_rfc_9110_writes_them() {
        assert_eq!(byte_range("bytes=0-9", 100), Some((0, 9)));
        assert_eq!(byte_range("bytes=90-", 100), Some((90, 99)));
        assert_eq!(byte_range("bytes=90-500", 100), Some((90, 99)));
        assert_eq!(byte_range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(byte_range("bytes=-500", 100), Some((0, 99)));
        for bad in [
            "bytes=100-",
            "bytes=5-4",
            "bytes=-0",
            "bytes=0-1,5-9",
            "items=0-9",
            "bytes=+1-2",
            "bytes=a-b",
            "",
        ] {
            assert_eq!(byte_range(bad, 100), None, "{bad}");
        }
    }

    #[tokio::test]
    async fn a_link_plays_once_under_the_prefix_it_was_asked_under() {
        let (sandbox, id) = sandbox_with_recording(45);
        let base = serve_router(axum::Router::new().nest("/sandbox", sandbox.router())).await;
        let location = link(&format!("{base}/sandbox"), "queries/recording/post", &id, "play").await;
        let token = location.strip_prefix(&format!("{base}/sandbox/files/")).expect(&location);
        assert!(token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");
        assert_eq!(sandbox.world.lock().unwrap().file_links[token].action, Action::Play);

        let file = get(&location, None).await;
        assert_eq!(file.status(), reqwest::StatusCode::OK);
        assert_eq!(file.headers()[h::CONTENT_TYPE], "audio/wav");
        assert_eq!(file.headers()[h::CONTENT_LENGTH], wav_len(4).to_string().as_str());
        assert_eq!(file.headers()[h::ACCEPT_RANGES], "bytes");
        assert!(file.headers().get(h::CONTENT_DISPOSITION).is_none(), "play is not a download");
        let expected = wav(4, stable_hash(&id));
        assert_eq!(file.bytes().await.unwrap().as_ref(), expected.as_slice());
        assert_eq!(get(&location, None).await.status(), reqwest::StatusCode::NOT_FOUND, "the link died");

        // The same sandbox un-nested: the link has no prefix.
        let plain = serve_router(sandbox.router()).await;
        let location = link(&plain, "queries/recording/post/", &id, "play").await;
        assert!(location.starts_with(&format!("{plain}/files/")), "{location}");
        assert_eq!(get(&location, None).await.status(), reqwest::StatusCode::OK);
    }

    #[tokio::test]
    async fn downloads_serve_ranges_and_say_their_name() {
        let (sandbox, id) = sandbox_with_recording(300);
        let base = serve_router(sandbox.router()).await;
        let whole = wav(8, stable_hash(&id));

        let location = link(&base, "queries/recording/post/", &id, "download").await;
        let bad = get(&location, Some("bytes=999999-")).await;
        assert_eq!(bad.status(), reqwest::StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(bad.headers()[h::CONTENT_RANGE], format!("bytes */{}", whole.len()).as_str());
        let head = get(&location, Some("bytes=0-43")).await;
        assert_eq!(head.status(), reqwest::StatusCode::PARTIAL_CONTENT, "a refused range kept the link");
        assert_eq!(head.headers()[h::CONTENT_RANGE], format!("bytes 0-43/{}", whole.len()).as_str());
        assert_eq!(head.headers()[h::CONTENT_LENGTH], "44");
        assert_eq!(
            head.headers()[h::CONTENT_DISPOSITION],
            "attachment; filename=\"recording-MToxMDAwMDAw00000001.wav\""
        );
        assert_eq!(head.bytes().await.unwrap().as_ref(), &whole[..44]);
        assert_eq!(get(&location, Some("bytes=44-")).await.status(), reqwest::StatusCode::NOT_FOUND);

        let location = link(&base, "queries/recording/post", &id, "download").await;
        let tail = get(&location, Some("bytes=1000-")).await;
        assert_eq!(tail.status(), reqwest::StatusCode::PARTIAL_CONTENT);
        assert_eq!(tail.bytes().await.unwrap().as_ref(), &whole[1000..]);

        sandbox.ignore_ranges(true);
        let location = link(&base, "queries/recording/post", &id, "play").await;
        let ignored = get(&location, Some("bytes=0-9")).await;
        assert_eq!(ignored.status(), reqwest::StatusCode::OK, "ranges switched off");
        assert!(ignored.headers().get(h::CONTENT_RANGE).is_none());
        assert_eq!(ignored.bytes().await.unwrap().len(), whole.len());

        // An expired link is gone.
        let location = link(&base, "queries/recording/post", &id, "play").await;
        let token = location.rsplit('/').next().unwrap().to_string();
        sandbox.world.lock().unwrap().file_links.get_mut(&token).unwrap().expires = Instant::now();
        assert_eq!(get(&location, None).await.status(), reqwest::StatusCode::NOT_FOUND);
        assert!(!sandbox.world.lock().unwrap().file_links.contains_key(&token));
    }

    #[tokio::test]
    async fn recording_queries_refuse_as_mango_does() {
        let (sandbox, id) = sandbox_with_recording(10);
        let base = serve_router(sandbox.router()).await;
        let refused =
            post(&base, "queries/recording/post", json!({"recording_id": id, "action": "play"})).await;
        assert_eq!(refused.status().as_u16(), 420, "4002: not saved");
        assert_eq!(refused.json::<Value>().await.unwrap()["code"], 3320);
        let bad =
            post(&base, "queries/recording/post/", json!({"recording_id": id, "action": "listen"})).await;
        assert_eq!(bad.json::<Value>().await.unwrap()["code"], 3104);
        let (long, _) = sandbox_with_recording(40);
        let long_base = serve_router(long.router()).await;
        for path in [
            "queries/recording_transcripts",
            "queries/recording_transcripts/",
            "queries/recording_categories/",
        ] {
            let answer = post(&long_base, path, json!({"recording_id": "[\"bm9wZQ==\"]"})).await;
            assert_eq!(answer.status(), reqwest::StatusCode::OK, "{path}");
            assert_eq!(answer.json::<Value>().await.unwrap(), json!({"result": 1000, "data": []}), "{path}");
        }

        // Manual 1.4.1: access to recordings has its own 10/s on top of the VPBX-wide one.
        // The limiter refills a cell every 100 ms, so a slow machine gets a few tries.
        let mut limited = false;
        for _ in 0..5 {
            while long.limits.recordings.check().is_ok() {}
            let answer =
                post(&long_base, "queries/recording_categories", json!({"recording_id": ["x"]})).await;
            if answer.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE {
                assert_eq!(answer.json::<Value>().await.unwrap()["message"], "Rate limit exceeded.");
                limited = true;
                break;
            }
        }
        assert!(limited, "the recordings limiter refuses");
        while long.limits.recordings.check().is_ok() {}
        let other = post(&long_base, "incominglines", json!({})).await;
        assert_eq!(other.status(), reqwest::StatusCode::OK, "other methods are not limited by it");
    }
}
