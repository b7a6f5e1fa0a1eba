// SPDX-License-Identifier: MIT
// Platform parsing and matching.
#include "core/model/platform.h"
#include "core/json/jsondocument.h"

using namespace Qt::StringLiterals;

namespace strata {

QString Platform::toString() const
{
    if (isEmpty())
        return {};
    QString s = os + u'/' + architecture;
    if (!variant.isEmpty())
        s += u'/' + variant;
    return s;
}

bool Platform::matches(const Platform &f) const
{
    return (f.os.isEmpty() || f.os == os) && (f.architecture.isEmpty() || f.architecture == architecture) &&
           (f.variant.isEmpty() || f.variant == variant);
}

Platform Platform::fromJson(const QJsonObject &o)
{
    Platform p;
    p.os = json::optString(o, "os"_L1);
    p.architecture = json::optString(o, "architecture"_L1);
    p.variant = json::optString(o, "variant"_L1);
    p.osVersion = json::optString(o, "os.version"_L1);
    p.osFeatures = json::optStringList(o, "os.features"_L1);
    return p;
}

Result<Platform> Platform::parse(const QString &text)
{
    const QStringList parts = text.split(u'/');
    if (parts.size() < 2 || parts.size() > 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return makeError(ErrorCode::Malformed, u"platform must be OS/ARCH[/VARIANT]"_s, text);
    Platform p;
    p.os = parts[0];
    p.architecture = parts[1];
    if (parts.size() == 3)
        p.variant = parts[2];
    return p;
}

QJsonObject Platform::toJson() const
{
    QJsonObject o{{u"os"_s, os}, {u"architecture"_s, architecture}};
    if (!variant.isEmpty())
        o.insert(u"variant"_s, variant);
    if (!osVersion.isEmpty())
        o.insert(u"os.version"_s, osVersion);
    return o;
}

} // namespace strata
