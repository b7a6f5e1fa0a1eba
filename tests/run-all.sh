#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is needed, builds and runs every test: the CI preset (warnings as errors) with
# the whole Qt Test suite. This is the README's test command and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
