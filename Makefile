# The two commands: `make run` and `make test`. Everything else is a helper.
BUILD ?= build
DB ?= var/warmcity.db
ADDR ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test build server deps configure format clean bench package fuzz test-sanitize

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

configure: $(BUILD)/build.ninja

# Everything: the server, the unit tests, the benchmarks.
build: deps configure
	@cmake --build $(BUILD)

# The server alone (what `make run` needs; a first build is a few minutes).
server: deps configure
	@cmake --build $(BUILD) --target warmcity

# On first start (no $(DB) yet) it creates the DEMO Lishi District database.
run: server
	@mkdir -p $(dir $(DB))
	@test -e $(DB) || $(BUILD)/src/app/warmcity demo --db $(DB) || { rm -f $(DB) $(DB)-wal $(DB)-shm; exit 1; }
	@$(BUILD)/src/app/warmcity serve --db $(DB) --listen $(ADDR) --port $(PORT)

# build/'s server and benchmarks at -O2 (its warnings stop the run), then every
# test, compiled and run under ASan+UBSan in build-asan/ (scripts/test.sh).
# CI runs exactly this.
test: deps
	@scripts/test.sh $(BUILD)

bench: build
	@bench/http/compare.sh $(BUILD)

# Every libFuzzer target for FUZZ_SECONDS each (default 60): scripts/fuzz.sh.
FUZZ_SECONDS ?= 60
fuzz: deps
	@scripts/fuzz.sh $(FUZZ_SECONDS)

# The suite under ASan+UBSan, then under TSan: scripts/test-sanitize.sh
# (`scripts/test-sanitize.sh tsan` for TSan alone).
test-sanitize: deps
	@scripts/test-sanitize.sh

# A .deb for Debian 12 in $(BUILD)/ (cmake/packaging.cmake): /usr/bin/warmcity,
# its data and web app, the systemd units.
package: server
	@cd $(BUILD) && cpack -G DEB

format:
	@scripts/cpp-files.sh | xargs clang-format -i

clean:
	@rm -rf $(BUILD)
