// SPDX-License-Identifier: MIT
// Real servers for registry tests: Debian's docker-registry (distribution 2.8) and the test token
// issuer (tests/registry/tokenserver.py), each on 127.0.0.1 with a free port, stopped on destruction.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace strata::test {

quint16 freePort();
// Waits until something accepts connections on 127.0.0.1:port; false if `proc` exits first or after `ms`.
bool waitForPort(quint16 port, QProcess &proc, int ms);
// Runs a tool to completion; false (with its output in *output) when it fails or times out.
bool runTool(const QString &program, const QStringList &args, QString *output = nullptr, int timeoutMs = 180000);

class TokenIssuer
{
public:
    // Makes an RSA key and self-signed certificate with openssl, then starts the issuer.
    bool start(const QStringList &users, int expiresSeconds, QString *error);
    ~TokenIssuer();
    QString realm() const { return QStringLiteral("http://127.0.0.1:%1/token").arg(m_port); }
    QString certPath() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    QStringList issued() const; // "user scope" lines, one per token
    static QString service() { return QStringLiteral("strata-registry"); }
    static QString issuer() { return QStringLiteral("strata-test-issuer"); }

private:
    QTemporaryDir m_dir;
    QProcess m_proc;
    quint16 m_port = 0;
};

class RegistryServer
{
public:
    enum class Auth { None, Htpasswd, Token };
    // htpasswdUsers: "name:password" (hashed with `htpasswd -B`); token: the issuer to trust.
    bool start(Auth auth, QString *error, const QStringList &htpasswdUsers = {}, const TokenIssuer *token = nullptr);
    ~RegistryServer();
    void stop();
    QString host() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    // <rootdirectory>/docker/registry/v2
    QString storage() const { return m_dir.filePath(QStringLiteral("data/docker/registry/v2")); }
    // blobs/sha256/<hh>/<hex>/data for a digest "sha256:<hex>"
    QString blobData(const QString &digest) const;

private:
    QTemporaryDir m_dir;
    QProcess m_proc;
    quint16 m_port = 0;
};

// skopeo copy SRC docker://HOST/DEST with --dest-tls-verify=false (and --dest-creds when given).
bool push(const QString &src, const QString &host, const QString &dest, const QStringList &extra = {},
          QString *output = nullptr);

} // namespace strata::test
