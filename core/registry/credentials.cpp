// SPDX-License-Identifier: MIT
// docker/cli configfile + credentials helper protocol (docker-credential-helpers credentials.go).
#include "core/registry/credentials.h"
#include "core/json/jsondocument.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr qint64 MaxConfigBytes = 4 * 1024 * 1024;
constexpr int HelperTimeoutMs = 10000;

QMutex &memoryMutex()
{
    static QMutex m;
    return m;
}
QHash<QString, RegistryCredential> &memory()
{
    static QHash<QString, RegistryCredential> h;
    return h;
}

// "https://index.docker.io/v1/" → "index.docker.io"; "host:5000" stays (ConvertToHostname).
QString toHostname(QString key)
{
    if (key.startsWith(u"http://"_s))
        key = key.mid(7);
    else if (key.startsWith(u"https://"_s))
        key = key.mid(8);
    return key.section(u'/', 0, 0);
}

// Docker Hub's credentials live under its legacy v1 URL.
QStringList keysFor(const QString &host)
{
    if (host == u"registry-1.docker.io" || host == u"docker.io" || host == u"index.docker.io")
        return {u"https://index.docker.io/v1/"_s, u"index.docker.io"_s, u"docker.io"_s, u"registry-1.docker.io"_s};
    return {host, u"https://"_s + host, u"http://"_s + host};
}

Result<QJsonObject> readConfig()
{
    const QString path = CredentialStore::configPath();
    QFile f(path);
    if (!f.exists())
        return QJsonObject{};
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, f.errorString(), path);
    const QByteArray raw = f.read(MaxConfigBytes + 1);
    return json::parseObject(raw, MaxConfigBytes, path);
}

bool validHelperName(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9._-]+$"_s);
    return name.size() <= 64 && re.match(name).hasMatch();
}

Result<QByteArray> runHelper(const QString &name, const QString &verb, const QByteArray &input)
{
    const QString ctx = u"docker-credential-"_s + name;
    if (!validHelperName(name))
        return makeError(ErrorCode::Malformed,
                         u"the credential helper name \"%1\" is not allowed ([a-z0-9._-]+)"_s.arg(name.left(64)),
                         CredentialStore::configPath());
    const QString program = QStandardPaths::findExecutable(ctx);
    if (program.isEmpty())
        return makeError(ErrorCode::NotFound, u"the credential helper is not on PATH"_s, ctx);
    QProcess p;
    p.setProgram(program);
    p.setArguments({verb});
    p.start();
    if (!p.waitForStarted(HelperTimeoutMs))
        return makeError(ErrorCode::Io, u"could not start: %1"_s.arg(p.errorString()), ctx);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(HelperTimeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        return makeError(ErrorCode::Io, u"did not answer within %1 s"_s.arg(HelperTimeoutMs / 1000), ctx);
    }
    const QByteArray out = p.readAllStandardOutput().left(MaxConfigBytes);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        // The protocol's "not found" answer is the text "credentials not found in native keychain".
        if (out.contains("credentials not found"))
            return makeError(ErrorCode::NotFound, u"no credentials stored"_s, ctx);
        return makeError(ErrorCode::Io, u"%1 failed (exit code %2)"_s.arg(verb).arg(p.exitCode()), ctx);
    }
    return out;
}

Result<std::optional<RegistryCredential>> fromHelper(const QString &helper, const QString &host)
{
    const QString ctx = u"docker-credential-"_s + helper;
    for (const QString &key : keysFor(host)) {
        Result<QByteArray> out = runHelper(helper, u"get"_s, key.toUtf8());
        if (!out) {
            if (out.error().code == ErrorCode::NotFound && out.error().message == u"no credentials stored")
                continue;
            return out.error();
        }
        Result<QJsonObject> o = json::parseObject(out.value(), MaxConfigBytes, ctx);
        if (!o)
            return makeError(ErrorCode::Malformed, u"the helper's answer is not a JSON object"_s, ctx);
        RegistryCredential c;
        c.username = json::optString(o.value(), "Username"_L1);
        c.secret = json::optString(o.value(), "Secret"_L1);
        c.identityToken = c.username == u"<token>";
        c.origin = ctx;
        if (!c.isEmpty())
            return std::optional<RegistryCredential>(c);
    }
    return std::optional<RegistryCredential>();
}

Result<std::optional<RegistryCredential>> fromAuths(const QJsonObject &auths, const QString &host, const QString &path)
{
    for (auto it = auths.begin(); it != auths.end(); ++it) {
        if (!keysFor(host).contains(it.key()) && toHostname(it.key()) != host)
            continue;
        const QJsonObject e = it.value().toObject();
        RegistryCredential c;
        c.origin = path + u" (auths)"_s;
        const QString auth = json::optString(e, "auth"_L1);
        if (!auth.isEmpty()) {
            QByteArray decoded = QByteArray::fromBase64(auth.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            const qsizetype colon = decoded.indexOf(':');
            if (decoded.isEmpty() || colon < 0)
                return makeError(ErrorCode::Malformed,
                                 u"the \"auth\" entry for %1 is not base64 of user:password"_s.arg(it.key().left(100)),
                                 path);
            while (decoded.endsWith('\0'))
                decoded.chop(1);
            c.username = QString::fromUtf8(decoded.left(colon));
            c.secret = QString::fromUtf8(decoded.mid(colon + 1));
        } else {
            c.username = json::optString(e, "username"_L1);
            c.secret = json::optString(e, "password"_L1);
        }
        const QString identity = json::optString(e, "identitytoken"_L1);
        if (!identity.isEmpty()) {
            c.secret = identity;
            c.identityToken = true;
        }
        c.registryToken = json::optString(e, "registrytoken"_L1);
        if (!c.isEmpty())
            return std::optional<RegistryCredential>(c);
    }
    return std::optional<RegistryCredential>();
}

} // namespace

QString CredentialStore::configPath()
{
    const QString dir = qEnvironmentVariable("DOCKER_CONFIG");
    if (!dir.isEmpty())
        return dir + u"/config.json"_s;
    return QDir::homePath() + u"/.docker/config.json"_s;
}

void CredentialStore::remember(const QString &host, const RegistryCredential &c)
{
    QMutexLocker lock(&memoryMutex());
    memory().insert(host, c);
}

void CredentialStore::forget(const QString &host)
{
    QMutexLocker lock(&memoryMutex());
    memory().remove(host);
}

QString CredentialStore::helperFor(const QString &host)
{
    Result<QJsonObject> cfg = readConfig();
    if (!cfg)
        return {};
    const QJsonObject helpers = cfg->value("credHelpers"_L1).toObject();
    for (const QString &key : keysFor(host))
        if (helpers.contains(key))
            return helpers.value(key).toString();
    return json::optString(cfg.value(), "credsStore"_L1);
}

Result<std::optional<RegistryCredential>> CredentialStore::lookup(const QString &host)
{
    {
        QMutexLocker lock(&memoryMutex());
        auto it = memory().constFind(host);
        if (it != memory().constEnd())
            return std::optional<RegistryCredential>(*it);
    }
    Result<QJsonObject> cfg = readConfig();
    if (!cfg)
        return cfg.error();
    // credHelpers (per host) wins over credsStore, which wins over auths (docker/cli getConfiguredCredentialStore).
    const QJsonObject helpers = cfg->value("credHelpers"_L1).toObject();
    for (const QString &key : keysFor(host))
        if (helpers.contains(key))
            return fromHelper(helpers.value(key).toString(), host);
    const QString store = json::optString(cfg.value(), "credsStore"_L1);
    if (!store.isEmpty()) {
        Result<std::optional<RegistryCredential>> c = fromHelper(store, host);
        if (!c || c.value())
            return c;
    }
    return fromAuths(cfg->value("auths"_L1).toObject(), host, configPath());
}

Status CredentialStore::storeWithHelper(const QString &host, const RegistryCredential &c)
{
    const QString helper = helperFor(host);
    if (helper.isEmpty())
        return makeError(
            ErrorCode::Unsupported,
            u"no credential helper (credsStore or credHelpers) is configured in %1; Strata does not store passwords in plain text"_s
                .arg(configPath()));
    QJsonObject o{
        {u"ServerURL"_s, host}, {u"Username"_s, c.identityToken ? u"<token>"_s : c.username}, {u"Secret"_s, c.secret}};
    Result<QByteArray> out = runHelper(helper, u"store"_s, QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (!out)
        return out.error();
    return Ok{};
}

} // namespace strata
