# Pathwise: `make run` installs what is missing and opens the app; `make test` runs every
# test CI runs. Both are idempotent: what is already installed is skipped.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

DEB_PACKAGES := build-essential pkg-config file libssl-dev libwebkit2gtk-4.1-dev \
	libgtk-3-dev librsvg2-dev libxdo-dev libsqlite3-dev \
	webkit2gtk-driver xvfb xauth imagemagick fonts-noto-cjk dbus-daemon
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"
# What the install test needs besides the build: rpm reads the .rpm, desktop-file-utils
# validates the desktop entry.
DIST_CHECK_PACKAGES := rpm desktop-file-utils

.PHONY: run test deps system-deps ui-deps tauri-driver ui app bindings bench bench-start fmt lint dev \
	fuzz dist dist-check dist-check-deps icons

# Installs the Debian packages in $(1) that are missing; says so when none are.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "Debian packages: all present"; fi
endef

## Debian packages the build and the tests need; installs only the missing ones.
system-deps:
	$(call apt_install,$(DEB_PACKAGES))

## npm modules exactly as locked; reinstalled only when the lock file changed.
ui-deps: ui/node_modules/.installed
ui/node_modules/.installed: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

deps: system-deps ui-deps

ui: ui-deps
	cd ui && npm run build

app: deps ui
	cargo build -p pathwise --locked

run: app
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display: start one (for example 'Xvfb :99 &' then 'DISPLAY=:99 make run')."; exit 1; fi
	./target/debug/pathwise

## Every check CI runs. The e2e journeys drive the binary that `cargo test` builds.
test: deps tauri-driver
	cargo fmt --all -- --check
	cd ui && npm run check
	cd ui && npm test
	cd ui && npm run build
	cargo clippy --workspace --all-targets --locked -- -D warnings
	$(XVFB) cargo test --workspace --locked

## The release app and its Linux packages, in <target>/release/bundle/{deb,rpm}/. No
## AppImage: its bundler downloads tools from the internet while it builds.
dist: deps ui
	ui/node_modules/.bin/tauri build --ci --bundles deb,rpm -- --locked

dist-check-deps:
	$(call apt_install,$(DIST_CHECK_PACKAGES))

## The install test: installs the .deb, drives the installed app, removes it, checks the
## .rpm (scripts/dist-check.sh says what it checks).
dist-check: dist dist-check-deps tauri-driver
	scripts/dist-check.sh

## Renders the committed PNG icons from src-tauri/icons/icon.svg (every size the Linux
## bundles install under /usr/share/icons/hicolor/).
icons: ui-deps
	cd ui && npx tauri icon ../src-tauri/icons/icon.svg -o ../src-tauri/icons -p 16,24,32,48,64,128,256,512

## Rewrites ui/src/bindings from the Rust types.
bindings:
	PATHWISE_WRITE_BINDINGS=1 cargo test -p pathwise --locked --test bindings

bench: ui
	cargo bench -p pathwise-core --locked
	cargo bench -p pathwise-app --locked --bench store

## Start-up and memory against a bare Tauri app (bench/bare), both release builds with the
## same profile, alternated under Xvfb through WebDriver; prints the medians and, last, the
## two ratios. A benchmark, not a test: `make test` does not run it.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
BARE_TARGET_DIR ?= $(CURDIR)/bench/bare/target
BENCH_RUNS ?= 9
bench-start: deps tauri-driver ui
	cargo build --release --locked -p pathwise --features tauri/custom-protocol
	cd bench/bare && CARGO_TARGET_DIR=$(BARE_TARGET_DIR) cargo build --release --locked
	cargo build --locked -p pathwise-e2e --bin bench_start
	$(XVFB) $(TARGET_DIR)/debug/bench_start --runs $(BENCH_RUNS) \
	  --pathwise $(TARGET_DIR)/release/pathwise --bare $(BARE_TARGET_DIR)/release/bare-tauri

fmt:
	cargo fmt --all

## Deep runs of the cargo-fuzz targets (nightly); `make test` runs their proptest twins.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := backup pack csv ics_text markdown_text
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t; seeds=$$( [ -d seeds/$$t ] && echo seeds/$$t || true ); \
	  cargo +nightly fuzz run -O $$t corpus/$$t $$seeds -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096; done

## A dev build against the Vite dev server (start `npm run dev` in ui/ first).
dev: deps
	cargo run -p pathwise --no-default-features
