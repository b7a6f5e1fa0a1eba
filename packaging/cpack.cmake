# SPDX-License-Identifier: MIT
# CPack settings for the Debian package, included last from the root CMakeLists.txt.
# From the build folder: `cpack -G DEB` writes strata_<version>_<arch>.deb.
set(CPACK_PACKAGE_NAME strata)
set(CPACK_PACKAGE_VENDOR "Strata")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "container image explorer and verifier")
set(CPACK_PACKAGE_CONTACT "Strata maintainers <maintainers@strata.dev>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://strata.dev")
set(CPACK_PACKAGE_INSTALL_DIRECTORY strata)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_LIST_DIR}/copyright)
# Debian packages ship stripped binaries; `cmake --install` keeps the debug information.
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR "")

set(CPACK_DEBIAN_PACKAGE_NAME strata)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${CPACK_PACKAGE_HOMEPAGE_URL})
# CPack takes the synopsis from CPACK_PACKAGE_DESCRIPTION_SUMMARY and indents this extended
# description; "." lines separate paragraphs.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Strata opens a saved container image (every docker save flavour, OCI archives
and OCI layout folders, gzip or zstd compressed, multi-image and
multi-platform), a registry, a registry's storage folder or the local Docker
or Podman engine, and shows its graph: index, manifests per platform, config
and ordered layers with their digests, sizes and media types.
.
It checks every digest, size and diff_id against the bytes in one streaming
pass per blob on all cores and explains each mismatch. It lists the files of
each layer and of the merged filesystem, reports wasted space, and compares
two images layer by layer, config field by field and file by file.
.
The same works headless for CI: strata inspect, verify, ls and diff, with
JSON output and exit codes.")
# dpkg-shlibdeps computes Depends from the binary's libraries (Qt 6, libarchive, OpenSSL, ISA-L, zstd).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt finds its platform plugins in libqt6gui6 (a shlibdeps result); skopeo makes the archives Strata
# reads and is only suggested.
# The tag history journal (core/journal) opens SQLite through a Qt plugin, which shlibdeps cannot see.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "skopeo, umoci")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

include(CPack)
