// SPDX-License-Identifier: MIT
// Descriptor parsing with strict digest and size rules.
#include "core/model/descriptor.h"
#include "core/json/jsondocument.h"
#include "core/mediatypes.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata {

Result<Descriptor> Descriptor::fromJson(const QJsonObject &o, const QString &context)
{
    Descriptor d;
    const QJsonValue mt = o.value("mediaType"_L1);
    if (!mt.isString())
        return makeError(ErrorCode::Malformed, u"descriptor has no \"mediaType\""_s, context);
    d.mediaType = mt.toString();
    // An invalid media type is shown and warned about by the readers, not fatal: image-layout.md says
    // an unknown mediaType in index.json MUST NOT generate an error.
    if (d.mediaType.size() > 255)
        return makeError(ErrorCode::Malformed, u"descriptor media type is over 255 characters"_s, context);
    const QJsonValue dg = o.value("digest"_L1);
    if (!dg.isString())
        return makeError(ErrorCode::Malformed, u"descriptor has no \"digest\""_s, context);
    Result<Digest> digest = Digest::parse(dg.toString());
    if (!digest)
        return makeError(ErrorCode::Malformed,
                         u"descriptor digest \"%1\" is invalid%2: %3"_s.arg(
                             dg.toString().left(120),
                             dg.toString().contains(u'/') ? u" (it would be a path traversal)"_s : QString(),
                             digest.error().message),
                         context);
    d.digest = digest.value();
    Result<qint64> size = json::requireSize(o, "size"_L1, context);
    if (!size)
        return size.error();
    d.size = size.value();
    d.urls = json::optStringList(o, "urls"_L1);
    d.annotations = json::optStringMap(o, "annotations"_L1);
    d.artifactType = json::optString(o, "artifactType"_L1);
    if (o.value("platform"_L1).isObject())
        d.platform = Platform::fromJson(o.value("platform"_L1).toObject());
    if (o.value("data"_L1).isString()) {
        auto decoded = QByteArray::fromBase64Encoding(o.value("data"_L1).toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return makeError(ErrorCode::Malformed, u"descriptor \"data\" is not valid base64"_s, context);
        d.data = decoded.decoded;
    }
    return d;
}

QJsonObject Descriptor::toJson() const
{
    QJsonObject o{{u"mediaType"_s, mediaType}, {u"digest"_s, digest.toString()}, {u"size"_s, size}};
    if (!artifactType.isEmpty())
        o.insert(u"artifactType"_s, artifactType);
    if (platform)
        o.insert(u"platform"_s, platform->toJson());
    if (!urls.isEmpty())
        o.insert(u"urls"_s, QJsonArray::fromStringList(urls));
    if (!annotations.isEmpty()) {
        QJsonObject a;
        for (auto it = annotations.begin(); it != annotations.end(); ++it)
            a.insert(it.key(), it.value());
        o.insert(u"annotations"_s, a);
    }
    return o;
}

} // namespace strata
