// SPDX-License-Identifier: MIT
// Image manifests and indexes (image-spec manifest.md, image-index.md; Docker schema 2 and lists).
#pragma once

#include "core/model/descriptor.h"

#include <QList>
#include <optional>

namespace strata {

enum class DocumentKind { Index, Manifest, Schema1, Unknown };

QString documentKindName(DocumentKind k);

// Decides what a JSON document is from its own content and the media type its referrer declared.
// Runs the CVE-2021-41190 ambiguity check in both directions: a document with both manifest fields
// (config/layers) and index fields (manifests), or whose fields contradict its mediaType, is Malformed.
// A document whose own mediaType differs from the declared one but is of the same kind (a Docker
// manifest referenced as an OCI manifest) is accepted, with `warning` set.
Result<DocumentKind> detectDocumentKind(const QJsonObject &doc, const QString &declaredMediaType,
                                        const QString &context, QString *warning = nullptr);

struct Manifest
{
    int schemaVersion = 0;
    QString mediaType; // the document's own, may be empty
    QString artifactType;
    Descriptor config;
    QList<Descriptor> layers;
    std::optional<Descriptor> subject;
    QMap<QString, QString> annotations;

    static Result<Manifest> fromJson(const QJsonObject &o, const QString &context);
};

struct Index
{
    int schemaVersion = 0;
    QString mediaType;
    QString artifactType;
    QList<Descriptor> manifests;
    bool manifestsWasNull = false; // Docker 25.0.0–25.0.2 writes "manifests": null
    QList<Error> invalidManifests; // entries that are not valid descriptors: skipped, reported
    std::optional<Descriptor> subject;
    QMap<QString, QString> annotations;

    static Result<Index> fromJson(const QJsonObject &o, const QString &context);
};

} // namespace strata
