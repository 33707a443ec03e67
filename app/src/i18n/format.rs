//! Filling placeholders, plurals, numbers and dates the way each language writes them.

use std::fmt::Display;

use serde::Serialize;

use super::Lang;

/// `template` with `{0}`, `{1}`, … replaced by `args` in order of their numbers. A
/// placeholder without an argument stays as written, so a mistake shows instead of
/// vanishing (and the unit test of the tables catches it first).
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let index =
            after.find('}').and_then(|close| after[..close].parse::<usize>().ok().map(|i| (i, close)));
        match index.and_then(|(i, close)| args.get(i).map(|arg| (arg, close))) {
            Some((arg, close)) => {
                out.push_str(&arg.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders `{0}`, `{1}`, … a template uses, sorted: both languages of a key must use
/// the same ones.
pub fn placeholders(template: &str) -> Vec<usize> {
    let mut found: Vec<usize> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').and_then(|(n, _)| n.parse().ok()))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// A word that changes with a count: Russian has three forms (1 звонок, 2 звонка, 5 звонков),
/// English two (1 call, 2 calls).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Plural {
    #[serde(skip)]
    pub lang: Lang,
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
}

impl Plural {
    pub const fn ru(one: &'static str, few: &'static str, many: &'static str) -> Plural {
        Plural { lang: Lang::Ru, one, few, many }
    }

    pub const fn en(one: &'static str, other: &'static str) -> Plural {
        Plural { lang: Lang::En, one, few: other, many: other }
    }

    /// The form for `n` (CLDR plural rules: ru one = n%10=1 and n%100≠11; few = n%10 in 2..4
    /// and n%100 not in 12..14; many = the rest. en one = 1).
    pub fn form(&self, n: u64) -> &'static str {
        match self.lang {
            Lang::Ru => match (n % 10, n % 100) {
                (1, m) if m != 11 => self.one,
                (2..=4, m) if !(12..=14).contains(&m) => self.few,
                _ => self.many,
            },
            Lang::En if n == 1 => self.one,
            Lang::En => self.many,
        }
    }

    /// "5 звонков", "1 call": the number as the language writes it, then the form.
    pub fn count(&self, n: u64) -> String {
        format!("{} {}", number(self.lang, n), self.form(n))
    }
}

/// A whole number with thousands grouped: `12 345` (narrow no-break space) in Russian,
/// `12,345` in English.
pub fn number(lang: Lang, n: u64) -> String {
    let separator = match lang {
        Lang::Ru => '\u{202F}',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// A calendar date: `01.12.2026` in Russian, `2026-12-01` in English.
pub fn date(lang: Lang, date: chrono::NaiveDate) -> String {
    match lang {
        Lang::Ru => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// A date with a 24-hour time: `01.12.2026 14:05` / `2026-12-01 14:05`.
pub fn date_time(lang: Lang, at: chrono::NaiveDateTime) -> String {
    format!("{} {}", date(lang, at.date()), at.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_follow_the_cldr_rule() {
        let calls = Plural::ru("звонок", "звонка", "звонков");
        let expect = [
            (0, "звонков"),
            (1, "звонок"),
            (2, "звонка"),
            (5, "звонков"),
            (11, "звонков"),
            (12, "звонков"),
            (14, "звонков"),
            (21, "звонок"),
            (22, "звонка"),
            (25, "звонков"),
            (101, "звонок"),
            (111, "звонков"),
            (112, "звонков"),
            (1_001, "звонок"),
        ];
        for (n, form) in expect {
            assert_eq!(calls.form(n), form, "{n}");
        }
        let leads = Plural::ru("лид", "лида", "лидов");
        assert_eq!(leads.count(21), "21 лид");
        assert_eq!(leads.count(11), "11 лидов");
        assert_eq!(leads.count(12_345), "12\u{202F}345 лидов");
    }

    #[test]
    fn english_plurals_have_two_forms() {
        let calls = Plural::en("call", "calls");
        for (n, form) in [
            (0, "calls"),
            (1, "call"),
            (2, "calls"),
            (5, "calls"),
            (11, "calls"),
            (21, "calls"),
            (22, "calls"),
        ] {
            assert_eq!(calls.form(n), form, "{n}");
        }
        assert_eq!(calls.count(1_000), "1,000 calls");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(number(Lang::Ru, 0), "0");
        assert_eq!(number(Lang::Ru, 999), "999");
        assert_eq!(number(Lang::Ru, 1_000), "1\u{202F}000");
        assert_eq!(number(Lang::Ru, 1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(number(Lang::En, 100_000), "100,000");
    }

    #[test]
    fn dates_are_written_as_each_language_does() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(date(Lang::Ru, day), "01.12.2026");
        assert_eq!(date(Lang::En, day), "2026-12-01");
        assert_eq!(date_time(Lang::Ru, day.and_hms_opt(14, 5, 0).unwrap()), "01.12.2026 14:05");
    }

    #[test]
    fn fill_puts_arguments_in_their_places() {
        assert_eq!(fill("{1} of {0}", &[&10, &"3"]), "3 of 10");
        assert_eq!(fill("{0}{0}", &[&"a"]), "aa");
        assert_eq!(fill("no {2} here {x}", &[&1]), "no {2} here {x}");
        assert_eq!(fill("{", &[]), "{");
        assert_eq!(placeholders("{1} and {0} and {1}"), vec![0, 1]);
    }
}
