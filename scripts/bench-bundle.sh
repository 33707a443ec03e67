#!/usr/bin/env bash
# The browser bundle as it is served (issue 16): the Brotli copies scripts/build-site.sh made of
# the wasm and its JavaScript glue, against the 350 KB goal. Reads target/site/pkg (or
# $CARGO_TARGET_DIR/site/pkg, where build-site.sh puts it then); builds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg="${CARGO_TARGET_DIR:-target}/site/pkg"
goal_kb=350
for file in obzvon_bg.wasm.br obzvon.js.br; do
  [ -f "$pkg/$file" ] || { echo "no $pkg/$file: run scripts/build-site.sh first" >&2; exit 1; }
done
bytes=$(( $(stat -c %s "$pkg/obzvon_bg.wasm.br") + $(stat -c %s "$pkg/obzvon.js.br") ))
awk -v bytes="$bytes" -v goal="$goal_kb" 'BEGIN {
  kb = bytes / 1024
  printf "BENCH|Browser bundle (wasm + js, Brotli)|%.0f KB|%d KB goal|%.2f\n", kb, goal, kb / goal
}'
