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

    // history index → layer index, -1 for empty_layer steps. Empty when the number of non-empty
    // steps differs from diff_ids (moby rejects that; containers/image tolerates it): callers warn.
    QList<int> historyToLayer() const;
    // layer index → created_by of the history step that made it, empty when unmapped.
    QStringList layerCommands() const;
};

} // namespace strata
