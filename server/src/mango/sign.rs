//! Every request between Obzvon and MANGO, in both directions, carries the form fields
//! `vpbx_api_key`, `sign` and `json`, with
//! `sign = lowercase hex(sha256(vpbx_api_key + json + api_salt))` over the exact `json` string
//! sent (manual 2.1.1).

use std::fmt;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The account's `api_salt` (manual 2.1.1): whoever holds it can sign requests as us, so it
/// never appears in Debug output, logs or error messages. It has no `Display` on purpose.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiSalt(String);

impl ApiSalt {
    pub fn new(salt: impl Into<String>) -> ApiSalt {
        ApiSalt(salt.into())
    }

    /// The salt itself, for signing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiSalt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("…")
    }
}

impl From<String> for ApiSalt {
    fn from(salt: String) -> ApiSalt {
        ApiSalt(salt)
    }
}

impl From<&str> for ApiSalt {
    fn from(salt: &str) -> ApiSalt {
        ApiSalt(salt.to_string())
    }
}

/// The `sign` field for `json` as it will be sent, byte for byte.
pub fn sign(api_key: &str, json: &str, api_salt: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(api_key.as_bytes());
    hasher.update(json.as_bytes());
    hasher.update(api_salt.as_bytes());
    hex::encode(hasher.finalize())
}

/// Checks a received request against the raw `json` field as it arrived (never a
/// re-serialisation), in constant time.
pub fn verify_signature(api_key: &str, api_salt: &str, raw_json: &str, received_sign: &str) -> bool {
    let expected = sign(api_key, raw_json, api_salt);
    expected.as_bytes().ct_eq(received_sign.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same signatures computed by Python's hashlib, an implementation independent of
    /// ours. Skipped only where python3 is missing (it is part of the project's toolchain).
    #[test]
    fn matches_an_independent_implementation() {
        let cases = [
            ("5f4dcc3b5aa765d61d8327deb882cf99", r#"{"campaign_id":"16340"}"#, "salt"),
            ("key", r#"{"name":"Осенняя акция","tasks":[{"name":"Иван","number":"79001234567"}]}"#, "соль"),
            ("key", r#"{"name":"\u041e\u0441\u0435\u043d\u044c"}"#, "salt"),
            ("", "{}", ""),
        ];
        let script = "import hashlib,json,sys\nfor k,j,s in json.load(sys.stdin): print(hashlib.sha256((k+j+s).encode('utf-8')).hexdigest())";
        let input = serde_json::to_string(&cases).unwrap();
        let output = std::process::Command::new("python3")
            .args(["-c", script])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(input.as_bytes())?;
                child.wait_with_output()
            })
            .expect("python3 runs");
        let expected: Vec<String> =
            String::from_utf8(output.stdout).unwrap().lines().map(str::to_string).collect();
        assert_eq!(expected.len(), cases.len());
        for ((key, json, salt), python) in cases.iter().zip(expected) {
            assert_eq!(sign(key, json, salt), python, "{json}");
        }
        // Raw and \u-escaped Cyrillic are different bytes, so different signatures.
        assert_ne!(sign("k", r#"{"n":"О"}"#, "s"), sign("k", r#"{"n":"\u041e"}"#, "s"));
    }

    #[test]
    fn the_salt_stays_out_of_debug_output() {
        let salt = ApiSalt::new("very-secret-salt");
        assert_eq!(format!("{salt:?}"), "…");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            api_salt: ApiSalt,
        }
        let shown =
            format!("{:?} {:#?}", Holder { api_salt: salt.clone() }, Holder { api_salt: salt.clone() });
        assert!(!shown.contains("secret"), "{shown}");
        assert_eq!(salt.expose(), "very-secret-salt");
        assert_eq!(ApiSalt::from("a"), ApiSalt::from("a".to_string()));
    }

    #[test]
    fn verification_refuses_any_changed_byte() {
        let (key, salt) = ("key-1", "соль-salt");
        for json in [
            r#"{"name":"Осенняя акция","campaign_id":17001}"#,
            r#"{"name":"\u041e\u0441\u0435\u043d\u044c"}"#,
        ] {
            let good = sign(key, json, salt);
            assert!(verify_signature(key, salt, json, &good));
            let bytes = json.as_bytes();
            for i in 0..bytes.len() {
                let mut changed = bytes.to_vec();
                changed[i] ^= 0x01;
                let changed = String::from_utf8_lossy(&changed).into_owned();
                assert!(!verify_signature(key, salt, &changed, &good), "json byte {i} changed");
            }
            for i in 0..good.len() {
                let mut changed = good.clone().into_bytes();
                changed[i] = if changed[i] == b'0' { b'1' } else { b'0' };
                assert!(
                    !verify_signature(key, salt, json, &String::from_utf8(changed).unwrap()),
                    "sign char {i} changed"
                );
            }
            assert!(!verify_signature(key, salt, json, &good.to_uppercase()), "hex is lowercase");
            assert!(!verify_signature(key, salt, json, &good[..63]), "truncated");
            assert!(!verify_signature("key-2", salt, json, &good), "other key");
            assert!(!verify_signature(key, "other", json, &good), "other salt");
        }
    }
}
