#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# AppImage recipe (linuxdeploy + its Qt plugin). A DOCUMENTED recipe, not run by the tests: it
# downloads linuxdeploy and its Qt plugin from GitHub, which a machine without internet cannot do.
# Run from the repository root on Debian 12 after `bash packaging/install-deps.sh`:
#     bash packaging/appimage/build-appimage.sh
# Result: Strata-<version>-x86_64.AppImage in build-appimage/. It bundles Qt 6 and every library
# the binary links (libarchive, OpenSSL, ISA-L, zstd) from the build machine, so build on the
# oldest distribution you want to support.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=build-appimage
tools=$build/tools
appdir=$build/AppDir
arch=$(uname -m)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTRATA_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr
cmake --build "$build"
rm -rf "$appdir"
DESTDIR="$PWD/$appdir" cmake --install "$build" --strip

mkdir -p "$tools"
base=https://github.com/linuxdeploy
for tool in "linuxdeploy/releases/download/continuous/linuxdeploy-$arch.AppImage" \
            "linuxdeploy-plugin-qt/releases/download/continuous/linuxdeploy-plugin-qt-$arch.AppImage"; do
    file=$tools/$(basename "$tool")
    [[ -x $file ]] || { curl -fL --retry 3 -o "$file" "$base/$tool" && chmod +x "$file"; }
done

# The Qt plugin finds Qt through qmake; Debian ships Qt 6's as qmake6.
export QMAKE=/usr/lib/qt6/bin/qmake6
# Only the platform plugins the window needs (xcb for X11, wayland when installed).
export EXTRA_PLATFORM_PLUGINS="libqoffscreen.so"
export VERSION
VERSION=$(sed -n 's/^project(Strata VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
cd "$build"
PATH="$PWD/tools:$PATH" "./tools/linuxdeploy-$arch.AppImage" \
    --appdir AppDir \
    --executable AppDir/usr/bin/strata \
    --desktop-file AppDir/usr/share/applications/dev.strata.Strata.desktop \
    --icon-file AppDir/usr/share/icons/hicolor/256x256/apps/dev.strata.Strata.png \
    --icon-filename dev.strata.Strata \
    --plugin qt \
    --output appimage
ls -l Strata-*.AppImage
