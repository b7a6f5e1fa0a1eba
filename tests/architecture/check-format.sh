#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every C++ source in core, ui, app and tests is as the committed .clang-format says (clang-format 14,
# as Debian 12 ships it). Fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"
fmt=$(command -v clang-format-14 || command -v clang-format)
mapfile -t files < <(git ls-files -co --exclude-standard 'core/*.cpp' 'core/*.h' 'ui/*.cpp' 'ui/*.h' 'app/*.cpp' 'app/*.h' \
    'tests/*.cpp' 'tests/*.h' | while read -r f; do [[ -f $f ]] && echo "$f"; done)
"$fmt" --dry-run -Werror "${files[@]}"
echo "format: ${#files[@]} files as .clang-format says ($("$fmt" --version))"
