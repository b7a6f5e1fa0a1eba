// SPDX-License-Identifier: MIT
// Every test process runs in an environment of its own: a fresh HOME, XDG folders, Docker and
// containers configuration, so that what a developer or a machine has (settings of an older
// Strata, ~/.docker/config.json with credentials for other hosts, registries.conf search lists,
// podman state and the blob-info cache under /var/lib/containers) never changes a verdict.
// Locale, time zone and fonts are left as they are: the product must be right under any of them,
// and tests/run-all.sh runs the suites again under others.
#pragma once

#include <QString>

namespace strata::test {

// Points HOME, XDG_{CONFIG,DATA,CACHE,STATE}_HOME, XDG_RUNTIME_DIR, DOCKER_CONFIG,
// CONTAINERS_{REGISTRIES_CONF,STORAGE_CONF} at a private folder removed at exit (with a
// policy.json that accepts anything, an empty registries.conf and vfs storage inside it), and
// unsets REGISTRY_AUTH_FILE, DOCKER_HOST, CONTAINER_HOST and the Docker TLS variables. Child
// processes (the strata CLI, skopeo, podman) inherit it. Call before QCoreApplication exists;
// idempotent. Returns the private folder.
QString isolateEnvironment();

} // namespace strata::test

// Use instead of QTEST_MAIN / QTEST_GUILESS_MAIN / QTEST_APPLESS_MAIN: the environment is isolated
// during static initialisation of the test's own translation unit, before main() runs.
#define STRATA_ISOLATED_ENVIRONMENT()                                                                                  \
    [[maybe_unused]] static const QString strataIsolatedHome = strata::test::isolateEnvironment();
#define STRATA_TEST_MAIN(TestObject) STRATA_ISOLATED_ENVIRONMENT() QTEST_MAIN(TestObject)
#define STRATA_TEST_GUILESS_MAIN(TestObject) STRATA_ISOLATED_ENVIRONMENT() QTEST_GUILESS_MAIN(TestObject)
#define STRATA_TEST_APPLESS_MAIN(TestObject) STRATA_ISOLATED_ENVIRONMENT() QTEST_APPLESS_MAIN(TestObject)
