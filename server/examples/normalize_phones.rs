//! Reads phone cells, one per line on stdin, and prints what the lead-list reader makes of each:
//! `ok\t<digits>` or `refuse\t<reason>`. The differential test (scripts/test-phones.sh) compares
//! this with python-phonenumbers. An optional first argument is the Settings region (RU default).

use std::io::{BufRead, BufWriter, Write};

use server::leads::phone;

fn main() -> std::io::Result<()> {
    let region = phone::region(&std::env::args().nth(1).unwrap_or_else(|| "RU".into()));
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        match phone::normalize(&line, region) {
            Ok(number) => writeln!(out, "ok\t{number}")?,
            Err(reason) => writeln!(out, "refuse\t{}", reason.replace(['\t', '\n'], " "))?,
        }
    }
    out.flush()
}
