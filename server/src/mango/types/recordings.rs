//! Call recordings and what MANGO's speech analytics says of them (manual 3.4.1, 3.4.4, 3.4.5).

use serde::{Deserialize, Serialize, Serializer};

use crate::mango::lenient;

/// Manual 3.4.1 `action`: "разрешенные значения download, play".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordingAction {
    Play,
    Download,
}

/// Manual 3.4.1 `recording/post`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordingPostRequest<'a> {
    pub recording_id: &'a str,
    pub action: RecordingAction,
}

/// How a list of recording ids is written. Manual 3.4.5 describes `recording_id` as "массив
/// идентификаторов", while its example (and 3.4.4's) sends a string holding a JSON array:
/// `"recording_id": "[\"МТох…\"]"`. The client sends the examples' form first and the
/// described one when MANGO refuses it (see `MangoClient::recording_transcripts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdsForm {
    /// `"recording_id": "[\"a\",\"b\"]"`, as the examples send it.
    JsonInString,
    /// `"recording_id": ["a","b"]`, as the parameter lists describe it.
    Array,
}

/// `recording_id` of 3.4.4 and 3.4.5, written in one of the two forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordingIds<'a> {
    pub ids: &'a [String],
    pub form: IdsForm,
}

impl Serialize for RecordingIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.form {
            IdsForm::Array => self.ids.serialize(serializer),
            IdsForm::JsonInString => {
                let inner = serde_json::to_string(self.ids).map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(&inner)
            }
        }
    }
}

/// Manual 3.4.5 `queries/recording_transcripts`: at most 500 ids per request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TranscriptsRequest<'a> {
    pub recording_id: RecordingIds<'a>,
}

/// Manual 3.4.5: at most this many ids in one request.
pub const TRANSCRIPT_IDS_PER_REQUEST: usize = 500;

/// Manual 3.4.4 `queries/recording_categories`; names asked for, terms not (they are the
/// rule's keywords, not what was said).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoriesRequest<'a> {
    pub recording_id: RecordingIds<'a>,
    pub with_names: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct TranscriptsAnswer {
    #[serde(default)]
    pub data: Vec<Transcript>,
}

/// One recognised conversation (manual 3.4.5 `data[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Transcript {
    #[serde(deserialize_with = "lenient::number_or_text")]
    pub recording_id: String,
    /// `[["operator", "здравствуйте …"], ["client", "…"]]`: who spoke and what, in turn.
    #[serde(default, deserialize_with = "phrases")]
    pub phrases: Vec<(String, String)>,
}

/// Reads `phrases` leniently: a pair is `[speaker, text]` as the manual shows; an object
/// `{"speaker"/"channel": …, "text"/"phrase": …}` is taken too, and anything else is skipped
/// rather than failing the whole batch.
fn phrases<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<(String, String)>, D::Error> {
    let items: Option<Vec<serde_json::Value>> = Option::deserialize(deserializer)?;
    let text = |value: Option<&serde_json::Value>| match value {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok(items
        .unwrap_or_default()
        .iter()
        .filter_map(|item| match item {
            serde_json::Value::Array(pair) => Some((text(pair.first())?, text(pair.get(1))?)),
            serde_json::Value::Object(fields) => Some((
                text(fields.get("speaker").or_else(|| fields.get("channel")))?,
                text(fields.get("text").or_else(|| fields.get("phrase")))?,
            )),
            _ => None,
        })
        .collect())
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct CategoriesAnswer {
    #[serde(default)]
    pub data: Vec<RecordingCategories>,
}

/// Manual 3.4.4 `data[]`: the topics found in one conversation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct RecordingCategories {
    #[serde(deserialize_with = "lenient::number_or_text")]
    pub recording_id: String,
    #[serde(default)]
    pub categories: Vec<Category>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Category {
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub id: Option<i64>,
    /// Sent with `with_names` (manual 3.4.4).
    #[serde(default, deserialize_with = "lenient::optional_text")]
    pub name: Option<String>,
}

impl Category {
    /// What the reader sees: the name, or the topic's number when MANGO sent none.
    pub fn label(&self) -> Option<String> {
        self.name.clone().filter(|n| !n.trim().is_empty()).or_else(|| self.id.map(|id| format!("#{id}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_in_either_documented_form() {
        let ids = ["MToxMDA=".to_string(), "b".to_string()];
        let example =
            TranscriptsRequest { recording_id: RecordingIds { ids: &ids, form: IdsForm::JsonInString } };
        assert_eq!(serde_json::to_string(&example).unwrap(), r#"{"recording_id":"[\"MToxMDA=\",\"b\"]"}"#);
        let described = CategoriesRequest {
            recording_id: RecordingIds { ids: &ids, form: IdsForm::Array },
            with_names: true,
        };
        assert_eq!(
            serde_json::to_string(&described).unwrap(),
            r#"{"recording_id":["MToxMDA=","b"],"with_names":true}"#
        );
    }

    /// Manual 3.4.5's example answer, as printed.
    #[test]
    fn the_manuals_transcript_reads() {
        let answer: TranscriptsAnswer = serde_json::from_str(
            r#"{
  "result": 1000,
  "data": [
    {
      "recording_id": "МТохMDAwNzM4ODo1MDA5NzI0NjE3OjA=",
      "names": {
        "client": "Клиент",
        "operator": "Микросип_хост"
      },
      "phrases": [
        [
          "operator",
          "здравствуйте вас приветствует компания Манго Телеком"
        ],
        [
          "client",
          "спасибо до свидания"
        ]
      ]
    }
  ]
}"#,
        )
        .unwrap();
        assert_eq!(answer.data[0].recording_id, "МТохMDAwNzM4ODo1MDA5NzI0NjE3OjA=");
        assert_eq!(answer.data[0].phrases[1], ("client".to_string(), "спасибо до свидания".to_string()));
        let odd: TranscriptsAnswer = serde_json::from_str(
            r#"{"data":[{"recording_id":7,"phrases":[{"speaker":"client","text":"да"},["x"],null]}]}"#,
        )
        .unwrap();
        assert_eq!(odd.data[0].recording_id, "7");
        assert_eq!(odd.data[0].phrases, [("client".to_string(), "да".to_string())]);
    }

    /// Manual 3.4.4's example answer (its `terms` are ignored).
    #[test]
    fn the_manuals_categories_read() {
        let answer: CategoriesAnswer = serde_json::from_str(
            r#"{"result": 1000, "data": [{"recording_id": "MTToxMDA1NzU5Mzo4NzIzNDQwMjI4OjE=",
            "categories": [{"terms": [{"channels": [-1], "count": 5, "value": "Трубка"}],
            "id": 1688, "assign_time": 1561883955, "version": 7, "name": "Тематика"}]}]}"#,
        )
        .unwrap();
        let category = &answer.data[0].categories[0];
        assert_eq!((category.id, category.label().as_deref()), (Some(1688), Some("Тематика")));
        assert_eq!(Category { id: Some(5), name: None }.label().as_deref(), Some("#5"));
    }
}
