// SPDX-License-Identifier: MIT
// Digest ↔ member name mapping for the writers: moby daemon/internal/image/tarexport/save.go,
// containers/image docker/internal/tarfile/writer.go, containerd core/images/archive/exporter.go.
#include "core/sources/blobpaths.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata {

QString ociBlobPath(const Digest &d)
{
    if (!d.isVerifiable())
        return {};
    return u"blobs/"_s + d.algorithmName() + u'/' + d.encoded();
}

std::optional<Digest> digestFromMemberName(const QString &member)
{
    static const QRegularExpression blobs(u"^blobs/([a-z0-9]+)/([a-f0-9]+)$"_s);
    static const QRegularExpression hexFile(u"^(?:.*/)?([a-f0-9]{64})(?:\\.json|\\.tar|\\.tar\\.gz|\\.tar\\.zst)$"_s);
    static const QRegularExpression prefixed(u"^(sha256:[a-f0-9]{64})$"_s);
    if (auto m = blobs.match(member); m.hasMatch()) {
        if (Result<Digest> d = Digest::parse(QString(m.captured(1) + u':' + m.captured(2))))
            return d.value();
        return std::nullopt;
    }
    if (auto m = hexFile.match(member); m.hasMatch())
        return Digest::parse(QString(u"sha256:"_s + m.captured(1))).value();
    if (auto m = prefixed.match(member); m.hasMatch())
        return Digest::parse(m.captured(1)).value();
    return std::nullopt;
}

} // namespace strata
