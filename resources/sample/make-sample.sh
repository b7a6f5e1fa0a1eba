#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the small embedded sample image strata/sample:1.0 (3 layers, umoci + skopeo) as sample.oci.tar.
#
# Usage: make-sample.sh [OUTPUT]   (default: sample.oci.tar next to this script)
#
# Fixed timestamps, owners and a normalised outer tar make a rebuild byte-identical with the
# same umoci/skopeo versions (umoci 0.4.7, skopeo 1.9.3 on Debian 12).
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/fixtures/lib.sh
source "$HERE/../../tests/fixtures/lib.sh"
OUTPUT=$(realpath -m "${1:-$HERE/sample.oci.tar}")

export TZ=UTC LC_ALL=C
umask 022
TS=2024-01-01T00:00:00Z
UMOCI=(umoci --log=error)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
L=$WORK/layout
B=$WORK/bundle
R=$B/rootfs

repack() { # CREATED_BY
    # Same mtime everywhere, so layers depend only on content.
    find "$R" -exec touch -h -d "$TS" {} +
    "${UMOCI[@]}" repack --refresh-bundle --image "$L:1.0" \
        --history.created "$TS" --history.author "Strata" --history.created_by "$1" "$B"
}

"${UMOCI[@]}" init --layout "$L"
"${UMOCI[@]}" new --image "$L:1.0"
"${UMOCI[@]}" config --image "$L:1.0" --no-history --created "$TS" --os linux --architecture amd64
"${UMOCI[@]}" unpack --rootless --image "$L:1.0" "$B"

# Layer 1: a few text files, a script and a file that layer 3 deletes.
mkdir -p "$R/etc" "$R/usr/bin" "$R/usr/share/sample"
cat >"$R/etc/os-release" <<'EOF'
NAME="Strata Sample"
ID=strata-sample
VERSION_ID=1.0
EOF
echo "This file is deleted by layer 3: look for etc/.wh.motd." >"$R/etc/motd"
cat >"$R/usr/share/sample/README.txt" <<'EOF'
This is the sample image bundled with Strata.
It has three layers: base files, a config change, and a deletion.
EOF
cat >"$R/usr/bin/greet" <<'EOF'
#!/bin/sh
echo "Hello, ${GREETING_NAME:-world}!"
EOF
chmod 0755 "$R/usr/bin/greet"
repack "layer 1: add base files and greet script"

# Layer 2: add a config file and change the README.
printf 'greeting = hello\ncolour = auto\n' >"$R/etc/greet.conf"
echo "Layer 2 added etc/greet.conf." >>"$R/usr/share/sample/README.txt"
repack "layer 2: add greet.conf, update README"

# Layer 3: delete a file from layer 1 (whiteout) and add one.
rm "$R/etc/motd"
echo "1.0" >"$R/usr/share/sample/VERSION"
repack "layer 3: delete motd, add VERSION"

"${UMOCI[@]}" config --image "$L:1.0" \
    --clear config.env \
    --config.env "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --config.env GREETING_NAME=Strata \
    --config.cmd /usr/bin/greet \
    --config.label org.opencontainers.image.title=strata/sample \
    --config.label org.opencontainers.image.version=1.0 \
    --config.label org.opencontainers.image.description="Sample image bundled with Strata" \
    --config.workingdir /usr/share/sample \
    --author "Strata" --created "$TS" \
    --history.created "$TS" --history.created_by "config: set Env, Cmd, Labels"
"${UMOCI[@]}" gc --layout "$L"

skopeo --insecure-policy copy -q "oci:$L:1.0" "oci-archive:$WORK/sample.oci.tar:1.0"
# skopeo stamps the outer tar with the current time and user; pin them, blobs untouched.
tar_rewrite "$WORK/sample.oci.tar" "$OUTPUT" normalize "$(date -d "$TS" +%s)"

echo "wrote $OUTPUT ($(size_of "$OUTPUT") bytes)"
echo "manifest sha256:$(skopeo inspect --raw "oci-archive:$OUTPUT:1.0" | sha256_stdin)"
echo "config   sha256:$(skopeo inspect --config --raw "oci-archive:$OUTPUT:1.0" | sha256_stdin)"
