#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Makes an OCI layout whose index.json points at one image index (tag "multi") listing the two
# manifests of SRC (good/oci-multi: v1 and v2) as linux/amd64 and linux/arm64, so that
# `skopeo copy --all` pushes a real multi-platform index to a registry.
# Usage: make-index-layout.sh SRC DEST
set -euo pipefail
src=$1 dest=$2
rm -rf "$dest"
cp -a "$src" "$dest"
idx=$(jq -c '{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [.manifests[] | {mediaType: (.mediaType // "application/vnd.oci.image.manifest.v1+json"), digest, size,
      platform: (if .annotations["org.opencontainers.image.ref.name"] == "v1"
                 then {architecture: "amd64", os: "linux"} else {architecture: "arm64", os: "linux"} end)}]}' \
    "$src/index.json")
hex=$(printf '%s' "$idx" | sha256sum | cut -d' ' -f1)
printf '%s' "$idx" >"$dest/blobs/sha256/$hex"
jq -n --arg d "sha256:$hex" --argjson s "$(printf '%s' "$idx" | wc -c)" \
    '{schemaVersion: 2, manifests: [{mediaType: "application/vnd.oci.image.index.v1+json", digest: $d, size: $s,
      annotations: {"org.opencontainers.image.ref.name": "multi"}}]}' >"$dest/index.json"
echo "sha256:$hex"
