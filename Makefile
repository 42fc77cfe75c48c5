# One entry point for people and CI. `make demo` and `make test` are the
# README's two commands; each installs what it needs first.

SWIFT ?= swift
HACKD_LISTEN ?= 127.0.0.1:7420
HACKD_DB ?= hackd-demo.db

# The fuzzer: see `fuzz` below and README.md, "Fuzzing".
FUZZ_SECONDS ?= 300
TEST_FUZZ_SECONDS ?= 45
FUZZ_BUILD ?= .build-fuzzer
FUZZ_DIR ?= $(FUZZ_BUILD)/fuzz
FUZZ_BUILD_FLAGS := --scratch-path $(FUZZ_BUILD) --product hackfuzz --sanitize=fuzzer \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -DHACKFUZZ_LIBFUZZER -Xswiftc -use-ld=lld

.PHONY: deps build demo test test-swift test-c check-generated generate fuzz bench bench-smoke clean

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
## the freshness of the generated code, the benchmark harness on a debug build
## (bench-smoke: every mode for a second, so it cannot rot), then the fuzzer
## for TEST_FUZZ_SECONDS.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) -C Clients/c check HACKD=$$($(SWIFT) build --show-bin-path)/hackd
	scripts/check-generated.sh
	$(MAKE) -C Clients/c check-generated
	$(MAKE) bench-smoke
	$(MAKE) fuzz FUZZ_SECONDS=$(TEST_FUZZ_SECONDS)

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

## The protocol fuzzer (libFuzzer, ASan) for FUZZ_SECONDS: bytes through the
## frame decoder, the state machine and every service (Sources/HackServer/InProcess).
## It starts from Tests/Fuzz/corpus and Tests/Fuzz/regressions; new inputs go
## to $(FUZZ_DIR)/corpus, a crash to $(FUZZ_DIR)/crashes, and fails the target.
fuzz: deps
	$(SWIFT) build $(FUZZ_BUILD_FLAGS)
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	@bin=$$($(SWIFT) build $(FUZZ_BUILD_FLAGS) --show-bin-path); log=$(FUZZ_DIR)/fuzz.log; \
	echo "fuzzing for $(FUZZ_SECONDS) s; libFuzzer's output: $$log"; \
	if SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Fuzz/lsan.supp:print_suppressions=0 \
	    $$bin/hackfuzz $(FUZZ_DIR)/corpus Tests/Fuzz/corpus $(wildcard Tests/Fuzz/regressions) \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_funcs=0 \
	    -artifact_prefix=$(FUZZ_DIR)/crashes/ -print_final_stats=1 >$$log 2>&1; then \
	    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|Done)' $$log; \
	    echo "no crash; $$(ls $(FUZZ_DIR)/corpus | wc -l) inputs in $(FUZZ_DIR)/corpus"; \
	else \
	    tail -n 60 $$log; \
	    echo "the fuzzer found a crash: $$(ls -t $(FUZZ_DIR)/crashes | head -n 1) in $(FUZZ_DIR)/crashes;" \
	        "replay it with $$($(SWIFT) build --show-bin-path)/hackfuzz FILE, add it to Tests/Fuzz/regressions"; \
	    exit 1; \
	fi

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
	rm -rf .build $(FUZZ_BUILD)
	$(MAKE) -C bench clean
	$(MAKE) -C Clients/c clean
