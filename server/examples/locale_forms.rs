//! Reads whole numbers, one per line on stdin, and prints how Obzvon writes each in Russian and
//! English: the plural category (`one`/`few`/`many` for Russian, `one`/`other` for English), the
//! grouped number, the date `n` days after 2000-01-01 and the time `n` minutes after midnight
//! (mod 24 h). The differential test (scripts/test-locale.sh) compares this with Babel's CLDR
//! data: `n<TAB>ru plural<TAB>en plural<TAB>ru number<TAB>en number<TAB>ru date<TAB>en date<TAB>time`.

use std::io::{BufRead, BufWriter, Write};

use app::i18n::format::{date, date_time, number, Plural};
use app::i18n::Lang;

fn main() -> std::io::Result<()> {
    // The categories as the "words", so the chosen form names its CLDR category.
    let ru = Plural::ru("one", "few", "many");
    let en = Plural::en("one", "other");
    let epoch = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("a real date");
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        let Ok(n) = line.trim().parse::<u64>() else {
            writeln!(out, "{line}\tnot a number")?;
            continue;
        };
        let day = epoch + chrono::Days::new(n % 40_000);
        let at = day.and_hms_opt(((n / 60) % 24) as u32, (n % 60) as u32, 0).expect("a real time");
        let time = date_time(Lang::Ru, at).rsplit(' ').next().unwrap_or_default().to_string();
        writeln!(
            out,
            "{n}\t{}\t{}\t{}\t{}\t{}\t{}\t{time}",
            ru.form(n),
            en.form(n),
            number(Lang::Ru, n),
            number(Lang::En, n),
            date(Lang::Ru, day),
            date(Lang::En, day),
        )?;
    }
    out.flush()
}
