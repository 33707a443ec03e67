# Obzvon — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.PHONY: setup setup-browser setup-bench site server build run test lint test-rust test-e2e bench check clean

setup:
	scripts/setup.sh

setup-browser:
	scripts/setup.sh --browser

setup-bench:
	scripts/setup.sh --bench

site:
	scripts/build-site.sh

server:
	cargo build -p server

build: setup site server

## Build everything and start Obzvon on http://127.0.0.1:3000 (data in ./data), with the demo
## story played against the built-in sandbox on a database without campaigns.
run: build
	target/debug/server serve --demo

## Every test: formatting and lints, unit, HTTP integration, and browser tests in headless Chromium.
test: setup-browser lint site server test-rust test-e2e

## What CI refuses: unformatted code and any clippy warning, on both builds of the UI crate.
lint:
	cargo fmt --all --check
	cargo clippy -p app -p server --tests --benches --features app/ssr -- -D warnings
	cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

test-rust:
	scripts/check-layering.sh
	cargo test -p app -p server --features app/ssr
	scripts/test-phones.sh
	scripts/test-locale.sh

test-e2e:
	cd tests/e2e && node --test --test-concurrency=1

## Benchmarks (numbers, not pass/fail), ours against a peer measured in the same run; ends with
## one table of every measure (also in target/bench.log).
bench: setup-bench site server
	set -o pipefail; { cargo bench -p server && (cd tests/e2e && node bench-board-latency.mjs) \
	  && scripts/bench-bundle.sh; } 2>&1 | tee target/bench.log
	@scripts/bench-table.sh target/bench.log

## The fastest feedback: the same lints, which type-check both builds on the way.
check: lint

clean:
	cargo clean
