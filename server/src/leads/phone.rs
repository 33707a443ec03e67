//! Phone cells as people and spreadsheets write them, turned into the digits MANGO dials.
//!
//! Manual 3.8.4.2: a task's `number` is the number to call, at most 64 characters. We send
//! international digits without `+` (`79123456789`) — the form MANGO's own examples use — or a
//! `sip:` address as written.

use std::str::FromStr;

use phonenumber::country::Id;
use phonenumber::Mode;

/// The region numbers without a country code belong to, from Settings; Russia when unknown.
pub fn region(code: &str) -> Id {
    Id::from_str(&code.trim().to_ascii_uppercase()).unwrap_or(Id::RU)
}

/// Excel shows long numbers in scientific notation and keeps them so in CSV exports:
/// `7,9123456701E+10` or `7.9123456701E+10`. Returns the integer's digits.
fn from_scientific(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let upper = compact.to_ascii_uppercase();
    let (mantissa, exponent) = upper.split_once("E+").or_else(|| upper.split_once('E'))?;
    let exponent: usize = exponent.parse().ok()?;
    let (whole, fraction) = match mantissa.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (mantissa, ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    // Digits beyond the exponent would be a fraction: not a phone number.
    if fraction.len() > exponent {
        return None;
    }
    Some(format!("{whole}{fraction}{}", "0".repeat(exponent - fraction.len())))
}

/// A number cell Excel wrote as a float: `79123456789.0` or `79123456789,00`.
fn without_float_tail(text: &str) -> Option<&str> {
    let (whole, tail) = text.rsplit_once(['.', ','])?;
    let digits = whole.strip_prefix('+').unwrap_or(whole);
    (!tail.is_empty()
        && tail.chars().all(|c| c == '0')
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit()))
    .then_some(whole)
}

/// Normalises one phone cell, or says why it cannot be called.
pub fn normalize(raw: &str, region: Id) -> Result<String, String> {
    // A leading apostrophe is how our rejected-rows CSV (and Excel users) keep `+7…` as text.
    let text = raw.trim().trim_start_matches('\'').trim();
    if text.is_empty() {
        return Err("empty".into());
    }
    if text.len() >= 4 && text[..4].eq_ignore_ascii_case("sip:") {
        let address = &text[4..];
        let valid = address.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && host.contains('.')
                && !host.contains(char::is_whitespace)
                && !user.contains(char::is_whitespace)
        });
        return if valid {
            Ok(format!("sip:{address}"))
        } else {
            Err(format!("\"{text}\" is not a SIP address (sip:user@domain)"))
        };
    }
    let text = from_scientific(text).unwrap_or_else(|| without_float_tail(text).unwrap_or(text).to_string());
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!("\"{}\" has no digits", raw.trim()));
    }
    let number = phonenumber::parse(Some(region), &text)
        .map_err(|_| format!("\"{}\" is not a phone number", raw.trim()))?;
    if !phonenumber::is_valid(&number) {
        let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
        return Err(format!(
            "\"{}\" is not a valid number ({digits} digits, read as {region:?} when it has no country code)",
            raw.trim()
        ));
    }
    let e164 = number.format().mode(Mode::E164).to_string();
    Ok(e164.trim_start_matches('+').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru(raw: &str) -> Result<String, String> {
        normalize(raw, Id::RU)
    }

    #[test]
    fn russian_numbers_in_the_ways_people_write_them() {
        for raw in [
            "8 (912) 345-67-89",
            "+7 912 345-67-89",
            "79123456789",
            "9123456789",
            "7-912-345-67-89",
            "'+79123456789",
            "8 912 345 67 89 ",
        ] {
            assert_eq!(ru(raw).as_deref(), Ok("79123456789"), "{raw}");
        }
        assert_eq!(ru("8 (495) 123-45-67").as_deref(), Ok("74951234567"));
    }

    #[test]
    fn excel_scientific_notation_is_read_back_to_digits() {
        assert_eq!(ru("7,9123456701E+10").as_deref(), Ok("79123456701"));
        assert_eq!(ru("7.9123456701E+10").as_deref(), Ok("79123456701"));
        assert_eq!(from_scientific("1.5E+0"), None, "a fraction is not a phone number");
        assert_eq!(ru("79123456789.0").as_deref(), Ok("79123456789"));
        assert_eq!(ru("89123456789,00").as_deref(), Ok("79123456789"));
        assert!(ru("79123456789.5").is_err());
    }

    #[test]
    fn foreign_numbers_keep_their_country() {
        assert_eq!(ru("+49 30 901820").as_deref(), Ok("4930901820"));
        assert_eq!(normalize("030 901820", Id::DE).as_deref(), Ok("4930901820"));
    }

    #[test]
    fn what_cannot_be_called_says_why() {
        assert!(ru("12345").unwrap_err().contains("12345"));
        assert!(ru("нет").unwrap_err().contains("no digits"));
        assert_eq!(ru("   ").unwrap_err(), "empty");
        assert_eq!(ru("sip:sales@example.ru").as_deref(), Ok("sip:sales@example.ru"));
        assert!(ru("sip:nobody").is_err());
    }

    #[test]
    fn unknown_regions_fall_back_to_russia() {
        assert_eq!(region("ZZ"), Id::RU);
        assert_eq!(region("de"), Id::DE);
    }
}
