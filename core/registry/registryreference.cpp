// SPDX-License-Identifier: MIT
// Reference parsing after distribution/reference (reference.go, normalize.go).
#include "core/registry/registryreference.h"

#include <QHostAddress>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

QString hostOnly(const QString &hostWithPort)
{
    if (hostWithPort.startsWith(u'[')) {
        const qsizetype end = hostWithPort.indexOf(u']');
        return end > 0 ? hostWithPort.mid(1, end - 1) : hostWithPort;
    }
    const qsizetype colon = hostWithPort.lastIndexOf(u':');
    return colon >= 0 && hostWithPort.count(u':') == 1 ? hostWithPort.left(colon) : hostWithPort;
}

bool isValidHost(const QString &host)
{
    static const QRegularExpression re(
        u"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?$"_s);
    return re.match(host).hasMatch();
}

} // namespace

bool isLoopbackHost(const QString &hostWithPort)
{
    const QString h = hostOnly(hostWithPort).toLower();
    if (h == u"localhost")
        return true;
    QHostAddress a;
    return a.setAddress(h) && a.isLoopback();
}

bool RegistryReference::isLoopback() const
{
    return isLoopbackHost(host);
}

bool RegistryReference::isValidRepository(const QString &name)
{
    static const QRegularExpression re(
        u"^[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*$"_s);
    return name.size() <= 255 && re.match(name).hasMatch();
}

bool RegistryReference::isValidTag(const QString &tag)
{
    static const QRegularExpression re(u"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$"_s);
    return re.match(tag).hasMatch();
}

QString RegistryReference::toString() const
{
    const QString base = host + u'/' + repository;
    return digest.isNull() ? base + u':' + tag : base + u'@' + digest.toString();
}

Result<RegistryReference> RegistryReference::parse(const QString &text)
{
    const QString ctx = u"docker://"_s + text.left(300);
    if (text.isEmpty())
        return makeError(ErrorCode::Malformed, u"no registry reference after docker://"_s, ctx);
    if (text.size() > MaxLength)
        return makeError(ErrorCode::Malformed, u"the reference is longer than %1 characters"_s.arg(MaxLength), ctx);
    RegistryReference r;
    QString rest = text;
    const qsizetype at = rest.indexOf(u'@');
    if (at >= 0) {
        Result<Digest> d = Digest::parse(rest.mid(at + 1));
        if (!d)
            return makeError(ErrorCode::Malformed,
                             u"\"%1\" is not a valid digest: %2"_s.arg(rest.mid(at + 1).left(100), d.error().message),
                             ctx);
        r.digest = d.value();
        rest = rest.left(at);
    }
    // The first component is a registry host if it is "localhost" or has a '.' or ':' (normalize.go).
    const qsizetype slash = rest.indexOf(u'/');
    if (slash > 0) {
        const QString first = rest.left(slash);
        if (first == u"localhost" || first.contains(u'.') || first.contains(u':') || first != first.toLower()) {
            r.host = first;
            rest = rest.mid(slash + 1);
        }
    }
    // A tag follows the last ':' after the last '/'.
    const qsizetype lastSlash = rest.lastIndexOf(u'/');
    const qsizetype colon = rest.lastIndexOf(u':');
    if (colon > lastSlash) {
        r.tag = rest.mid(colon + 1);
        rest = rest.left(colon);
        if (!isValidTag(r.tag))
            return makeError(ErrorCode::Malformed, u"\"%1\" is not a valid tag"_s.arg(r.tag.left(130)), ctx);
    }
    if (r.host.isEmpty() || r.host == u"docker.io" || r.host == u"index.docker.io") {
        r.host = u"registry-1.docker.io"_s;
        if (!rest.contains(u'/'))
            rest = u"library/"_s + rest;
    }
    if (!isValidHost(r.host))
        return makeError(ErrorCode::Malformed, u"\"%1\" is not a valid registry host"_s.arg(r.host.left(100)), ctx);
    if (!isValidRepository(rest))
        return makeError(
            ErrorCode::Malformed,
            u"\"%1\" is not a valid repository name (lower-case letters, digits, separators . _ __ -, and /)"_s.arg(
                rest.left(260)),
            ctx);
    r.repository = rest;
    if (r.tag.isEmpty() && r.digest.isNull())
        r.tag = u"latest"_s;
    if (!r.tag.isEmpty() && !r.digest.isNull())
        r.tag.clear(); // "name:tag@digest": the digest decides, as in containers/image
    // The bound holds for what Strata shows and parses again, not only for what was typed: Docker Hub's
    // host and "library/" make a short reference longer (found by fuzz_authchallenge).
    if (r.toString().size() > MaxLength)
        return makeError(
            ErrorCode::Malformed,
            u"the reference is longer than %1 characters once its registry is spelled out"_s.arg(MaxLength), ctx);
    return r;
}

} // namespace strata
