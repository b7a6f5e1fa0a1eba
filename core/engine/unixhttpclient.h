// SPDX-License-Identifier: MIT
// A small, bounded HTTP/1.1 client over a Unix socket (the Docker Engine API and Podman's compatible
// one). Blocking: call from a worker. One request per connection ("Connection: close").
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <functional>

namespace strata {

struct HttpHead
{
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed

    QByteArray header(QByteArrayView lowerName) const;
};

struct HttpResponse
{
    HttpHead head;
    QByteArray body;
};

struct UnixHttpOptions
{
    int connectTimeoutMs = 5000;
    int idleTimeoutMs = 30000;         // no byte for this long: a timeout error
    qint64 maxHeaderBytes = 64 * 1024; // status line + headers
};

class UnixHttpClient final
{
public:
    using BodySink = std::function<Status(const char *data, qint64 size)>;

    explicit UnixHttpClient(QString socketPath, UnixHttpOptions options = {});

    const QString &socketPath() const { return m_socket; }

    // GET `target` ("/images/json"), streaming the body (Content-Length, chunked, or to EOF) into `sink`
    // whatever the status (set in `*status`, when given, before the first body byte). Checks `job` for cancellation at
    // least every 200 ms and adds body bytes to its progress. Errors: Unavailable (connect, reset, timeout, the
    // connection closed before the body ended), Malformed (not HTTP/1.x, bad chunk framing), TooLarge (headers over
    // the cap), Canceled, or the sink's error.
    Result<HttpHead> get(const QByteArray &target, const BodySink &sink, JobContext *job = nullptr,
                         int *status = nullptr) const;

    // get() into memory, failing with TooLarge past `maxBody` bytes.
    Result<HttpResponse> getSmall(const QByteArray &target, qint64 maxBody, JobContext *job = nullptr) const;

private:
    QString m_socket;
    UnixHttpOptions m_opt;
};

} // namespace strata
