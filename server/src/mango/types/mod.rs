//! Typed requests and answers of the methods Obzvon calls, with the field names of the seed
//! manual (version of 26.01.2021). Later editions rename some `campaign/add` fields (v1.9:
//! `redial_busy`, `timer_busy`, …); we send the seed's names.
//!
//! Answers: every numeric field is read through [`super::lenient`] (number or numeric
//! string); fields the manual does not promise are `Option` or default to empty, so that a
//! missing field is not an error; unknown fields are ignored. `result` is not part of the
//! answer types: the client reads it before decoding (see `client.rs`).
//!
//! Requests: optional fields are omitted when `None`.

pub mod callbacks;
pub mod campaigns;
pub mod directory;
mod quoted;
pub mod recordings;

use serde::{Deserialize, Serialize};

pub use self::callbacks::*;
pub use self::campaigns::*;
pub use self::directory::*;
pub use self::recordings::*;

/// The `json` of methods that take no parameters: `{}` (manual 3.6.6–3.6.8: "json: пустой").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NoParameters {}

/// An answer that carries nothing but its result code (e.g. `tasks/push`, manual 3.8.4.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Done {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_parameters_is_an_empty_object_and_done_reads_anything() {
        assert_eq!(serde_json::to_string(&NoParameters {}).unwrap(), "{}");
        assert_eq!(serde_json::from_str::<Done>(r#"{"Result": 1000, "message": "ok"}"#).unwrap(), Done {});
        assert_eq!(serde_json::from_str::<Done>("{}").unwrap(), Done {});
    }
}
