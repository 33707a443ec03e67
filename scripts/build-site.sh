#!/usr/bin/env bash
# Builds the browser side: the hydrate wasm bundle (wasm-bindgen, then wasm-opt when present)
# and the stylesheet, into target/site/pkg — what the server serves under /pkg. With
# CARGO_TARGET_DIR set, everything (the build and site/pkg) goes there instead of target/.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${WASM_PROFILE:-wasm-release}"
target="${CARGO_TARGET_DIR:-target}"
out="$target/site/pkg"
wasm="$target/wasm32-unknown-unknown/$profile/app.wasm"

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

# Precompressed copies, sent as they are (server/src/routes/assets.rs): Brotli at its best and
# gzip, made once here instead of on every request.
node - "$out" <<'JS'
const fs = require('fs'), path = require('path'), zlib = require('zlib');
const out = process.argv[2];
for (const name of ['obzvon.js', 'obzvon_bg.wasm', 'obzvon.css']) {
  const file = path.join(out, name);
  const bytes = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(bytes, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  console.log(`${name}: ${(bytes.length / 1024).toFixed(0)} KB, ${(br.length / 1024).toFixed(0)} KB as Brotli`);
}
JS
echo "site built: $(du -h "$out/obzvon_bg.wasm" | cut -f1) wasm in $out"
