// SPDX-License-Identifier: MIT
// Shared pieces of the libFuzzer targets: quiet Qt, a private scratch file, tar checksum repair,
// and the invariants every hostile input must keep (a finding is a crash, so they trap).
#pragma once

#include "core/model/imagegraph.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace strata::fuzz {

// Drops Qt's own warnings (they are expected for hostile input and would flood the log).
void quietQt();

// Writes the input to one file per process, in a private folder under /dev/shm when it exists
// (tmpfs), and returns its path. The folder is removed when the process exits.
QString writeScratch(const uint8_t *data, size_t size, const QString &name);

// Walks `data` as a tar (header, data, header, …) and rewrites each header's checksum, so that
// mutations reach the code behind the checksum. Stops at the first zero block or bad size field.
void fixTarChecksums(uint8_t *data, size_t size);

// A custom mutator body for tar-shaped inputs: libFuzzer's mutation, then (most of the time)
// checksum repair; the rest of the time bad checksums stay, so that path is fuzzed too.
size_t mutateTar(uint8_t *data, size_t size, size_t maxSize, unsigned int seed);

// The input as a JSON object of at most the manifest size limit; nothing when it is not one (the
// JSON layer has its own target: a target for what is built on it starts from an object).
std::optional<QJsonObject> jsonObjectOf(const uint8_t *data, size_t size);

// Traps when an error does not say what and where.
void checkError(const Error &e);
// Traps when a graph or its problems break the invariants the UI relies on.
void checkGraph(const ImageGraph &g);

#define STRATA_FUZZ_ASSERT(cond)                                                                                       \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);                              \
            __builtin_trap();                                                                                          \
        }                                                                                                              \
    } while (0)

} // namespace strata::fuzz
