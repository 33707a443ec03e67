//! Listening to a call: `GET /recordings/{id}/play` and `/recordings/{id}/download`, for team
//! leads and admins. Each request asks MANGO for a fresh one-time link (manual 3.4.1:
//! `recording/post` answers 302, the link dies on first use and must not be stored), follows
//! it at once and streams the audio through. The browser's `Range` goes along, so the player
//! can seek; a file service that ignores it is answered with the asked part cut from the
//! whole file. A listen is written to the audit log once: the request that starts at the
//! beginning, not each seek.

use std::net::SocketAddr;
use std::sync::Arc;

use app::api::recordings::RecordingStatus;
use app::api::types::SessionUser;
use app::api::Permission;
use app::i18n::{fill, t};
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};

use crate::auth::signed_in::SignedIn;
use crate::calls::recordings;
use crate::db::{self, audit::NewEntry, Db};
use crate::mango::link::MangoLink;
use crate::mango::types::RecordingAction;
use crate::mango::MangoError;
use crate::routes::uploads::{lang_of, spoken_in};

#[derive(Clone)]
struct RecordingState {
    db: Db,
    link: Arc<MangoLink>,
}

pub fn router(db: Db, link: Arc<MangoLink>) -> Router {
    Router::new()
        .route("/recordings/{id}/{action}", axum::routing::get(listen))
        .with_state(RecordingState { db, link })
}

/// `play` or `download` (manual 3.4.1's two actions); anything else is no page.
async fn listen(
    State(state): State<RecordingState>,
    Path((id, action)): Path<(i64, String)>,
    signed_in: SignedIn,
    headers: HeaderMap,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> Response {
    let action = match action.as_str() {
        "play" => RecordingAction::Play,
        "download" => RecordingAction::Download,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let lang = lang_of(&signed_in, &headers);
    spoken_in(lang, serve(state, id, action, signed_in, headers, connect)).await
}

async fn serve(
    state: RecordingState,
    id: i64,
    action: RecordingAction,
    signed_in: SignedIn,
    headers: HeaderMap,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> Response {
    let user = match signed_in.may(Permission::HearCalls) {
        Ok(user) => user.clone(),
        Err(refusal) => return refusal.into_response(),
    };
    let words = &t().results.recordings;
    let recording = match db::recordings::to_play(&state.db, id).await {
        Ok(Some(recording)) => recording,
        Ok(None) => return (StatusCode::NOT_FOUND, fill(words.no_such_recording, &[&id])).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot read a recording");
            return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response();
        }
    };
    let why_not =
        match recordings::status(&recording.state, recording.completion_code, recording.recipient.as_deref())
        {
            RecordingStatus::Stored => None,
            RecordingStatus::Recording => Some(words.being_recorded.to_string()),
            RecordingStatus::MailedOnly => Some(words.mailed_only.to_string()),
            RecordingStatus::Failed { reason, .. } => Some(reason),
        };
    if let Some(why) = why_not {
        return (StatusCode::CONFLICT, fill(words.cannot_play, &[&why])).into_response();
    }
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok()).map(str::to_string);
    let asked = range.as_deref().map(parse_range);
    if asked.is_none_or(|r| r.is_some_and(|(start, _)| start == 0)) {
        let client_ip = connect.map(|Extension(c)| c.0.ip().to_string());
        audit(&state.db, &user, id, action, &recording, client_ip).await;
    }
    let client = match state.link.connect().await {
        Ok(connected) => connected.client,
        Err(error) => {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                fill(words.mango_did_not_give, &[&format!("{error:#}")]),
            )
                .into_response()
        }
    };
    let file = match client.recording_file(&recording.recording_id, action, range.as_deref()).await {
        Ok(file) => file,
        Err(error) => {
            let status = match &error {
                // Manual's 3320: "Запись разговора не найдена".
                MangoError::Api { code: 3320, .. } => StatusCode::NOT_FOUND,
                _ => StatusCode::BAD_GATEWAY,
            };
            tracing::warn!(%error, recording = id, "MANGO did not give a recording");
            return (status, fill(words.mango_did_not_give, &[&error])).into_response();
        }
    };
    relay(file, asked.flatten(), action, id)
}

/// Writes one listen or download to the audit log.
async fn audit(
    db: &Db,
    user: &SessionUser,
    id: i64,
    action: RecordingAction,
    recording: &db::recordings::ToPlay,
    client_ip: Option<String>,
) {
    let number = recording.number.clone().unwrap_or_default();
    let campaign = recording.mango_campaign_id.map(|c| c.to_string()).unwrap_or_default();
    let entry = NewEntry {
        actor_id: Some(user.id),
        actor: Some(&user.username),
        action: match action {
            RecordingAction::Play => "recording_played",
            RecordingAction::Download => "recording_downloaded",
        },
        target: Some(&format!("recording {id}")),
        details: Some(fill(t().audit.details.recording, &[&id, &number, &campaign])),
        client_ip,
    };
    if let Err(error) = db::audit::record(db, entry).await {
        tracing::error!(%error, "could not write to the audit log");
    }
}

/// `bytes=a-b` or `bytes=a-` as `(a, Some(b) / None)`; `None` for what is not one range
/// (suffix ranges, several ranges), which is then answered with the whole file.
fn parse_range(header: &str) -> Option<(u64, Option<u64>)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (start, end) = spec.split_once('-')?;
    let start: u64 = start.trim().parse().ok()?;
    let end = match end.trim() {
        "" => None,
        end => Some(end.parse::<u64>().ok().filter(|e| *e >= start)?),
    };
    Some((start, end))
}

/// The file service's answer as ours: its status and the headers a player needs. When the
/// browser asked for a part and got the whole file, the part is cut out here.
fn relay(
    file: reqwest::Response,
    asked: Option<(u64, Option<u64>)>,
    action: RecordingAction,
    id: i64,
) -> Response {
    let upstream = file.status();
    let length = file.content_length();
    let content_type = file
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with("audio/") || *v == "application/octet-stream")
        .unwrap_or("audio/mpeg")
        .to_string();
    let mut response_headers = HeaderMap::new();
    let copy = |name: reqwest::header::HeaderName, into: &mut HeaderMap| {
        if let Some(value) =
            file.headers().get(&name).and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok())
        {
            into.insert(name.as_str().parse::<header::HeaderName>().expect("a known header name"), value);
        }
    };
    let (status, skip, take) = match (upstream.as_u16(), asked, length) {
        (206, _, _) | (416, _, _) => {
            copy(reqwest::header::CONTENT_RANGE, &mut response_headers);
            copy(reqwest::header::CONTENT_LENGTH, &mut response_headers);
            (StatusCode::from_u16(upstream.as_u16()).unwrap_or(StatusCode::OK), 0, None)
        }
        (_, Some((start, end)), Some(total)) if start < total => {
            let last = end.unwrap_or(total - 1).min(total - 1);
            let part = last - start + 1;
            response_headers.insert(
                header::CONTENT_RANGE,
                HeaderValue::from_str(&format!("bytes {start}-{last}/{total}")).expect("digits"),
            );
            response_headers.insert(header::CONTENT_LENGTH, HeaderValue::from(part));
            (StatusCode::PARTIAL_CONTENT, start, Some(part))
        }
        (_, Some(_), Some(total)) => {
            response_headers.insert(
                header::CONTENT_RANGE,
                HeaderValue::from_str(&format!("bytes */{total}")).expect("digits"),
            );
            return (StatusCode::RANGE_NOT_SATISFIABLE, response_headers).into_response();
        }
        _ => {
            copy(reqwest::header::CONTENT_LENGTH, &mut response_headers);
            (StatusCode::OK, 0, None)
        }
    };
    if length.is_some() || upstream.as_u16() == 206 {
        response_headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    }
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        response_headers.insert(header::CONTENT_TYPE, value);
    }
    let extension = if content_type.contains("wav") { "wav" } else { "mp3" };
    let disposition = match action {
        RecordingAction::Play => "inline".to_string(),
        RecordingAction::Download => format!("attachment; filename=\"recording-{id}.{extension}\""),
    };
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response_headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let body = Body::from_stream(futures_util::stream::unfold(
        (file, skip, take),
        |(mut file, mut skip, mut take)| async move {
            loop {
                if take == Some(0) {
                    return None;
                }
                let chunk = match file.chunk().await {
                    Ok(Some(chunk)) => chunk,
                    Ok(None) => return None,
                    Err(error) => return Some((Err(std::io::Error::other(error)), (file, 0, Some(0)))),
                };
                let mut chunk = chunk;
                if skip > 0 {
                    let dropped = skip.min(chunk.len() as u64);
                    skip -= dropped;
                    chunk = chunk.slice(dropped as usize..);
                }
                if let Some(left) = take.as_mut() {
                    let kept = (*left).min(chunk.len() as u64);
                    *left -= kept;
                    chunk = chunk.slice(..kept as usize);
                }
                if !chunk.is_empty() {
                    return Some((Ok::<_, std::io::Error>(chunk), (file, skip, take)));
                }
            }
        },
    ));
    (status, response_headers, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn relayed(
        upstream: http::Response<Vec<u8>>,
        asked: Option<(u64, Option<u64>)>,
    ) -> (StatusCode, HeaderMap, Vec<u8>) {
        let response = relay(reqwest::Response::from(upstream), asked, RecordingAction::Play, 1);
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        (parts.status, parts.headers, bytes.to_vec())
    }

    fn file(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .header("content-type", "audio/mpeg")
            .header("content-length", body.len())
            .body(body.to_vec())
            .unwrap()
    }

    /// A file service that ignores Range still lets the player seek: the part is cut here.
    #[tokio::test]
    async fn a_whole_file_is_cut_to_the_range_asked_for() {
        let whole: Vec<u8> = (0..=255u8).collect();
        let (status, headers, body) = relayed(file(200, &whole), Some((10, Some(19)))).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(headers["content-range"], "bytes 10-19/256");
        assert_eq!(body, whole[10..20]);
        let (status, _, body) = relayed(file(200, &whole), Some((250, None))).await;
        assert_eq!((status, body.as_slice()), (StatusCode::PARTIAL_CONTENT, &whole[250..]));
        let (status, headers, _) = relayed(file(200, &whole), Some((300, None))).await;
        assert_eq!(
            (status, &headers["content-range"]),
            (StatusCode::RANGE_NOT_SATISFIABLE, &"bytes */256".parse::<HeaderValue>().unwrap())
        );
        let (status, headers, body) = relayed(file(200, &whole), None).await;
        assert_eq!((status, body.len()), (StatusCode::OK, 256));
        assert_eq!(
            (&headers["accept-ranges"], &headers["content-type"]),
            (&"bytes".parse::<HeaderValue>().unwrap(), &"audio/mpeg".parse::<HeaderValue>().unwrap())
        );
    }

    /// A part the file service cut itself is passed on as it is.
    #[tokio::test]
    async fn a_part_sent_by_the_file_service_is_passed_on() {
        let mut part = file(206, b"0123456789");
        part.headers_mut().insert("content-range", "bytes 10-19/256".parse().unwrap());
        let (status, headers, body) = relayed(part, Some((10, Some(19)))).await;
        assert_eq!((status, body.as_slice()), (StatusCode::PARTIAL_CONTENT, b"0123456789".as_slice()));
        assert_eq!(headers["content-range"], "bytes 10-19/256");
    }

    #[test]
    fn ranges_a_player_sends() {
        assert_eq!(parse_range("bytes=0-"), Some((0, None)));
        assert_eq!(parse_range("bytes=100-199"), Some((100, Some(199))));
        assert_eq!(parse_range("bytes=200-100"), None);
        assert_eq!(parse_range("bytes=-500"), None, "a suffix range gets the whole file");
        assert_eq!(parse_range("bytes=0-1,5-6"), None);
        assert_eq!(parse_range("items=0-1"), None);
    }
}
