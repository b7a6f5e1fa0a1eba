#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark `strata verify`/`inspect` on a ~1 GB, 8-layer image against the best shell pipelines and skopeo.
#
# Usage: tests/bench/bench-verify.sh [WORKDIR]
#   WORKDIR  defaults to ${BUILD_DIR:-build}/bench; the generated image (~2.5 GB on disk) lives there.
# Environment:
#   STRATA        strata binary (default ${BUILD_DIR:-build}/app/strata). A binary not named strata*
#                 (e.g. STRATA=/bin/true) skips the strata rows but still runs everything else.
#   RUNS          runs per measurement, best wall time kept (default 3).
#   BENCH_STRICT  if 1, exit 1 when any target is MISSed (default: report only).
#   BENCH_REBUILD if 1, rebuild the image even if WORKDIR/.stamp says it is complete.
# See tests/bench/README.md for what each figure means.
set -euo pipefail

BENCH_NAME=bench-verify
SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
SRC_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
RUNS=${RUNS:-3}
# shellcheck source=lib.sh
. "$SCRIPT_DIR/lib.sh"
# shellcheck source=textlayer.sh
. "$SCRIPT_DIR/textlayer.sh"

bench_workdir "$BUILD_DIR/bench" "${1:-}"
require_tools umoci skopeo jq python3 openssl igzip pigz sha256sum xargs
find_strata
mkdir -p -- "$WORKDIR"

# --- Image build ----------------------------------------------------------------------------
# shellcheck source=verifyimage.sh
. "$SCRIPT_DIR/verifyimage.sh"

build_once "image" build_verify_image

BLOBS=$OCI_DIR/blobs/sha256
manifest=$(jq -r '.manifests[0].digest' "$OCI_DIR/index.json")
mapfile -t LAYER_BLOBS < <(jq -r '.layers[].digest | sub("^sha256:"; "")' "$BLOBS/${manifest#sha256:}")
mapfile -t ALL_BLOBS < <(cd "$BLOBS" && ls)
layers_gz=0
for b in "${LAYER_BLOBS[@]}"; do layers_gz=$((layers_gz + $(stat -c %s "$BLOBS/$b"))); done

# --- Measurement ------------------------------------------------------------------------------
bench_begin

# --- Reference pipelines ---------------------------------------------------------------------
# One xargs -P2 job queue for both the layer diff_id jobs and the blob digest jobs, so two
# workers stay busy until the end: the fastest a shell can verify with these tools.
pipeline() { # pipeline DECOMPRESS DIGEST
  local jobs=()
  for b in "${LAYER_BLOBS[@]}"; do jobs+=("d:$b"); done
  for b in "${ALL_BLOBS[@]}"; do jobs+=("b:$b"); done
  printf '%s\n' "${jobs[@]}" >"$TMP/jobs-$1"
  # shellcheck disable=SC2016
  printf 'cd %q && xargs -P2 -n1 bash -c %q _ <%q\n' "$BLOBS" \
    'case $1 in d:*) '"$1"' "${1#d:}" | '"$2"';; b:*) '"$2"' "${1#b:}";; esac' "$TMP/jobs-$1"
}
PIPE_FAST=$(pipeline 'igzip -dc' 'openssl dgst -sha256')
PIPE_STOCK=$(pipeline 'pigz -dc' 'sha256sum')
PIPE_DIGEST=$(printf 'cd %q && ls | xargs -P2 -n1 openssl dgst -sha256' "$BLOBS")

clear_copy() { rm -rf -- "$TMP/copy"; }

# --- Run -------------------------------------------------------------------------------------
echo
print_machine
echo "tools:   $(openssl version | cut -d' ' -f1-2); igzip $(igzip --version 2>&1 | grep -o '[0-9][0-9.]*' | head -1); pigz $(pigz --version 2>&1 | cut -d' ' -f2); skopeo $(skopeo --version | cut -d' ' -f3); umoci $(umoci --version | cut -d' ' -f3)"
printf 'image:   %d layers, %d MB compressed layers (oci-gzip %d MB), docker-archive %d MB, oci-archive %d MB\n' \
  "${#LAYER_BLOBS[@]}" $((layers_gz / 1000000)) $(($(du -sb "$OCI_DIR" | cut -f1) / 1000000)) \
  $(($(stat -c %s "$DOCKER_TAR") / 1000000)) $(($(stat -c %s "$OCI_TAR") / 1000000))
echo "runs:    best of $RUNS, page cache warm; logs in $LOGDIR"
echo

# Every run should read from the page cache, so the first one is not penalised for disk I/O.
log "warming page cache"
cat "$BLOBS"/* "$DOCKER_TAR" "$OCI_TAR" >/dev/null

if ((HAVE_STRATA)); then
  log "a. strata verify (full)"; measure a.verify "$STRATA" verify "oci:$OCI_DIR"
  log "b. strata verify --fast"; measure b.verify-fast "$STRATA" verify --fast "oci:$OCI_DIR"
else
  skip a.verify "dry run"; skip b.verify-fast "dry run"
fi
log "c. igzip | openssl pipeline"; measure c.pipe-igzip-openssl bash -c "$PIPE_FAST"
log "d. pigz | sha256sum pipeline"; measure d.pipe-pigz-sha256sum bash -c "$PIPE_STOCK"
log "e. openssl dgst over blobs"; measure e.openssl-dgst-blobs bash -c "$PIPE_DIGEST"
log "f. skopeo copy oci -> oci"
BEFORE_EACH=clear_copy
measure f.skopeo-copy skopeo --insecure-policy copy -q "oci:$OCI_DIR:$TAG" "oci:$TMP/copy:$TAG"
BEFORE_EACH=:
clear_copy
if ((HAVE_STRATA)); then
  log "g. strata inspect docker-archive"
  measure g.inspect-docker-archive "$STRATA" inspect "docker-archive:$DOCKER_TAR"
  measure g.inspect-autodetect "$STRATA" inspect "$DOCKER_TAR"
  log "h. strata verify archives"
  measure h.verify-docker-tar "$STRATA" verify "$DOCKER_TAR"
  measure h.verify-oci-tar "$STRATA" verify "$OCI_TAR"
else
  for r in g.inspect-docker-archive g.inspect-autodetect h.verify-docker-tar h.verify-oci-tar; do
    skip "$r" "dry run"
  done
fi

# --- Report ----------------------------------------------------------------------------------
echo
print_rows

echo
echo "targets:"
target "full verify / igzip|openssl pipeline (a/c)" "$(ratio "${WALL[a.verify]:-}" "${WALL[c.pipe-igzip-openssl]}")" "<=" 1.15
target "verify --fast / openssl dgst blobs (b/e)" "$(ratio "${WALL[b.verify-fast]:-}" "${WALL[e.openssl-dgst-blobs]}")" "<=" 1.1
max_rss=
for r in "${ROWS[@]}"; do
  [[ $r == [abgh].* && -n ${RSS[$r]:-} ]] || continue
  mb=$(awk -v k="${RSS[$r]}" 'BEGIN{print k / 1024}')
  if [[ -z $max_rss ]] || awk -v a="$mb" -v b="$max_rss" 'BEGIN{exit !(a > b)}'; then max_rss=$mb; fi
done
target "max peak RSS of strata runs, MB" "$max_rss" "<" 100
target "inspect docker-archive, s" "${WALL[g.inspect-docker-archive]:-}" "<" 0.3
target "inspect docker-archive (auto-detect), s" "${WALL[g.inspect-autodetect]:-}" "<" 0.3

strict_exit
