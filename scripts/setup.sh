#!/usr/bin/env bash
# Installs what building and testing Obzvon needs and is not on a fresh machine with Rust,
# gcc, python3 and node. Skips whatever is already there, so a second run takes seconds.
#
#   scripts/setup.sh            build tools (wasm32 target, wasm-bindgen-cli, wasm-opt from npm)
#   scripts/setup.sh --browser  also Chromium and the browser-test packages
#   scripts/setup.sh --bench    also those and `wrk`, the load tool the benchmarks share with the peer
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
want_bench=false
[ "${1:-}" = "--browser" ] && want_browser=true
if [ "${1:-}" = "--bench" ]; then want_browser=true; want_bench=true; fi

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate (pinned with
# `=` in Cargo.toml), or the bundle will not load.
wasm_bindgen_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$wasm_bindgen_version" ] || { echo "cannot read the pinned wasm-bindgen version from Cargo.toml" >&2; exit 1; }

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the $component component (make lint)"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wasm_bindgen_version" ]; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

if [ ! -x scripts/wasm-tools/node_modules/.bin/wasm-opt ]; then
  say "installing wasm-opt (binaryen from npm)"
  (cd scripts/wasm-tools && npm ci --no-audit --no-fund --loglevel=error)
fi

apt_packages=()
if $want_browser && [ ! -x /usr/bin/chromium ]; then apt_packages+=(chromium); fi
if $want_bench && ! command -v wrk >/dev/null 2>&1; then apt_packages+=(wrk); fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -n "$sudo" ] && ! command -v sudo >/dev/null 2>&1; then
    echo "please install these Debian packages as root: ${apt_packages[*]}" >&2
    exit 1
  fi
  say "installing Debian packages: ${apt_packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
fi

if $want_browser && [ ! -d tests/e2e/node_modules/playwright-core ]; then
  say "installing browser-test packages (playwright-core drives the system Chromium; no browser download)"
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

say "ready"
