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

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
SRC_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
RUNS=${RUNS:-3}
TAG=bench
LAYERS=8
LAYER_BYTES=150000000
# Bump whenever the generator changes so stale images in existing WORKDIRs are rebuilt.
STAMP_CONTENT="strata-bench-image v1 layers=$LAYERS layer_bytes=$LAYER_BYTES"
# One fixed instant for every timestamp in the image, so rebuilds give the same bytes to hash.
EPOCH=1704067200
EPOCH_ISO=2024-01-01T00:00:00Z

die() { echo "bench-verify: error: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }

# --- Work directory -------------------------------------------------------------------------
# Resolved without creating it, so a refused path leaves nothing behind.
WORKDIR=$(realpath -m -- "${1:-$BUILD_DIR/bench}")
# ~2.5 GB of generated blobs must never land next to sources where `git add -A` would pick them
# up; a build*/ directory at the top of the tree is the one place that is ignored by convention.
case "$WORKDIR/" in
  "$SRC_ROOT"/build*/*) ;;
  "$SRC_ROOT"/*) die "WORKDIR $WORKDIR is inside the source tree but not under build*/" ;;
esac

for tool in umoci skopeo jq python3 openssl igzip pigz sha256sum xargs; do
  command -v "$tool" >/dev/null || die "missing tool: $tool (see packaging/install-deps.sh)"
done
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing: apt-get install time"

# --- The strata binary (checked before the slow image build, so a missing build fails fast) ---
STRATA=${STRATA:-$BUILD_DIR/app/strata}
if [[ ! -x "$STRATA" ]]; then
  echo "bench-verify: error: strata binary not found or not executable: $STRATA" >&2
  echo "  build it first (cmake --build $BUILD_DIR) or point STRATA at it; STRATA=/bin/true runs" >&2
  echo "  only the reference measurements" >&2
  exit 2
fi
STRATA=$(realpath -- "$STRATA")
# Any other binary (e.g. /bin/true) means "dry run": the reference rows are still worth having.
if [[ $(basename -- "$STRATA") == strata* ]]; then HAVE_STRATA=1; else HAVE_STRATA=0; fi
mkdir -p -- "$WORKDIR"

# --- Image build ----------------------------------------------------------------------------
OCI_DIR=$WORKDIR/oci-gzip
DOCKER_TAR=$WORKDIR/image.docker.tar
OCI_TAR=$WORKDIR/image.oci.tar

# Writes an ~8 MB pseudo-source-text corpus that gzip -6 squeezes about 4:1. Drawn from a fixed
# seed so every machine benchmarks the same bytes; a Zipf vocabulary plus recurring phrases gives
# gzip the mix of literals and matches it meets in real files, unlike `yes` output or pure noise.
gen_corpus() {
  python3 - "$1" <<'PY'
import itertools, random, sys
r = random.Random(1)
letters = "etaoinshrdlcumwfgypbvkjxqz_"
weights = [12, 9, 8, 8, 7, 7, 6, 6, 6, 4, 4, 3, 3, 2, 2, 2, 2, 2, 2, 1.5, 1, .5, .5, .2, .1, .1, 1]
vocab = ["".join(r.choices(letters, weights, k=r.randint(2, 11))) for _ in range(1500)]
vw = list(itertools.accumulate(1.0 / (i + 1) for i in range(len(vocab))))
seps = [" ", " ", " ", ", ", "(", ") ", "=", ".", "->", " == ", "; "]
def line():
    return "".join(w + r.choice(seps) for w in r.choices(vocab, cum_weights=vw, k=r.randint(3, 14)))
phrases = [line() for _ in range(2000)]
pw = list(itertools.accumulate(1.0 / (i + 1) for i in range(len(phrases))))
out, n, target = [], 0, 8 * 1024 * 1024
while n < target:
    s = "    " * r.randint(0, 3)
    s += r.choices(phrases, cum_weights=pw)[0] if r.random() < 0.7 else line()
    if r.random() < 0.2:
        s += " %d 0x%08x" % (r.randint(0, 10**6), r.getrandbits(32))
    s += "\n"
    out.append(s)
    n += len(s)
open(sys.argv[1], "w").write("".join(out)[:target])
PY
}

# Fills DIR with one layer's files (LAYER_BYTES in total): an incompressible "binary" (like the
# already-compressed assets real images carry), a few large text files and ~2500 small ones so
# tar header handling is exercised too. Text is cut from the corpus at seeded offsets; repeats
# are >=8 MB apart, far beyond gzip's 32 KB window, so they do not inflate the ratio.
gen_layer() {
  python3 - "$1" "$2" "$3" "$LAYER_BYTES" "$EPOCH" <<'PY'
import os, random, sys
root, layer, corpus_path, total, epoch = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
corpus = open(corpus_path, "rb").read()
r = random.Random(1000 + layer)
def text(n):
    off, out = r.randrange(len(corpus)), bytearray()
    while len(out) < n:
        out += corpus[off:off + n - len(out)]
        off = 0
    return bytes(out)
def put(rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
random_bytes = int(total * 0.107)
small_bytes = int(total * 0.133)
put("lib/libbench.so", r.randbytes(random_bytes))
done, i = 0, 0
while done < small_bytes:
    n = min(r.randint(1024, 16384), small_bytes - done)
    put("share/doc/%02d/file-%04d.txt" % (i % 16, i), text(n))
    done, i = done + n, i + 1
big = total - random_bytes - small_bytes
for k in range(4):
    n = big // 4 if k < 3 else big - 3 * (big // 4)
    put("share/data/text-%d.txt" % k, text(n))
for dirpath, dirnames, filenames in os.walk(root, topdown=False):
    for name in filenames:
        os.utime(os.path.join(dirpath, name), (epoch, epoch))
    os.utime(dirpath, (epoch, epoch))
PY
}

build_image() {
  local build=$WORKDIR/.build layout bundle start end i
  layout=$build/layout
  bundle=$build/bundle
  start=$(date +%s.%N)
  rm -rf -- "$build" "$OCI_DIR" "$DOCKER_TAR" "$OCI_TAR" "$WORKDIR/.stamp"
  mkdir -p -- "$build"
  log "generating corpus"
  gen_corpus "$build/corpus.txt"
  umoci init --layout "$layout"
  umoci new --image "$layout:$TAG"
  umoci config --image "$layout:$TAG" --no-history --created "$EPOCH_ISO" \
    --author strata-bench --os linux --architecture amd64 --config.cmd /bin/sh
  umoci unpack --rootless --image "$layout:$TAG" "$bundle"
  for ((i = 1; i <= LAYERS; i++)); do
    log "layer $i/$LAYERS: generating and repacking"
    gen_layer "$bundle/rootfs/opt/bench/layer-$i" "$i" "$build/corpus.txt"
    # Parents touched by adding the layer dir get the fixed time back, keeping the diff minimal.
    touch -d "@$EPOCH" "$bundle/rootfs" "$bundle/rootfs/opt" "$bundle/rootfs/opt/bench"
    # --refresh-bundle makes the next repack diff against this layer, not the empty base, so we
    # unpack once instead of re-extracting a growing rootfs for every layer.
    # (rootless uid/gid mapping is read back from the bundle that unpack --rootless wrote.)
    umoci repack --refresh-bundle --history.created "$EPOCH_ISO" \
      --history.created_by "strata-bench layer $i" --image "$layout:$TAG" "$bundle"
  done
  umoci gc --layout "$layout"
  # The bench reads only local files, so there is no signature policy worth enforcing here.
  log "skopeo copy -> oci-gzip, docker-archive, oci-archive"
  skopeo --insecure-policy copy -q "oci:$layout:$TAG" "oci:$OCI_DIR:$TAG"
  skopeo --insecure-policy copy -q "oci:$layout:$TAG" "docker-archive:$DOCKER_TAR:strata-bench:$TAG"
  skopeo --insecure-policy copy -q "oci:$layout:$TAG" "oci-archive:$OCI_TAR:$TAG"
  rm -rf -- "$build"
  echo "$STAMP_CONTENT" >"$WORKDIR/.stamp"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN{printf "image build: %.1f s (setup, not a benchmark figure)\n", b - a}'
}

if [[ ${BENCH_REBUILD:-0} != 1 && -f $WORKDIR/.stamp && $(cat "$WORKDIR/.stamp") == "$STAMP_CONTENT" ]]; then
  log "reusing image in $WORKDIR (BENCH_REBUILD=1 to rebuild)"
else
  log "building benchmark image in $WORKDIR"
  build_image
fi

BLOBS=$OCI_DIR/blobs/sha256
manifest=$(jq -r '.manifests[0].digest' "$OCI_DIR/index.json")
mapfile -t LAYER_BLOBS < <(jq -r '.layers[].digest | sub("^sha256:"; "")' "$BLOBS/${manifest#sha256:}")
mapfile -t ALL_BLOBS < <(cd "$BLOBS" && ls)
layers_gz=0
for b in "${LAYER_BLOBS[@]}"; do layers_gz=$((layers_gz + $(stat -c %s "$BLOBS/$b"))); done

# --- Measurement helpers ---------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT
LOGDIR=$WORKDIR/logs
mkdir -p -- "$LOGDIR"
declare -A WALL RSS NOTE
ROWS=()
BEFORE_EACH=:   # command run untimed before every run (e.g. clearing a copy destination)

# measure NAME CMD... : runs CMD $RUNS times under GNU time; keeps the best wall and that run's
# peak RSS. Any non-zero exit aborts the bench: a fast wrong answer is not a result.
measure() {
  local name=$1 run wall rss rc
  shift
  ROWS+=("$name")
  for ((run = 1; run <= RUNS; run++)); do
    $BEFORE_EACH
    rc=0
    /usr/bin/time -f '%e %M' -o "$TMP/time" -- "$@" >"$LOGDIR/$name.log" 2>&1 || rc=$?
    if ((rc != 0)); then
      echo "bench-verify: FAILED: $name exited $rc: $*" >&2
      tail -n 20 "$LOGDIR/$name.log" >&2
      exit 1
    fi
    read -r wall rss <"$TMP/time"
    if [[ -z ${WALL[$name]:-} ]] || awk -v a="$wall" -v b="${WALL[$name]}" 'BEGIN{exit !(a < b)}'; then
      WALL[$name]=$wall
      RSS[$name]=$rss
    fi
  done
}

# skip NAME WHY : a row that could not run, still shown so the table keeps its shape.
skip() { ROWS+=("$1"); NOTE[$1]=$2; }

# target LABEL VALUE OP LIMIT : prints VALUE against "OP LIMIT" (OP is < or <=) with PASS/MISS,
# or n/a when VALUE is empty (a skipped row).
MISSES=0
target() {
  local label=$1 value=$2 op=$3 limit=$4
  if [[ -z $value ]]; then
    printf '  %-46s %9s  %-8s n/a\n' "$label" "-" "$op $limit"
  elif awk -v v="$value" -v l="$limit" -v op="$op" 'BEGIN{exit !(op == "<" ? v < l : v <= l)}'; then
    printf '  %-46s %9.3f  %-8s PASS\n' "$label" "$value" "$op $limit"
  else
    printf '  %-46s %9.3f  %-8s MISS\n' "$label" "$value" "$op $limit"
    MISSES=$((MISSES + 1))
  fi
}
ratio() { [[ -n ${1:-} && -n ${2:-} ]] && awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a / b}'; }

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
echo "machine: nproc=$(nproc), cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), mem=$(free -g | awk '/^Mem:/{print $2}') GiB, load avg $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tools:   $(openssl version | cut -d' ' -f1-2); igzip $(igzip --version 2>&1 | grep -o '[0-9][0-9.]*' | head -1); pigz $(pigz --version 2>&1 | cut -d' ' -f2); skopeo $(skopeo --version | cut -d' ' -f3); umoci $(umoci --version | cut -d' ' -f3)"
if ((HAVE_STRATA)); then
  echo "strata:  $STRATA ($("$STRATA" --version 2>/dev/null | head -1 || echo 'version unknown'))"
else
  echo "strata:  $STRATA is not a strata binary: strata rows are skipped (dry run)"
fi
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
printf '%-28s %12s %12s\n' "measurement" "best wall s" "peak RSS MB"
printf '%-28s %12s %12s\n' "----------------------------" "-----------" "-----------"
for r in "${ROWS[@]}"; do
  if [[ -n ${WALL[$r]:-} ]]; then
    printf '%-28s %12.2f %12.1f\n' "$r" "${WALL[$r]}" "$(awk -v k="${RSS[$r]}" 'BEGIN{print k / 1024}')"
  else
    printf '%-28s %12s %12s  (%s)\n' "$r" "-" "-" "${NOTE[$r]}"
  fi
done

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

if ((MISSES > 0 && ${BENCH_STRICT:-0} == 1)); then
  echo "bench-verify: $MISSES target(s) missed (BENCH_STRICT=1)" >&2
  exit 1
fi
