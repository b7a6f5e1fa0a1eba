// SPDX-License-Identifier: MIT
// Manifest and index parsing with type detection.
#include "core/model/manifest.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata {

QString documentKindName(DocumentKind k)
{
    switch (k) {
    case DocumentKind::Index: return u"index"_s;
    case DocumentKind::Manifest: return u"manifest"_s;
    case DocumentKind::Schema1: return u"schema1 manifest"_s;
    case DocumentKind::Unknown: break;
    }
    return u"unknown document"_s;
}

Result<DocumentKind> detectDocumentKind(const QJsonObject &doc, const QString &declared, const QString &context,
                                        QString *warning)
{
    const bool hasManifestFields = doc.contains("config"_L1) || doc.contains("layers"_L1);
    const bool hasIndexFields = doc.contains("manifests"_L1);
    const QString own = json::optString(doc, "mediaType"_L1);
    const int schema = doc.value("schemaVersion"_L1).toInt(-1);

    if (doc.contains("fsLayers"_L1) || schema == 1) {
        if (hasManifestFields || hasIndexFields)
            return makeError(ErrorCode::Malformed, u"ambiguous document: schema 1 fields mixed with schema 2 fields"_s,
                             context);
        // The media-type check runs for schema 1 too: referenced as an index, it is not a schema 1 manifest.
        for (const QString &mt : {declared, own}) {
            if (!mt.isEmpty() && mediatype::kindOf(mt) != mediatype::Kind::Schema1)
                return makeError(ErrorCode::Malformed,
                                 u"a schema 1 document, but its media type is given as \"%1\""_s.arg(mt.left(120)),
                                 context);
        }
        return DocumentKind::Schema1;
    }
    if (hasManifestFields && hasIndexFields)
        return makeError(ErrorCode::Malformed,
                         u"ambiguous document: it has both manifest fields (config/layers) and index fields "
                         "(manifests), so one digest could name two things (CVE-2021-41190)"_s,
                         context);
    const bool sameKind = (mediatype::isManifest(own) && mediatype::isManifest(declared)) ||
                          (mediatype::isIndex(own) && mediatype::isIndex(declared));
    if (!own.isEmpty() && !declared.isEmpty() && own != declared && sameKind && warning)
        *warning = u"the document says its mediaType is \"%1\" but it is referenced as \"%2\""_s.arg(own, declared);
    else if (!own.isEmpty() && !declared.isEmpty() && own != declared)
        return makeError(
            ErrorCode::Malformed,
            u"the document says its mediaType is \"%1\" but it is referenced as \"%2\""_s.arg(own, declared), context);
    const QString mt = own.isEmpty() ? declared : own;
    if (mediatype::isManifest(mt)) {
        if (hasIndexFields)
            return makeError(
                ErrorCode::Malformed,
                u"ambiguous document: declared a manifest (%1) but has \"manifests\" (CVE-2021-41190)"_s.arg(mt),
                context);
        return DocumentKind::Manifest;
    }
    if (mediatype::isIndex(mt)) {
        if (hasManifestFields)
            return makeError(
                ErrorCode::Malformed,
                u"ambiguous document: declared an index (%1) but has \"config\"/\"layers\" (CVE-2021-41190)"_s.arg(mt),
                context);
        return DocumentKind::Index;
    }
    if (schema == 2) {
        if (hasIndexFields)
            return DocumentKind::Index;
        if (hasManifestFields)
            return DocumentKind::Manifest;
    }
    return DocumentKind::Unknown;
}

namespace {

Result<std::optional<Descriptor>> optDescriptor(const QJsonObject &o, QLatin1StringView key, const QString &context)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::optional<Descriptor>{};
    if (!v.isObject())
        return makeError(ErrorCode::Malformed, u"\"%1\" is not a descriptor object"_s.arg(key), context);
    Result<Descriptor> d = Descriptor::fromJson(v.toObject(), context + u' ' + key);
    if (!d)
        return d.error();
    return std::optional<Descriptor>(d.value());
}

// With `invalid` set, bad entries are collected there and skipped instead of failing the document.
Result<QList<Descriptor>> descriptorArray(const QJsonObject &o, QLatin1StringView key, int limit,
                                          const QString &context, bool *wasNull = nullptr,
                                          QList<Error> *invalid = nullptr)
{
    QList<Descriptor> out;
    const QJsonValue v = o.value(key);
    if (v.isNull() || v.isUndefined()) {
        if (wasNull)
            *wasNull = v.isNull();
        return out;
    }
    if (!v.isArray())
        return makeError(ErrorCode::Malformed, u"\"%1\" is not an array"_s.arg(key), context);
    const QJsonArray arr = v.toArray();
    if (arr.size() > limit)
        return makeError(ErrorCode::TooLarge,
                         u"\"%1\" has %2 entries, over the limit of %3"_s.arg(key).arg(arr.size()).arg(limit), context);
    out.reserve(arr.size());
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString where = u"%1 %2[%3]"_s.arg(context, key).arg(i);
        Result<Descriptor> d = arr[i].isObject()
                                   ? Descriptor::fromJson(arr[i].toObject(), where)
                                   : Result<Descriptor>(makeError(ErrorCode::Malformed, u"not an object"_s, where));
        if (!d && invalid) {
            invalid->append(d.error());
            continue;
        }
        if (!d)
            return d.error();
        out << d.value();
    }
    return out;
}

} // namespace

Result<Manifest> Manifest::fromJson(const QJsonObject &o, const QString &context)
{
    Manifest m;
    m.schemaVersion = o.value("schemaVersion"_L1).toInt();
    if (m.schemaVersion != 2)
        return makeError(ErrorCode::Malformed, u"manifest schemaVersion must be 2"_s, context);
    m.mediaType = json::optString(o, "mediaType"_L1);
    m.artifactType = json::optString(o, "artifactType"_L1);
    if (!o.value("config"_L1).isObject())
        return makeError(ErrorCode::Malformed, u"manifest has no \"config\" descriptor"_s, context);
    Result<Descriptor> config = Descriptor::fromJson(o.value("config"_L1).toObject(), context + u" config"_s);
    if (!config)
        return config.error();
    m.config = config.value();
    auto layers = descriptorArray(o, "layers"_L1, limits::MaxLayers, context);
    if (!layers)
        return layers.error();
    m.layers = layers.value();
    auto subject = optDescriptor(o, "subject"_L1, context);
    if (!subject)
        return subject.error();
    m.subject = subject.value();
    m.annotations = json::optStringMap(o, "annotations"_L1);
    return m;
}

Result<Index> Index::fromJson(const QJsonObject &o, const QString &context)
{
    Index x;
    x.schemaVersion = o.value("schemaVersion"_L1).toInt();
    if (x.schemaVersion != 2)
        return makeError(ErrorCode::Malformed, u"index schemaVersion must be 2"_s, context);
    x.mediaType = json::optString(o, "mediaType"_L1);
    x.artifactType = json::optString(o, "artifactType"_L1);
    auto manifests =
        descriptorArray(o, "manifests"_L1, limits::MaxManifests, context, &x.manifestsWasNull, &x.invalidManifests);
    if (!manifests)
        return manifests.error();
    x.manifests = manifests.value();
    auto subject = optDescriptor(o, "subject"_L1, context);
    if (!subject)
        return subject.error();
    x.subject = subject.value();
    x.annotations = json::optStringMap(o, "annotations"_L1);
    return x;
}

} // namespace strata
