# feedwatch: `make run` starts the demo, `make test` runs the whole test suite.
SWIFT        ?= swift
PREFIX       ?= /usr/local
DEMO_CONFIG  ?= Config/demo.yml
SYSTEM_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config

.PHONY: run test build release deps check-config clean eval

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

## eval: download public evaluation data from PyPI (never committed) and print the analysis scores
eval: deps
	SWIFT=$(SWIFT) Scripts/eval.sh

## check-config: validate the demo configuration
check-config: build
	"$$($(SWIFT) build --show-bin-path)/feedwatch" check-config $(DEMO_CONFIG)

## release: optimized, statically linked Swift runtime
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

clean:
	rm -rf .build Config/demo/state
