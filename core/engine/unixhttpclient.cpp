// SPDX-License-Identifier: MIT
// HTTP/1.1 message framing (RFC 9112 §6–7) over a blocking Unix socket with poll() timeouts.
#include "core/engine/unixhttpclient.h"

#include <QElapsedTimer>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

QByteArray HttpHead::header(QByteArrayView lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

namespace {

constexpr int PollSliceMs = 200;
constexpr qint64 ReadChunk = 64 * 1024;
constexpr qint64 MaxChunkLine = 1024;

class Connection
{
public:
    Connection(QString socket, const UnixHttpOptions &opt, JobContext *job)
        : m_socket(std::move(socket)), m_opt(opt), m_job(job)
    {
    }
    ~Connection()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Q_DISABLE_COPY_MOVE(Connection)

    Error fail(ErrorCode code, const QString &msg) const { return makeError(code, msg, m_socket); }

    Status connect()
    {
        const QByteArray path = QFile::encodeName(m_socket);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (path.size() >= static_cast<qsizetype>(sizeof addr.sun_path))
            return fail(ErrorCode::Unsupported, u"the socket path is too long for a Unix socket"_s);
        std::memcpy(addr.sun_path, path.constData(), static_cast<size_t>(path.size()));
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (m_fd < 0)
            return fail(ErrorCode::Io, QString::fromLocal8Bit(std::strerror(errno)));
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0 && errno != EINPROGRESS &&
            errno != EAGAIN) {
            const int err = errno;
            return fail(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Unavailable,
                        u"cannot connect: %1"_s.arg(QString::fromLocal8Bit(std::strerror(err))));
        }
        if (Status s = waitFor(POLLOUT, m_opt.connectTimeoutMs); !s)
            return s;
        int soErr = 0;
        socklen_t len = sizeof soErr;
        if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &soErr, &len) == 0 && soErr != 0)
            return fail(ErrorCode::Unavailable,
                        u"cannot connect: %1"_s.arg(QString::fromLocal8Bit(std::strerror(soErr))));
        return Ok{};
    }

    Status sendAll(const QByteArray &data)
    {
        qsizetype off = 0;
        while (off < data.size()) {
            const ssize_t n =
                ::send(m_fd, data.constData() + off, static_cast<size_t>(data.size() - off), MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
                if (Status s = waitFor(POLLOUT, m_opt.idleTimeoutMs); !s)
                    return s;
                continue;
            }
            if (n < 0)
                return fail(ErrorCode::Unavailable,
                            u"cannot send the request: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
            off += n;
        }
        return Ok{};
    }

    // Reads more bytes into the buffer; 0 at end of stream.
    Result<qint64> fill()
    {
        if (m_pos > 0) { // drop what was consumed, so the buffer stays about one read long
            m_buf.remove(0, m_pos);
            m_pos = 0;
        }
        for (;;) {
            char tmp[ReadChunk];
            const ssize_t n = ::recv(m_fd, tmp, sizeof tmp, 0);
            if (n > 0) {
                m_buf.append(tmp, n);
                return static_cast<qint64>(n);
            }
            if (n == 0)
                return qint64(0);
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                return fail(ErrorCode::Unavailable,
                            u"the connection failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
            if (Status s = waitFor(POLLIN, m_opt.idleTimeoutMs); !s)
                return s.error();
        }
    }

    // A CRLF-terminated line, without the CRLF. Errors: TooLarge past `max`, Unavailable at EOF.
    Result<QByteArray> readLine(qint64 max, const QString &what)
    {
        for (;;) {
            const qsizetype nl = m_buf.indexOf('\n', m_pos);
            if (nl >= 0) {
                QByteArray line = m_buf.mid(m_pos, nl - m_pos);
                m_pos = nl + 1;
                if (line.endsWith('\r'))
                    line.chop(1);
                return line;
            }
            if (m_buf.size() - m_pos > max)
                return fail(ErrorCode::TooLarge, u"%1 is longer than %2 bytes"_s.arg(what).arg(max));
            Result<qint64> n = fill();
            if (!n)
                return n.error();
            if (n.value() == 0)
                return fail(ErrorCode::Unavailable,
                            u"the engine closed the connection in the middle of %1"_s.arg(what));
        }
    }

    // Passes exactly `count` bytes (or, with count < 0, everything to EOF) to the sink.
    Status pass(qint64 count, const UnixHttpClient::BodySink &sink)
    {
        qint64 left = count;
        for (;;) {
            const qint64 avail = m_buf.size() - m_pos;
            const qint64 take = count < 0 ? avail : qMin(avail, left);
            if (take > 0) {
                if (Status s = sink(m_buf.constData() + m_pos, take); !s)
                    return s;
                if (m_job)
                    m_job->addProgress(take);
                m_pos += take;
                left -= take;
            }
            if (count >= 0 && left == 0)
                return Ok{};
            Result<qint64> n = fill();
            if (!n)
                return n.error();
            if (n.value() == 0) {
                if (count < 0)
                    return Ok{};
                return fail(ErrorCode::Unavailable,
                            u"the engine closed the connection %1 bytes before the end of the body"_s.arg(left));
            }
        }
    }

private:
    Status waitFor(short events, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            if (m_job && m_job->isCanceled())
                return fail(ErrorCode::Canceled, u"canceled"_s);
            pollfd p{m_fd, events, 0};
            const int r = ::poll(&p, 1, PollSliceMs);
            if (r > 0)
                return Ok{};
            if (r < 0 && errno != EINTR)
                return fail(ErrorCode::Io, QString::fromLocal8Bit(std::strerror(errno)));
            if (t.elapsed() > timeoutMs)
                return fail(ErrorCode::Unavailable, u"the engine did not answer within %1 s"_s.arg(timeoutMs / 1000));
        }
    }

    QString m_socket;
    const UnixHttpOptions &m_opt;
    JobContext *m_job;
    int m_fd = -1;
    QByteArray m_buf;
    qsizetype m_pos = 0;
};

Result<HttpHead> readHead(Connection &c, qint64 maxHeaderBytes)
{
    HttpHead head;
    qint64 used = 0;
    for (;;) {
        Result<QByteArray> status = c.readLine(maxHeaderBytes, u"the status line"_s);
        if (!status)
            return status.error();
        used += status->size();
        const QList<QByteArray> parts = status->split(' ');
        if (parts.size() < 2 || !parts[0].startsWith("HTTP/1."))
            return c.fail(ErrorCode::Malformed,
                          u"the answer is not HTTP/1.x: \"%1\""_s.arg(QString::fromLatin1(status->left(80))));
        bool ok = false;
        head.status = parts[1].toInt(&ok);
        if (!ok || head.status < 100 || head.status > 999)
            return c.fail(ErrorCode::Malformed, u"the status code is not a number"_s);
        head.reason = status->mid(parts[0].size() + parts[1].size() + 2);
        head.headers.clear();
        for (;;) {
            Result<QByteArray> line = c.readLine(maxHeaderBytes - used, u"the headers"_s);
            if (!line)
                return line.error();
            used += line->size() + 2;
            if (used > maxHeaderBytes)
                return c.fail(ErrorCode::TooLarge, u"the headers are longer than %1 bytes"_s.arg(maxHeaderBytes));
            if (line->isEmpty())
                break;
            const qsizetype colon = line->indexOf(':');
            if (colon <= 0)
                return c.fail(ErrorCode::Malformed, u"a header line has no name"_s);
            head.headers << qMakePair(line->left(colon).trimmed().toLower(), line->mid(colon + 1).trimmed());
        }
        if (head.status >= 200 || head.status == 101)
            return head; // 1xx interim answers are skipped (RFC 9110 §15.2)
    }
}

Status readChunked(Connection &c, const UnixHttpClient::BodySink &sink)
{
    for (;;) {
        Result<QByteArray> line = c.readLine(MaxChunkLine, u"a chunk size line"_s);
        if (!line)
            return line.error();
        const qsizetype semicolon = line->indexOf(';'); // chunk extensions are ignored
        const QByteArray sizeText = (semicolon < 0 ? line.value() : line->left(semicolon)).trimmed();
        bool ok = false;
        const qint64 size = sizeText.toLongLong(&ok, 16);
        if (!ok || size < 0 || sizeText.size() > 15)
            return c.fail(ErrorCode::Malformed, u"a chunk size is not a hexadecimal number: \"%1\""_s.arg(
                                                    QString::fromLatin1(sizeText.left(40))));
        if (size == 0) {
            for (;;) { // trailers
                Result<QByteArray> t = c.readLine(MaxChunkLine * 8, u"the trailers"_s);
                if (!t)
                    return t.error();
                if (t->isEmpty())
                    return Ok{};
            }
        }
        if (Status s = c.pass(size, sink); !s)
            return s;
        Result<QByteArray> crlf = c.readLine(2, u"a chunk"_s);
        if (!crlf)
            return crlf.error();
        if (!crlf->isEmpty())
            return c.fail(ErrorCode::Malformed, u"a chunk is longer than its size line says"_s);
    }
}

} // namespace

UnixHttpClient::UnixHttpClient(QString socketPath, UnixHttpOptions options)
    : m_socket(std::move(socketPath)), m_opt(options)
{
}

Result<HttpHead> UnixHttpClient::get(const QByteArray &target, const BodySink &sink, JobContext *job, int *status) const
{
    Connection c(m_socket, m_opt, job);
    if (Status s = c.connect(); !s)
        return s.error();
    const QByteArray request = "GET " + target +
                               " HTTP/1.1\r\nHost: docker\r\nUser-Agent: Strata\r\nAccept: */*\r\n"
                               "Connection: close\r\n\r\n";
    if (Status s = c.sendAll(request); !s)
        return s.error();
    Result<HttpHead> head = readHead(c, m_opt.maxHeaderBytes);
    if (!head)
        return head.error();
    if (status)
        *status = head->status;
    if (head->status == 204 || head->status == 304)
        return head;
    Status body = Ok{};
    if (head->header("transfer-encoding").toLower().contains("chunked")) {
        body = readChunked(c, sink);
    } else if (const QByteArray cl = head->header("content-length"); !cl.isEmpty()) {
        bool ok = false;
        const qint64 len = cl.toLongLong(&ok);
        if (!ok || len < 0)
            return c.fail(ErrorCode::Malformed,
                          u"Content-Length is not a number: \"%1\""_s.arg(QString::fromLatin1(cl.left(40))));
        body = c.pass(len, sink);
    } else {
        body = c.pass(-1, sink);
    }
    if (!body)
        return body.error();
    return head;
}

Result<HttpResponse> UnixHttpClient::getSmall(const QByteArray &target, qint64 maxBody, JobContext *job) const
{
    HttpResponse r;
    Result<HttpHead> head = get(
        target,
        [&](const char *p, qint64 n) -> Status {
            if (r.body.size() + n > maxBody)
                return makeError(
                    ErrorCode::TooLarge,
                    u"the answer to %1 is larger than %2 bytes"_s.arg(QString::fromLatin1(target)).arg(maxBody),
                    m_socket);
            r.body.append(p, n);
            return Ok{};
        },
        job);
    if (!head)
        return head.error();
    r.head = head.value();
    return r;
}

} // namespace strata
