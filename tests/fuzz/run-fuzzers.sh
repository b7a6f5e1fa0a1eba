#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Seeds and runs every libFuzzer target for a bounded time, two at a time (one per core), and fails
# on any finding. Generated corpora and findings stay in the build folder, never in the source tree.
#   tests/fuzz/run-fuzzers.sh FUZZ_BUILD_DIR FIXTURES_DIR SECONDS_PER_TARGET [TARGET...]
# A finding is left as FUZZ_BUILD_DIR/fuzz/artifacts/<target>-crash-…; replay it with
#   FUZZ_BUILD_DIR/tests/fuzz/fuzz_<target> <file>
# and add it as a row of tests/core/tst_hostile.cpp (fuzzRegressions) once fixed.
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
fixtures=$2
secs=$3
shift 3
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(digest json descriptor manifest index config detectkind tarindex gzip zstd docker_archive oci_archive
        authchallenge layertar registrydir filter signature attestation attached policy cosignverify cose bundleverify
        notationverify)
fi
jobs=${STRATA_FUZZ_JOBS:-2}
work=$build/fuzz
public=$(cd "$src/../../../shared/fixtures/public" 2>/dev/null && pwd || true)

python3 "$src/make-seeds.py" "$fixtures" "${public:-/nonexistent}" "$work/seeds"
mkdir -p "$work/logs" "$work/artifacts"
rm -f "$work"/artifacts/*

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {
    local t=$1 dict=json.dict maxlen=16384
    case $t in
    tarindex | docker_archive | oci_archive | layertar | registrydir) dict=tar.dict maxlen=65536 ;;
    gzip | zstd | filter) dict="" maxlen=65536 ;;
    signature | attestation | cosignverify | bundleverify | notationverify) maxlen=65536 ;;
    cose) dict="" maxlen=16384 ;;
    attached) dict=json.dict maxlen=196608 ;;
    digest) maxlen=1024 ;;
    esac
    mkdir -p "$work/corpus/$t"
    local args=(-max_total_time="$secs" -timeout=25 -rss_limit_mb=2560 -max_len="$maxlen"
        -print_final_stats=1 -artifact_prefix="$work/artifacts/$t-")
    [[ -n $dict ]] && args+=(-dict="$src/$dict")
    local rc=0
    "$build/tests/fuzz/fuzz_$t" "${args[@]}" "$work/corpus/$t" "$work/seeds/$t" >"$work/logs/$t.log" 2>&1 || rc=$?
    echo "$rc" >"$work/logs/$t.rc"
}

running=0
for t in "${targets[@]}"; do
    [[ -x $build/tests/fuzz/fuzz_$t ]] || { echo "run-fuzzers: fuzz_$t is not built" >&2; exit 1; }
    run_one "$t" &
    running=$((running + 1))
    if [[ $running -ge $jobs ]]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

failed=0
printf '%-16s %12s %8s %8s  %s\n' target execs secs corpus result
for t in "${targets[@]}"; do
    log=$work/logs/$t.log
    rc=$(cat "$work/logs/$t.rc")
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    corpus=$(find "$work/corpus/$t" -type f | wc -l)
    result=ok
    if [[ $rc -ne 0 ]] || compgen -G "$work/artifacts/$t-*" >/dev/null; then
        result="FINDING (rc $rc): see $log"
        failed=1
    fi
    printf '%-16s %12s %8s %8s  %s\n' "$t" "${execs:-?}" "${took:-?}" "$corpus" "$result"
done
if [[ $failed -ne 0 ]]; then
    for t in "${targets[@]}"; do
        if [[ $(cat "$work/logs/$t.rc") -ne 0 ]]; then
            echo "---- $t"
            grep -E -A25 'ERROR|runtime error|invariant failed' "$work/logs/$t.log" | head -60
        fi
    done
    exit 1
fi
