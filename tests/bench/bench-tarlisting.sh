#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Layer listing: the own TarStreamParser against libarchive (ArchiveTarLister), issue #12 point 5.
# Times strata_bench_tarlisting on the 50,000-file `wide` layer of bench-layers.sh and the 8 layers
# of bench-verify.sh's ~1.2 GB image. Each layer is decompressed once to a temporary tar file, so
# (a) and (b) read the same bytes from a warm page cache; see tarlisting.cpp for rows a-d.
#
# Usage: tests/bench/bench-tarlisting.sh [LAYERS_WORKDIR [VERIFY_WORKDIR]]
#   LAYERS_WORKDIR  bench-layers.sh's work directory (default ${BUILD_DIR:-build}/bench-layers)
#   VERIFY_WORKDIR  bench-verify.sh's work directory (default ${BUILD_DIR:-build}/bench)
#   Both must hold their images already: run those scripts once first (STRATA=/bin/true is enough).
# Environment:
#   BUILD_DIR  where strata_bench_tarlisting was built (default build)
#   RUNS       runs per row, best kept (default 3); the rows run interleaved (a b c d a b c d …)
#   TMPDIR     where the decompressed tar files go (~1.4 GB)
set -euo pipefail

# shellcheck disable=SC2034 # read by lib.sh (die)
BENCH_NAME=bench-tarlisting
SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
BUILD_DIR=${BUILD_DIR:-build}
RUNS=${RUNS:-3}

# shellcheck source=lib.sh
. "$SCRIPT_DIR/lib.sh"

require_tools jq igzip
BIN=$BUILD_DIR/tests/bench/strata_bench_tarlisting
[[ -x $BIN ]] || die "$BIN not found: cmake --build $BUILD_DIR --target strata_bench_tarlisting"
LAYERS_DIR=$(realpath -m -- "${1:-$BUILD_DIR/bench-layers}")
VERIFY_DIR=$(realpath -m -- "${2:-$BUILD_DIR/bench}")
[[ -f $LAYERS_DIR/.stamp ]] || die "no images in $LAYERS_DIR: run tests/bench/bench-layers.sh $LAYERS_DIR first"
[[ -f $VERIFY_DIR/.stamp ]] || die "no image in $VERIFY_DIR: run tests/bench/bench-verify.sh $VERIFY_DIR first"

layers_of() { # layers_of OCI_DIR TAG : the layer digests (hex) of the manifest tagged TAG (or the first one)
  local m
  m=$(jq -r --arg t "$2" '[.manifests[] | select($t == "" or .annotations["org.opencontainers.image.ref.name"] == $t)][0].digest | sub("^sha256:"; "")' "$1/index.json")
  jq -r '.layers[].digest | sub("^sha256:"; "")' "$1/blobs/sha256/$m"
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench.XXXXXX")
# shellcheck disable=SC2064 # TMP is fixed now
trap "rm -rf -- '$TMP'" EXIT
ARGS=()
add_layers() { # add_layers GROUP OCI_DIR TAG
  local b n=0
  while read -r b; do
    igzip -dc "$2/blobs/sha256/$b" >"$TMP/$1-$n.tar"
    ARGS+=("$1:$2/blobs/sha256/$b:$TMP/$1-$n.tar")
    n=$((n + 1))
  done < <(layers_of "$2" "$3")
}
log "decompressing the layers once into $TMP"
add_layers wide "$LAYERS_DIR/oci" wide
add_layers verify "$VERIFY_DIR/oci-gzip" ""
log "warming page cache"
cat "$LAYERS_DIR"/oci/blobs/sha256/* "$VERIFY_DIR"/oci-gzip/blobs/sha256/* "$TMP"/*.tar >/dev/null

print_machine() {
  echo "machine: nproc=$(nproc), cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load avg $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "libarchive: $(pkg-config --modversion libarchive 2>/dev/null || echo unknown)"
}
print_machine
"$BIN" --runs "$RUNS" "${ARGS[@]}"
echo "load avg after: $(cut -d' ' -f1-3 /proc/loadavg)"
