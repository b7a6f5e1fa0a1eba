// SPDX-License-Identifier: MIT
// Distribution API v2 client: authentication, redirects, errors that say what was missing.
#include "core/registry/registryclient.h"
#include "core/hasher.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/logging.h"
#include "core/mediatypes.h"
#include "core/registry/httpexchange.h"
#include "core/registry/registryreference.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QThread>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr qint64 MaxErrorBody = 64 * 1024;
constexpr qint64 MaxListingBody = 8 * 1024 * 1024;
constexpr int MaxRedirects = 10;
// A server error (HTTP 5xx) is often passing (a restarting registry, a proxy between backends): the
// request is sent again this many times, after ServerRetryDelayMs × the attempt number.
constexpr int MaxServerRetries = 2;
constexpr int ServerRetryDelayMs = 300;

// Waits `ms` on the calling thread, looking at the cancel flag every 50 ms.
Status pause(int ms, JobContext *job)
{
    for (int waited = 0; waited < ms; waited += 50) {
        if (job && job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s);
        QThread::msleep(50);
    }
    return Ok{};
}

QString hostPort(const QUrl &u)
{
    return u.port() > 0 ? u.host() + u':' + QString::number(u.port()) : u.host();
}

class HttpBodyStream final : public ByteStream
{
public:
    explicit HttpBodyStream(std::unique_ptr<HttpExchange> ex) : m_ex(std::move(ex)) {}
    Result<qint64> read(char *buf, qint64 max) override { return m_ex->read(buf, max); }
    qint64 size() const override { return m_ex->contentLength(); }

private:
    std::unique_ptr<HttpExchange> m_ex;
};

} // namespace

RegistryClient::RegistryClient(QString host, RegistryOptions options)
    : m_host(std::move(host)), m_options(std::move(options))
{
}

QByteArray RegistryClient::manifestAccept()
{
    return QByteArray(mediatype::OciIndex) + ", " + mediatype::OciManifest + ", " + mediatype::DockerList + ", " +
           mediatype::DockerManifest + ", " + mediatype::DockerSchema1Signed + ", " + mediatype::DockerSchema1;
}

QString RegistryClient::nextLink(const QByteArray &linkHeader)
{
    // RFC 8288: one or more "<uri>; param=value" separated by commas.
    static const QRegularExpression re(u"<([^>]*)>\\s*((?:;\\s*[^,;]*)*)"_s);
    auto it = re.globalMatch(QString::fromLatin1(linkHeader.left(8192)));
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        static const QRegularExpression rel(u";\\s*rel\\s*=\\s*\"?([^\";]*)\"?"_s);
        const QRegularExpressionMatch r = rel.match(m.captured(2));
        if (r.hasMatch() && r.captured(1).split(u' ').contains(u"next"_s))
            return m.captured(1);
    }
    return {};
}

QString RegistryClient::baseUrl() const
{
    QMutexLocker lock(&m_mutex);
    return (m_scheme.isEmpty() ? u"https"_s : m_scheme) + u"://"_s + m_host;
}

std::optional<RegistryCredential> RegistryClient::credential() const
{
    // Called with m_mutex held.
    if (m_options.credential)
        return m_options.credential;
    if (!m_credentialLoaded && m_options.useCredentialStore) {
        m_credentialLoaded = true;
        Result<std::optional<RegistryCredential>> c = CredentialStore::lookup(m_host);
        if (c)
            m_credential = c.value();
        else
            qCWarning(lcRegistry) << "credentials:" << c.error().toString();
    }
    return m_credential;
}

Status RegistryClient::ping(JobContext *job) const
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_pinged)
            return Ok{};
    }
    const bool insecureAllowed = !m_options.tlsVerify || isLoopbackHost(m_host);
    QList<QString> schemes{u"https"_s};
    if (insecureAllowed)
        schemes << u"http"_s;
    Error firstError;
    for (const QString &scheme : schemes) {
        HttpRequest r;
        r.url = QUrl(scheme + u"://"_s + m_host + u"/v2/"_s);
        r.tlsVerify = m_options.tlsVerify;
        r.stallTimeoutMs = m_options.stallTimeoutMs;
        Result<std::unique_ptr<HttpExchange>> ex = HttpExchange::start(r, job);
        if (!ex) {
            if (ex.error().code == ErrorCode::Canceled)
                return ex.error();
            if (firstError.message.isEmpty())
                firstError = ex.error();
            continue;
        }
        const int status = ex.value()->status();
        if (status != 200 && status != 401)
            return makeError(
                ErrorCode::Io,
                u"%1 answered HTTP %2 to /v2/: not a registry speaking the distribution API v2"_s.arg(m_host).arg(
                    status),
                r.url.toString());
        QMutexLocker lock(&m_mutex);
        m_scheme = scheme;
        m_pinged = true;
        if (status == 401)
            for (const QByteArray &h : ex.value()->headers("WWW-Authenticate"))
                m_challenges << parseAuthChallenges(h);
        return Ok{};
    }
    if (insecureAllowed)
        firstError.message += u" (plain HTTP was tried too)"_s;
    else if (!firstError.message.contains(u"TLS"_s))
        firstError.message += u" (only HTTPS is tried for a non-loopback host; use --tls-verify=false to allow HTTP)"_s;
    return firstError;
}

QString RegistryClient::scopeFor(const Target &t)
{
    if (t.what == What::Catalog)
        return u"registry:catalog:*"_s;
    if (t.repository.isEmpty())
        return {};
    return u"repository:%1:pull"_s.arg(t.repository);
}

Result<QByteArray> RegistryClient::authorization(const QString &scope, JobContext *job) const
{
    QMutexLocker lock(&m_mutex);
    const std::optional<RegistryCredential> cred = credential();
    if (cred && !cred->registryToken.isEmpty())
        return QByteArray("Bearer " + cred->registryToken.toUtf8());
    for (const AuthChallenge &c : m_challenges) {
        if (c.scheme == u"bearer") {
            auto it = m_tokens.constFind(scope);
            if (it != m_tokens.constEnd() && it->isValid())
                return QByteArray("Bearer " + it->token);
            // The token fetch runs under the lock: concurrent workers then share one token per scope.
            Result<BearerToken> t = requestBearerToken(c, scope, cred, m_host, m_options.tlsVerify, job);
            if (!t)
                return t.error();
            m_tokens.insert(scope, t.value());
            return QByteArray("Bearer " + t->token);
        }
    }
    for (const AuthChallenge &c : m_challenges) {
        if (c.scheme == u"basic" && cred && !cred->identityToken) {
            if (m_scheme == u"http" && m_options.tlsVerify && !isLoopbackHost(m_host))
                return makeError(ErrorCode::Unsupported, u"refusing to send a password over plain HTTP"_s, m_host);
            return QByteArray("Basic " + (cred->username + u':' + cred->secret).toUtf8().toBase64());
        }
    }
    return QByteArray();
}

Result<std::unique_ptr<HttpExchange>> RegistryClient::send(const QByteArray &method, const QUrl &startUrl,
                                                           const QByteArray &accept, const Target &target,
                                                           JobContext *job) const
{
    if (Status s = ping(job); !s)
        return s.error();
    const QString scope = scopeFor(target);
    QUrl url = startUrl.isRelative() ? QUrl(baseUrl()).resolved(startUrl) : startUrl;
    bool authRetried = false;
    int serverRetries = 0;
    for (int hop = 0; hop <= MaxRedirects; ++hop) {
        HttpRequest r;
        r.method = method;
        r.url = url;
        r.tlsVerify = m_options.tlsVerify;
        r.stallTimeoutMs = m_options.stallTimeoutMs;
        if (!accept.isEmpty())
            r.headers << qMakePair(QByteArray("Accept"), accept);
        // Credentials go to the registry's own host only: never to a redirect target elsewhere
        // (a blob's CDN URL already carries its own signature).
        if (hostPort(url) == m_host) {
            Result<QByteArray> auth = authorization(scope, job);
            if (!auth)
                return auth.error();
            if (!auth->isEmpty())
                r.headers << qMakePair(QByteArray("Authorization"), auth.value());
        }
        Result<std::unique_ptr<HttpExchange>> ex = HttpExchange::start(r, job);
        if (!ex)
            return ex;
        HttpExchange &e = *ex.value();
        if (e.status() >= 300 && e.status() < 400 && e.status() != 304 && !e.header("Location").isEmpty()) {
            const QUrl next = url.resolved(QUrl::fromEncoded(e.header("Location")));
            if (next.scheme() != u"https" && next.scheme() != u"http")
                return makeError(ErrorCode::Unsupported,
                                 u"a redirect to a %1: URL; refused"_s.arg(next.scheme().left(20)), m_host);
            if (next.scheme() == u"http" && m_options.tlsVerify && !isLoopbackHost(hostPort(next)))
                return makeError(ErrorCode::Unsupported,
                                 u"a redirect to plain HTTP on %1; refused (use --tls-verify=false to allow it)"_s.arg(
                                     hostPort(next)),
                                 m_host);
            url = next;
            continue;
        }
        if (e.status() >= 500 && e.status() <= 599 && serverRetries < MaxServerRetries) {
            ++serverRetries;
            --hop; // not a redirect
            qCDebug(lcRegistry) << "HTTP" << e.status() << "; attempt" << serverRetries + 1;
            if (Status s = pause(ServerRetryDelayMs * serverRetries, job); !s)
                return s.error();
            continue;
        }
        if (e.status() == 401 && !authRetried && hostPort(url) == m_host) {
            authRetried = true;
            const QList<QByteArray> hs = e.headers("WWW-Authenticate");
            QMutexLocker lock(&m_mutex);
            m_tokens.remove(scope); // expired or too narrow: fetch again with the new challenge
            if (!hs.isEmpty()) {
                m_challenges.clear();
                for (const QByteArray &h : hs)
                    m_challenges << parseAuthChallenges(h);
            }
            continue;
        }
        return ex;
    }
    return makeError(ErrorCode::Io, u"more than %1 redirects"_s.arg(MaxRedirects),
                     startUrl.toString(QUrl::RemoveQuery));
}

Error RegistryClient::errorFor(HttpExchange &ex, const Target &t) const
{
    QString code;
    QString message;
    if (Result<QByteArray> body = ex.readAll(MaxErrorBody)) {
        if (Result<QJsonObject> o = json::parseObject(body.value(), MaxErrorBody, QString())) {
            const QJsonObject first = o->value("errors"_L1).toArray().first().toObject();
            code = json::optString(first, "code"_L1);
            message = json::optString(first, "message"_L1).left(300);
        }
    }
    const QString ctx = m_host + u'/' + t.repository + (t.reference.isEmpty() ? QString() : u" "_s + t.reference);
    const QString detail =
        code.isEmpty() ? QString() : u" (%1%2)"_s.arg(code, message.isEmpty() ? QString() : u": "_s + message);
    const int status = ex.status();
    QString realm;
    {
        QMutexLocker lock(&m_mutex);
        for (const AuthChallenge &c : m_challenges)
            if (!c.param(u"realm"_s).isEmpty())
                realm = c.param(u"realm"_s);
    }
    if (status == 401) {
        QMutexLocker lock(&m_mutex);
        const std::optional<RegistryCredential> cred = credential();
        return makeError(
            ErrorCode::Io,
            cred ? u"authentication failed for realm \"%1\" with the credentials from %2 (HTTP 401)%3"_s.arg(
                       realm, cred->origin, detail)
                 : u"authentication required by realm \"%1\" (HTTP 401), and no credentials were found for %2%3"_s.arg(
                       realm, m_host, detail),
            ctx);
    }
    if (status == 403)
        return makeError(ErrorCode::Io, u"access denied (HTTP 403) by realm \"%1\"%2"_s.arg(realm, detail), ctx);
    if (status == 429) {
        const QByteArray after = ex.header("Retry-After");
        return makeError(ErrorCode::Io,
                         u"rate limited by %1 (HTTP 429)%2%3"_s.arg(
                             m_host,
                             after.isEmpty() ? QString()
                                             : u"; retry after %1"_s.arg(QString::fromLatin1(after.left(40)) +
                                                                         (after.toInt() > 0 ? u" s"_s : QString())),
                             detail),
                         ctx);
    }
    if (status == 404) {
        if (code == u"NAME_UNKNOWN")
            return makeError(ErrorCode::NotFound,
                             u"the repository \"%1\" does not exist on %2%3"_s.arg(t.repository, m_host, detail), ctx);
        if (t.what == What::Manifest) {
            const bool byDigest = t.reference.contains(u':');
            if (code == u"MANIFEST_UNKNOWN" || code.isEmpty())
                return makeError(ErrorCode::NotFound,
                                 byDigest
                                     ? u"no manifest %1 in repository \"%2\"%3"_s.arg(t.reference, t.repository, detail)
                                     : u"no tag \"%1\" in repository \"%2\"%3"_s.arg(t.reference, t.repository, detail),
                                 ctx);
        }
        if (t.what == What::Blob)
            return makeError(ErrorCode::NotFound,
                             u"the registry has no blob %1 in repository \"%2\"%3"_s.arg(
                                 t.reference, t.repository, detail.isEmpty() ? u" (HTTP 404)"_s : detail),
                             ctx);
        return makeError(ErrorCode::NotFound, u"not found (HTTP 404)%1"_s.arg(detail), ctx);
    }
    if (status >= 500 && status <= 599)
        return makeError(
            ErrorCode::Unavailable,
            u"the registry answered HTTP %1%2 (%3 attempts)"_s.arg(status).arg(detail).arg(MaxServerRetries + 1), ctx);
    return makeError(ErrorCode::Io, u"the registry answered HTTP %1%2"_s.arg(status).arg(detail), ctx);
}

Result<ManifestResponse> RegistryClient::fetchManifest(const QString &repository, const QString &reference,
                                                       JobContext *job) const
{
    const Target t{What::Manifest, repository, reference};
    Result<std::unique_ptr<HttpExchange>> ex =
        send("GET", QUrl(u"/v2/%1/manifests/%2"_s.arg(repository, reference)), manifestAccept(), t, job);
    if (!ex)
        return ex.error();
    HttpExchange &e = *ex.value();
    if (e.status() != 200) {
        Error err = errorFor(e, t);
        // distribution answers MANIFEST_UNKNOWN for a tag of a repository that does not exist at all;
        // its tag list tells the two apart (NAME_UNKNOWN).
        if (err.code == ErrorCode::NotFound && !reference.contains(u':')) {
            Result<QStringList> probe = listPaged(u"/v2/%1/tags/list"_s.arg(repository), u"tags"_s,
                                                  Target{What::Tags, repository, {}}, 1, 1, job);
            if (!probe && probe.error().code == ErrorCode::NotFound &&
                probe.error().message.contains(u"does not exist"_s))
                return probe.error();
        }
        return err;
    }
    const QString ctx = m_host + u'/' + repository + (reference.contains(u':') ? u"@"_s : u":"_s) + reference;
    Result<QByteArray> body = e.readAll(limits::ManifestBytes);
    if (!body)
        return makeError(body.error().code, u"the manifest: "_s + body.error().message, ctx);
    ManifestResponse m;
    m.body = body.value();
    m.mediaType = QString::fromLatin1(e.header("Content-Type")).section(u';', 0, 0).trimmed();
    m.announced = QString::fromLatin1(e.header("Docker-Content-Digest")).trimmed();
    DigestAlgorithm alg = DigestAlgorithm::Sha256;
    if (Result<Digest> asked = Digest::parse(reference); asked && asked->isVerifiable())
        alg = asked->algorithm();
    else if (Result<Digest> ann = Digest::parse(m.announced); ann && ann->isVerifiable())
        alg = ann->algorithm();
    Hasher h(alg);
    h.update(m.body.constData(), static_cast<size_t>(m.body.size()));
    m.digest = h.finish();
    if (!m.announced.isEmpty() && m.announced != m.digest.toString()) {
        const bool schema1 = m.mediaType.startsWith(QLatin1StringView(mediatype::DockerSchema1));
        if (!schema1) // schema1's header digest is over the payload without signatures (docker/libtrust jsonsign.go)
            return makeError(
                ErrorCode::Malformed,
                u"digest mismatch: the registry announced %1 (Docker-Content-Digest) but the manifest bytes hash to %2"_s
                    .arg(m.announced, m.digest.toString()),
                ctx);
    }
    return m;
}

Result<qint64> RegistryClient::statBlob(const QString &repository, const Digest &digest, JobContext *job) const
{
    const Target t{What::Blob, repository, digest.toString()};
    Result<std::unique_ptr<HttpExchange>> ex =
        send("HEAD", QUrl(u"/v2/%1/blobs/%2"_s.arg(repository, digest.toString())), {}, t, job);
    if (!ex)
        return ex.error();
    if (ex.value()->status() != 200)
        return errorFor(*ex.value(), t);
    return ex.value()->contentLength();
}

Result<ByteStreamPtr> RegistryClient::openBlob(const QString &repository, const Digest &digest, JobContext *job) const
{
    const Target t{What::Blob, repository, digest.toString()};
    Result<std::unique_ptr<HttpExchange>> ex =
        send("GET", QUrl(u"/v2/%1/blobs/%2"_s.arg(repository, digest.toString())), {}, t, job);
    if (!ex)
        return ex.error();
    if (ex.value()->status() != 200)
        return errorFor(*ex.value(), t);
    return ByteStreamPtr(std::make_unique<HttpBodyStream>(std::move(ex.value())));
}

Result<QStringList> RegistryClient::listPaged(const QString &path, const QString &key, const Target &t, int pageSize,
                                              int maxItems, JobContext *job) const
{
    QStringList out;
    QUrl url(path);
    QUrlQuery q;
    if (pageSize > 0)
        q.addQueryItem(u"n"_s, QString::number(pageSize));
    url.setQuery(q);
    QSet<QString> seen;
    while (out.size() < maxItems) {
        Result<std::unique_ptr<HttpExchange>> ex = send("GET", url, "application/json", t, job);
        if (!ex)
            return ex.error();
        HttpExchange &e = *ex.value();
        if (e.status() != 200)
            return errorFor(e, t);
        Result<QByteArray> body = e.readAll(MaxListingBody);
        if (!body)
            return body.error();
        Result<QJsonObject> o = json::parseObject(body.value(), MaxListingBody, m_host + path);
        if (!o)
            return o.error();
        for (const QJsonValue &v : o->value(key).toArray())
            if (v.isString() && out.size() < maxItems)
                out << v.toString();
        const QString next = nextLink(e.header("Link"));
        if (next.isEmpty())
            break;
        const QUrl nextUrl = e.url().resolved(QUrl(next));
        if (hostPort(nextUrl) != hostPort(e.url()) || seen.contains(nextUrl.toString()))
            return makeError(ErrorCode::Malformed,
                             u"the registry's next-page link points elsewhere or repeats; listing stopped"_s,
                             m_host + path);
        seen.insert(nextUrl.toString());
        url = nextUrl;
    }
    return out;
}

Result<QStringList> RegistryClient::listRepositories(int pageSize, JobContext *job, int maxItems) const
{
    return listPaged(u"/v2/_catalog"_s, u"repositories"_s, Target{What::Catalog, {}, {}}, pageSize, maxItems, job);
}

Result<QStringList> RegistryClient::listTags(const QString &repository, int pageSize, JobContext *job,
                                             int maxItems) const
{
    return listPaged(u"/v2/%1/tags/list"_s.arg(repository), u"tags"_s, Target{What::Tags, repository, {}}, pageSize,
                     maxItems, job);
}

} // namespace strata
