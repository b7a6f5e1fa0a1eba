// SPDX-License-Identifier: MIT
// A content descriptor {mediaType, digest, size, …} (image-spec descriptor.md).
#pragma once

#include "core/digest.h"
#include "core/model/platform.h"

#include <QMap>
#include <QStringList>
#include <optional>

namespace strata {

struct Descriptor
{
    QString mediaType;
    Digest digest;
    qint64 size = -1;
    QStringList urls; // shown, never fetched automatically (CVE-2020-15157; containers/image docker/docker_client.go)
    QMap<QString, QString> annotations;
    QString artifactType;
    std::optional<Platform> platform;
    std::optional<QByteArray> data; // decoded embedded content

    // Errors: Malformed, naming `context` (e.g. "index.json manifests[2]").
    static Result<Descriptor> fromJson(const QJsonObject &o, const QString &context);
    QJsonObject toJson() const;
    QString annotation(const QString &key) const { return annotations.value(key); }
};

} // namespace strata
