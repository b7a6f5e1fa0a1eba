// SPDX-License-Identifier: MIT
// distribution/reference regexp.go and normalize.go, as containers/image docker/reference vendors them.
#include "core/trust/dockerreference.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::trust {

namespace {

// regexp.go: alphanumeric, separator, path component, domain name component, tag, digest.
const QString PathComponent = u"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"_s;
const QString DomainComponent = u"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"_s;
const QString Ipv6 = u"\\[(?:[a-fA-F0-9:]+)\\]"_s;
const QString DomainName = DomainComponent + u"(?:\\."_s + DomainComponent + u")*"_s;
const QString Host = u"(?:"_s + DomainName + u"|"_s + Ipv6 + u")"_s;
const QString Domain = Host + u"(?::[0-9]+)?"_s;
const QString NamePath = PathComponent + u"(?:/"_s + PathComponent + u")*"_s;
const QString Name = u"(?:"_s + Domain + u"/)?"_s + NamePath;

enum { ReDomain, ReName, RePath, ReTag, ReDigest, ReIdentifier };

const QRegularExpression &re(int which)
{
    static const QRegularExpression res[] = {
        QRegularExpression(u"^"_s + Domain + u"$"_s),
        QRegularExpression(u"^"_s + Name + u"$"_s),
        QRegularExpression(u"^"_s + NamePath + u"$"_s),
        QRegularExpression(u"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"_s), // Go's \w is ASCII only
        QRegularExpression(u"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$"_s),
        QRegularExpression(u"^[a-f0-9]{64}$"_s),
    };
    return res[which];
}

Error malformed(const QString &text, const QString &why)
{
    return makeError(ErrorCode::Malformed, why, u"Docker reference \"%1\""_s.arg(text.left(300)));
}

} // namespace

QString DockerReference::toString() const
{
    QString s = name();
    if (!tag.isEmpty())
        s += QLatin1Char(':') + tag;
    if (!digest.isEmpty())
        s += QLatin1Char('@') + digest;
    return s;
}

DockerReference DockerReference::withDefaultTag() const
{
    DockerReference r = *this;
    if (r.isNameOnly())
        r.tag = u"latest"_s;
    return r;
}

bool DockerReference::isValidDomain(const QString &text)
{
    return text.size() <= MaxNameLength && re(ReDomain).match(text).hasMatch();
}

bool DockerReference::isValidName(const QString &text)
{
    return text.size() <= MaxNameLength && re(ReName).match(text).hasMatch();
}

Result<DockerReference> DockerReference::parseNormalized(const QString &text)
{
    if (text.size() > 4 * MaxNameLength)
        return malformed(text, u"longer than %1 characters"_s.arg(4 * MaxNameLength));
    if (re(ReIdentifier).match(text).hasMatch())
        return malformed(text, u"invalid repository name (a 64-hex identifier), use sha256:%1 instead"_s.arg(text));

    // splitDockerDomain: the first component is a domain only when it has a '.' or ':', is "localhost", or has
    // upper case (which then fails the grammar).
    QString domain;
    QString remainder;
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const QString first = slash < 0 ? QString() : text.left(slash);
    if (slash < 0 || (!first.contains(QLatin1Char('.')) && !first.contains(QLatin1Char(':')) &&
                      first != u"localhost"_s && first.toLower() == first)) {
        domain = u"docker.io"_s;
        remainder = text;
    } else {
        domain = first;
        remainder = text.mid(slash + 1);
    }
    if (domain == u"index.docker.io"_s)
        domain = u"docker.io"_s;
    if (domain == u"docker.io"_s && !remainder.contains(QLatin1Char('/')))
        remainder = u"library/"_s + remainder;

    DockerReference r;
    r.domain = domain;
    QString rest = remainder;
    const qsizetype at = rest.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        r.digest = rest.mid(at + 1);
        rest = rest.left(at);
        if (!re(ReDigest).match(r.digest).hasMatch())
            return malformed(text, u"invalid digest \"%1\""_s.arg(r.digest.left(100)));
    }
    const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0 && !rest.mid(colon).contains(QLatin1Char('/'))) {
        r.tag = rest.mid(colon + 1);
        rest = rest.left(colon);
        if (!re(ReTag).match(r.tag).hasMatch())
            return malformed(text, u"invalid tag \"%1\""_s.arg(r.tag.left(200)));
    }
    if (rest.toLower() != rest)
        return malformed(text, u"repository name must be lowercase"_s);
    r.path = rest;
    if (!re(ReDomain).match(r.domain).hasMatch() || !re(RePath).match(r.path).hasMatch())
        return malformed(text, u"invalid reference format"_s);
    if (r.name().size() > MaxNameLength)
        return malformed(text, u"repository name must not be more than %1 characters"_s.arg(MaxNameLength));
    return r;
}

Result<DockerReference> DockerReference::parseCanonical(const QString &text)
{
    Result<DockerReference> r = parseNormalized(text);
    if (!r)
        return r;
    if (r->toString() != text)
        return malformed(text, u"repository name must be canonical (\"%1\")"_s.arg(r->toString()));
    return r;
}

} // namespace strata::trust
