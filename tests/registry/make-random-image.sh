#!/bin/bash
# SPDX-License-Identifier: MIT
# make-random-image.sh LAYOUT TAG COUNT KIB: an OCI layout (made with umoci) whose image LAYOUT:TAG has COUNT
# layers, each one file of KIB KiB of random bytes (so gzip cannot shrink them: the blobs are about that big).
set -euo pipefail
layout=$1 tag=$2 count=$3 kib=$4
mkdir -p "$(dirname "$layout")"
work=$(mktemp -d "${layout%/}.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
umoci init --layout "$layout"
umoci new --image "$layout:$tag"
for i in $(seq 1 "$count"); do
    head -c "$((kib * 1024))" /dev/urandom >"$work/data$i"
    umoci insert --rootless --image "$layout:$tag" "$work/data$i" "/data$i"
done
