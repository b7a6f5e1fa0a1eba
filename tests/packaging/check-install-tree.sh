#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `cmake --install` installs the same set of files under any prefix, and the installed binary runs.
# Usage: check-install-tree.sh BUILD_DIR SCRATCH_DIR "ICON SIZES"
set -euo pipefail
build=$1 scratch=$2 sizes=$3
. "$(dirname "$0")/expected-files.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$scratch"
expected=$(strata_expected_files "$sizes")
for prefix in "$scratch/usr" "$scratch/opt/some where/strata"; do
    cmake --install "$build" --prefix "$prefix" >/dev/null
    got=$(cd "$prefix" && find . -type f -o -type l | sed 's|^\./||' | LC_ALL=C sort)
    if [[ $got != "$expected" ]]; then
        diff <(echo "$expected") <(echo "$got") >&2 || true
        fail "cmake --install --prefix '$prefix' installed another set of files (< expected, > got)"
    fi
    strata_check_icon_sizes "$prefix" "$sizes"
    "$prefix/bin/strata" --version | grep -q . || fail "$prefix/bin/strata --version printed nothing"
    echo "ok: $(echo "$got" | wc -l) files under $prefix"
done
rm -rf "$scratch"
echo "PASS: cmake --install installs the same $(echo "$expected" | wc -l) files under every prefix"
