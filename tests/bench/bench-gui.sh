#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# GUI figures: time from start to a painted tree, and the longest event-loop stall while the 1 GB
# benchmark image (built by bench-verify.sh) loads and verifies in the real window under Xvfb.
set -euo pipefail
WORKDIR=${1:-${BUILD_DIR:-build}/bench}
BIN=${STRATA_BENCH_GUI:-${BUILD_DIR:-build}/tests/bench/strata_bench_gui}
[[ -x $BIN ]] || { echo "bench-gui: $BIN missing (cmake --build build --target strata_bench_gui)" >&2; exit 2; }
[[ -f $WORKDIR/image.docker.tar ]] || { echo "bench-gui: run tests/bench/bench-verify.sh $WORKDIR first" >&2; exit 2; }
cat "$WORKDIR/image.docker.tar" "$WORKDIR"/oci-gzip/blobs/sha256/* >/dev/null # warm the page cache
for src in "$WORKDIR/image.docker.tar" "oci:$WORKDIR/oci-gzip"; do
    echo "== $src"
    xvfb-run -a "$BIN" "$src"
done
echo "targets: tree painted < 500 ms for the docker-archive; worst stall < 50 ms"
