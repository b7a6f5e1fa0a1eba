// SPDX-License-Identifier: MIT
// Docker Engine API (v1.41 shapes, unversioned paths so any engine version answers).
#include "core/engine/engineclient.h"
#include "core/digest.h"
#include "core/json/jsondocument.h"
#include "core/logging.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr qint64 ListCap = 64 * 1024 * 1024;
constexpr qint64 SmallCap = 8 * 1024 * 1024;
constexpr int SaveIdleTimeoutMs = 300000; // engines export the whole image before the first byte

QStringList realNames(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray()) {
        const QString s = x.toString();
        if (!s.isEmpty() && !s.startsWith(u"<none>"_s))
            out << s;
    }
    return out;
}

EngineImage imageFrom(const QJsonObject &o)
{
    EngineImage img;
    img.id = o.value("Id"_L1).toString();
    if (!img.id.isEmpty() && !img.id.contains(u':'))
        img.id.prepend(u"sha256:"_s); // Podman's libpod answers leave the algorithm out
    img.repoTags = realNames(o.value("RepoTags"_L1));
    img.repoDigests = realNames(o.value("RepoDigests"_L1));
    img.size = static_cast<qint64>(o.value("Size"_L1).toDouble(-1));
    const QJsonValue created = o.value("Created"_L1);
    img.created = created.isDouble() ? static_cast<qint64>(created.toDouble()) : 0;
    return img;
}

QString engineMessage(const QByteArray &body)
{
    Result<QJsonObject> o = json::parseObject(body, SmallCap, u"error"_s);
    if (o)
        return json::optString(o.value(), "message"_L1).left(500);
    return QString::fromUtf8(body.left(200)).trimmed();
}

// "docker.io/strata/sample:v1" → ("docker.io/strata/sample", "v1"); the tag follows the last ':' after the last '/'.
QPair<QString, QString> splitTag(const QString &t)
{
    const qsizetype colon = t.lastIndexOf(u':');
    if (colon > t.lastIndexOf(u'/'))
        return {t.left(colon), t.mid(colon + 1)};
    return {t, u"<none>"_s};
}

} // namespace

QString EngineInfo::display() const
{
    return apiVersion.isEmpty() ? u"%1 %2"_s.arg(product, version)
                                : u"%1 %2 (API %3)"_s.arg(product, version, apiVersion);
}

QList<EngineImageRow> engineImageRows(const QList<EngineImage> &images)
{
    QList<EngineImageRow> rows;
    for (const EngineImage &img : images) {
        const auto digestFor = [&img](const QString &repo) {
            for (const QString &d : img.repoDigests) {
                const qsizetype at = d.indexOf(u'@');
                if (at > 0 && (repo.isEmpty() || d.left(at) == repo))
                    return d.mid(at + 1);
            }
            return u"<none>"_s;
        };
        if (img.repoTags.isEmpty()) {
            // docker images shows untagged images that were pulled by digest with their repository.
            const QString repo = img.repoDigests.isEmpty() ? u"<none>"_s : img.repoDigests.first().section(u'@', 0, 0);
            rows << EngineImageRow{repo, u"<none>"_s, digestFor(QString()), img.id, img.size, img.created, img.id};
            continue;
        }
        for (const QString &t : img.repoTags) {
            const auto [repo, tag] = splitTag(t);
            rows << EngineImageRow{repo, tag, digestFor(repo), img.id, img.size, img.created, t};
        }
    }
    return rows;
}

EngineClient::EngineClient(EngineEndpoint endpoint) : m_endpoint(std::move(endpoint)), m_http(m_endpoint.socketPath) {}

Status EngineClient::checkReference(const QString &reference)
{
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,511}$"_s);
    if (!re.match(reference).hasMatch() || reference.contains(u".."_s) || reference.contains(u"//"_s))
        return makeError(ErrorCode::Malformed,
                         u"\"%1\" is not an image name, name:tag, name@digest or image ID"_s.arg(reference.left(200)),
                         reference.left(200));
    if (const qsizetype at = reference.indexOf(u'@'); at >= 0) {
        if (Result<Digest> d = Digest::parse(QStringView(reference).sliced(at + 1)); !d)
            return makeError(ErrorCode::Malformed, u"the digest after '@' is not valid: %1"_s.arg(d.error().message),
                             reference);
    }
    return Ok{};
}

Result<QByteArray> EngineClient::getJson(const QByteArray &target, qint64 cap, JobContext *job) const
{
    Result<HttpResponse> r = m_http.getSmall(target, cap, job);
    if (!r)
        return r.error();
    const int st = r->head.status;
    qCDebug(lcEngine) << "GET" << target << "->" << st << r->body.size() << "bytes";
    if (st == 404)
        return makeError(ErrorCode::NotFound, engineMessage(r->body), m_endpoint.socketPath);
    if (st < 200 || st > 299)
        return makeError(ErrorCode::Io, u"the engine answered %1: %2"_s.arg(st).arg(engineMessage(r->body)),
                         m_endpoint.socketPath);
    return r->body;
}

Result<EngineInfo> EngineClient::version(JobContext *job) const
{
    // /_ping answers from memory; /version makes Podman run conmon and the OCI runtime (seconds).
    Result<HttpResponse> r = m_http.getSmall("/_ping", 4096, job);
    if (!r)
        return r.error();
    if (r->head.status != 200)
        return makeError(ErrorCode::Io, u"the engine answered %1 to /_ping"_s.arg(r->head.status),
                         m_endpoint.socketPath);
    EngineInfo info;
    const QString server =
        QString::fromLatin1(r->head.header("server")); // "Libpod/4.3.1 (linux)", "Docker/24.0.7 (linux)"
    const QString libpod = QString::fromLatin1(r->head.header("libpod-api-version"));
    info.apiVersion = QString::fromLatin1(r->head.header("api-version"));
    info.product = !libpod.isEmpty() || server.startsWith(u"Libpod"_s) ? u"Podman Engine"_s : u"Docker Engine"_s;
    info.version = !libpod.isEmpty() ? libpod : server.section(u' ', 0, 0).section(u'/', 1);
    return info;
}

Result<QList<EngineImage>> EngineClient::listImages(JobContext *job) const
{
    Result<QByteArray> body = getJson("/images/json", ListCap, job);
    if (!body)
        return body.error();
    Result<QJsonValue> v = json::parse(body.value(), ListCap, m_endpoint.socketPath + u": /images/json"_s);
    if (!v)
        return v.error();
    if (!v->isArray())
        return makeError(ErrorCode::Malformed, u"the image list is not a JSON array"_s, m_endpoint.socketPath);
    QList<EngineImage> out;
    for (const QJsonValue &x : v->toArray()) {
        if (!x.isObject())
            return makeError(ErrorCode::Malformed, u"an entry of the image list is not an object"_s,
                             m_endpoint.socketPath);
        out << imageFrom(x.toObject());
    }
    return out;
}

Result<EngineImage> EngineClient::inspectImage(const QString &reference, JobContext *job) const
{
    if (Status s = checkReference(reference); !s)
        return s.error();
    Result<QByteArray> body = getJson("/images/" + reference.toUtf8() + "/json", SmallCap, job);
    if (!body) {
        if (body.error().code == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound,
                             u"the engine has no image \"%1\" (%2)"_s.arg(reference, body.error().message),
                             m_endpoint.socketPath);
        return body.error();
    }
    Result<QJsonObject> o =
        json::parseObject(body.value(), SmallCap, m_endpoint.socketPath + u": image "_s + reference);
    if (!o)
        return o.error();
    return imageFrom(o.value());
}

Status EngineClient::saveImage(const QString &reference, const UnixHttpClient::BodySink &sink, JobContext *job) const
{
    if (Status s = checkReference(reference); !s)
        return s;
    UnixHttpOptions opt;
    opt.idleTimeoutMs = SaveIdleTimeoutMs;
    const UnixHttpClient http(m_endpoint.socketPath, opt);
    QByteArray errorBody;
    int status = 0;
    Result<HttpHead> head = http.get(
        "/images/" + reference.toUtf8() + "/get",
        [&](const char *p, qint64 n) -> Status {
            if (status == 0)
                return makeError(ErrorCode::Io, u"body before head"_s);
            if (status != 200) { // an error document: keep a bounded piece for the message
                if (errorBody.size() < 4096)
                    errorBody.append(p, qMin<qint64>(n, 4096 - errorBody.size()));
                return Ok{};
            }
            return sink(p, n);
        },
        job, &status);
    if (!head)
        return head.error();
    if (head->status == 404)
        return makeError(ErrorCode::NotFound,
                         u"the engine has no image \"%1\" (%2)"_s.arg(reference, engineMessage(errorBody)),
                         m_endpoint.socketPath);
    if (head->status != 200)
        return makeError(ErrorCode::Io,
                         u"the engine answered %1 when saving \"%2\": %3"_s.arg(head->status)
                             .arg(reference, engineMessage(errorBody)),
                         m_endpoint.socketPath);
    return Ok{};
}

} // namespace strata
