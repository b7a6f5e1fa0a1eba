// SPDX-License-Identifier: MIT
#include "core/pin/pinreference.h"

using namespace Qt::StringLiterals;

namespace strata::pin {

Result<ParsedReference> ParsedReference::parse(const QString &text)
{
    ParsedReference r;
    QString name = text;
    const qsizetype at = text.indexOf(u'@');
    if (at >= 0) {
        Result<Digest> d = Digest::parse(text.mid(at + 1));
        if (!d)
            return makeError(ErrorCode::Malformed,
                             u"\"%1\" is not a valid digest: %2"_s.arg(text.mid(at + 1).left(100), d.error().message),
                             text.left(300));
        r.digest = d.value();
        name = text.left(at);
    }
    // RegistryReference drops the tag of "name:tag@digest" (the digest decides); pinning keeps it to check it.
    Result<RegistryReference> reg = RegistryReference::parse(name);
    if (!reg)
        return makeError(ErrorCode::Malformed, reg.error().message, text.left(300));
    r.registry = reg.value();
    const qsizetype lastSlash = name.lastIndexOf(u'/');
    const qsizetype colon = name.lastIndexOf(u':');
    if (colon > lastSlash)
        r.tag = name.mid(colon + 1);
    return r;
}

QString pinnedText(const QString &text, const ParsedReference &ref, const Digest &digest)
{
    return text + (ref.tag.isEmpty() ? u":latest"_s : QString()) + u'@' + digest.toString();
}

void lineAndColumn(const QByteArray &bytes, qsizetype offset, int *line, int *column)
{
    int l = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i)
        if (bytes[i] == '\n') {
            ++l;
            lineStart = i + 1;
        }
    *line = l;
    *column = int(offset - lineStart) + 1;
}

} // namespace strata::pin
