// SPDX-License-Identifier: MIT
// Token GET flow with manual redirects that drop credentials when the host changes.
#include "core/registry/tokenauth.h"
#include "core/json/jsondocument.h"
#include "core/registry/httpexchange.h"
#include "core/registry/registryreference.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr qint64 MaxTokenResponse = 1024 * 1024;

QString hostPort(const QUrl &u)
{
    return u.port() > 0 ? u.host() + u':' + QString::number(u.port()) : u.host();
}

} // namespace

Result<BearerToken> requestBearerToken(const AuthChallenge &challenge, const QString &scope,
                                       const std::optional<RegistryCredential> &credential, const QString &registryHost,
                                       bool tlsVerify, JobContext *job)
{
    const QString realm = challenge.param(u"realm"_s);
    QUrl url(realm, QUrl::StrictMode);
    if (realm.isEmpty() || !url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
        url.host().isEmpty())
        return makeError(ErrorCode::Malformed,
                         u"the registry's Bearer challenge names no usable realm (\"%1\")"_s.arg(realm.left(200)),
                         registryHost);
    const QString realmHost = hostPort(url);
    const bool sameHost = url.host() == QUrl(u"http://"_s + registryHost).host();
    if (url.scheme() == u"http" && tlsVerify && !isLoopbackHost(realmHost) && !sameHost)
        return makeError(
            ErrorCode::Unsupported,
            u"the token realm %1 is plain http; Strata only sends credentials there with --tls-verify=false"_s.arg(
                realm),
            registryHost);
    QUrlQuery q(url);
    const QString service = challenge.param(u"service"_s);
    if (!service.isEmpty())
        q.addQueryItem(u"service"_s, service);
    if (!scope.isEmpty())
        q.addQueryItem(u"scope"_s, scope);
    url.setQuery(q);

    QByteArray basic;
    if (credential && !credential->identityToken && (!credential->username.isEmpty() || !credential->secret.isEmpty()))
        basic = "Basic " + (credential->username + u':' + credential->secret).toUtf8().toBase64();
    const QString firstHost = realmHost;
    for (int hop = 0; hop < 6; ++hop) {
        HttpRequest r;
        r.url = url;
        r.tlsVerify = tlsVerify;
        if (!basic.isEmpty() && hostPort(url) == firstHost)
            r.headers << qMakePair(QByteArray("Authorization"), basic);
        Result<std::unique_ptr<HttpExchange>> ex = HttpExchange::start(r, job);
        if (!ex)
            return ex.error();
        HttpExchange &e = *ex.value();
        if (e.status() >= 300 && e.status() < 400 && !e.header("Location").isEmpty()) {
            const QUrl next = url.resolved(QUrl::fromEncoded(e.header("Location")));
            if (next.scheme() == u"http" && url.scheme() == u"https" && tlsVerify)
                return makeError(ErrorCode::Unsupported, u"the token server redirected from https to http; refused"_s,
                                 realm);
            url = next;
            continue;
        }
        if (e.status() == 401 || e.status() == 403)
            return makeError(
                ErrorCode::Io,
                credential
                    ? u"the token server (realm %1) refused the credentials from %2 (HTTP %3)"_s
                          .arg(realm, credential->origin)
                          .arg(e.status())
                    : u"the token server (realm %1) refused an anonymous token (HTTP %2); credentials are needed"_s
                          .arg(realm)
                          .arg(e.status()),
                registryHost);
        if (e.status() != 200)
            return makeError(ErrorCode::Io,
                             u"the token server (realm %1) answered HTTP %2"_s.arg(realm).arg(e.status()),
                             registryHost);
        Result<QByteArray> body = e.readAll(MaxTokenResponse);
        if (!body)
            return body.error();
        Result<QJsonObject> o = json::parseObject(body.value(), MaxTokenResponse, u"token from "_s + realm);
        if (!o)
            return o.error();
        BearerToken t;
        QString tok = json::optString(o.value(), "token"_L1);
        if (tok.isEmpty())
            tok = json::optString(o.value(), "access_token"_L1);
        if (tok.isEmpty())
            return makeError(ErrorCode::Malformed, u"the token server's answer holds no token"_s, realm);
        t.token = tok.toUtf8();
        int expiresIn = o->value("expires_in"_L1).toInt(60);
        if (expiresIn < 1)
            expiresIn = 60; // token.md: "defaults to 60 seconds"
        // Refresh a little early so a token does not expire between the check and the request.
        t.expires = QDateTime::currentDateTimeUtc().addSecs(qMax(1, expiresIn - qMin(10, expiresIn / 4)));
        return t;
    }
    return makeError(ErrorCode::Io, u"the token server redirected too many times"_s, realm);
}

} // namespace strata
