#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark `strata ls` (one layer and the merged tree) and `inspect --efficiency` on images with
# many small files, against plain gzip/tar.
#
# Usage: tests/bench/bench-layers.sh [WORKDIR]
#   WORKDIR  defaults to ${BUILD_DIR:-build}/bench-layers; the generated images (~200 MB on disk)
#            live there.
# Environment:
#   STRATA        strata binary (default ${BUILD_DIR:-build}/app/strata). A binary not named strata*
#                 (e.g. STRATA=/bin/true) skips the strata rows but still runs everything else.
#   RUNS          runs per measurement, best wall time kept (default 3).
#   BENCH_STRICT  if 1, exit 1 when any target is MISSed (default: report only).
#   BENCH_REBUILD if 1, rebuild the images even if WORKDIR/.stamp says they are complete.
#   WIDE_FILES, DEEP_LAYER_FILES
#                 files in the `wide` layer (default 50000) and new files per `deep` layer
#                 (default 12500). Smaller values make a quick case for profiling; the targets
#                 only mean something at the defaults.
# See tests/bench/README.md for what each figure means.
set -euo pipefail

BENCH_NAME=bench-layers
SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
SRC_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
RUNS=${RUNS:-3}
WIDE_FILES=${WIDE_FILES:-50000}
DEEP_LAYERS=8
DEEP_LAYER_FILES=${DEEP_LAYER_FILES:-12500}
# Per deep layer after the first: existing files rewritten, files deleted, directories deleted.
DEEP_MODIFY=1000
DEEP_DELETE=500
DEEP_DELETE_DIRS=3
# Bump whenever the generator changes so stale images in existing WORKDIRs are rebuilt.
STAMP_CONTENT="strata-bench-layers v1 wide=$WIDE_FILES deep=${DEEP_LAYERS}x$DEEP_LAYER_FILES mod=$DEEP_MODIFY del=$DEEP_DELETE deldirs=$DEEP_DELETE_DIRS"
# One fixed instant for every timestamp in the images, so rebuilds give the same bytes.
EPOCH=1704067200
EPOCH_ISO=2024-01-01T00:00:00Z

# shellcheck source=lib.sh
. "$SCRIPT_DIR/lib.sh"

bench_workdir "$BUILD_DIR/bench-layers" "${1:-}"
require_tools umoci skopeo jq python3 gzip tar
find_strata
mkdir -p -- "$WORKDIR"

# --- Image build ----------------------------------------------------------------------------
OCI_DIR=$WORKDIR/oci
COUNTS=$WORKDIR/counts   # "NAME files dirs" lines written by the generator, for the sanity check

# gen_files MODE ROOT LAYER FILES : one python3 process writes a whole layer's files.
#   wide: FILES new files (0-4 KB, ~10% duplicate contents) in a directory tree of fan-out 30 and
#         depth 1-4 (30 + 900 dirs, then 90 of those and 90 of their children get 30 children
#         each: ~6,300 dirs for 50,000 files).
#   deep: the same for layer LAYER (branches scaled to FILES), whose tree shares its upper
#         directories with the earlier layers; from layer 1 on it also rewrites DEEP_MODIFY earlier files, deletes DEEP_DELETE
#         earlier files and DEEP_DELETE_DIRS earlier directories (so the layer carries whiteouts).
# Content is cut from a seeded word corpus (gzip ~3:1, like text and code); every timestamp is
# reset to EPOCH, so umoci's diff only sees what really changed. Prints "files dirs" of ROOT.
gen_files() {
  python3 - "$@" "$EPOCH" "$DEEP_MODIFY" "$DEEP_DELETE" "$DEEP_DELETE_DIRS" <<'PY'
import os, random, shutil, sys
mode, root, layer, nfiles, epoch, nmod, ndel, ndeldirs = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
r = random.Random(("wide" if mode == "wide" else "deep-%d" % layer))
corpus_r = random.Random(7)
vocab = ["".join(corpus_r.choices("etaoinshrdlcumwfgypbvkjxqz_", k=corpus_r.randint(2, 10))) for _ in range(3000)]
pool = " ".join(corpus_r.choices(vocab, k=260000)).encode()
def content(n):
    off = r.randrange(len(pool) - 4096)
    return pool[off:off + n]

def existing(top):
    files, dirs = [], []
    for dp, dn, fn in os.walk(top):
        dn.sort()
        rel = os.path.relpath(dp, root)
        if rel != ".":
            dirs.append(rel)
        files += [os.path.join(rel, f) for f in sorted(fn)]
    return files, dirs

if mode == "deep" and layer > 0:
    files, dirs = existing(root)
    deep_dirs = [d for d in dirs if d.count("/") >= 2]
    for d in r.sample(deep_dirs, min(ndeldirs, len(deep_dirs))):
        if os.path.isdir(os.path.join(root, d)):
            shutil.rmtree(os.path.join(root, d))
    files = [f for f in files if os.path.exists(os.path.join(root, f))]
    for f in r.sample(files, min(ndel, len(files))):
        os.unlink(os.path.join(root, f))
    files = [f for f in files if os.path.exists(os.path.join(root, f))]
    for f in r.sample(files, min(nmod, len(files))):
        # A new size as well as new bytes, so the change is visible without reading content.
        with open(os.path.join(root, f), "wb") as fh:
            fh.write(content(r.randint(4097, 8192)))

# Directory tree: 30 top dirs, 30 under each, then every 10th level-2 dir and every 30th
# level-3 dir get 30 children. Deep layers pick their own deeper branches from their seed.
tree = [os.path.join("d%02d" % a, "d%02d" % b) for a in range(30) for b in range(30)]
tree += ["d%02d" % a for a in range(30)]
branches = max(1, round(90 * nfiles / 50000))   # 90 for the wide layer, ~22 per deep layer
level3 = [os.path.join(t, "e%d_%02d" % (layer, c)) for t in r.sample(tree[:900], branches) for c in range(30)]
level4 = [os.path.join(t, "g%02d" % c) for t in r.sample(level3, branches) for c in range(30)]
targets = tree + level3 + level4
made, written = set(), []
for i in range(nfiles):
    d = r.choice(targets)
    if d not in made:
        os.makedirs(os.path.join(root, d), exist_ok=True)
        made.add(d)
    path = os.path.join(root, d, "f%d_%05d.txt" % (layer, i))
    if written and r.random() < 0.1:
        data = written[r.randrange(len(written))]          # duplicate content
    else:
        n = 0 if r.random() < 0.02 else r.randint(1, 4096)
        data = content(n)
        if len(written) < 2000:
            written.append(data)
    with open(path, "wb") as fh:
        fh.write(data)

nf = nd = 0
for dp, dn, fn in os.walk(root, topdown=False):
    for f in fn:
        os.utime(os.path.join(dp, f), (epoch, epoch))
    nf += len(fn)
    nd += len(dn)
    os.utime(dp, (epoch, epoch))
print(nf, nd)
PY
}

build_images() {
  local build=$WORKDIR/.build layout start end i counts
  layout=$build/layout
  start=$(date +%s.%N)
  rm -rf -- "$build" "$OCI_DIR" "$COUNTS" "$WORKDIR/.stamp"
  mkdir -p -- "$build"
  umoci init --layout "$layout"
  for tag in wide deep; do
    umoci new --image "$layout:$tag"
    umoci config --image "$layout:$tag" --no-history --created "$EPOCH_ISO" \
      --author strata-bench --os linux --architecture amd64 --config.cmd /bin/sh
    umoci unpack --rootless --image "$layout:$tag" "$build/$tag"
  done

  log "wide: generating $WIDE_FILES files and repacking"
  counts=$(gen_files wide "$build/wide/rootfs" 0 "$WIDE_FILES")
  echo "wide $counts" >>"$COUNTS"
  umoci repack --history.created "$EPOCH_ISO" --history.created_by "strata-bench wide" \
    --image "$layout:wide" "$build/wide"
  rm -rf -- "$build/wide"

  for ((i = 0; i < DEEP_LAYERS; i++)); do
    log "deep layer $((i + 1))/$DEEP_LAYERS: generating and repacking"
    counts=$(gen_files deep "$build/deep/rootfs" "$i" "$DEEP_LAYER_FILES")
    # --refresh-bundle makes the next repack diff against this layer, not the empty base, so we
    # unpack once instead of re-extracting a growing rootfs for every layer.
    umoci repack --refresh-bundle --history.created "$EPOCH_ISO" \
      --history.created_by "strata-bench deep layer $i" --image "$layout:deep" "$build/deep"
  done
  echo "deep $counts" >>"$COUNTS"
  umoci gc --layout "$layout"
  # The bench reads only local files, so there is no signature policy worth enforcing here.
  log "skopeo copy -> $OCI_DIR (tags wide, deep)"
  skopeo --insecure-policy copy -q "oci:$layout:wide" "oci:$OCI_DIR:wide"
  skopeo --insecure-policy copy -q "oci:$layout:deep" "oci:$OCI_DIR:deep"
  finish_build "$start" "$build"
}

build_once "images" build_images

BLOBS=$OCI_DIR/blobs/sha256
manifest_of() { jq -r --arg t "$1" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest | sub("^sha256:"; "")' "$OCI_DIR/index.json"; }
mapfile -t WIDE_LAYERS < <(jq -r '.layers[].digest | sub("^sha256:"; "")' "$BLOBS/$(manifest_of wide)")
mapfile -t DEEP_LAYERS_BLOBS < <(jq -r '.layers[].digest | sub("^sha256:"; "")' "$BLOBS/$(manifest_of deep)")
((${#WIDE_LAYERS[@]} == 1)) || die "wide image has ${#WIDE_LAYERS[@]} layers, expected 1 (BENCH_REBUILD=1?)"
((${#DEEP_LAYERS_BLOBS[@]} == DEEP_LAYERS)) || die "deep image has ${#DEEP_LAYERS_BLOBS[@]} layers, expected $DEEP_LAYERS"
WIDE_BLOB=$BLOBS/${WIDE_LAYERS[0]}
if [[ $(grep -cE '^(wide|deep) ' "$COUNTS" 2>/dev/null) != 2 ]]; then
  die "$COUNTS is missing or incomplete: rebuild with BENCH_REBUILD=1"
fi
read -r _ WIDE_NF WIDE_ND < <(grep '^wide ' "$COUNTS")
read -r _ DEEP_NF DEEP_ND < <(grep '^deep ' "$COUNTS")
deep_gz=0
for b in "${DEEP_LAYERS_BLOBS[@]}"; do deep_gz=$((deep_gz + $(stat -c %s "$BLOBS/$b"))); done

# --- Measurement ------------------------------------------------------------------------------
bench_begin
MEASURE_STDOUT=null   # listing output is not what we time; stderr goes to the log

# --- Sanity (untimed, once): the listings must have the shape the generator made -------------
# `ls` prints one line per entry; the merged tree should hold every file and directory of the
# final rootfs (a line or two of slack for the root entry). The layer listing also carries the
# layer's directories, so it is at least the file count.
sanity() {
  local n
  n=$("$STRATA" ls --layer 0 "oci:$OCI_DIR:wide" | wc -l)
  echo "sanity:  ls --layer 0 wide: $n lines (generator: $WIDE_NF files, $WIDE_ND dirs)"
  ((n >= WIDE_NF && n <= WIDE_NF + WIDE_ND + 2)) || die "ls --layer 0 wide: $n lines, expected $WIDE_NF..$((WIDE_NF + WIDE_ND + 2))"
  n=$("$STRATA" ls --merged "oci:$OCI_DIR:deep" | wc -l)
  echo "sanity:  ls --merged deep: $n lines (generator: $DEEP_NF files + $DEEP_ND dirs = $((DEEP_NF + DEEP_ND)))"
  ((n >= DEEP_NF + DEEP_ND && n <= DEEP_NF + DEEP_ND + 2)) || die "ls --merged deep: $n lines, expected $((DEEP_NF + DEEP_ND))"
  n=$("$STRATA" ls --merged "oci:$OCI_DIR:deep" | grep -c '^w') || true
  ((n == 0)) || die "ls --merged deep shows $n whiteout entries; a merged tree should have none"
  n=$(for ((i = 1; i < DEEP_LAYERS; i++)); do "$STRATA" ls --layer "$i" "oci:$OCI_DIR:deep"; done | grep -c '^w') || true
  echo "sanity:  deep layers 1-$((DEEP_LAYERS - 1)) carry $n whiteouts"
  ((n > 0)) || die "the deep layers carry no whiteouts: the generator's deletions were lost"
  # The report lists every wasted file by kind (overwritten, deleted, duplicate); each of the
  # generator's rewrites overwrites one earlier version, so "overwritten" should be close to
  # (layers - 1) x DEEP_MODIFY (empty files waste nothing and may be left out).
  "$STRATA" inspect --efficiency "oci:$OCI_DIR:deep" >"$TMP/efficiency"
  local ow del dup
  ow=$(grep -cE '^ *[0-9]+ +overwritten ' "$TMP/efficiency") || true
  del=$(grep -cE '^ *[0-9]+ +deleted ' "$TMP/efficiency") || true
  dup=$(grep -cE '^ *[0-9]+ +duplicate ' "$TMP/efficiency") || true
  echo "sanity:  inspect --efficiency deep: $(grep -m1 '^efficiency:' "$TMP/efficiency" || echo 'no efficiency line'); $ow overwritten" \
    "(generator: $(((DEEP_LAYERS - 1) * DEEP_MODIFY)) rewrites), $del deleted (>= $(((DEEP_LAYERS - 1) * DEEP_DELETE))), $dup duplicate"
  ((ow > 0 && del > 0 && dup > 0)) || die "inspect --efficiency deep misses a kind of waste the generator made"
}

# --- Run -------------------------------------------------------------------------------------
echo
print_machine
echo "tools:   gzip $(gzip --version | head -1 | awk '{print $NF}'); tar $(tar --version | head -1 | awk '{print $NF}'); skopeo $(skopeo --version | cut -d' ' -f3); umoci $(umoci --version | cut -d' ' -f3)"
printf 'images:  wide: 1 layer, %d files + %d dirs, %.1f MB gzip (%.1f MB tar)\n' "$WIDE_NF" "$WIDE_ND" \
  "$(awk -v b="$(stat -c %s "$WIDE_BLOB")" 'BEGIN{print b / 1e6}')" \
  "$(awk -v b="$(gzip -dc "$WIDE_BLOB" | wc -c)" 'BEGIN{print b / 1e6}')"
printf '         deep: %d layers, %d new files each, merged %d files + %d dirs, %.1f MB gzip\n' \
  "$DEEP_LAYERS" "$DEEP_LAYER_FILES" "$DEEP_NF" "$DEEP_ND" "$(awk -v b="$deep_gz" 'BEGIN{print b / 1e6}')"
echo "runs:    best of $RUNS, page cache warm; logs in $LOGDIR"

# Every run should read from the page cache, so the first one is not penalised for disk I/O.
log "warming page cache"
cat "$BLOBS"/* >/dev/null

if ((HAVE_STRATA)); then
  sanity
fi
echo

if ((HAVE_STRATA)); then
  log "a. strata ls --layer 0 wide"; measure a.ls-layer0-wide "$STRATA" ls --layer 0 "oci:$OCI_DIR:wide"
else
  skip a.ls-layer0-wide "dry run"
fi
log "b. gzip -dc / gzip -dc | tar -tvf (wide layer)"
measure b1.gzip-dc-wide gzip -dc "$WIDE_BLOB"
# shellcheck disable=SC2016 # $1 is expanded by the inner bash
measure b2.gzip-tar-tv-wide bash -c 'gzip -dc "$1" | tar -tvf - >/dev/null' _ "$WIDE_BLOB"
# strata inflates with ISA-L, about 3x faster than gzip: igzip is the tighter floor.
if command -v igzip >/dev/null; then
  measure b3.igzip-dc-wide igzip -dc "$WIDE_BLOB"
else
  skip b3.igzip-dc-wide "igzip not installed"
fi
if ((HAVE_STRATA)); then
  log "c. strata ls --merged deep"; measure c.ls-merged-deep "$STRATA" ls --merged "oci:$OCI_DIR:deep"
  log "d. strata inspect --efficiency deep"; measure d.efficiency-deep "$STRATA" inspect --efficiency "oci:$OCI_DIR:deep"
  log "e. strata verify deep"; measure e.verify-deep "$STRATA" verify "oci:$OCI_DIR:deep"
else
  skip c.ls-merged-deep "dry run"; skip d.efficiency-deep "dry run"; skip e.verify-deep "dry run"
fi

# --- Report ----------------------------------------------------------------------------------
print_rows

echo
echo "targets:"
target "listing after decompression (a - b1), s" "$(diff_s "${WALL[a.ls-layer0-wide]:-}" "${WALL[b1.gzip-dc-wide]}")" "<" 1
target "merged tree peak RSS (c), MB" "$(mb "${RSS[c.ls-merged-deep]:-}")" "<" 250
echo "info:"
printf '  %-46s %9s\n' "listing after igzip decompression (a - b3), s" \
  "$(diff_s "${WALL[a.ls-layer0-wide]:-}" "${WALL[b3.igzip-dc-wide]:-}" || echo -)"
printf '  %-46s %9s\n' "ls --merged deep over verify deep (c - e), s" \
  "$(diff_s "${WALL[c.ls-merged-deep]:-}" "${WALL[e.verify-deep]:-}" || echo -)"

strict_exit
