#!/usr/bin/env bash
# Differential test of the lead-list phone reader (server/src/leads/phone.rs) against
# python-phonenumbers: 120,000 generated cells (tests/phones/generate.py, fixed seed), every
# disagreement fixed or explained in tests/phones/known-differences.txt. Run by `make test-rust`.
#
# python-phonenumbers is pinned to the libphonenumber metadata the `phonenumber` crate bundles
# (scripts/phones-venv.sh), so the test compares parsing, not metadata age.
set -euo pipefail
cd "$(dirname "$0")/.."

python=$(scripts/phones-venv.sh)

# Same profile and features as `cargo test -p app -p server --features app/ssr`, which builds
# the example already when run before this script.
cargo build --quiet -p server --features app/ssr --example normalize_phones

work=target/test-phones
mkdir -p "$work"
"$python" tests/phones/generate.py > "$work/cases.tsv"
cut -f2 "$work/cases.tsv" | target/debug/examples/normalize_phones RU > "$work/ours.tsv"
"$python" tests/phones/reference.py "$work/cases.tsv" "$work/ours.tsv" tests/phones/known-differences.txt
