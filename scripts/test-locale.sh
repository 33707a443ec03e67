#!/usr/bin/env bash
# Differential test of the Russian and English formats (app/src/i18n/format.rs) against Babel,
# an independent reading of the Unicode CLDR: plural categories, grouped numbers, dates and
# 24-hour times for ~10,000 numbers. Run by `make test-rust`.
set -euo pipefail
cd "$(dirname "$0")/.."

babel_version=2.16.0
venv=tests/locale/.venv
if ! "$venv/bin/python" -c "import babel, sys; sys.exit(babel.__version__ != '$babel_version')" 2>/dev/null; then
  echo "test-locale: installing Babel $babel_version into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "Babel==$babel_version"
fi

# Same profile and features as `cargo test -p app -p server --features app/ssr`, which builds
# the example already when run before this script.
cargo build --quiet -p server --features app/ssr --example locale_forms

work=target/test-locale
mkdir -p "$work"
"$venv/bin/python" tests/locale/reference.py --cases > "$work/cases.txt"
target/debug/examples/locale_forms < "$work/cases.txt" > "$work/ours.tsv"
"$venv/bin/python" tests/locale/reference.py "$work/ours.tsv"
