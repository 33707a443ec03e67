#!/usr/bin/env bash
# The Python with python-phonenumbers that the phone tests and benchmarks compare with:
# tests/phones/.venv, made when missing, with python-phonenumbers pinned to the libphonenumber
# metadata the `phonenumber` crate bundles (its version's `+9.0.33` suffix in Cargo.lock), so a
# comparison is of parsing, not of metadata age. Prints the interpreter's path.
set -euo pipefail
cd "$(dirname "$0")/.."

metadata=$(sed -n '/^name = "phonenumber"$/{n;s/^version = ".*+\(.*\)"$/\1/p}' Cargo.lock)
[[ -n "$metadata" ]] || { echo "phones-venv: no phonenumber version in Cargo.lock" >&2; exit 1; }

venv=tests/phones/.venv
if ! "$venv/bin/python" -c "import phonenumbers, sys; sys.exit(phonenumbers.__version__ != '$metadata')" 2>/dev/null; then
  echo "phones-venv: installing python-phonenumbers $metadata into $venv" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "phonenumbers==$metadata" >&2
fi
echo "$PWD/$venv/bin/python"
