# SPDX-License-Identifier: MIT
# Sourced by the packaging tests: the files an install holds, relative to the prefix, sorted.
# $1: the hicolor PNG sizes, space-separated.
strata_expected_files() {
    local size
    {
        echo bin/strata
        echo share/applications/dev.strata.Strata.desktop
        echo share/metainfo/dev.strata.Strata.metainfo.xml
        echo share/icons/hicolor/scalable/apps/dev.strata.Strata.svg
        for size in $1; do
            echo "share/icons/hicolor/${size}x${size}/apps/dev.strata.Strata.png"
        done
        echo share/man/man1/strata.1.gz
        echo share/doc/strata/copyright
    } | LC_ALL=C sort
}

# Fails unless every PNG icon under $1 (a prefix) has the size its folder names.
strata_check_icon_sizes() {
    local prefix=$1 size info
    for size in $2; do
        info=$(file -b "$prefix/share/icons/hicolor/${size}x${size}/apps/dev.strata.Strata.png")
        if [[ $info != "PNG image data, $size x $size,"* ]]; then
            echo "FAIL: the ${size}x${size} icon is: $info" >&2
            return 1
        fi
    done
}
