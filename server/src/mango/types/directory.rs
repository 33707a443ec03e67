//! The company directory: employees, lines, audio files, balance (manual 3.6).

use serde::{Deserialize, Serialize};

use crate::mango::lenient;

/// `config/users/request` (manual 3.6.1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UsersRequest {
    /// One employee by extension; absent for everyone (manual 3.6.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Extra fields to include, e.g. [`UsersRequest::USER_ID`] (manual 3.6.1 `ext_fields`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ext_fields: Vec<String>,
}

impl UsersRequest {
    /// `general.user_id`: the "abonent_id" that campaigns name operators by (manual 3.8.4.1).
    pub const USER_ID: &'static str = "general.user_id";
    /// `general.use_status`: whether the employee's Contact Center status is considered;
    /// only such employees take campaign calls (manual 3.8.4.1 `operators`).
    pub const USE_STATUS: &'static str = "general.use_status";
    /// `telephony.line_id`: the employee's outgoing line.
    pub const LINE_ID: &'static str = "telephony.line_id";
    /// `groups`: the groups the employee belongs to.
    pub const GROUPS: &'static str = "groups";

    /// Everyone, with what the campaign form needs to offer operators.
    pub fn operators() -> UsersRequest {
        UsersRequest {
            extension: None,
            ext_fields: [Self::USER_ID, Self::USE_STATUS, Self::LINE_ID, Self::GROUPS]
                .map(String::from)
                .to_vec(),
        }
    }
}

/// The answer to `config/users/request` (manual 3.6.1). Its examples carry no `result`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct UsersAnswer {
    #[serde(default)]
    pub users: Vec<User>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct User {
    #[serde(default)]
    pub general: UserGeneral,
    #[serde(default)]
    pub telephony: UserTelephony,
    /// With `ext_fields: ["groups"]`.
    #[serde(default, deserialize_with = "lenient::number_list")]
    pub groups: Vec<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct UserGeneral {
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    /// With `ext_fields: ["general.user_id"]`.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub user_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub access_role_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub mobile: Option<String>,
    #[serde(default)]
    pub login: Option<String>,
    /// 1 when the Contact Center status is considered (manual 3.6.1: integer in the answer,
    /// "string" in the `ext_fields` list).
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub use_status: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub use_cc_numbers: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct UserTelephony {
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub extension: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub outgoingline: Option<String>,
    /// With `ext_fields: ["telephony.line_id"]`.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub line_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub dial_alg: Option<i64>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub trunk_number_id: Option<i64>,
    #[serde(default)]
    pub numbers: Vec<UserNumber>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct UserNumber {
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub number: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub number_normalized: Option<String>,
    /// `tel`, `sip`, `fmc` (and `skype` in an example; manual 3.6.1).
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub order: Option<i64>,
    /// 0: the platform's or carrier's own limit applies (manual 3.6.1).
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub wait_sec: Option<i64>,
    /// `on` or `off`.
    #[serde(default)]
    pub status: Option<String>,
}

/// The answer to `incominglines` (manual 3.6.7).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct LinesAnswer {
    #[serde(default)]
    pub lines: Vec<Line>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Line {
    /// What `campaign/add` takes as `line_id` (manual 3.8.4.1).
    #[serde(deserialize_with = "lenient::number")]
    pub line_id: i64,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub number: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
    /// `sip-uac` active SIP, `sip` passive SIP, `toll-free` for 7800, else a region code.
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub region: Option<String>,
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub schema_id: Option<i64>,
    #[serde(default)]
    pub schema_name: Option<String>,
}

/// The answer to `audiofiles` (manual 3.6.8).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct AudioFilesAnswer {
    #[serde(default)]
    pub audiofiles: Vec<AudioFile>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AudioFile {
    /// What `campaign/add` takes as `voice_message_id` / `hold_message_id` (manual 3.8.4).
    #[serde(deserialize_with = "lenient::number")]
    pub id: i64,
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub name: Option<String>,
}

/// The answer to `account/balance` (manual 3.6.6).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BalanceAnswer {
    #[serde(deserialize_with = "lenient::number")]
    pub balance: f64,
    #[serde(default)]
    pub currency: Option<String>,
    /// When the balance was current, as MANGO writes it (the manual's example:
    /// `"2019-01-24 17:55:24"`; a number is kept as its digits).
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub response_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_request_omits_what_is_not_asked() {
        assert_eq!(serde_json::to_string(&UsersRequest::default()).unwrap(), "{}");
        let one = UsersRequest { extension: Some("1234".into()), ext_fields: vec![] };
        assert_eq!(serde_json::to_string(&one).unwrap(), r#"{"extension":"1234"}"#);
        assert_eq!(
            serde_json::to_string(&UsersRequest::operators()).unwrap(),
            r#"{"ext_fields":["general.user_id","general.use_status","telephony.line_id","groups"]}"#
        );
    }

    /// Manual 3.6.1, example 1 (strings for numbers) and example 2 (numbers, nulls, extras).
    #[test]
    fn users_answers_of_both_manual_examples() {
        let first: UsersAnswer = serde_json::from_str(
            r#"{"users":[{"general":{"name":"Ivan","email":"john@mango-office.com","department":"IT","position":"lead developer"},
            "telephony":{"extension":"1234","outgoingline":"749512345678","numbers":[
              {"number":"sip:ivan@apidomain.mangosip.ru","protocol":"sip","order":"0","wait_sec":"12","status":"on"},
              {"number":"74952223311","order":"1","protocol":"tel","wait_sec":"5","status":"on"}]}}]}"#,
        )
        .unwrap();
        let ivan = &first.users[0];
        assert_eq!(ivan.general.name.as_deref(), Some("Ivan"));
        assert_eq!(ivan.general.user_id, None);
        assert_eq!(ivan.telephony.extension.as_deref(), Some("1234"));
        assert_eq!(ivan.telephony.numbers[1].wait_sec, Some(5));
        assert_eq!(ivan.telephony.numbers[0].order, Some(0));

        let second: UsersAnswer = serde_json::from_str(
            r#"{"users":[{"general":{"name":"Cekovic","email":"","department":"","position":"Добавлено описание",
              "user_id":300049012,"access_role_id":10451,"mobile":null,"login":"300022532/Cekovic","use_status":1,
              "use_cc_numbers":0,"sips":[{"number":"Agent_1309_2@mangosip.ru"}]},
            "telephony":{"extension":"12","outgoingline":"74994567918","numbers":[
              {"number":"1212121","number_normalized":"74951212121","protocol":"tel","order":1,"wait_sec":120,"status":"on","schedule":[]}],
              "dial_alg":1,"line_id":300049196,"trunk_number_id":null},
            "groups":[10048964]}]}"#,
        )
        .unwrap();
        let cekovic = &second.users[0];
        assert_eq!(cekovic.general.user_id, Some(300049012));
        assert_eq!(cekovic.general.use_status, Some(1));
        assert_eq!(cekovic.general.mobile, None);
        assert_eq!(cekovic.telephony.line_id, Some(300049196));
        assert_eq!(cekovic.telephony.trunk_number_id, None);
        assert_eq!(cekovic.telephony.numbers[0].number_normalized.as_deref(), Some("74951212121"));
        assert_eq!(cekovic.groups, [10048964]);
    }

    /// Manual 3.6.7, 3.6.8, 3.6.6 examples.
    #[test]
    fn lines_audio_files_and_balance() {
        let lines: LinesAnswer = serde_json::from_str(
            r#"{"result":1000,"lines":[
              {"line_id":300015801,"number":"sip:main_uri_my@mangosip.ru","name":"майн","comment":"сип линия","region":"sip","schema_id":11000849,"schema_name":"Мое название схемы"},
              {"line_id":"300024487","number":"78124072916","name":null,"comment":null,"region":"2","schema_id":10000008,"schema_name":"По умолчанию"}]}"#,
        )
        .unwrap();
        assert_eq!(lines.lines.len(), 2);
        assert_eq!(lines.lines[1].line_id, 300024487);
        assert_eq!(lines.lines[0].name.as_deref(), Some("майн"));
        assert_eq!(lines.lines[1].name, None);

        let files: AudioFilesAnswer =
            serde_json::from_str(r#"{"result":1000,"audiofiles":[{"id":17,"name":"Abandoned"},{"id":"86","name":"Abba Happy NY"}]}"#)
                .unwrap();
        assert_eq!(files.audiofiles.iter().map(|a| a.id).collect::<Vec<_>>(), [17, 86]);

        let balance: BalanceAnswer = serde_json::from_str(
            r#"{"result":1000,"balance":963592.45,"currency":"RUB","response_at":"2019-01-24 17:55:24"}"#,
        )
        .unwrap();
        assert_eq!(balance.balance, 963592.45);
        assert_eq!(balance.response_at.as_deref(), Some("2019-01-24 17:55:24"));
        let balance: BalanceAnswer =
            serde_json::from_str(r#"{"balance":"-12.5","response_at":1700000000}"#).unwrap();
        assert_eq!((balance.balance, balance.response_at.as_deref()), (-12.5, Some("1700000000")));
        assert!(
            serde_json::from_str::<BalanceAnswer>(r#"{"currency":"RUB"}"#).is_err(),
            "balance is required"
        );
    }
}
