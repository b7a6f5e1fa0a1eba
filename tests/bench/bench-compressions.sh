#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark `strata verify` of bench-verify.sh's ~1.2 GB docker-archive compressed as a whole with
# xz (-T2), bzip2 and lz4, against the decompressor alone piped into sha256sum.
#
# Usage: tests/bench/bench-compressions.sh [WORKDIR]
#   WORKDIR  defaults to ${BUILD_DIR:-build}/bench, bench-verify.sh's: the image is built there, or
#            reused when bench-verify.sh built it; the three compressed copies (~0.5 GB) are kept
#            next to it and remade only when image.docker.tar is newer.
# Environment:
#   STRATA        strata binary (default ${BUILD_DIR:-build}/app/strata). A binary not named strata*
#                 (e.g. STRATA=/bin/true) skips the strata rows but still runs everything else.
#   RUNS          runs per measurement, best wall time kept (default 3).
#   BENCH_STRICT  if 1, exit 1 when any target is MISSed (default: report only).
#   BENCH_REBUILD if 1, rebuild the image (and so the compressed copies).
# See tests/bench/README.md for what each figure means.
set -euo pipefail

BENCH_NAME=bench-compressions
SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
SRC_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
RUNS=${RUNS:-3}
# shellcheck source=lib.sh
. "$SCRIPT_DIR/lib.sh"
# shellcheck source=textlayer.sh
. "$SCRIPT_DIR/textlayer.sh"

bench_workdir "$BUILD_DIR/bench" "${1:-}"
require_tools umoci skopeo jq python3 xz bzip2 lz4 sha256sum
find_strata
mkdir -p -- "$WORKDIR"

# shellcheck source=verifyimage.sh
. "$SCRIPT_DIR/verifyimage.sh"
build_once "image" build_verify_image

# compressed EXT TOOL... : WORKDIR/image.docker.tar.EXT made by `TOOL -c`, unless it is newer than
# the image.
compressed() {
  local ext=$1 out=$DOCKER_TAR.$1 start
  shift
  if [[ -f $out && $out -nt $DOCKER_TAR ]]; then
    log "reusing $(basename -- "$out")"
    return
  fi
  log "making $(basename -- "$out") ($*)"
  start=$(date +%s.%N)
  "$@" -c -- "$DOCKER_TAR" >"$out.tmp"
  mv -- "$out.tmp" "$out"
  awk -v a="$start" -v b="$(date +%s.%N)" -v w="$*" 'BEGIN{printf "%s: %.1f s (setup, not a benchmark figure)\n", w, b - a}'
}
compressed xz xz -T2
compressed bz2 bzip2
compressed lz4 lz4 -q

bench_begin
FORMATS=(xz bz2 lz4)
declare -A DECODER=([xz]="xz -dc" [bz2]="bzip2 -dc" [lz4]="lz4 -dc")

echo
print_machine
echo "tools:   $(xz --version | head -1); bzip2 $(bzip2 --help 2>&1 | head -1 | grep -o '[0-9][0-9.]*' | head -1); $(lz4 --version 2>&1 | grep -o 'v[0-9][0-9.]*' | head -1 | sed 's/^/lz4 /')"
printf 'image:   docker-archive %d MB; ' $(($(stat -c %s "$DOCKER_TAR") / 1000000))
for f in "${FORMATS[@]}"; do printf '.%s %d MB  ' "$f" $(($(stat -c %s "$DOCKER_TAR.$f") / 1000000)); done
echo
echo "runs:    best of $RUNS, page cache warm; logs in $LOGDIR"
echo

log "warming page cache"
cat "$DOCKER_TAR".{xz,bz2,lz4} >/dev/null

for f in "${FORMATS[@]}"; do
  log "$f: ${DECODER[$f]} | sha256sum"
  measure "$f.decode-sha256sum" bash -c "${DECODER[$f]} -- $(printf %q "$DOCKER_TAR.$f") | sha256sum"
  if ((HAVE_STRATA)); then
    log "$f: strata verify"
    measure "$f.strata-verify" "$STRATA" verify "$DOCKER_TAR.$f"
  else
    skip "$f.strata-verify" "dry run"
  fi
done

# --- Report ----------------------------------------------------------------------------------
echo
print_rows

echo
printf '%-6s %16s %16s %8s %16s %16s\n' "format" "decoder|sha256 s" "strata verify s" "ratio" "decoder RSS MB" "strata RSS MB"
for f in "${FORMATS[@]}"; do
  d=$f.decode-sha256sum s=$f.strata-verify
  printf '%-6s %16.2f %16s %8s %16.1f %16s\n' "$f" "${WALL[$d]}" "${WALL[$s]:--}" "$(ratio "${WALL[$s]:-}" "${WALL[$d]}" || echo -)" \
    "$(mb "${RSS[$d]}")" "$(mb "${RSS[$s]:-}" || echo -)"
done

echo
echo "targets:"
for f in "${FORMATS[@]}"; do
  target "strata verify .$f / ${DECODER[$f]} | sha256sum" "$(ratio "${WALL[$f.strata-verify]:-}" "${WALL[$f.decode-sha256sum]}")" "<=" 1.15
done
max_rss=
for f in "${FORMATS[@]}"; do
  [[ -n ${RSS[$f.strata-verify]:-} ]] || continue
  mb=$(awk -v k="${RSS[$f.strata-verify]}" 'BEGIN{print k / 1024}')
  if [[ -z $max_rss ]] || awk -v a="$mb" -v b="$max_rss" 'BEGIN{exit !(a > b)}'; then max_rss=$mb; fi
done
target "max peak RSS of strata runs, MB" "$max_rss" "<" 100

strict_exit
