// SPDX-License-Identifier: MIT
// Building hostile sources for tst_hostile: files, tools, hand-made tar blocks, and source snapshots.
#include "tests/core/hostilesources.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>

#include <cstring>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace strata::hostile {

namespace {

// Set by the builders when the test setup itself fails (a missing tool, a write error).
QString g_setupError;

} // namespace

QString setupError()
{
    return g_setupError;
}

void clearSetupError()
{
    g_setupError.clear();
}

void setupFailed(const QString &why)
{
    if (g_setupError.isEmpty())
        g_setupError = why;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        setupFailed(u"cannot read "_s + path);
    return f.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile::remove(path);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        setupFailed(u"cannot write "_s + path);
}

QString hexOf(const QByteArray &bytes, QCryptographicHash::Algorithm a)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, a).toHex());
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject objectOf(const QByteArray &raw)
{
    return QJsonDocument::fromJson(raw).object();
}

// Runs a tool; fails the setup when it does not exit 0. Returns its standard output.
QByteArray run(const QString &program, const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted()) {
        setupFailed(u"cannot start "_s + program + u" (is it installed? packaging/install-deps.sh)"_s);
        return {};
    }
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(600000);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        setupFailed(program + u' ' + args.join(u' ').left(300) + u": "_s +
                    QString::fromLocal8Bit(p.readAllStandardError()));
    return p.readAllStandardOutput();
}

QByteArray sh(const QString &script)
{
    return run(u"bash"_s, {u"-o"_s, u"pipefail"_s, u"-c"_s, script});
}

QString quoted(const QString &path)
{
    return u'\'' + path + u'\'';
}

// ---- tar blocks written by hand, for what no tool produces ----

void octal(char *field, int width, qint64 value)
{
    const QByteArray s = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, s.constData(), static_cast<size_t>(width - 1));
    field[width - 1] = 0;
}

void setChecksum(char *h)
{
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i)
        sum += static_cast<unsigned char>(h[i]);
    octal(h + 148, 7, sum);
    h[155] = ' ';
}

// A ustar header. A negative `size` is written as `-size` in GNU base-256 (for sizes octal cannot hold).
QByteArray tarHeader(const QByteArray &name, qint64 size, char type, const QByteArray &link)
{
    QByteArray h(512, '\0');
    std::memcpy(h.data(), name.constData(), static_cast<size_t>(qMin<qsizetype>(name.size(), 100)));
    octal(h.data() + 100, 8, 0644);
    octal(h.data() + 108, 8, 0);
    octal(h.data() + 116, 8, 0);
    if (size >= 0) {
        octal(h.data() + 124, 12, size);
    } else {
        auto *u = reinterpret_cast<unsigned char *>(h.data() + 124);
        quint64 v = quint64(-size);
        for (int i = 11; i >= 1; --i, v >>= 8)
            u[i] = static_cast<unsigned char>(v & 0xff);
        u[0] = 0x80;
    }
    octal(h.data() + 136, 12, 0);
    h[156] = type;
    std::memcpy(h.data() + 157, link.constData(), static_cast<size_t>(qMin<qsizetype>(link.size(), 100)));
    std::memcpy(h.data() + 257,
                "ustar\0"
                "00",
                8);
    setChecksum(h.data());
    return h;
}

QByteArray tarMember(const QByteArray &name, const QByteArray &data, char type, const QByteArray &link)
{
    QByteArray out = tarHeader(name, data.size(), type, link) + data;
    out.append(QByteArray((512 - data.size() % 512) % 512, '\0'));
    return out;
}

QByteArray paxRecord(const QByteArray &key, const QByteArray &value)
{
    const QByteArray body = ' ' + key + '=' + value + '\n';
    qsizetype n = body.size() + 1;
    while (QByteArray::number(n).size() + body.size() != n)
        ++n;
    return QByteArray::number(n) + body;
}

// Where the end-of-archive blocks begin, walking headers (ustar sizes only; enough for these fixtures).
qsizetype tarEnd(const QByteArray &tar)
{
    qsizetype pos = 0;
    while (pos + 512 <= tar.size()) {
        const QByteArray h = tar.mid(pos, 512);
        if (h.count('\0') == 512)
            return pos;
        const qint64 size = QByteArray(h.constData() + 124, 11).toLongLong(nullptr, 8);
        pos += 512 + (size + 511) / 512 * 512;
    }
    return tar.size();
}

qsizetype tarHeaderOffset(const QByteArray &tar, const QByteArray &name)
{
    qsizetype pos = 0;
    while (pos + 512 <= tar.size()) {
        const QByteArray h = tar.mid(pos, 512);
        if (h.count('\0') == 512)
            break;
        if (QByteArray(h.constData()).left(100) == name)
            return pos;
        const qint64 size = QByteArray(h.constData() + 124, 11).toLongLong(nullptr, 8);
        pos += 512 + (size + 511) / 512 * 512;
    }
    setupFailed(u"no member "_s + QString::fromUtf8(name));
    return -1;
}

void tarAppend(const QString &path, const QByteArray &members)
{
    QByteArray t = readFile(path);
    t.truncate(tarEnd(t));
    writeFile(path, t + members + QByteArray(1024, '\0'));
}

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

QByteArray zstdRleFrame(int blocks, qint64 claimedSize)
{
    // Frame header: with a claimed size, 8 bytes of Frame_Content_Size; a 2 MiB window either way.
    QByteArray z("\x28\xb5\x2f\xfd", 4);
    z += char(claimedSize >= 0 ? 0xC0 : 0x00);
    z += char(0x58);
    for (int i = 0; claimedSize >= 0 && i < 8; ++i)
        z += char((claimedSize >> (8 * i)) & 0xff);
    for (int i = 0; i < blocks; ++i) {
        // Block header: 128 KiB, type RLE (1), last flag on the final block; then the one byte repeated.
        const quint32 h = (quint32(128 * 1024) << 3) | (1u << 1) | (i == blocks - 1 ? 1u : 0u);
        z += char(h & 0xff);
        z += char((h >> 8) & 0xff);
        z += char((h >> 16) & 0xff);
        z += '\0';
    }
    return z;
}

DockerTree unpack(const QString &tarPath, const QString &dir)
{
    DockerTree t{dir, {}};
    QDir().mkpath(dir);
    run(u"tar"_s, {u"-xf"_s, tarPath, u"-C"_s, dir});
    for (const QByteArray &line : run(u"tar"_s, {u"-tf"_s, tarPath}).split('\n')) {
        if (!line.isEmpty() && !line.endsWith('/'))
            t.order << QString::fromUtf8(line);
    }
    return t;
}

// Records what a source is (type, size, time, content hash) without following links.
QMap<QString, QString> snapshot(const QString &source)
{
    QMap<QString, QString> out;
    const auto one = [&out](const QString &path, const QString &key) {
        struct stat st
        {
        };
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
            return;
        QString v = u"%1 %2 %3.%4"_s.arg(st.st_mode).arg(st.st_size).arg(st.st_mtim.tv_sec).arg(st.st_mtim.tv_nsec);
        if (S_ISREG(st.st_mode) && st.st_size <= 16 * MiB)
            v += u' ' + hexOf(readFile(path));
        else if (S_ISLNK(st.st_mode))
            v += u" -> "_s + QFile::symLinkTarget(path);
        out.insert(key, v);
    };
    one(source, u"."_s);
    if (QFileInfo(source).isDir() && !QFileInfo(source).isSymLink()) {
        QDirIterator it(source, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            one(p, p.mid(source.size()));
        }
    }
    return out;
}

qint64 procStatus(const char *key)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

// Resets VmHWM (Linux clear_refs "5"), so each row's peak is its own.
bool resetPeak()
{
    QFile f(u"/proc/self/clear_refs"_s);
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

} // namespace strata::hostile
