//! Rules written once and run twice: in the browser while typing, on the server before saving.

use std::borrow::Cow;

use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

use super::error::FieldError;
use crate::i18n::{fill, t};

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 256;

fn error(code: &'static str, message: String) -> ValidationError {
    ValidationError::new(code).with_message(Cow::Owned(message))
}

/// At least 12 characters (counted as characters, so Cyrillic counts the same as Latin),
/// not absurdly long, not a single repeated character.
pub fn validate_password(password: &str) -> Result<(), ValidationError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(error(
            "password_short",
            fill(t().validation.password_short, &[&PASSWORD_MIN_CHARS, &chars]),
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(error("password_long", fill(t().validation.password_long, &[&PASSWORD_MAX_CHARS])));
    }
    let mut distinct = password.chars().collect::<Vec<_>>();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 4 {
        return Err(error("password_repetitive", t().validation.password_repetitive.to_string()));
    }
    Ok(())
}

/// 3–32 characters: lowercase Latin letters, digits, dot, dash, underscore.
pub fn validate_username(username: &str) -> Result<(), ValidationError> {
    let len = username.chars().count();
    if !(3..=32).contains(&len) {
        return Err(error("username_length", t().validation.username_length.to_string()));
    }
    if let Some(bad) = username
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')))
    {
        return Err(error("username_chars", fill(t().validation.username_chars, &[&bad])));
    }
    Ok(())
}

/// A two-letter region code such as RU (ISO 3166-1 alpha-2); the server also checks that
/// the phone-number library knows it.
pub fn validate_phone_region(region: &str) -> Result<(), ValidationError> {
    if region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(error("phone_region", t().validation.phone_region.to_string()))
    }
}

/// Flattens `validator`'s nested errors into one message per field.
pub fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    for (field, kind) in errors.errors() {
        if let ValidationErrorsKind::Field(list) = kind {
            if let Some(first) = list.first() {
                let message = first
                    .message
                    .as_ref()
                    .map(|m| m.to_string())
                    .or_else(|| message_of_code(&first.code).map(str::to_string))
                    .unwrap_or_else(|| fill(t().validation.not_valid, &[&first.code]));
                out.push(FieldError { field: field.to_string(), message });
            }
        }
    }
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

/// The message of a rule declared in a form's `#[validate(…, code = "…")]`: the attribute
/// cannot hold a message in the reader's language, so it names the rule and this says it.
fn message_of_code(code: &str) -> Option<&'static str> {
    let t = &t().validation;
    Some(match code {
        "display_name_length" => t.display_name_length,
        "choose_time_zone" => t.choose_time_zone,
        "vpbx_url" => t.vpbx_url,
        "cc_url" => t.cc_url,
        "api_key_length" => t.api_key_length,
        "api_salt_length" => t.api_salt_length,
        _ => return None,
    })
}

/// Runs a form's rules and returns the message for each field.
pub fn check<T: validator::Validate>(form: &T) -> Vec<FieldError> {
    match form.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => field_errors(&errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::NewUserForm;
    use validator::Validate;

    #[test]
    fn password_policy() {
        assert!(validate_password("short").is_err());
        assert!(validate_password("elevenchars").is_err(), "11 characters");
        assert!(validate_password("twelve chars").is_ok(), "12 characters");
        assert!(validate_password("пароль-длинный").is_ok(), "Cyrillic counts per character");
        // 11 Cyrillic characters are 22 bytes but still too short.
        assert!(validate_password("абвгдеёжзий").is_err());
        assert!(validate_password("aaaaaaaaaaaaaaaa").is_err(), "one repeated character");
        assert!(validate_password("abababababab").is_err(), "two distinct characters");
        assert!(validate_password(&"x1y2".repeat(65)).is_err(), "over 256 characters");
        let message = validate_password("abc").unwrap_err().message.unwrap();
        assert!(message.contains("12"), "{message}");
    }

    #[test]
    fn username_rules() {
        assert!(validate_username("anna.petrova").is_ok());
        assert!(validate_username("ab").is_err());
        assert!(validate_username("Anna").is_err());
        assert!(validate_username("анна").is_err());
        assert!(validate_username("a b c").is_err());
    }

    #[test]
    fn form_errors_name_their_fields() {
        let form = NewUserForm {
            username: "X".into(),
            display_name: String::new(),
            role: None,
            password: "short".into(),
        };
        let fields: Vec<String> =
            field_errors(&form.validate().unwrap_err()).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["display_name", "password", "username"]);
    }

    #[test]
    fn phone_region() {
        assert!(validate_phone_region("RU").is_ok());
        assert!(validate_phone_region("ru").is_err());
        assert!(validate_phone_region("RUS").is_err());
    }
}
