#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The layering rules, checked on the sources (Debian's shared include root would let a wrong include
# compile, so the compiler cannot be the judge):
#   - every project include names its layer from the repository root: "core/…", "ui/…", "app/…", "tests/…";
#   - core/ includes no QtGui/QtWidgets header and nothing of ui/ or app/; ui/ includes nothing of app/;
#   - inside core/, a folder includes only folders below it in CORE_ORDER (arrows point down).
# Prints every violation and exits 1 when there is one.
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"

# Lowest first. The files at core/'s top (result, digest, hasher, mediatypes, libraryversions) are the floor.
CORE_ORDER=(json jobs format io signatures attestations model attached registry trust engine sources journal pin layers verify compare report)

fail=0
bad() { echo "$1"; fail=1; }

while IFS= read -r line; do
    bad "include without its layer: $line"
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' core ui app tests --include='*.h' --include='*.cpp' |
    grep -vE '#[[:space:]]*include[[:space:]]*"(core|ui|app|tests)/' | grep -vE '"[A-Za-z0-9_]+\.moc"|"ui_[a-z0-9_]+\.h"' || true)

while IFS= read -r line; do
    bad "core/ includes a GUI or upper-layer header: $line"
done < <(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](ui/|app/|tests/|QtGui|QtWidgets|QWidget|QColor|QIcon|QPixmap|QImage|QApplication|QGuiApplication|QPalette|QFont|QClipboard)' core || true)

while IFS= read -r line; do
    bad "ui/ includes app/: $line"
done < <(grep -rnE '#[[:space:]]*include[[:space:]]*"app/' ui || true)

rank() {
    local i
    for i in "${!CORE_ORDER[@]}"; do
        [[ ${CORE_ORDER[$i]} == "$1" ]] && { echo "$i"; return; }
    done
    echo -1
}
for dir in core/*/; do
    from=$(basename "$dir")
    r_from=$(rank "$from")
    [[ $r_from -ge 0 ]] || { bad "core/$from is not in CORE_ORDER (tests/architecture/check-layers.sh)"; continue; }
    while IFS=: read -r file lineno to; do
        r_to=$(rank "$to")
        if [[ $r_to -lt 0 || $r_to -gt $r_from ]]; then
            bad "upward include: $file:$lineno (core/$from includes core/$to)"
        fi
    done < <(grep -rnoE '#[[:space:]]*include[[:space:]]*"core/[a-z]+/' "$dir" | sed -E 's#\#[[:space:]]*include[[:space:]]*"core/([a-z]+)/#\1#' |
        awk -F: -v self="$from" '$3 != self')
done

[[ $fail -eq 0 ]] && echo "architecture: includes name their layer, core is GUI-free, core's folders point down"
exit $fail
