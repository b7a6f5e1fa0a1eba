#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `cpack -G DEB` builds the package in a scratch folder; it holds exactly the expected files, its
# control fields name the computed dependencies, and once extracted with `dpkg -x` into a scratch
# root the binary runs --version, verifies the sample image and renders the window offscreen.
# Usage: check-deb.sh SOURCE_DIR BUILD_DIR SCRATCH_DIR PROJECT_VERSION "ICON SIZES"
set -euo pipefail
src=$1 build=$2 scratch=$3 version=$4 sizes=$5
. "$(dirname "$0")/expected-files.sh"
. "$(dirname "$0")/../common/hermetic-env.sh"
strata_isolate_env
fail() { echo "FAIL: $*" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen

rm -rf "$scratch"
mkdir -p "$scratch"
echo "== cpack -G DEB -B $scratch/out"
(cd "$build" && cpack -G DEB -B "$scratch/out") > "$scratch/cpack.log" 2>&1 ||
    { cat "$scratch/cpack.log" >&2; fail "cpack failed"; }
debs=("$scratch"/out/strata_"$version"_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || fail "cpack made no single strata_${version}_*.deb: $(ls "$scratch/out")"
deb=${debs[0]}
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# Every expected file and nothing else (directories aside), all under /usr, owned by root.
listing=$(dpkg-deb -c "$deb")
got=$(echo "$listing" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./usr/||' | LC_ALL=C sort)
expected=$(strata_expected_files "$sizes")
if [[ $got != "$expected" ]]; then
    diff <(echo "$expected") <(echo "$got") >&2 || true
    fail "dpkg-deb -c lists another set of files (< expected, > in the package)"
fi
echo "$listing" | awk '$2 != "root/root" { bad = 1; print "not root/root: " $0 } END { exit bad }' >&2 ||
    fail "files not owned by root"
echo "files: $(echo "$got" | wc -l)"

field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == strata ]] || fail "Package is $(field Package)"
[[ $(field Version) == "$version" ]] || fail "Version is $(field Version)"
[[ $(field Section) == utils ]] || fail "Section is $(field Section)"
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
description=$(field Description)
[[ $(head -1 <<<"$description") == "container image explorer and verifier" ]] || fail "Description synopsis: $description"
[[ $(sed -n 2p <<<"$description") == " Strata opens"* ]] || fail "Description repeats its synopsis or lacks the long text"
depends=$(field Depends)
echo "Depends: $depends"
for lib in libqt6widgets6 libqt6gui6 libqt6svg6 libqt6core6 libarchive13 libssl3 libc6; do
    [[ $depends == *"$lib"* ]] || fail "dpkg-shlibdeps did not add $lib to Depends"
done

root=$scratch/root
dpkg -x "$deb" "$root"
bin=$root/usr/bin/strata
strata_check_icon_sizes "$root/usr" "$sizes"
desktop-file-validate "$root/usr/share/applications/dev.strata.Strata.desktop" >/dev/null ||
    fail "the packaged desktop file does not validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/dev.strata.Strata.metainfo.xml" >/dev/null ||
    fail "the packaged metainfo does not validate"
warnings=$(MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/strata.1.gz" 2>&1 >/dev/null)
[[ -z $warnings ]] || fail "the packaged man page warns: $warnings"
file -b "$bin" | grep -q 'stripped' && ! file -b "$bin" | grep -q 'not stripped' || fail "the packaged binary is not stripped"

out=$("$bin" --version) || fail "$bin --version exits $?"
[[ $out == *"$version"* ]] || fail "$bin --version printed '$out', not $version"
echo "--version: $out"
set +e
timeout 120 "$bin" verify "$src/resources/sample/sample.oci.tar" > "$scratch/verify.txt" 2>&1
code=$?
set -e
[[ $code -eq 0 ]] || { cat "$scratch/verify.txt" >&2; fail "the packaged strata verify exits $code on the sample image"; }
echo "verify sample.oci.tar: exit 0, $(wc -l < "$scratch/verify.txt") lines"
timeout 120 "$bin" --screenshot "$scratch/window.png" "$src/resources/sample/sample.oci.tar" > "$scratch/shot.txt" 2>&1 ||
    { cat "$scratch/shot.txt" >&2; fail "the packaged strata --screenshot failed"; }
file -b "$scratch/window.png" | grep -q '^PNG image data' || fail "--screenshot wrote no PNG"
echo "--screenshot: $(file -b "$scratch/window.png")"
echo "PASS: $(basename "$deb") holds the expected files and the installed binary runs"
