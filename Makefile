# One entry point for people and CI. `make demo` and `make test` are the
# README's two commands; each installs what it needs first.

SWIFT ?= swift
HACKD_LISTEN ?= 127.0.0.1:7420
HACKD_DB ?= hackd-demo.db

.PHONY: deps build demo test test-swift test-c check-generated generate bench bench-smoke clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

## Builds, then runs hackd with the PARCOURS FRANCE 2017 demo event.
demo: build
	@bin=$$($(SWIFT) build --show-bin-path); \
	echo "hackd --demo on $(HACKD_LISTEN), data in $(HACKD_DB); Ctrl-C stops it."; \
	echo "In another terminal:  HACKCTL_TOKEN=<a token printed below> $$bin/hackctl event list"; \
	exec $$bin/hackd --listen $(HACKD_LISTEN) --db $(HACKD_DB) --demo

## Every test: Swift (unit and end-to-end), the C client against a live hackd,
## and the freshness of the generated code.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) -C Clients/c check HACKD=$$($(SWIFT) build --show-bin-path)/hackd
	scripts/check-generated.sh
	$(MAKE) -C Clients/c check-generated

test-swift: deps
	$(SWIFT) test

test-c: build
	$(MAKE) -C Clients/c check HACKD=$$($(SWIFT) build --show-bin-path)/hackd

check-generated: deps
	scripts/check-generated.sh
	$(MAKE) -C Clients/c check-generated

## Regenerates the Swift and C code from Proto/ (commit the result).
generate: deps
	scripts/generate.sh
	Clients/c/scripts/generate-methods.sh Proto Clients/c/wrappers

## Benchmarks of issue 7 (docs/BENCHMARKS.md): release builds, every figure
## against its baselines in one run, one table; the figures as JSON in
## $$BENCH_JSON when set. A few minutes; not part of `make test`.
bench:
	bench/run.sh

## Every benchmark mode for about a second with tiny counts, on a debug hackd:
## checks that the harness still runs (its figures mean nothing).
bench-smoke:
	BENCH_SMOKE=1 bench/run.sh

clean:
	rm -rf .build
	$(MAKE) -C bench clean
	$(MAKE) -C Clients/c clean
