// SPDX-License-Identifier: MIT
// Starting and stopping the real servers the registry tests talk to.
#include "tests/core/registryserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace strata::test {

quint16 freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress(u"127.0.0.1"_s), 0))
        return 0;
    return s.serverPort();
}

bool waitForPort(quint16 port, QProcess &proc, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        if (proc.state() == QProcess::NotRunning || proc.waitForFinished(20))
            return false; // exited (waitForFinished also lets QProcess notice)
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, port);
        if (s.waitForConnected(200))
            return true;
        QThread::msleep(100);
    }
    return false;
}

bool runTool(const QString &program, const QStringList &args, QString *output, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool finished = p.waitForStarted(10000) && p.waitForFinished(timeoutMs);
    if (!finished)
        p.kill();
    const QString out = QString::fromUtf8(p.readAll());
    if (output)
        *output = out;
    return finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

namespace {

void stopProcess(QProcess &p)
{
    if (p.state() == QProcess::NotRunning)
        return;
    p.terminate();
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(2000);
    }
}

} // namespace

bool TokenIssuer::start(const QStringList &users, int expiresSeconds, QString *error)
{
    QString out;
    if (!runTool(u"openssl"_s,
                 {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                  m_dir.filePath(u"key.pem"_s), u"-out"_s, certPath(), u"-days"_s, u"1"_s, u"-subj"_s,
                  u"/CN=strata-token-issuer"_s},
                 &out)) {
        *error = u"openssl req failed: "_s + out;
        return false;
    }
    m_port = freePort();
    QStringList args{QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/tokenserver.py"_s,
                     u"--port"_s,
                     QString::number(m_port),
                     u"--key"_s,
                     m_dir.filePath(u"key.pem"_s),
                     u"--cert"_s,
                     certPath(),
                     u"--issuer"_s,
                     issuer(),
                     u"--service"_s,
                     service(),
                     u"--expires"_s,
                     QString::number(expiresSeconds),
                     u"--log"_s,
                     m_dir.filePath(u"issued.log"_s)};
    for (const QString &u : users)
        args << u"--user"_s << u;
    m_proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_proc.start(u"python3"_s, args);
    if (!waitForPort(m_port, m_proc, 20000)) {
        *error = u"the token issuer did not start: "_s + QString::fromUtf8(m_proc.readAll());
        return false;
    }
    return true;
}

TokenIssuer::~TokenIssuer()
{
    stopProcess(m_proc);
}

QStringList TokenIssuer::issued() const
{
    QFile f(m_dir.filePath(u"issued.log"_s));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

bool RegistryServer::start(Auth auth, QString *error, const QStringList &htpasswdUsers, const TokenIssuer *token)
{
    m_port = freePort();
    QString config = u"version: 0.1\n"
                     "log:\n  level: error\n  accesslog:\n    disabled: true\n"
                     "storage:\n  filesystem:\n    rootdirectory: %1\n  delete:\n    enabled: true\n"
                     "http:\n  addr: 127.0.0.1:%2\n"_s.arg(m_dir.filePath(u"data"_s))
                         .arg(m_port);
    if (auth == Auth::Htpasswd) {
        const QString file = m_dir.filePath(u"htpasswd"_s);
        for (const QString &u : htpasswdUsers) {
            QString out;
            QStringList args{u"-bB"_s};
            if (!QFile::exists(file))
                args << u"-c"_s;
            args << file << u.section(u':', 0, 0) << u.section(u':', 1);
            if (!runTool(u"htpasswd"_s, args, &out)) {
                *error = u"htpasswd failed: "_s + out;
                return false;
            }
        }
        config += u"auth:\n  htpasswd:\n    realm: strata-basic-realm\n    path: %1\n"_s.arg(file);
    } else if (auth == Auth::Token) {
        config += u"auth:\n  token:\n    realm: %1\n    service: %2\n    issuer: %3\n    rootcertbundle: %4\n"_s.arg(
            token->realm(), TokenIssuer::service(), TokenIssuer::issuer(), token->certPath());
    }
    QFile f(m_dir.filePath(u"config.yml"_s));
    if (!f.open(QIODevice::WriteOnly) || f.write(config.toUtf8()) < 0) {
        *error = u"cannot write config.yml"_s;
        return false;
    }
    f.close();
    m_proc.setProcessChannelMode(QProcess::MergedChannels);
    m_proc.setStandardOutputFile(m_dir.filePath(u"registry.log"_s));
    m_proc.start(u"docker-registry"_s, {u"serve"_s, f.fileName()});
    if (!waitForPort(m_port, m_proc, 20000)) {
        QFile log(m_dir.filePath(u"registry.log"_s));
        log.open(QIODevice::ReadOnly);
        *error = u"docker-registry did not start: "_s + QString::fromUtf8(log.readAll().right(2000));
        return false;
    }
    return true;
}

RegistryServer::~RegistryServer()
{
    stop();
}

void RegistryServer::stop()
{
    stopProcess(m_proc);
}

QString RegistryServer::blobData(const QString &digest) const
{
    const QString hex = digest.section(u':', 1);
    return storage() + u"/blobs/sha256/"_s + hex.left(2) + u'/' + hex + u"/data"_s;
}

bool push(const QString &src, const QString &host, const QString &dest, const QStringList &extra, QString *output)
{
    QStringList args{u"--insecure-policy"_s, u"copy"_s, u"-q"_s, u"--dest-tls-verify=false"_s};
    args << extra << src << u"docker://"_s + host + u'/' + dest;
    return runTool(u"skopeo"_s, args, output);
}

} // namespace strata::test
