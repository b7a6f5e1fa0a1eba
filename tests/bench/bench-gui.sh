#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# GUI figures in the real window under Xvfb: time from start to a painted tree, then per phase the
# worst single event on the GUI thread (wall time, and the GUI thread's own CPU time, which machine
# load does not inflate) while the 1 GB image (built by bench-verify.sh) loads and verifies; then,
# with the ~100k-file image built by bench-layers.sh, the same while the Files dock is driven like a
# user: every layer mode, expanding, scrolling to the end, filtering.
#
# Usage: tests/bench/bench-gui.sh [VERIFY_WORKDIR [LAYERS_WORKDIR]]
set -euo pipefail
BUILD_DIR=${BUILD_DIR:-build}
WORKDIR=${1:-$BUILD_DIR/bench}
LAYERS=${2:-$BUILD_DIR/bench-layers}
BIN=${STRATA_BENCH_GUI:-$BUILD_DIR/tests/bench/strata_bench_gui}
[[ -x $BIN ]] || { echo "bench-gui: $BIN missing (cmake --build $BUILD_DIR --target strata_bench_gui)" >&2; exit 2; }
ran=0
if [[ -f $WORKDIR/image.docker.tar ]]; then
    cat "$WORKDIR/image.docker.tar" "$WORKDIR"/oci-gzip/blobs/sha256/* >/dev/null # warm the page cache
    for src in "$WORKDIR/image.docker.tar" "oci:$WORKDIR/oci-gzip"; do
        echo "== $src"
        xvfb-run -a "$BIN" "$src"
    done
    ran=1
else
    echo "bench-gui: no $WORKDIR/image.docker.tar (run tests/bench/bench-verify.sh $WORKDIR): skipping the 1 GB image" >&2
fi
if [[ -d $LAYERS/oci ]]; then
    cat "$LAYERS"/oci/blobs/sha256/* >/dev/null
    echo "== oci:$LAYERS/oci:deep (Files dock driven)"
    xvfb-run -a "$BIN" --files "oci:$LAYERS/oci:deep"
    ran=1
else
    echo "bench-gui: no $LAYERS/oci (run tests/bench/bench-layers.sh $LAYERS): skipping the Files scenario" >&2
fi
[[ $ran == 1 ]] || exit 2
echo "targets: tree painted < 500 ms for the docker-archive; no GUI-thread event over 50 ms of CPU"
echo "(wall times include waiting for a core: on a loaded machine read the CPU column)"
