#!/usr/bin/env bash
# Builds the browser side: the hydrate wasm bundle (wasm-bindgen, then wasm-opt when present)
# and the stylesheet, into target/site/pkg — what the server serves under /pkg.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${WASM_PROFILE:-wasm-release}"
out=target/site/pkg
wasm="target/wasm32-unknown-unknown/$profile/app.wasm"

cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile "$profile"

mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name obzvon "$wasm"

wasm_opt=scripts/wasm-tools/node_modules/.bin/wasm-opt
if [ "${WASM_OPT:-1}" = "0" ]; then
  echo "WASM_OPT=0: skipping wasm-opt" >&2
elif [ -x "$wasm_opt" ]; then
  "$wasm_opt" -Oz -o "$out/obzvon_bg.opt.wasm" "$out/obzvon_bg.wasm"
  mv "$out/obzvon_bg.opt.wasm" "$out/obzvon_bg.wasm"
else
  echo "wasm-opt not installed (scripts/setup.sh installs it); keeping the unoptimised bundle" >&2
fi

cat style/*.css > "$out/obzvon.css"
echo "site built: $(du -h "$out/obzvon_bg.wasm" | cut -f1) wasm in $out"
