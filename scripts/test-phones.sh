#!/usr/bin/env bash
# Differential test of the lead-list phone reader (server/src/leads/phone.rs) against
# python-phonenumbers: 120,000 generated cells (tests/phones/generate.py, fixed seed), every
# disagreement fixed or explained in tests/phones/known-differences.txt. Run by `make test-rust`.
#
# python-phonenumbers is pinned to the libphonenumber metadata the `phonenumber` crate bundles
# (its version's `+9.0.33` suffix in Cargo.lock), so the test compares parsing, not metadata age.
set -euo pipefail
cd "$(dirname "$0")/.."

metadata=$(sed -n '/^name = "phonenumber"$/{n;s/^version = ".*+\(.*\)"$/\1/p}' Cargo.lock)
[[ -n "$metadata" ]] || { echo "test-phones: no phonenumber version in Cargo.lock" >&2; exit 1; }

venv=tests/phones/.venv
if ! "$venv/bin/python" -c "import phonenumbers, sys; sys.exit(phonenumbers.__version__ != '$metadata')" 2>/dev/null; then
  echo "test-phones: installing python-phonenumbers $metadata into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "phonenumbers==$metadata"
fi

# Same profile and features as `cargo test -p app -p server --features app/ssr`, which builds
# the example already when run before this script.
cargo build --quiet -p server --features app/ssr --example normalize_phones

work=target/test-phones
mkdir -p "$work"
"$venv/bin/python" tests/phones/generate.py > "$work/cases.tsv"
cut -f2 "$work/cases.tsv" | target/debug/examples/normalize_phones RU > "$work/ours.tsv"
"$venv/bin/python" tests/phones/reference.py "$work/cases.tsv" "$work/ours.tsv" tests/phones/known-differences.txt
