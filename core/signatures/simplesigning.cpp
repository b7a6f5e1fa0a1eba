// SPDX-License-Identifier: MIT
// Simple signing payloads: critical.{type, image.docker-manifest-digest, identity.docker-reference}, optional.
#include "core/signatures/simplesigning.h"
#include "core/json/jsondocument.h"
#include "core/signatures/signaturelimits.h"

using namespace Qt::StringLiterals;

namespace strata {

Result<SimpleSigningClaims> parseSimpleSigning(const QByteArray &payload, const QString &context)
{
    Result<QJsonObject> o = json::parseObject(payload, limits::SignatureBytes, context);
    if (!o)
        return o.error();
    const QJsonValue critical = o->value("critical"_L1);
    if (!critical.isObject())
        return makeError(ErrorCode::Malformed,
                         u"the payload has no \"critical\" object: not a simple signing payload"_s, context);
    SimpleSigningClaims c;
    const QJsonObject crit = critical.toObject();
    c.type = json::optString(crit, "type"_L1);
    if (c.type.isEmpty())
        c.problems << u"critical.type is missing"_s;
    const QString digest = json::optString(crit.value("image"_L1).toObject(), "docker-manifest-digest"_L1);
    if (digest.isEmpty()) {
        c.problems << u"critical.image.docker-manifest-digest is missing"_s;
    } else if (Result<Digest> d = Digest::parse(digest); d) {
        c.manifestDigest = d.value();
    } else {
        c.problems << u"critical.image.docker-manifest-digest \"%1\" is not a digest: %2"_s.arg(digest.left(100),
                                                                                                d.error().message);
    }
    c.dockerReference = json::optString(crit.value("identity"_L1).toObject(), "docker-reference"_L1);
    if (!crit.value("identity"_L1).isObject())
        c.problems << u"critical.identity is missing"_s;
    c.optional = o->value("optional"_L1).toObject();
    return c;
}

} // namespace strata
