#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark `strata diff` of two ~1 GB images that share their base against `strata verify` of the
# larger one alone (issue 5: at most 1.3x), and the peak RSS of the comparison.
#
# Usage: tests/bench/bench-diff.sh [WORKDIR]
#   WORKDIR  defaults to ${BUILD_DIR:-build}/bench-diff; the images (~3 GB on disk) live there.
# Environment:
#   STRATA        strata binary (default ${BUILD_DIR:-build}/app/strata); exit 2 when missing.
#   RUNS          runs per measurement; the median wall time is compared (default 5).
#   BENCH_STRICT  if 1, exit 1 when any target is MISSed (default: report only).
#   BENCH_REBUILD if 1, rebuild the images even if WORKDIR/.stamp says they are complete.
# See tests/bench/README.md for what each figure means.
set -euo pipefail

BENCH_NAME=bench-diff
SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
SRC_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
RUNS=${RUNS:-5}
LAYERS=8
LAYER_BYTES=125000000
TOP2_BYTES=150000000 # v2's own top layer: v2 is the larger image
STAMP_CONTENT="strata-bench-diff v1 layers=$LAYERS layer_bytes=$LAYER_BYTES top2=$TOP2_BYTES"
EPOCH=1704067200
EPOCH_ISO=2024-01-01T00:00:00Z

# shellcheck source=lib.sh
. "$SCRIPT_DIR/lib.sh"
# shellcheck source=textlayer.sh
. "$SCRIPT_DIR/textlayer.sh"

bench_workdir "$BUILD_DIR/bench-diff" "${1:-}"
require_tools umoci skopeo jq python3 tar
find_strata
mkdir -p -- "$WORKDIR"

# --- Images ------------------------------------------------------------------------------------
# v1: LAYERS text layers. v2: v1's first LAYERS-1 layers (the base) plus a different, larger top
# layer. Both tags live in one OCI layout (shared blobs are the same files, as in a registry
# mirror); v2 is also written as a docker-archive (uncompressed layers: shared by diff_id only).
OCI_DIR=$WORKDIR/oci
V2_DOCKER=$WORKDIR/v2.docker.tar

# The layers v1 and v2 share: v1 before its top layer.
tag_base() { if (($1 == LAYERS - 1)); then umoci tag --image "$layout:v1" base; fi; }

build_images() {
  local build=$WORKDIR/.build layout bundle start end
  layout=$build/layout
  bundle=$build/bundle
  start=$(date +%s.%N)
  rm -rf -- "$build" "$OCI_DIR" "$V2_DOCKER" "$WORKDIR/.stamp"
  mkdir -p -- "$build"
  log "generating corpus"
  gen_corpus "$build/corpus.txt"
  text_layers_image "$layout" v1 "$bundle" "$build/corpus.txt" "$LAYERS" tag_base
  log "v2: base + another top layer"
  gen_layer "$build/top2/opt/bench/layer-$LAYERS" 100 "$build/corpus.txt" "$TOP2_BYTES"
  touch -d "@$EPOCH" "$build/top2/opt" "$build/top2/opt/bench"
  tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner -C "$build/top2" -cf "$build/top2.tar" opt
  umoci raw add-layer --history.created "$EPOCH_ISO" --history.created_by "strata-bench layer $LAYERS (v2)" \
    --image "$layout:base" --tag v2 "$build/top2.tar"
  umoci gc --layout "$layout"
  log "skopeo copy -> oci:v1, oci:v2, docker-archive v2"
  skopeo --insecure-policy copy -q "oci:$layout:v1" "oci:$OCI_DIR:v1"
  skopeo --insecure-policy copy -q "oci:$layout:v2" "oci:$OCI_DIR:v2"
  skopeo --insecure-policy copy -q "oci:$layout:v2" "docker-archive:$V2_DOCKER:strata-bench:v2"
  finish_build "$start" "$build"
}

build_once "images" build_images

# STRATA=/bin/true only builds the images: this bench has no reference rows.
((HAVE_STRATA)) || { log "images ready; $STRATA is not a strata binary, nothing to measure"; exit 0; }

# --- Measurement -------------------------------------------------------------------------------
bench_begin
MEASURE_STDOUT=null

# diff exits 1 when the images differ, which they do: anything else aborts the bench.
diff_differs() {
  local rc=0
  "$STRATA" diff "$@" || rc=$?
  ((rc == 1)) || { echo "strata diff exited $rc, expected 1 (the images differ)" >&2; return 1; }
}
export -f diff_differs
export STRATA

sanity() {
  local json
  json=$("$STRATA" diff --json "oci:$OCI_DIR:v1" "oci:$OCI_DIR:v2")  || [[ $? == 1 ]] || die "strata diff failed"
  echo "sanity:  diff v1 v2: $(jq -r '[.layers[].status] | group_by(.) | map("\(length) \(.[0])") | join(", ")' <<<"$json"); layers reused: $(jq -r '.listing.reusedLayers // "n/a"' <<<"$json")"
  [[ $(jq '[.layers[] | select(.status == "shared")] | length' <<<"$json") == $((LAYERS - 1)) ]] ||
    die "v1 and v2 should share $((LAYERS - 1)) layers"
}

echo
print_machine
printf 'images:  v1 %d MB, v2 %d MB of gzip layers (one layout), v2 docker-archive %d MB\n' \
  "$(jq '[.layers[].size] | add / 1e6 | floor' "$OCI_DIR/blobs/sha256/$(jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "v1") | .digest | sub("^sha256:"; "")' "$OCI_DIR/index.json")")" \
  "$(jq '[.layers[].size] | add / 1e6 | floor' "$OCI_DIR/blobs/sha256/$(jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "v2") | .digest | sub("^sha256:"; "")' "$OCI_DIR/index.json")")" \
  $(($(stat -c %s "$V2_DOCKER") / 1000000))
echo "runs:    $RUNS each, median compared, page cache warm; logs in $LOGDIR"
log "warming page cache"
cat "$OCI_DIR"/blobs/sha256/* "$V2_DOCKER" >/dev/null
sanity
echo

# Interleaved per run would even out load changes better, but each row's runs back to back keep the
# page cache and CPU frequency comparable enough on a quiet machine; re-run when the load is high.
log "a. strata verify v2"; measure a.verify-v2 "$STRATA" verify "oci:$OCI_DIR:v2"
log "b. strata diff v1 v2"; measure b.diff-v1-v2 bash -c 'diff_differs "$@"' _ "oci:$OCI_DIR:v1" "oci:$OCI_DIR:v2"
log "c. strata verify v2 docker-archive"; measure c.verify-v2-docker "$STRATA" verify "docker-archive:$V2_DOCKER"
log "d. strata diff v1 v2-docker"
measure d.diff-v1-v2docker bash -c 'diff_differs "$@"' _ "oci:$OCI_DIR:v1" "docker-archive:$V2_DOCKER"

echo
print_rows
echo
echo "targets (median wall times):"
target "diff v1 v2 / verify v2 (b/a)" "$(ratio "${MEDIAN[b.diff-v1-v2]}" "${MEDIAN[a.verify-v2]}")" "<=" 1.3
target "peak RSS of diff v1 v2, MB" "$(mb "${MAXRSS[b.diff-v1-v2]}")" "<" 100
target "peak RSS of diff v1 v2-docker, MB" "$(mb "${MAXRSS[d.diff-v1-v2docker]}")" "<" 100
echo "info (median wall times):"
# Verifying the uncompressed docker-archive alone inflates nothing, but the comparison has to inflate
# the gzip side: measured against verifying the gzip image instead, which is what the diff adds to.
printf '  %-46s %9s\n' "diff v1 v2-docker / verify v2-docker (d/c)" "$(ratio "${MEDIAN[d.diff-v1-v2docker]}" "${MEDIAN[c.verify-v2-docker]}")"
printf '  %-46s %9s\n' "diff v1 v2-docker / verify v2 gzip (d/a)" "$(ratio "${MEDIAN[d.diff-v1-v2docker]}" "${MEDIAN[a.verify-v2]}")"
echo "info (median CPU time, user + system: steadier than the wall time on a loaded machine):"
printf '  %-46s %9s\n' "CPU diff v1 v2 / verify v2 (b/a)" "$(ratio "${CPU[b.diff-v1-v2]}" "${CPU[a.verify-v2]}")"
printf '  %-46s %9s\n' "CPU diff v1 v2-docker / verify v2-docker (d/c)" "$(ratio "${CPU[d.diff-v1-v2docker]}" "${CPU[c.verify-v2-docker]}")"
strict_exit
