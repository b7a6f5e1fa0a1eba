# SPDX-License-Identifier: MIT
# Generators for the ~1 GB benchmark images: a seeded text corpus and layers cut from it.
# Source it; gen_layer reads EPOCH (every timestamp) and LAYER_BYTES (the default size).

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

# gen_layer DIR SEED CORPUS [BYTES] : fills DIR with one layer's files (BYTES, default LAYER_BYTES, in total): an incompressible "binary" (like the
# already-compressed assets real images carry), a few large text files and ~2500 small ones so
# tar header handling is exercised too. Text is cut from the corpus at seeded offsets; repeats
# are >=8 MB apart, far beyond gzip's 32 KB window, so they do not inflate the ratio.
gen_layer() {
  python3 - "$1" "$2" "$3" "${4:-$LAYER_BYTES}" "$EPOCH" <<'PY'
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

# text_layers_image LAYOUT TAG BUNDLE CORPUS LAYERS [HOOK] : a new OCI layout whose TAG has LAYERS
# text layers (gen_layer DIR i), each its own umoci repack, every time EPOCH. HOOK, when given,
# runs with the layer number after each repack. Needs log (lib.sh) and EPOCH_ISO.
text_layers_image() {
  local layout=$1 tag=$2 bundle=$3 corpus=$4 layers=$5 hook=${6:-} i
  umoci init --layout "$layout"
  umoci new --image "$layout:$tag"
  umoci config --image "$layout:$tag" --no-history --created "$EPOCH_ISO" \
    --author strata-bench --os linux --architecture amd64 --config.cmd /bin/sh
  umoci unpack --rootless --image "$layout:$tag" "$bundle"
  for ((i = 1; i <= layers; i++)); do
    log "layer $i/$layers: generating and repacking"
    gen_layer "$bundle/rootfs/opt/bench/layer-$i" "$i" "$corpus"
    # Parents touched by adding the layer dir get the fixed time back, keeping the diff minimal.
    touch -d "@$EPOCH" "$bundle/rootfs" "$bundle/rootfs/opt" "$bundle/rootfs/opt/bench"
    # --refresh-bundle makes the next repack diff against this layer, not the empty base, so we
    # unpack once instead of re-extracting a growing rootfs for every layer.
    # (rootless uid/gid mapping is read back from the bundle that unpack --rootless wrote.)
    umoci repack --refresh-bundle --history.created "$EPOCH_ISO" \
      --history.created_by "strata-bench layer $i" --image "$layout:$tag" "$bundle"
    if [[ -n $hook ]]; then "$hook" "$i"; fi
  done
}
