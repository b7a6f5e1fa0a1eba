// SPDX-License-Identifier: MIT
// One HTTP request and its reply, driven synchronously from the calling thread: a private
// QNetworkAccessManager and a local event loop, so any worker (QThreadPool or std::thread) can use it.
// Not thread-safe: create, use and destroy an exchange on one thread.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace strata {

struct HttpRequest
{
    QByteArray method = "GET"; // GET or HEAD
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool tlsVerify = true;
    int stallTimeoutMs = 30000; // no byte for this long: the transfer is abandoned
};

class HttpExchange final
{
public:
    // Sends the request and waits for the status line and headers (redirects are NOT followed:
    // the caller decides, so that credentials never follow a redirect to another host).
    // Errors: Unavailable (unreachable, refused, TLS failure, timeout: the message says which), Canceled.
    static Result<std::unique_ptr<HttpExchange>> start(const HttpRequest &request, JobContext *job);
    ~HttpExchange();
    Q_DISABLE_COPY_MOVE(HttpExchange)

    int status() const { return m_status; }
    QByteArray header(const QByteArray &name) const;
    QList<QByteArray> headers(const QByteArray &name) const; // every value of a repeated header
    const QUrl &url() const { return m_request.url; }
    qint64 contentLength() const; // -1 when not given

    // Reads up to `max` body bytes, waiting as needed; 0 at the end. Errors: Io, Unavailable (the connection
    // dropped, stalled, or ended before Content-Length bytes), Canceled.
    Result<qint64> read(char *buf, qint64 max);
    // The whole body, failing with TooLarge past `limit` (responses are capped before they are parsed).
    Result<QByteArray> readAll(qint64 limit);

    // Bytes the reply may buffer ahead of read(); keeps memory flat while streaming.
    static constexpr qint64 ReadBuffer = 1024 * 1024;

private:
    HttpExchange() = default;
    Status waitFor(const std::function<bool()> &ready);
    Error transportError() const;

    HttpRequest m_request;
    JobContext *m_job = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    QNetworkReply *m_reply = nullptr;
    int m_status = 0;
    qint64 m_received = 0;
    bool m_abortedByUs = false;
    QStringList m_sslErrors;
};

} // namespace strata
