// SPDX-License-Identifier: MIT
// Synchronous HTTP over QNetworkAccessManager with a local event loop and a bounded read buffer.
#include "core/registry/httpexchange.h"
#include "core/logging.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace strata {

Result<std::unique_ptr<HttpExchange>> HttpExchange::start(const HttpRequest &request, JobContext *job)
{
    std::unique_ptr<HttpExchange> ex(new HttpExchange);
    ex->m_request = request;
    ex->m_job = job;
    ex->m_nam = new QNetworkAccessManager;
    ex->m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    ex->m_nam->setProxy(QNetworkProxy::NoProxy);

    QNetworkRequest r(request.url);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // Digests are over the bytes as stored: no transparent decompression may happen.
    r.setRawHeader("Accept-Encoding", "identity");
    r.setRawHeader("User-Agent", "strata/" STRATA_VERSION);
    r.setTransferTimeout(request.stallTimeoutMs);
    for (const auto &[k, v] : request.headers)
        r.setRawHeader(k, v);
    if (request.url.scheme() == u"https") {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!request.tlsVerify)
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        r.setSslConfiguration(ssl);
    }
    // Only the path is logged: queries may carry tokens' scopes, headers carry secrets.
    qCDebug(lcRegistry) << request.method << request.url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    ex->m_reply = request.method == "HEAD" ? ex->m_nam->head(r) : ex->m_nam->get(r);
    ex->m_reply->setReadBufferSize(ReadBuffer);
    HttpExchange *raw = ex.get();
    QObject::connect(ex->m_reply, &QNetworkReply::sslErrors, ex->m_reply, [raw](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            raw->m_sslErrors << e.errorString();
    });

    Status s = ex->waitFor([raw] {
        return raw->m_reply->isFinished() ||
               raw->m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    });
    if (!s)
        return s.error();
    const QVariant code = ex->m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!code.isValid())
        return ex->transportError();
    ex->m_status = code.toInt();
    return ex;
}

HttpExchange::~HttpExchange()
{
    if (m_reply) {
        m_abortedByUs = true;
        m_reply->abort();
        delete m_reply;
    }
    delete m_nam;
}

Status HttpExchange::waitFor(const std::function<bool()> &ready)
{
    if (!QCoreApplication::instance())
        return makeError(ErrorCode::Unsupported, u"network access needs a QCoreApplication"_s);
    while (!ready()) {
        if (m_job && m_job->isCanceled()) {
            m_abortedByUs = true;
            m_reply->abort();
            return makeError(ErrorCode::Canceled, u"canceled"_s, m_request.url.toString(QUrl::RemoveQuery));
        }
        QEventLoop loop;
        QTimer poll; // wakes up to look at the cancel flag
        poll.setSingleShot(true);
        QObject::connect(&poll, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(m_reply, &QNetworkReply::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(m_reply, &QNetworkReply::metaDataChanged, &loop, &QEventLoop::quit);
        QObject::connect(m_reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (ready())
            break;
        poll.start(100);
        loop.exec();
    }
    return Ok{};
}

Error HttpExchange::transportError() const
{
    const QString where = m_request.url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    const QString host =
        m_request.url.host() + (m_request.url.port() > 0 ? u":%1"_s.arg(m_request.url.port()) : QString());
    switch (m_reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return makeError(ErrorCode::Unavailable,
                         u"the registry %1 is unreachable: %2"_s.arg(host, m_reply->errorString()), where);
    case QNetworkReply::SslHandshakeFailedError:
        return makeError(ErrorCode::Unavailable,
                         u"TLS failure talking to %1: %2%3"_s.arg(
                             host, m_reply->errorString(),
                             m_sslErrors.isEmpty() ? QString() : u" ("_s + m_sslErrors.join(u"; "_s) + u')'),
                         where);
    case QNetworkReply::TimeoutError:
        return makeError(ErrorCode::Unavailable,
                         u"%1 stopped answering (no data for %2 s)"_s.arg(host).arg(m_request.stallTimeoutMs / 1000),
                         where);
    case QNetworkReply::OperationCanceledError:
        if (!m_abortedByUs) // Qt aborts a transfer that stalls past setTransferTimeout()
            return makeError(
                ErrorCode::Unavailable,
                u"%1 stopped answering (no data for %2 s)"_s.arg(host).arg(m_request.stallTimeoutMs / 1000), where);
        return makeError(ErrorCode::Canceled, u"canceled"_s, where);
    case QNetworkReply::RemoteHostClosedError:
        // The connection dropped: nothing is known about the bytes that did not come.
        return makeError(ErrorCode::Unavailable, u"%1 closed the connection early"_s.arg(host), where);
    default:
        return makeError(ErrorCode::Unavailable, u"network error talking to %1: %2"_s.arg(host, m_reply->errorString()),
                         where);
    }
}

QByteArray HttpExchange::header(const QByteArray &name) const
{
    return m_reply->rawHeader(name);
}

QList<QByteArray> HttpExchange::headers(const QByteArray &name) const
{
    QList<QByteArray> out;
    for (const auto &pair : m_reply->rawHeaderPairs())
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            out << pair.second;
    return out;
}

qint64 HttpExchange::contentLength() const
{
    bool ok = false;
    const qint64 n = m_reply->rawHeader("Content-Length").toLongLong(&ok);
    return ok && n >= 0 ? n : -1;
}

Result<qint64> HttpExchange::read(char *buf, qint64 max)
{
    Status s = waitFor([this] { return m_reply->bytesAvailable() > 0 || m_reply->isFinished(); });
    if (!s)
        return s.error();
    if (m_reply->bytesAvailable() > 0) {
        const qint64 n = m_reply->read(buf, max);
        if (n < 0)
            return makeError(ErrorCode::Io, m_reply->errorString(), m_request.url.toString(QUrl::RemoveQuery));
        m_received += n;
        return n;
    }
    if (m_reply->error() != QNetworkReply::NoError && m_status < 400)
        return transportError();
    const qint64 expected = contentLength();
    if (m_request.method != "HEAD" && expected >= 0 && m_received < expected)
        // HTTP/1.1 frames the body by Content-Length: a shorter one is a connection that ended, not short bytes.
        return makeError(ErrorCode::Unavailable,
                         u"the connection ended after %1 of %2 bytes"_s.arg(m_received).arg(expected),
                         m_request.url.toString(QUrl::RemoveQuery));
    return qint64(0);
}

Result<QByteArray> HttpExchange::readAll(qint64 limit)
{
    const qint64 declared = contentLength();
    if (declared > limit)
        return makeError(ErrorCode::TooLarge,
                         u"the response is %1 bytes, over the %2-byte limit"_s.arg(declared).arg(limit),
                         m_request.url.toString(QUrl::RemoveQuery));
    QByteArray out;
    char buf[65536];
    for (;;) {
        Result<qint64> n = read(buf, sizeof buf);
        if (!n)
            return n.error();
        if (n.value() == 0)
            return out;
        if (out.size() + n.value() > limit)
            return makeError(ErrorCode::TooLarge, u"the response is over the %1-byte limit"_s.arg(limit),
                             m_request.url.toString(QUrl::RemoveQuery));
        out.append(buf, n.value());
    }
}

} // namespace strata
