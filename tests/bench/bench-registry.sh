#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Registry figures for issue 6: time to list 1,000 tags, and blob throughput of `strata verify`
# from a local docker-registry vs `skopeo copy` of the same image. Not run by CI.
# Usage: BUILD_DIR=build tests/bench/bench-registry.sh [SIZE_MIB]   (default 256)
set -euo pipefail
B=$(realpath "${BUILD_DIR:-build}")
SIZE=${1:-256}
STRATA=${STRATA:-$B/app/strata}
LISTER=$B/tests/bench/strata_bench_registry
for t in docker-registry skopeo jq curl pigz bc /usr/bin/time "$STRATA" "$LISTER"; do
    command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 2; }
done
W=$(mktemp -d "$B/bench-registry.XXXXXX")
REG_PID=
cleanup() { [[ -n $REG_PID ]] && kill "$REG_PID" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HOST=127.0.0.1:$PORT
cat >"$W/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $W/data
http:
  addr: $HOST
YML
docker-registry serve "$W/config.yml" >"$W/registry.log" 2>&1 &
REG_PID=$!
for _ in $(seq 50); do curl -sf "http://$HOST/v2/" >/dev/null && break; sleep 0.2; done

# An image with one SIZE MiB incompressible layer (gzip -1 via pigz): config and manifest made with jq.
L=$W/layout
mkdir -p "$L/blobs/sha256" "$W/rootfs"
head -c "$((SIZE * 1024 * 1024))" /dev/urandom >"$W/rootfs/blob.bin"
tar -C "$W/rootfs" -cf "$W/layer.tar" blob.bin
diff=sha256:$(sha256sum "$W/layer.tar" | cut -d' ' -f1)
pigz -1 -c "$W/layer.tar" >"$W/layer.tar.gz"
rm -rf "$W/rootfs" "$W/layer.tar"
put() { local h; h=$(sha256sum "$1" | cut -d' ' -f1); mv "$1" "$L/blobs/sha256/$h"; echo "sha256:$h $(stat -c %s "$L/blobs/sha256/$h")"; }
read -r ld ls < <(put "$W/layer.tar.gz")
jq -cn --arg d "$diff" '{architecture: "amd64", os: "linux", rootfs: {type: "layers", diff_ids: [$d]}, config: {}}' >"$W/c.json"
read -r cd cs < <(put "$W/c.json")
jq -cn --arg cd "$cd" --argjson cs "$cs" --arg ld "$ld" --argjson ls "$ls" \
    '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs},
      layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $ld, size: $ls}]}' >"$W/m.json"
read -r md ms < <(put "$W/m.json")
jq -cn --arg d "$md" --argjson s "$ms" '{schemaVersion: 2, manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json",
    digest: $d, size: $s, annotations: {"org.opencontainers.image.ref.name": "v1"}}]}' >"$L/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' >"$L/oci-layout"
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$L:v1" "docker://$HOST/bench/big:v1"
echo "image: one ${SIZE} MiB layer, $ls bytes compressed"

best() { # runs "$@" 3 times, prints the best wall time in seconds
    local b=999999 s e t
    for _ in 1 2 3; do
        s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc -l); (($(echo "$t < $b" | bc -l))) && b=$t
    done
    printf '%.3f' "$b"
}
mib=$(echo "$ls / 1048576" | bc -l)
t_skopeo=$(best bash -c "rm -rf '$W/out' && skopeo --insecure-policy copy -q --src-tls-verify=false docker://$HOST/bench/big:v1 dir:$W/out")
t_fast=$(best "$STRATA" verify --fast "docker://$HOST/bench/big:v1")
t_full=$(best "$STRATA" verify "docker://$HOST/bench/big:v1")
printf 'skopeo copy docker:// -> dir:      %7.3f s  %6.1f MiB/s\n' "$t_skopeo" "$(echo "$mib / $t_skopeo" | bc -l)"
printf 'strata verify --fast (digest only):%7.3f s  %6.1f MiB/s\n' "$t_fast" "$(echo "$mib / $t_fast" | bc -l)"
printf 'strata verify (digest + diff_id):  %7.3f s  %6.1f MiB/s\n' "$t_full" "$(echo "$mib / $t_full" | bc -l)"
rm -rf "$W/out"
rss=$(/usr/bin/time -f %M "$STRATA" verify "docker://$HOST/bench/big:v1" 2>&1 >/dev/null | tail -1)
echo "strata verify peak RSS: $((rss / 1024)) MiB (the layer is streamed, never held whole)"

# 1,000 tags on one manifest (PUT with curl; skopeo would re-check every blob per tag).
for i in $(seq -w 0 999); do
    curl -sf -X PUT -H "Content-Type: application/vnd.oci.image.manifest.v1+json" \
        --data-binary "@$L/blobs/sha256/${md#sha256:}" "http://$HOST/v2/bench/big/manifests/t$i" >/dev/null
done
for page in 100 1000; do
    echo "strata list tags: $("$LISTER" "$HOST" bench/big "$page")"
done
s=$(date +%s.%N); n=$(skopeo list-tags --tls-verify=false "docker://$HOST/bench/big" | jq '.Tags | length'); e=$(date +%s.%N)
printf 'skopeo list-tags: %s tags in %.0f ms\n' "$n" "$(echo "($e - $s) * 1000" | bc -l)"
