#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages needed to build and test Strata (idempotent; fast when all are present).
set -euo pipefail

BUILD_PKGS=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev
    libarchive-dev libssl-dev libzstd-dev libisal-dev zlib1g-dev
    librsvg2-bin dpkg-dev
    # core/trust/gpgverify.cpp checks GPG simple signing through GPGME; core/signatures' COSE decoder uses libcbor
    libgpgme-dev libcbor-dev
    # core/pin (strata pin) finds image references in Compose, Kubernetes and CI files with yaml-cpp
    libyaml-cpp-dev
    # core/journal keeps the tag history journal in SQLite through QtSql's driver plugin
    libqt6sql6-sqlite
)
# Tests build real images with skopeo/umoci, serve them with docker-registry (htpasswd from
# apache2-utils makes its bcrypt password file; curl adds tags), run the GUI under Xvfb, lint the
# desktop integration files and the man page, and check the .deb (CPack runs dpkg-shlibdeps from
# dpkg-dev; the build renders the PNG icons with rsvg-convert from librsvg2-bin).
TEST_PKGS=(
    skopeo umoci docker-registry apache2-utils curl podman
    xvfb xauth
    isal pigz zstd jq openssl ca-certificates python3 file time
    desktop-file-utils appstream groff-base man-db
    # tests/core/tst_gpgverify and tst_policy make keys and signatures with gpg (skopeo standalone-sign signs
    # through it)
    gnupg
    # tests/fuzz (the fuzz preset): clang with libFuzzer and the sanitizer runtimes; llvm for llvm-symbolizer
    clang libclang-rt-14-dev llvm
    # tests/architecture/check-format.sh: the formatter .clang-format is written for
    clang-format-14
    # tests/core/tst_hostile builds bombs and odd layers with these, tst_compressions compressed
    # archives and layers, tests/bench/bench-compressions.sh its compressed images
    gzip xz-utils bzip2 lz4 coreutils tar
    # the hermetic stage of tests/run-all.sh: the fonts ImageMagick pulls in (fontconfig then answers
    # "monospace" with Noto Sans Mono), a second locale and time zone, unshare for a private
    # /var/lib/containers, fc-match to print which fonts a run used
    fonts-noto-mono fonts-urw-base35 fonts-dejavu-core fontconfig locales tzdata util-linux
)
# Locales the hermetic stage runs the suites under (generated once; locale-gen is slow).
LOCALES=(de_DE.UTF-8)

# tests/npm (tst_attestations and tst_ui_sbomview run `npm sbom` over its lock file): Node.js and npm from apt only
# when there is no npm at all (a NodeSource nodejs carries its own npm and conflicts with Debian's npm package).
command -v npm >/dev/null || TEST_PKGS+=(nodejs npm)
# `npm sbom` came with npm 9.5 and Debian 12's npm is 9.2: such an npm is replaced by npm 10 from the npm registry
# (npm 10 still runs on Debian's Node 18; npm 11 needs Node 20).
have_npm_sbom() { npm sbom --help >/dev/null 2>&1; }

ALL=("${BUILD_PKGS[@]}" "${TEST_PKGS[@]}")
# One dpkg-query call for all packages keeps repeated runs fast. Unknown packages print nothing
# (and an error, ignored), removed ones print e.g. "deinstall ok config-files", so only the
# exact "installed" state counts.
installed=" $({ dpkg-query -W -f='${Package} ${Status}\n' "${ALL[@]}" 2>/dev/null || true; } |
    awk '$2 == "install" && $3 == "ok" && $4 == "installed" { printf "%s ", $1 }')"
missing=()
for pkg in "${ALL[@]}"; do
    [[ $installed == *" $pkg "* ]] || missing+=("$pkg")
done

have_locales() {
    local l
    for l in "${LOCALES[@]}"; do
        locale -a 2>/dev/null | grep -qix "${l/UTF-8/utf8}" || return 1
    done
}

if [[ ${#missing[@]} -eq 0 ]] && have_locales && have_npm_sbom; then
    echo "install-deps: all ${#ALL[@]} packages and ${LOCALES[*]} already installed"
    exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
        SUDO=(sudo)
    else
        echo "install-deps: not root and sudo is not available; install as root: ${missing[*]}" >&2
        exit 1
    fi
fi

if [[ ${#missing[@]} -gt 0 ]]; then
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # sudo drops the environment by default, so pass the frontend explicitly.
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
if ! have_locales; then
    echo "install-deps: generating ${LOCALES[*]}"
    for l in "${LOCALES[@]}"; do
        "${SUDO[@]}" sed -i -E "s/^# *(${l//./\\.} UTF-8)/\\1/" /etc/locale.gen
        grep -qE "^${l//./\\.} UTF-8" /etc/locale.gen || echo "$l UTF-8" | "${SUDO[@]}" tee -a /etc/locale.gen >/dev/null
    done
    "${SUDO[@]}" locale-gen
fi
if ! have_npm_sbom; then
    echo "install-deps: npm $(npm --version) has no \`npm sbom\`: installing npm 10 from the npm registry"
    "${SUDO[@]}" npm install -g npm@10
fi
echo "install-deps: done"
