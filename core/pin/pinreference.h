// SPDX-License-Identifier: MIT
// An image reference found in a deployment file (Dockerfile, Compose, Kubernetes, CI), where it is written, and the
// reference grammar pinning needs: the name and tag as written, kept for humans, and the digest that decides.
#pragma once

#include "core/digest.h"
#include "core/registry/registryreference.h"
#include "core/result.h"

namespace strata::pin {

struct FoundReference
{
    QString text;          // the reference as written (a YAML scalar's value, FROM's argument)
    qsizetype offset = -1; // byte offset of `text` in the file (after any opening quote)
    int line = 0;          // 1-based
    int column = 0;        // 1-based, in bytes
    QString where;         // "FROM (stage build)", "services.web.image", "spec.template.spec.containers[0].image"
    // Why this is not an image to pin (a build stage, scratch, a name built from ARG or ${VAR}); empty when it is one.
    QString leftAlone;
    // Why the text cannot be edited in place (escapes, several lines); empty when it can.
    QString notEditable;
};

// The docker reference grammar (distribution/reference): [host[:port]/]path[:tag][@digest].
struct ParsedReference
{
    RegistryReference registry; // what to ask: host (Docker Hub's endpoint for docker.io), repository, tag
    QString tag;                // as written; empty when none was (the lookup then uses "latest")
    Digest digest;              // null when not pinned

    bool isPinned() const { return !digest.isNull(); }
    // Errors: Malformed (grammar), naming the text.
    static Result<ParsedReference> parse(const QString &text);
};

// What --write puts where `text` was: the same text, ":latest" when no tag was written, and "@digest". Only for
// references that are not pinned yet.
QString pinnedText(const QString &text, const ParsedReference &ref, const Digest &digest);

// 1-based line and byte column of `offset` in `bytes`.
void lineAndColumn(const QByteArray &bytes, qsizetype offset, int *line, int *column);

} // namespace strata::pin
