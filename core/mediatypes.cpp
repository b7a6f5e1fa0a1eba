// SPDX-License-Identifier: MIT
// Media type classification.
#include "core/mediatypes.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::mediatype {

bool isIndex(const QString &mt)
{
    return mt == QLatin1StringView(OciIndex) || mt == QLatin1StringView(DockerList);
}

bool isManifest(const QString &mt)
{
    return mt == QLatin1StringView(OciManifest) || mt == QLatin1StringView(DockerManifest);
}

bool isImageConfig(const QString &mt)
{
    return mt == QLatin1StringView(OciConfig) || mt == QLatin1StringView(DockerConfig);
}

bool isLayer(const QString &mt)
{
    return mt.startsWith(u"application/vnd.oci.image.layer."_s) ||
           mt.startsWith(u"application/vnd.docker.image.rootfs."_s);
}

bool isNonDistributable(const QString &mt)
{
    return mt.contains(u"nondistributable"_s) || mt.contains(u".foreign."_s);
}

bool isEncrypted(const QString &mt)
{
    return mt.endsWith(u"+encrypted"_s);
}

Kind kindOf(const QString &mt)
{
    if (isIndex(mt))
        return Kind::Index;
    if (isManifest(mt))
        return Kind::Manifest;
    if (isImageConfig(mt))
        return Kind::ImageConfig;
    if (isLayer(mt))
        return Kind::Layer;
    if (mt == QLatin1StringView(DockerSchema1) || mt == QLatin1StringView(DockerSchema1Signed))
        return Kind::Schema1;
    return Kind::Other;
}

Compression declaredCompression(const QString &mt)
{
    if (mt.endsWith(u"+gzip"_s) || mt.endsWith(u".tar.gzip"_s) || mt.endsWith(u"+gzip+encrypted"_s))
        return Compression::Gzip;
    if (mt.endsWith(u"+zstd"_s) || mt.endsWith(u".tar.zstd"_s) || mt.endsWith(u"+zstd+encrypted"_s))
        return Compression::Zstd;
    if (mt.endsWith(u".tar"_s) || mt.endsWith(u"v1.tar"_s))
        return Compression::None;
    return Compression::Unknown;
}

QString compressionName(Compression c)
{
    switch (c) {
    case Compression::None: return u"none"_s;
    case Compression::Gzip: return u"gzip"_s;
    case Compression::Zstd: return u"zstd"_s;
    case Compression::Xz: return u"xz"_s;
    case Compression::Bzip2: return u"bzip2"_s;
    case Compression::Lz4: return u"lz4"_s;
    case Compression::Unknown: break;
    }
    return u"unknown"_s;
}

bool isValidMediaTypeSyntax(const QString &mt)
{
    static const QRegularExpression re(
        u"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$"_s);
    return re.match(mt).hasMatch();
}

} // namespace strata::mediatype
