// SPDX-License-Identifier: MIT
// An image configuration (image-spec config.md, Docker's superset in docker-image-spec).
#pragma once

#include "core/digest.h"

#include <QList>
#include <QMap>
#include <QStringList>

namespace strata {

struct HistoryEntry
{
    QString created;
    QString createdBy;
    QString author;
    QString comment;
    bool emptyLayer = false;
};

struct ImageConfig
{
    QString architecture;
    QString os;
    QString variant;
    QString created;
    QString author;
    // The runtime config ("config" object)
    QString user;
    QStringList exposedPorts;
    QStringList env;
    QStringList entrypoint;
    QStringList cmd;
    QStringList volumes;
    QString workingDir;
    QMap<QString, QString> labels;
    QString stopSignal;
    // rootfs
    QString rootfsType;
    QList<Digest> diffIds;
    QList<HistoryEntry> history;

    // Errors: Malformed (an invalid diff_id, rootfs.type other than "layers").
    static Result<ImageConfig> fromJson(const QJsonObject &o, const QString &context);
    // The same from the config blob's bytes, refused over limits::ConfigBytes (TooLarge) or when they are
    // not a JSON object (Malformed). Pure and thread-safe; the graph parses every config with it on its worker.
    static Result<ImageConfig> fromBytes(const QByteArray &raw, const QString &context);

    // What a container runs when none is given: Entrypoint followed by Cmd as its arguments (Cmd alone when there
    // is no Entrypoint), as docker run and podman run do.
    QStringList effectiveCommand() const;

    // history index → layer index, -1 for empty_layer steps. Empty when the number of non-empty
    // steps differs from diff_ids (moby rejects that; containers/image tolerates it): callers warn.
    QList<int> historyToLayer() const;
    // layer index → created_by of the history step that made it, empty when unmapped.
    QStringList layerCommands() const;
    // layer index → index of the history step that made it; -1 for every layer when the history does not map.
    QList<int> layerToHistory() const;
};

// argv as one line a POSIX shell would split back into the same words: safe words as they are, others in single
// quotes ('it'\''s'), an empty word as ''. For reading, not for running untrusted input.
QString shellJoin(const QStringList &argv);

// A history step's created_by as the Dockerfile line that wrote it: the "/bin/sh -c #(nop) " prefix that the
// classic builder, buildah and kaniko put before non-RUN instructions dropped, "/bin/sh -c " (and the "|N ARG=v"
// build-argument prefix) turned into "RUN ", and BuildKit's " # buildkit" suffix removed. Anything else is
// returned trimmed, as it was (umoci and bazel write free text).
QString dockerfileLine(const QString &createdBy);

} // namespace strata
