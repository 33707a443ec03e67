//! Guessing what each column holds, from its header or, without one, from its cells. The user
//! sees the guess and can change it; a wrong guess costs one click, not a rejected list.

use app::api::leads::{ColumnMapping, ColumnRole};

use super::phone;

/// Whether a header cell (lower case) is the column our rejected-rows CSV adds, in either
/// language: it is ignored when that file comes back fixed.
fn is_reason_header(cell: &str) -> bool {
    app::i18n::Lang::ALL.iter().any(|lang| cell == lang.texts().leads.reasons.reason_header.to_lowercase())
}

/// Header words (lower case, Russian and English) for each role, most specific first.
const HEADER_WORDS: &[(ColumnRole, &[&str])] = &[
    (
        ColumnRole::Phone,
        &["телефон", "тел.", "тел", "номер", "моб", "phone", "mobile", "tel", "number", "msisdn"],
    ),
    (
        ColumnRole::Organization,
        &[
            "компания",
            "организация",
            "фирма",
            "юрлицо",
            "company",
            "organization",
            "organisation",
            "org",
            "firm",
        ],
    ),
    (ColumnRole::Position, &["должность", "позиция", "position", "title", "job"]),
    (
        ColumnRole::Name,
        &["фио", "имя", "фамилия", "отчество", "контакт", "клиент", "name", "contact", "client", "full name"],
    ),
    (
        ColumnRole::Comment,
        &[
            "комментарий",
            "коммент",
            "примечание",
            "заметка",
            "описание",
            "comment",
            "note",
            "notes",
            "info",
            "description",
        ],
    ),
];

fn role_of_header(cell: &str) -> Option<ColumnRole> {
    let cell = cell.trim().to_lowercase();
    if cell.is_empty() {
        return None;
    }
    if is_reason_header(&cell) {
        return Some(ColumnRole::Ignore);
    }
    // Whole word first ("Имя" is a name, "Имя компании" a company: the more specific wins below).
    for (role, words) in HEADER_WORDS {
        if words.iter().any(|w| cell == *w) {
            return Some(*role);
        }
    }
    for (role, words) in HEADER_WORDS {
        if words.iter().any(|w| w.chars().count() > 2 && cell.contains(w)) {
            return Some(*role);
        }
    }
    None
}

fn is_phone_like(cell: &str) -> bool {
    phone::normalize(cell, phonenumber::country::Id::RU).is_ok()
}

/// The first row is a header when no cell in it is a phone number and it names a column we
/// know, or when its cells are all text while the column of phones below holds numbers.
fn looks_like_header(first: &[String], rest: &[Vec<String>]) -> bool {
    if first.iter().any(|c| is_phone_like(c)) {
        return false;
    }
    if first.iter().any(|c| role_of_header(c).is_some()) {
        return true;
    }
    // No known word: a header if some column has phones below a non-phone first cell.
    (0..first.len()).any(|col| {
        let below = rest.iter().take(20).filter(|r| r.get(col).is_some_and(|c| is_phone_like(c))).count();
        below > 0 && below * 2 >= rest.len().min(20) && !first[col].trim().is_empty()
    })
}

/// The column whose sample cells are most often phone numbers.
fn phone_column(sample: &[Vec<String>], width: usize) -> Option<usize> {
    (0..width)
        .map(|col| (col, sample.iter().filter(|r| r.get(col).is_some_and(|c| is_phone_like(c))).count()))
        .filter(|(_, hits)| *hits > 0)
        .max_by_key(|(col, hits)| (*hits, std::cmp::Reverse(*col)))
        .map(|(col, _)| col)
}

/// A first guess of the mapping for `rows` (the whole table, header included).
pub fn guess(rows: &[Vec<String>]) -> ColumnMapping {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let Some(first) = rows.first() else { return ColumnMapping { has_header: false, roles: Vec::new() } };
    let has_header = looks_like_header(first, &rows[1..]);
    let data = if has_header { &rows[1..] } else { rows };
    let sample: Vec<Vec<String>> = data.iter().take(50).cloned().collect();
    let mut roles = vec![ColumnRole::Extra; width];
    if has_header {
        for (col, cell) in first.iter().enumerate() {
            if let Some(role) = role_of_header(cell) {
                roles[col] = role;
            }
        }
        // Several phone headers ("Телефон", "Телефон 2"): the first with phones below is the one.
        let phones: Vec<usize> = (0..width).filter(|c| roles[*c] == ColumnRole::Phone).collect();
        if phones.len() > 1 {
            let chosen = phones
                .iter()
                .copied()
                .find(|c| sample.iter().any(|r| is_phone_like(&r[*c])))
                .unwrap_or(phones[0]);
            for col in phones {
                if col != chosen {
                    roles[col] = ColumnRole::Extra;
                }
            }
        }
        // Empty header cells over empty columns carry nothing.
        for col in 0..width {
            if first[col].trim().is_empty() && roles[col] == ColumnRole::Extra {
                roles[col] = ColumnRole::Ignore;
            }
        }
    }
    if !roles.contains(&ColumnRole::Phone) {
        if let Some(col) = phone_column(&sample, width) {
            roles[col] = ColumnRole::Phone;
        }
    }
    if !has_header {
        // Without a header: the first text column is the name, the next one a comment.
        let texty = |col: usize| {
            sample.iter().filter(|r| r[col].chars().any(char::is_alphabetic)).count() * 2 > sample.len()
        };
        let mut named = false;
        for (col, role) in roles.iter_mut().enumerate().take(width) {
            if *role == ColumnRole::Phone {
                continue;
            }
            *role = if !named && texty(col) {
                named = true;
                ColumnRole::Name
            } else {
                ColumnRole::Comment
            };
        }
    }
    ColumnMapping { has_header, roles }
}

fn header_key(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The mapping a saved template gives `rows`: when both have a header, each column takes the
/// role its header had in the template (columns the template did not know are added to
/// additional info); otherwise roles go by position. None when the template does not fit.
pub fn apply_template(
    template_headers: &[String],
    template: &ColumnMapping,
    rows: &[Vec<String>],
) -> Option<ColumnMapping> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let first = rows.first()?;
    if template.has_header && !template_headers.is_empty() && looks_like_header(first, &rows[1..]) {
        let known: std::collections::HashMap<String, ColumnRole> =
            template_headers.iter().zip(&template.roles).map(|(h, r)| (header_key(h), *r)).collect();
        let mut matched = 0;
        let roles: Vec<ColumnRole> = (0..width)
            .map(|col| match known.get(&header_key(&first[col])) {
                Some(role) => {
                    matched += 1;
                    *role
                }
                None if first[col].trim().is_empty() => ColumnRole::Ignore,
                None => ColumnRole::Extra,
            })
            .collect();
        let phones = roles.iter().filter(|r| **r == ColumnRole::Phone).count();
        return (matched > 0 && phones == 1).then_some(ColumnMapping { has_header: true, roles });
    }
    (template.roles.len() == width).then(|| template.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnRole::*;

    fn table(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines.iter().map(|l| l.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn russian_headers() {
        let rows = table(&[
            &["ФИО", "Телефон", "Компания", "Должность", "Комментарий", "Город"],
            &["Иванов", "89123456789", "", "", "", "Тверь"],
        ]);
        let mapping = guess(&rows);
        assert!(mapping.has_header);
        assert_eq!(mapping.roles, [Name, Phone, Organization, Position, Comment, Extra]);
    }

    #[test]
    fn english_headers_and_a_second_phone() {
        let rows = table(&[&["Phone 2", "Mobile phone", "Full name"], &["", "+79161234567", "Anna"]]);
        let mapping = guess(&rows);
        assert_eq!(mapping.roles, [Extra, Phone, Name]);
    }

    #[test]
    fn no_header_guessed_from_cells() {
        let rows = table(&[&["Анна", "89161234567", "перезвонить"], &["Борис", "89161234568", ""]]);
        let mapping = guess(&rows);
        assert!(!mapping.has_header);
        assert_eq!(mapping.roles[1], Phone);
        assert_eq!(mapping.roles[0], Name);
    }

    #[test]
    fn an_unknown_header_over_phones_is_still_a_header() {
        let rows = table(&[&["Кому", "Куда"], &["Анна", "89161234567"], &["Борис", "89161234568"]]);
        let mapping = guess(&rows);
        assert!(mapping.has_header);
        assert_eq!(mapping.roles, [Extra, Phone]);
    }

    #[test]
    fn a_template_maps_by_header_name_in_any_order() {
        let template = ColumnMapping { has_header: true, roles: vec![Phone, Name, Comment] };
        let headers: Vec<String> =
            ["Кому звонить", "Клиент ", "Заметка"].iter().map(|s| s.to_string()).collect();
        let rows = table(&[
            &["Заметка", "клиент", "Кому  звонить", "Город"],
            &["x", "Анна", "89161234567", "Тверь"],
        ]);
        let mapping = apply_template(&headers, &template, &rows).unwrap();
        assert_eq!(mapping.roles, [Comment, Name, Phone, Extra]);
        let unrelated = table(&[&["a", "b"], &["x", "y"]]);
        assert_eq!(apply_template(&headers, &template, &unrelated), None, "no phone column: it does not fit");
    }

    #[test]
    fn our_reason_column_is_ignored_when_it_comes_back() {
        let rows = table(&[&["name", "phone", "Reason (not sent)"], &["Anna", "89161234567", "No name"]]);
        assert_eq!(guess(&rows).roles, [Name, Phone, Ignore]);
        let rows = table(&[&["имя", "телефон", "Причина (не отправлено)"], &["Анна", "89161234567", ""]]);
        assert_eq!(guess(&rows).roles, [Name, Phone, Ignore]);
    }
}
