#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The desktop file and the AppStream metainfo pass the freedesktop validators, and every place
# that names the application uses the one id dev.strata.Strata.
# Usage: check-desktop-files.sh SOURCE_DIR PROJECT_VERSION
set -euo pipefail
src=$1 version=$2
id=dev.strata.Strata
desktop=$src/packaging/$id.desktop
metainfo=$src/packaging/$id.metainfo.xml
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== desktop-file-validate $desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $desktop"
echo "== appstreamcli validate --no-net $metainfo"
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli rejects $metainfo"

key() { sed -n "s/^$1=//p" "$desktop"; }
[[ $(key Exec) == "strata %F" ]] || fail "Exec is '$(key Exec)', want 'strata %F'"
[[ $(key Icon) == "$id" ]] || fail "Icon is '$(key Icon)', want $id"
[[ $(key Categories) == "Development;Utility;" ]] || fail "Categories is '$(key Categories)'"
mime=";$(key MimeType)"
for type in application/x-tar application/x-compressed-tar application/x-zstd-compressed-tar application/x-xz-compressed-tar application/x-bzip2-compressed-tar application/x-lz4-compressed-tar application/x-lz4; do
    [[ $mime == *";$type;"* ]] || fail "MimeType lacks $type"
done
# Offered for tarballs, never their default handler.
! grep -q '^InitialPreference=' "$desktop" || fail "the desktop file sets InitialPreference"
[[ -z $(find "$src/packaging" -name 'mimeapps.list' -o -name '*.mimeapps') ]] || fail "packaging/ holds a mimeapps list"

python3 - "$metainfo" "$id" "$version" <<'PY'
import sys, xml.etree.ElementTree as ET
path, app_id, version = sys.argv[1:]
root = ET.parse(path).getroot()
def text(tag, **attrs):
    for e in root.iter(tag):
        if all(e.get(k) == v for k, v in attrs.items()):
            return (e.text or "").strip()
    return None
want = {
    "component type": (root.get("type"), "desktop-application"),
    "id": (text("id"), app_id),
    "launchable": (text("launchable", type="desktop-id"), app_id + ".desktop"),
    "icon": (text("icon", type="stock"), app_id),
    "provides/binary": (text("binary"), "strata"),
    "project_license": (text("project_license"), "MIT"),
    "metadata_license": (text("metadata_license"), "CC0-1.0"),
    "newest release": (root.find("releases/release").get("version"), version),
}
bad = [f"{k} is {got!r}, want {exp!r}" for k, (got, exp) in want.items() if got != exp]
if root.find("content_rating") is None:
    bad.append("no content_rating")
if len(root.findall("screenshots/screenshot/image")) < 2:
    bad.append("fewer than two screenshots")
if not root.findall("url[@type='homepage']"):
    bad.append("no homepage url")
for b in bad:
    print("FAIL: metainfo:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

grep -q "setDesktopFileName(u\"$id\"_s)" "$src/ui/guimain.cpp" || fail "ui/guimain.cpp does not set the desktop file name $id"
[[ -f $src/resources/icons/$id.svg ]] || fail "no resources/icons/$id.svg"
grep -q "set(STRATA_APP_ID $id)" "$src/packaging/CMakeLists.txt" || fail "packaging/CMakeLists.txt installs another id"
echo "PASS: desktop file, metainfo and application id"
