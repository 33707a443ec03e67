//! Phone cells as people and spreadsheets write them, turned into the digits MANGO dials.
//!
//! Manual 3.8.4.2: a task's `number` is the number to call, at most 64 characters. We send
//! international digits without `+` (`79123456789`) — the form MANGO's own examples use — or a
//! `sip:` address as written.
//!
//! Which numbers exist comes from libphonenumber's metadata (bundled with the `phonenumber`
//! crate), but the parsing is ours: the crate's parser strips the region's national prefix from
//! numbers that merely start with it, so `8 800 555-35-35`, `+7 8172 12-34-56` (Vologda) and
//! `+1 800 555 0199` came out one digit short and were refused. [`split`] follows libphonenumber's
//! own `parseHelper` steps instead (checked against python-phonenumbers by scripts/test-phones.sh).
//!
//! For +7 this is the Rossvyaz plan as libphonenumber encodes it: ten national digits, 3xx/4xx/8xx
//! geographic area codes (3-, 4- and 5-digit codes share the ten digits), 9xx mobile, 800 toll-free,
//! 80x/809 shared and premium, 7xx Kazakhstan. Other first digits (`70000000000` read as
//! 0000000000, 1xx, 2xx, 5xx, 6xx) are numbers nobody holds and are refused.
//!
//! We refuse more than libphonenumber in three places: Excel-rounded numbers (they are someone
//! else's), extensions (MANGO dials digits, not the "доб." after them) and cells with other text.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{OnceLock, RwLock};

use app::i18n::fill;
use phonenumber::country::Id;
use phonenumber::metadata::{Descriptor, DATABASE};
use phonenumber::Metadata;
use regex::Regex;

/// The region numbers without a country code belong to, from Settings; Russia when unknown.
pub fn region(code: &str) -> Id {
    Id::from_str(&code.trim().to_ascii_uppercase()).unwrap_or(Id::RU)
}

/// What Excel made of a number cell.
#[derive(Debug, PartialEq)]
enum Excel {
    /// Every digit is there: the integer's digits.
    Whole(String),
    /// Scientific notation with fewer mantissa digits than the number has: these digits are gone.
    Rounded { missing: usize },
}

/// Excel shows long numbers in scientific notation and keeps them so in CSV exports:
/// `7,9123456701E+10` or `7.9123456701E+10`. Only a mantissa that carries every digit of the
/// integer (as many fraction digits as the exponent) can be read back; `7,91612346E+10` has lost
/// its last two digits, and padding them with zeros would call a stranger.
fn from_scientific(text: &str) -> Option<Excel> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let upper = compact.to_ascii_uppercase();
    let (mantissa, exponent) = upper.split_once("E+").or_else(|| upper.split_once('E'))?;
    if exponent.is_empty() || !exponent.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let exponent: usize = exponent.parse().ok()?;
    let (whole, fraction) = mantissa.split_once([',', '.']).unwrap_or((mantissa, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    match fraction.len().cmp(&exponent) {
        std::cmp::Ordering::Equal => Some(Excel::Whole(format!("{whole}{fraction}"))),
        std::cmp::Ordering::Less => Some(Excel::Rounded { missing: exponent - fraction.len() }),
        // Digits beyond the exponent would be a fraction: not a phone number.
        std::cmp::Ordering::Greater => None,
    }
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

/// Separators people put between digits (libphonenumber's VALID_PUNCTUATION without letters).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '‐'
                ..='―'
                    | '−'
                    | 'ー'
                    | '－'
                    | '／'
                    | '('
                    | ')'
                    | '（'
                    | '）'
                    | '['
                    | ']'
                    | '［'
                    | '］'
                    | '.'
                    | '/'
                    | '~'
                    | '⁓'
                    | '∼'
                    | '～'
                    | '\u{AD}'
                    | '\u{200B}'
                    | '\u{2060}'
        )
}

/// The extension marker in a cell (`доб. 123`, `ext 12`, `#12`, `x12`), if there is one.
fn extension_marker(lower: &str) -> Option<&'static str> {
    const MARKERS: [&str; 6] = ["доб", "вн.", "ext", "#", ";ext=", "extension"];
    if let Some(marker) = MARKERS.iter().find(|m| lower.contains(*m)) {
        return Some(marker);
    }
    // `x` between the number and the extension: `495 123-45-67 x 12`.
    let x = lower.find('x')?;
    let before = lower[..x].trim_end();
    let after = lower[x + 1..].trim_start();
    (before.ends_with(|c: char| c.is_ascii_digit()) && after.starts_with(|c: char| c.is_ascii_digit()))
        .then_some("x")
}

/// libphonenumber's `extractPossibleNumber`: the number starts at the first digit or `+` (a label
/// such as `тел.` before it is not part of it) and trailing punctuation (`?`, `!!`) is not part of
/// it either. Letters after the number stay and make the cell refused.
fn possible_number(text: &str) -> &str {
    let Some(start) = text.find(|c: char| c.is_ascii_digit() || c == '+') else {
        return text;
    };
    text[start..].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '#')
}

/// A leading apostrophe is how our rejected-rows CSV (and Excel users) keep `+7…` as text.
fn without_apostrophe(raw: &str) -> &str {
    raw.trim().trim_start_matches('\'').trim()
}

/// Normalises one phone cell, or says why it cannot be called.
pub fn normalize(raw: &str, region: Id) -> Result<String, String> {
    if region == Id::RU {
        if let Some(number) = russian(without_apostrophe(raw)) {
            return Ok(number);
        }
    }
    normalize_fully(raw, region)
}

/// [`normalize`] by libphonenumber's steps, for every cell.
fn normalize_fully(raw: &str, region: Id) -> Result<String, String> {
    let text = without_apostrophe(raw);
    let shown = raw.trim();
    let t = &app::i18n::t().leads.phone;
    if text.is_empty() {
        return Err(t.empty.into());
    }
    if text.len() >= 4 && text.is_char_boundary(4) && text[..4].eq_ignore_ascii_case("sip:") {
        let address = &text[4..];
        let valid = address.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && host.contains('.')
                && !host.contains(char::is_whitespace)
                && !user.contains(char::is_whitespace)
        });
        return if valid { Ok(format!("sip:{address}")) } else { Err(fill(t.not_sip, &[&text])) };
    }
    let text = match text.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => text[4..].trim(),
        _ => text,
    };
    let text = match from_scientific(text) {
        Some(Excel::Whole(digits)) => digits,
        Some(Excel::Rounded { missing }) => {
            return Err(fill(t.excel_rounded, &[&shown, &t.digits_missing.count(missing as u64)]))
        }
        None => without_float_tail(text).unwrap_or(text).to_string(),
    };
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return Err(fill(t.no_digits, &[&shown]));
    }
    let lower = text.to_lowercase();
    if let Some(marker) = extension_marker(&lower) {
        return Err(fill(t.extension, &[&shown, &marker]));
    }
    let number = possible_number(&text);
    let body = number.strip_prefix('+').unwrap_or(number);
    if let Some(other) = body.chars().find(|&c| !c.is_ascii_digit() && !is_separator(c)) {
        return Err(fill(t.bad_character, &[&shown, &other]));
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let count = digits.len();
    let number = split(&digits, number.starts_with('+'), region)
        .ok_or_else(|| fill(t.wrong_length, &[&shown, &t.digits.count(count as u64)]))?;
    if !number.is_valid() {
        return Err(fill(t.not_valid, &[&shown, &number.code, &number.national, &format!("{region:?}")]));
    }
    Ok(format!("{}{}", number.code, number.national))
}

/// The fast path for what most Russian lists hold, with the Settings region RU: `+7`, `7`, `8` or
/// nothing, then ten national digits, with spaces, dashes and brackets between them. It answers
/// only for a valid number, exactly as the steps below would (the tests compare the two); anything
/// else, a refusal included, takes the full path and its reasons.
///
/// Why these shapes need no more than the digits: a cell of only digits and these separators has
/// no scheme, Excel notation, extension or text, and the whole of it is the number. For ten
/// national digits starting 3, 4, 8 or 9 the `parseHelper` steps always land on those ten digits
/// (`+7` or `7` is the country code, `8` the trunk prefix, and no shorter or longer reading fits
/// the plan), except `810…` without `+`, which is Russia's international prefix. And the number is
/// Russia's (its leading digits are RU's `[3489]`, not Kazakhstan's `7`), so whether it is valid
/// rests on the first three national digits: every RU pattern is a three-digit range followed by
/// `\d{7}` (the 14-digit `8108…` toll-free numbers are not ten digits).
fn russian(text: &str) -> Option<String> {
    let mut digits = [0u8; 11];
    let mut count = 0;
    let mut plus = false;
    for c in text.chars() {
        match c {
            '0'..='9' if count < digits.len() => {
                digits[count] = c as u8;
                count += 1;
            }
            // libphonenumber's number starts at the first digit or `+`: brackets before it go.
            '+' if count == 0 && !plus => plus = true,
            ' ' | '-' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let national = match (plus, count, digits[0]) {
        (true, 11, b'7') | (false, 11, b'7' | b'8') => &digits[1..11],
        (false, 10, _) if !digits.starts_with(b"810") => &digits[..10],
        _ => return None,
    };
    if !russian_range_valid(national) {
        return None;
    }
    let mut number = String::with_capacity(11);
    number.push('7');
    number.extend(national.iter().map(|&d| char::from(d)));
    Some(number)
}

/// Whether ten national digits starting 3, 4, 8 or 9 are a valid Russian number: one answer per
/// three-digit range, taken from the full check once. A range whose lowest and highest numbers
/// disagree (none in today's metadata) is left to the full path.
fn russian_range_valid(national: &[u8]) -> bool {
    static RANGES: OnceLock<[bool; 1000]> = OnceLock::new();
    if national.len() != 10 || !matches!(national[0], b'3' | b'4' | b'8' | b'9') {
        return false;
    }
    let ranges = RANGES.get_or_init(|| {
        std::array::from_fn(|range| {
            let valid = |tail: &str| Split { code: 7, national: format!("{range:03}{tail}") }.is_valid();
            valid("0000000") && valid("9999999")
        })
    });
    let range = national[..3].iter().fold(0, |n, &d| n * 10 + usize::from(d - b'0'));
    ranges[range]
}

/// A number split into country calling code and national significant number.
#[derive(Debug, PartialEq)]
struct Split {
    code: u16,
    national: String,
}

/// libphonenumber's shortest and longest national significant numbers.
const NATIONAL_LENGTHS: std::ops::RangeInclusive<usize> = 2..=17;

/// libphonenumber's `parseHelper` for a cell of digits: international prefix or `+`, country code,
/// national prefix. `None` when the country code is unknown or the number cannot be one.
fn split(digits: &str, plus: bool, region: Id) -> Option<Split> {
    let home = DATABASE.by_id(region.as_ref()).or_else(|| DATABASE.by_id("RU"))?;
    let international = if plus { Some(digits) } else { strip_international_prefix(home, digits) };
    let (code, mut national, meta) = match international {
        Some(rest) => {
            let (code, national) = country_code(rest)?;
            (code, national.to_string(), metadata_for_code(code, home))
        }
        None => match without_home_code(home, digits) {
            Some(national) => (home.country_code(), national, home),
            None => (home.country_code(), digits.to_string(), home),
        },
    };
    let stripped = strip_national_prefix(meta, &national);
    if !matches!(test_length(meta, &stripped), Length::TooShort | Length::LocalOnly | Length::Invalid) {
        national = stripped;
    }
    NATIONAL_LENGTHS.contains(&national.len()).then_some(Split { code, national })
}

/// `maybeStripInternationalPrefixAndNormalize`: `810…` from Russia, `00…` from most of Europe.
fn strip_international_prefix<'a>(meta: &Metadata, digits: &'a str) -> Option<&'a str> {
    let idd = meta.international_prefix()?;
    let end = prefix_match(idd.as_str(), digits)?.get(0)?.end();
    let rest = &digits[end..];
    // A country code never starts with 0: `8 10…` then was not an international prefix.
    (!rest.is_empty() && !rest.starts_with('0')).then_some(rest)
}

/// `extractCountryCode`: the first one to three digits that are a country calling code.
fn country_code(digits: &str) -> Option<(u16, &str)> {
    if digits.starts_with('0') {
        return None;
    }
    (1..=3.min(digits.len())).find_map(|len| {
        let code: u16 = digits[..len].parse().ok()?;
        DATABASE.region(&code).map(|_| (code, &digits[len..]))
    })
}

/// The metadata national prefixes are read with: the home region's when the number is from there,
/// else the main region of the number's country code.
fn metadata_for_code(code: u16, home: &'static Metadata) -> &'static Metadata {
    let main = DATABASE.by_code(&code).and_then(|m| m.into_iter().next());
    match main {
        Some(main) if main.id() != home.id() => main,
        _ => home,
    }
}

/// `maybeExtractCountryCode` for a number without `+`: `79123456789` from Russia has its country
/// code in front when the rest is a national number and the whole is not.
fn without_home_code(home: &Metadata, digits: &str) -> Option<String> {
    let rest = digits.strip_prefix(&home.country_code().to_string())?;
    let general = home.descriptors().general();
    let national = strip_national_prefix(home, rest);
    ((!whole_match(general, digits) && whole_match(general, &national))
        || test_length(home, digits) == Length::TooLong)
        .then_some(national)
}

/// `maybeStripNationalPrefixAndCarrierCode`: `8 912…` is `912…` in Russia, but `8172…` (Vologda)
/// keeps its 8 because without it the number would no longer fit the country's plan.
fn strip_national_prefix(meta: &Metadata, number: &str) -> String {
    let Some(pattern) = meta.national_prefix_for_parsing().map(|p| p.as_str()).or(meta.national_prefix())
    else {
        return number.to_string();
    };
    let Some(captures) = prefix_match(pattern, number) else {
        return number.to_string();
    };
    let general = meta.descriptors().general();
    let viable = whole_match(general, number);
    let end = captures.get(0).map_or(0, |m| m.end());
    let last_group = captures.iter().skip(1).last().flatten();
    let candidate = match (meta.national_prefix_transform_rule(), last_group) {
        (Some(rule), Some(_)) => format!("{}{}", expand(rule, &captures), &number[end..]),
        _ => number[end..].to_string(),
    };
    if viable && !whole_match(general, &candidate) {
        return number.to_string();
    }
    candidate
}

/// A transform rule's `$1` references replaced by the captured groups.
fn expand(rule: &str, captures: &regex::Captures) -> String {
    let mut out = String::new();
    let mut chars = rule.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('$', Some(group)) => {
                chars.next();
                out.push_str(captures.get(group as usize).map_or("", |m| m.as_str()));
            }
            _ => out.push(c),
        }
    }
    out
}

/// `testNumberLength` for an unknown number type.
#[derive(Debug, PartialEq)]
enum Length {
    Possible,
    LocalOnly,
    TooShort,
    TooLong,
    Invalid,
}

fn test_length(meta: &Metadata, number: &str) -> Length {
    let (possible, local) = general_lengths(meta);
    let length = number.len() as u16;
    match (possible.first(), possible.last()) {
        _ if local.contains(&length) => Length::LocalOnly,
        (Some(&min), Some(&max)) => {
            if length < min {
                Length::TooShort
            } else if length > max {
                Length::TooLong
            } else if possible.contains(&length) {
                Length::Possible
            } else {
                Length::Invalid
            }
        }
        _ => Length::Invalid,
    }
}

/// The number types a valid number may be (libphonenumber's `getNumberTypeHelper`).
fn type_descriptors(meta: &Metadata) -> impl Iterator<Item = &Descriptor> {
    let d = meta.descriptors();
    [
        d.premium_rate(),
        d.toll_free(),
        d.shared_cost(),
        d.voip(),
        d.personal_number(),
        d.pager(),
        d.uan(),
        d.voicemail(),
        d.fixed_line(),
        d.mobile(),
    ]
    .into_iter()
    .flatten()
}

/// The general description's possible lengths: the union of its number types' (the XML leaves
/// them out; libphonenumber's metadata builder computes them the same way).
fn general_lengths(meta: &Metadata) -> (Vec<u16>, Vec<u16>) {
    let general = meta.descriptors().general();
    if !general.possible_length().is_empty() {
        return (general.possible_length().to_vec(), general.possible_local_length().to_vec());
    }
    let mut possible: Vec<u16> = type_descriptors(meta).flat_map(|d| d.possible_length().to_vec()).collect();
    let mut local: Vec<u16> =
        type_descriptors(meta).flat_map(|d| d.possible_local_length().to_vec()).collect();
    possible.sort_unstable();
    possible.dedup();
    local.sort_unstable();
    local.dedup();
    local.retain(|l| !possible.contains(l));
    (possible, local)
}

impl Split {
    /// `isValidNumber`: the number has a region that its country code serves and is one of that
    /// region's number types.
    fn is_valid(&self) -> bool {
        let Some(regions) = DATABASE.region(&self.code) else {
            return false;
        };
        let Some(metas) = DATABASE.by_code(&self.code) else {
            return false;
        };
        if regions.len() == 1 {
            return metas.first().is_some_and(|meta| number_type_known(meta, &self.national));
        }
        // Shared codes (+7 Russia and Kazakhstan, +1 NANP, +44 UK and islands): the first region
        // whose leading digits fit, or whose plan has the number.
        for meta in metas {
            match meta.leading_digits() {
                Some(leading) => {
                    if prefix_match(leading.as_str(), &self.national).is_some() {
                        return number_type_known(meta, &self.national);
                    }
                }
                None => {
                    if number_type_known(meta, &self.national) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

fn number_type_known(meta: &Metadata, national: &str) -> bool {
    matches_desc(meta.descriptors().general(), national, false)
        && type_descriptors(meta).any(|d| matches_desc(d, national, true))
}

/// `isNumberMatchingDesc`: a possible length and the whole number fits the pattern.
fn matches_desc(desc: &Descriptor, national: &str, check_length: bool) -> bool {
    let lengths = desc.possible_length();
    if check_length && !lengths.is_empty() && !lengths.contains(&(national.len() as u16)) {
        return false;
    }
    whole_match(desc, national)
}

fn whole_match(desc: &Descriptor, number: &str) -> bool {
    compiled(desc.national_number().as_str(), true).is_match(number)
}

fn prefix_match<'t>(pattern: &str, text: &'t str) -> Option<regex::Captures<'t>> {
    compiled(pattern, false).captures(text)
}

/// The metadata's patterns anchored as libphonenumber uses them: `matches` for whole numbers,
/// `lookingAt` for prefixes. Compiled once per pattern and kept for good: the patterns come from
/// the static metadata, so there are only so many.
fn compiled(pattern: &str, whole: bool) -> &'static Regex {
    type Cache = RwLock<HashMap<String, &'static Regex>>;
    static CACHES: OnceLock<[Cache; 2]> = OnceLock::new();
    let cache = &CACHES.get_or_init(Default::default)[usize::from(whole)];
    if let Some(regex) = cache.read().unwrap_or_else(|poisoned| poisoned.into_inner()).get(pattern) {
        return regex;
    }
    let mut cache = cache.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.entry(pattern.to_string()).or_insert_with(|| {
        let anchored = if whole { format!("^(?x:{pattern})$") } else { format!("^(?x:{pattern})") };
        // The patterns were compiled once already by the crate that ships them.
        let regex =
            Regex::new(&anchored).unwrap_or_else(|_| Regex::new("$^").expect("an empty pattern compiles"));
        Box::leak(Box::new(regex))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Settings region RU, reasons in English.
    fn ru(raw: &str) -> Result<String, String> {
        app::i18n::in_lang(app::i18n::Lang::En, || normalize(raw, Id::RU))
    }

    #[test]
    fn reasons_read_in_russian_too() {
        let russian = |raw: &str| app::i18n::in_lang(app::i18n::Lang::Ru, || normalize(raw, Id::RU));
        assert_eq!(
            russian("7,91612346E+10").unwrap_err(),
            "«7,91612346E+10»: Excel округлил этот номер — 2 цифр не хватает. Задайте столбцу текстовый \
             формат в Excel и выгрузите файл снова"
        );
        assert!(russian("7,912345678E+10").unwrap_err().contains("1 цифры не хватает"));
        assert!(russian("+999 123 456").unwrap_err().contains("(9 цифр: неизвестный код страны"));
        assert_eq!(russian("нет").unwrap_err(), "В «нет» нет цифр");
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
            "8\u{a0}912\u{a0}345\u{a0}67\u{a0}89",
            "810 7 912 345 67 89",
            "tel:+7-912-345-67-89",
            "тел.: 8 912 345-67-89",
            "(раб) 8 912 345-67-89",
            "8 912 345-67-89 ?",
        ] {
            assert_eq!(ru(raw).as_deref(), Ok("79123456789"), "{raw}");
        }
        assert_eq!(ru("8 (495) 123-45-67").as_deref(), Ok("74951234567"));
    }

    #[test]
    fn toll_free_numbers_keep_their_eight_hundred() {
        for raw in ["8 800 555-35-35", "88005553535", "+7 800 555 35 35", "78005553535", "8005553535"] {
            assert_eq!(ru(raw).as_deref(), Ok("78005553535"), "{raw}");
        }
    }

    #[test]
    fn landlines_of_every_area_code_length() {
        for (raw, want) in [
            ("+7 8172 72-12-34", "78172721234"), // Vologda, 4-digit code starting with 8
            ("8 (8172) 72-12-34", "78172721234"), // the same with the trunk prefix
            ("8 (812) 123-45-67", "78121234567"), // St Petersburg, 3-digit code
            ("+7 (843) 212-34-56", "78432123456"), // Kazan
            ("8 3952 12-34-56", "73952123456"),  // Irkutsk
            ("8 (81722) 1-23-45", "78172212345"), // 5-digit code
            ("8 (34342) 1-23-45", "73434212345"), // 5-digit code in the Urals
            ("8 (86137) 4-12-34", "78613741234"), // 5-digit code in Krasnodar Krai
        ] {
            assert_eq!(ru(raw).as_deref(), Ok(want), "{raw}");
        }
    }

    #[test]
    fn numbers_nobody_holds_are_refused() {
        for raw in ["70000000000", "+7 000 000 00 00", "8 (123) 456-78-90", "+7 600 123 45 67"] {
            assert!(ru(raw).is_err(), "{raw}: {:?}", ru(raw));
        }
    }

    #[test]
    fn excel_scientific_notation_is_read_back_only_when_every_digit_is_there() {
        assert_eq!(ru("7,9123456701E+10").as_deref(), Ok("79123456701"));
        assert_eq!(ru("7.9123456789E+10").as_deref(), Ok("79123456789"));
        assert_eq!(from_scientific("1.5E+0"), None, "a fraction is not a phone number");
        assert_eq!(ru("79123456789.0").as_deref(), Ok("79123456789"));
        assert_eq!(ru("89123456789,00").as_deref(), Ok("79123456789"));
        assert!(ru("79123456789.5").is_err());
    }

    #[test]
    fn excel_rounded_numbers_are_refused_not_padded() {
        let refused = ru("7,91612346E+10").unwrap_err();
        assert!(refused.contains("Excel rounded this number; 2 digits are missing"), "{refused}");
        let refused = ru("7.91234568E+10").unwrap_err();
        assert!(refused.contains("2 digits are missing"), "{refused}");
        assert!(ru("7,912345678E+10").unwrap_err().contains("1 digit is missing"));
        assert!(ru("7,91E+10").unwrap_err().contains("8 digits are missing"));
        assert_eq!(from_scientific("7.9E+10"), Some(Excel::Rounded { missing: 9 }));
    }

    #[test]
    fn foreign_numbers_keep_their_country() {
        assert_eq!(ru("+49 30 901820").as_deref(), Ok("4930901820"));
        assert_eq!(normalize("030 901820", Id::DE).as_deref(), Ok("4930901820"));
        assert_eq!(ru("810 49 30 901820").as_deref(), Ok("4930901820"));
        assert_eq!(ru("+1 800 555 0199").as_deref(), Ok("18005550199"));
        assert_eq!(ru("+1 (212) 555-0123").as_deref(), Ok("12125550123"));
        assert_eq!(ru("+44 800 123 4567").as_deref(), Ok("448001234567"));
        assert_eq!(ru("+44 (0)20 7946 0018").as_deref(), Ok("442079460018"));
        assert_eq!(ru("+7 701 123 45 67").as_deref(), Ok("77011234567"), "Kazakhstan");
        assert_eq!(ru("+375 29 123-45-67").as_deref(), Ok("375291234567"), "Belarus");
        assert_eq!(ru("+380 44 123 4567").as_deref(), Ok("380441234567"), "Ukraine");
        assert_eq!(ru("+86 10 1234 5678").as_deref(), Ok("861012345678"), "China");
        assert_eq!(ru("+33 1 23 45 67 89").as_deref(), Ok("33123456789"), "France");
    }

    #[test]
    fn what_cannot_be_called_says_why() {
        assert!(ru("12345").unwrap_err().contains("12345"));
        assert!(ru("нет").unwrap_err().contains("no digits"));
        assert_eq!(ru("   ").unwrap_err(), "empty");
        assert_eq!(ru("sip:sales@example.ru").as_deref(), Ok("sip:sales@example.ru"));
        assert!(ru("sip:nobody").is_err());
        assert!(ru("8 912 345 67 89 доб. 123").unwrap_err().contains("extension"));
        assert!(ru("+7 495 123-45-67 ext 12").unwrap_err().contains("extension"));
        assert!(ru("+7 495 123-45-67 #12").unwrap_err().contains("extension"));
        assert!(ru("79123456789 Иван").unwrap_err().contains("not a phone number"));
        assert!(ru("+7 912 345-67-89 (моб.)").unwrap_err().contains("not a phone number"));
        assert!(ru("+7 912 345-67-89, +7 912 345-67-88").unwrap_err().contains("not a phone number"));
        assert!(ru("+999 123 456").unwrap_err().contains("unknown country code"));
    }

    /// Every spelling of `digits` (a ten-digit national number, or any digits) the fast path
    /// might take, and shapes next to them that it must leave to the full path.
    fn spellings(national: &str) -> Vec<String> {
        let (code, rest) = national.split_at(3.min(national.len()));
        let grouped = |sep: &str| {
            let mut parts = vec![&rest[..3.min(rest.len())]];
            let mut tail = &rest[3.min(rest.len())..];
            while !tail.is_empty() {
                let (part, more) = tail.split_at(2.min(tail.len()));
                parts.push(part);
                tail = more;
            }
            parts.join(sep)
        };
        let mut cells = Vec::new();
        for lead in ["+7", "7", "8", "", "+8", "810", "8 10 7", "007", "+", "++7", "+7+"] {
            cells.push(format!("{lead}{national}"));
            cells.push(format!("{lead} ({code}) {}", grouped("-")));
            cells.push(format!("{lead}\u{a0}{code}\u{a0}{}", grouped("\u{a0}")));
        }
        for shape in [
            format!("(+7) {code} {}", grouped(" ")),
            format!(" + 7 - {code} - {}-", grouped("-")),
            format!("'+7{national}"),
            format!("8.{code}.{}", grouped(".")),
            format!("8{national}.0"),
            format!("8{national},00"),
            format!("7{national}.5"),
            format!("7,{}{national}E+10", ""),
            format!("7.{national}E+10"),
            format!("7.{}E+10", &national[..national.len().min(8)]),
            format!("8 {code} {} доб. 12", grouped("-")),
            format!("+7 {code} {} #1", grouped(" ")),
            format!("тел. 8 {code} {}", grouped("-")),
            format!("8 {code} {} Иван", grouped("-")),
            format!("tel:+7{national}"),
            format!("+7 {code} {}/", grouped("/")),
            format!("+7 {code}–{}", grouped("–")),
        ] {
            cells.push(shape);
        }
        cells
    }

    #[test]
    fn the_fast_path_for_russian_numbers_answers_as_the_full_path() {
        // A fixed seed: a failure names a cell that fails again.
        let mut state: u64 = 0x2026_1202;
        let mut random_digits = |count: usize| -> String {
            (0..count)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    char::from(b'0' + (state % 10) as u8)
                })
                .collect()
        };
        let mut nationals = Vec::new();
        for range in 0..1000 {
            nationals.push(format!("{range:03}0000000"));
            nationals.push(format!("{range:03}9999999"));
            // The fourth digit is where a range would split if the plan ever did.
            for fourth in 0..10 {
                nationals.push(format!("{range:03}{fourth}{}", random_digits(6)));
            }
        }
        // Other lengths: nine, eleven and fourteen national digits (toll-free 8108…).
        for _ in 0..200 {
            nationals.push(format!("9{}", random_digits(8)));
            nationals.push(format!("9{}", random_digits(10)));
            nationals.push(format!("8108{}", random_digits(10)));
            nationals.push(random_digits(10));
        }
        let (mut fast, mut cells) = (0, 0);
        for national in &nationals {
            for cell in &spellings(national) {
                cells += 1;
                let Some(number) = russian(without_apostrophe(cell)) else { continue };
                fast += 1;
                assert_eq!(normalize_fully(cell, Id::RU), Ok(number.clone()), "{cell:?}");
                assert_eq!(normalize(cell, Id::RU), Ok(number), "{cell:?}");
            }
        }
        // The common shapes of the valid ranges do take the fast path.
        for cell in ["+7 912 345-67-89", "8 (495) 123-45-67", "79123456789", "9123456789", "8 800 555 35 35"]
        {
            assert!(russian(cell).is_some(), "{cell}");
        }
        for cell in ["8101234567", "+7 701 123 45 67", "70000000000", "+7 600 123 45 67", "8 (123) 456-78-90"]
        {
            assert!(russian(cell).is_none(), "{cell}: for the full path to say");
        }
        eprintln!("{fast} of {cells} cells took the fast path");
        assert!(fast > 30_000, "{fast} of {cells} cells took the fast path");
    }

    #[test]
    fn unknown_regions_fall_back_to_russia() {
        assert_eq!(region("ZZ"), Id::RU);
        assert_eq!(region("de"), Id::DE);
    }
}
