#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is needed, builds and runs every test. This is the README's test command and what
# .ci/run calls. Stages, each timed (the summary is printed even when one fails):
#   ci    the CI preset (warnings as errors) with the whole Qt Test suite
#   hermetic  the UI, CLI, source and engine suites of the ci build again under another locale and time
#         zone, a lived-in HOME, leftover engine state and only the minimal fonts (tests/hermetic/)
#   asan  the same suite built with AddressSanitizer + UBSan (UI tests included, offscreen)
#   fuzz  every libFuzzer target (clang), seeded from the fixtures, STRATA_FUZZ_SECONDS (30) each,
#         two at a time; any finding fails the run (tests/fuzz/run-fuzzers.sh)
# STRATA_STAGES="ci asan fuzz" picks stages for a local run (unset: all four, as CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."

stages=${STRATA_STAGES-ci hermetic asan fuzz}
fuzz_seconds=${STRATA_FUZZ_SECONDS:-30}
summary=()
run_start=$(date +%s)
# What the run's results may depend on, printed with the stage times so a failure can be reproduced.
conditions() {
    local mono fonts
    mono=$(fc-match -f '%{family[0]}' monospace 2>/dev/null || echo '?')
    fonts=$(fc-list 2>/dev/null | wc -l)
    echo "LANG=${LANG-} LC_ALL=${LC_ALL-} TZ=${TZ-} ($(date +%Z%z)); monospace = $mono, $fonts fonts;" \
        "$(nproc) cores; $(clang-format --version 2>/dev/null | grep -o 'version [0-9.]*' || echo 'no clang-format')"
}
print_summary() {
    echo "== stage times"
    for line in "${summary[@]}"; do
        echo "   $line"
    done
    echo "   total $(($(date +%s) - run_start)) s"
    echo "   conditions: $(conditions)"
}
trap print_summary EXIT

# CPU seconds (user + system) of this shell's finished children: with other jobs on the machine the
# wall time says little, the CPU time says what the stage costs.
cpu_ticks() {
    local stat
    read -r -a stat </proc/$$/stat
    echo $((stat[15] + stat[16]))
}

stage() {
    local name=$1 start ticks
    shift
    start=$(date +%s)
    ticks=$(cpu_ticks)
    echo "== stage $name"
    "$@"
    summary+=("$name: wall $(($(date +%s) - start)) s, cpu $((($(cpu_ticks) - ticks) / $(getconf CLK_TCK))) s")
}

ci_stage() {
    cmake --preset ci
    cmake --build --preset ci
    ctest --preset ci
}

# ASan + UBSan (any UB aborts) over the whole suite, LeakSanitizer on: with QT_QPA_PLATFORM=offscreen
# Qt's own allocations did not make it noisy, so detect_leaks=0 is not needed (asan test preset).
asan_stage() {
    cmake --preset asan
    cmake --build --preset asan
    ctest --preset asan
}

fuzz_stage() {
    cmake --preset fuzz
    cmake --build --preset fuzz
    # Seeds come from the fixture images the ci stage built (build/fixtures).
    [[ -f build/fixtures/truth.json ]] || ctest --test-dir build -R make_fixtures --output-on-failure
    bash tests/fuzz/run-fuzzers.sh build-fuzz build/fixtures "$fuzz_seconds"
}

stage deps bash packaging/install-deps.sh
for s in $stages; do
    case $s in
    ci) stage ci ci_stage ;;
    hermetic) stage hermetic bash tests/hermetic/run-variations.sh build ;;
    asan) stage asan asan_stage ;;
    fuzz) stage fuzz fuzz_stage ;;
    *) echo "run-all: unknown stage $s" >&2; exit 2 ;;
    esac
done
