#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# strata.1 renders without a single groff or man warning, its compressed copy is the same page,
# and it documents every verb the CLI dispatches, every option the verbs and the window accept,
# every source syntax and every exit status.
# Usage: check-manpage.sh SOURCE_DIR BUILT_MAN_GZ PROJECT_VERSION
set -euo pipefail
src=$1 gz=$2 version=$3
page=$src/packaging/strata.1
fail() { echo "FAIL: $*" >&2; exit 1; }
errors=0
missing() { echo "FAIL: strata.1 does not document $*" >&2; errors=$((errors + 1)); }

echo "== groff -man -Tutf8 -ww"
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[[ -z $warnings ]] || fail "groff warns: $warnings"
echo "== man -l"
rendered=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" 2>"${TMPDIR:-/tmp}/strata-man-$$.err")
warnings=$(cat "${TMPDIR:-/tmp}/strata-man-$$.err"); rm -f "${TMPDIR:-/tmp}/strata-man-$$.err"
[[ -z $warnings ]] || fail "man warns: $warnings"
[[ $rendered == *"explore a container image"* ]] || fail "man -l rendered no NAME line"
[[ -f $gz ]] || fail "the build made no $gz"
cmp -s <(gzip -dc "$gz") "$page" || fail "$gz is not packaging/strata.1 (rebuild)"
grep -q "^\.TH STRATA 1 .* \"Strata $version\"" "$page" || fail "the .TH line does not name Strata $version"

# Verbs: every `arg == u"VERB"` of isVerb() in app/cli/cli.cpp.
verbs=$(grep -o 'arg == u"[a-z-]*"' "$src/app/cli/cli.cpp" | sed 's/.*u"\(.*\)"/\1/')
[[ -n $verbs ]] || fail "found no verbs in app/cli/cli.cpp"
for verb in $verbs; do
    grep -q "^\.SY \"strata $verb\"" "$page" || missing "verb $verb in SYNOPSIS"
    grep -q "^\.BI \"$verb " "$page" || missing "verb $verb under COMMANDS"
done

# Options: every QCommandLineOption name in app/cli/ and ui/guioptions.cpp, plus the built-ins.
options=$(cat "$src"/app/cli/*.cpp "$src/ui/guioptions.cpp" |
    perl -0777 -ne 'print "$1\n" while /(?:QCommandLineOption\s*\w*\s*\(|addOption\(\s*\{)\s*u"([a-z][a-z-]*)"_s/g' | sort -u)
[[ $(echo "$options" | wc -l) -ge 10 ]] || fail "found only these options in the sources: $options"
for opt in $options help version; do
    grep -qF -- "\\-\\-${opt//-/\\-}" "$page" || missing "option --$opt"
done
grep -qF -- '.BR \-h ", " \-\-help' "$page" || missing "-h"
grep -qF -- '.BR \-v ", " \-\-version' "$page" || missing "-v"

# Sources: every transport prefix of core/sources/, and the registry and engine ones.
prefixes=$(grep -ho 'u"[a-z-]*:\(//\)\?"' "$src"/core/sources/*.cpp | sed 's/u"\(.*\)"/\1/' | sort -u)
for prefix in $prefixes docker:// registry-dir: docker-daemon:; do
    grep -q "^\.BI ${prefix//-/\\\\-}" "$page" || missing "source syntax $prefix"
done
grep -qF -- '\-\-tls\-verify=false' "$page" || missing "--tls-verify=false"

# Exit statuses: every value of the ExitCode enum in app/cli/cli.h.
for code in $(grep -o 'Exit[A-Za-z]* = [0-9]*' "$src/app/cli/cli.h" | awk '{print $3}'); do
    sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$page" | grep -qx "\.B $code" || missing "exit status $code"
done

[[ $errors -eq 0 ]] || exit 1
echo "PASS: strata.1 renders cleanly and documents verbs: $(echo $verbs), $(echo "$options" | wc -l) options, sources: $(echo $prefixes) docker:// registry-dir: docker-daemon:"
