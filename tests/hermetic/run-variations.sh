#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The suites again under conditions unlike a developer's desk, on an existing build (no second build):
#   locale   LANG/LC_ALL=de_DE.UTF-8 (decimal comma, other date formats) and TZ=Pacific/Chatham (+12:45/+13:45)
#   home     a HOME holding an older Strata's settings (other types, stale window state, verify off) and a
#            ~/.docker/config.json with credentials for other hosts and a credsStore whose helper is missing
#   engine   leftover podman state and a containers blob-info cache in /var/lib/containers, made by the
#            real podman and skopeo inside a private mount namespace (the machine's folder is never touched)
#   fonts    only the minimal fonts (fontconfig limited to DejaVu, with and without its matching rules), where the ci stage ran with the extra
#            fonts ImageMagick pulls in (fonts-noto-mono, fonts-urw-base35)
# Every test isolates its own HOME, XDG, Docker and containers configuration (tests/common/hermeticenv),
# so these conditions must change nothing. Usage: run-variations.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
src=$(cd "$(dirname "$0")/../.." && pwd)
[[ -f $build/fixtures/.stamp ]] || ctest --test-dir "$build" -R make_fixtures --output-on-failure
locale -a | grep -qix de_DE.utf8 || { echo "hermetic: de_DE.UTF-8 is not generated (packaging/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/strata-hermetic-XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# An older Strata's settings and a Docker config for other hosts.
home=$work/home
mkdir -p "$home/.config/Strata" "$home/.docker" "$home/.config/containers"
cat >"$home/.config/Strata/Strata.conf" <<'CONF'
[General]
recentSources=/nonexistent/old-image.tar, docker://registry.example.com/app:1, 42
verifyAfterLoad=false

[window]
geometry=@ByteArray(\x1\xd9\xd0\xcb\0\x3\0\0garbage)
state=not a byte array
splitter=@ByteArray(\0\0\0\xff)
treeHeader=@ByteArray(\0\0\0\xff\0\0\0\0\0\0\0\x1)

[compare]
geometry=@ByteArray(garbage)
CONF
cat >"$home/.docker/config.json" <<'JSON'
{
  "auths": {
    "registry.example.com": {"auth": "b3RoZXI6c2VjcmV0"},
    "127.0.0.1:5000": {"auth": "d3Jvbmc6d3Jvbmc="},
    "https://index.docker.io/v1/": {"auth": "ZG9ja2VyOmh1Yg=="}
  },
  "credsStore": "desktop",
  "credHelpers": {"gcr.io": "gcloud"}
}
JSON
cat >"$home/.config/containers/registries.conf" <<'TOML'
unqualified-search-registries = ["registry.example.com", "docker.io"]
TOML
echo '{"default":[{"type":"reject"}]}' >"$home/.config/containers/policy.json"

# Minimal fonts: DejaVu alone, with the system's matching rules (fonts.conf); and DejaVu without any
# rules (bare.conf), where "monospace" is no alias and fontconfig answers with a proportional face.
for rules in fonts bare; do
    include='<include ignore_missing="yes">/etc/fonts/conf.d</include>'
    [[ $rules == bare ]] && include=''
    cat >"$work/$rules.conf" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  $include
  <cachedir>$work/fontcache-$rules</cachedir>
</fontconfig>
XML
done

describe() { # the conditions a run used, so a failure can be reproduced
    echo "hermetic: $1: LANG=${LANG-} LC_ALL=${LC_ALL-} TZ=${TZ-} HOME=$HOME; monospace = $(fc-match -f '%{family[0]}' monospace)," \
        "$(fc-list | wc -l) fonts${FONTCONFIG_FILE:+ (FONTCONFIG_FILE=$FONTCONFIG_FILE)}"
}

suites='tst_ui_|tst_cli|tst_sources|tst_engine'
status=0

# 1. Locale, time zone, a lived-in HOME and leftover engine state, in a private mount namespace.
if ! unshare -m true 2>/dev/null; then
    echo "hermetic: unshare -m is not permitted here: cannot make a private /var/lib/containers" >&2
    exit 1
fi
created_var=0
[[ -d /var/lib/containers ]] || { mkdir -p /var/lib/containers; created_var=1; }
mkdir -p "$work/var-lib-containers"
export HERMETIC_WORK=$work HERMETIC_BUILD=$build HERMETIC_SUITES=$suites HERMETIC_HOME=$home
export -f describe
unshare -m bash -euo pipefail -c '
    mount --make-rprivate /
    mount --bind "$HERMETIC_WORK/var-lib-containers" /var/lib/containers
    # Leftover state as the real tools leave it: an image in podman'"'"'s default storage and the
    # blob-info cache skopeo writes for root.
    podman --storage-driver vfs --runroot "$HERMETIC_WORK/runroot" --tmpdir "$HERMETIC_WORK/libpod-tmp" load -q -i "$HERMETIC_BUILD/fixtures/good/docker-archive.tar" >/dev/null
    skopeo copy -q "oci:$HERMETIC_BUILD/fixtures/good/oci-gzip:v1" "dir:$HERMETIC_WORK/leftover-dir" >/dev/null
    echo "hermetic: /var/lib/containers holds: $(cd /var/lib/containers && find . -maxdepth 2 | sort | tr "\n" " ")"
    export HOME=$HERMETIC_HOME LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 TZ=Pacific/Chatham
    unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME DOCKER_CONFIG
    describe "locale, time zone, home, engine state"
    ctest --test-dir "$HERMETIC_BUILD" -R "$HERMETIC_SUITES" --output-on-failure -j2 --timeout 600
' || status=1
[[ $created_var -eq 0 ]] || rmdir /var/lib/containers 2>/dev/null || true

# 2. Only the minimal fonts, with and without fontconfig's rules.
for rules in fonts bare; do
    (
        export FONTCONFIG_FILE=$work/$rules.conf
        describe "minimal fonts ($rules.conf)"
        ctest --test-dir "$build" -R 'tst_ui_' --output-on-failure -j2 --timeout 600
    ) || status=1
done
exit $status
