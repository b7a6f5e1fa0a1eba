// SPDX-License-Identifier: MIT
// The tar index and decompressors, on archives and streams made at test time by GNU tar, gzip and zstd.
#include "core/digest.h"
#include "core/io/decompressor.h"
#include "core/io/tarcontainer.h"
#include "core/io/tarindex.h"
#include "tests/common/hermeticenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

void run(const QString &cmd, const QString &cwd)
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.start(u"bash"_s, {u"-c"_s, cmd});
    QVERIFY2(p.waitForFinished(60000), qPrintable(cmd));
    QVERIFY2(p.exitCode() == 0, qPrintable(cmd + u": "_s + QString::fromLocal8Bit(p.readAllStandardError())));
}

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

QByteArray decompressAll(mediatype::Compression c, const QByteArray &in, Status *status, int chunk = 1000)
{
    auto d = Decompressor::create(c);
    QByteArray out;
    const auto sink = [&](const char *p, qint64 n) -> Status {
        out.append(p, n);
        return Ok{};
    };
    *status = Ok{};
    for (qsizetype off = 0; off < in.size(); off += chunk) {
        *status = d->feed(in.constData() + off, qMin<qsizetype>(chunk, in.size() - off), sink);
        if (!status->ok())
            return out;
    }
    *status = d->finish(sink);
    return out;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

} // namespace

class TestArchive : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QByteArray m_payload;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (int i = 0; i < 300000; ++i)
            m_payload.append(char('a' + (i * 31 + i / 7) % 26));
        const QString t = m_tmp.path();
        write(t + u"/src/dir/file.txt"_s, m_payload);
        write(t + u"/src/"_s + QString(120, u'n') + u"/"_s + QString(110, u'm') + u".txt"_s, "long name\n");
        write(t + u"/src/empty"_s, QByteArray());
        run(u"cd src && ln -s dir/file.txt link && ln dir/file.txt hard"_s, t);
        run(u"tar --format=pax -cf pax.tar -C src ."_s, t);
        run(u"tar --format=gnu -cf gnu.tar -C src ."_s, t);
        run(u"gzip -k -c pax.tar > pax.tar.gz && zstd -q -c pax.tar > pax.tar.zst"_s, t);
        run(u"head -c 5000 pax.tar > cut.tar"_s, t);
        run(u"printf 'hello\\n' > text.txt"_s, t);
        run(u"head -c 700000 /dev/urandom > random.bin && gzip -c random.bin > r1.gz && gzip -c dir_none 2>/dev/null; "
            "printf 'second member' | gzip -c > r2.gz && cat r1.gz r2.gz > multi.gz"_s,
            t);
    }

    void indexes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("pax") << u"pax.tar"_s;
        QTest::newRow("gnu") << u"gnu.tar"_s;
        QTest::newRow("gzip-outer") << u"pax.tar.gz"_s;
        QTest::newRow("zstd-outer") << u"pax.tar.zst"_s;
    }
    void indexes()
    {
        QFETCH(QString, file);
        auto c = TarContainer::openArchive(m_tmp.filePath(file));
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toString()));
        const TarIndex &idx = c.value()->index();
        QVERIFY(!idx.truncated);
        QVERIFY(idx.unsafeNames.isEmpty());
        const QString longName = QString(120, u'n') + u"/"_s + QString(110, u'm') + u".txt"_s;
        QVERIFY2(idx.find(longName), "a name over 100 characters (pax path / GNU longname) is indexed");
        const TarMember *f = idx.find(u"dir/file.txt"_s);
        QVERIFY(f);
        QCOMPARE(f->size, m_payload.size());
        // Members read by offset give the exact bytes.
        auto s = c.value()->readSmall(u"dir/file.txt"_s, 1 << 20);
        QVERIFY(s.ok());
        QCOMPARE(s.value(), m_payload);
        // A symlink and a hard link resolve to the file, inside the archive.
        QCOMPARE(c.value()->readSmall(u"link"_s, 1 << 20).value(), m_payload);
        QCOMPARE(c.value()->readSmall(u"hard"_s, 1 << 20).value(), m_payload);
        QCOMPARE(c.value()->readSmall(u"./empty"_s, 10).value(), QByteArray());
        QCOMPARE(c.value()->stat(u"../etc/passwd"_s).error().code, ErrorCode::UnsafePath);
        QCOMPARE(c.value()->stat(u"nope"_s).error().code, ErrorCode::NotFound);
    }

    void truncatedArchiveKeepsWhatItHas()
    {
        auto c = TarContainer::openArchive(m_tmp.filePath(u"cut.tar"_s));
        QVERIFY(c.ok());
        QVERIFY(c.value()->index().truncated);
        QVERIFY(!c.value()->structuralProblems().isEmpty());
        QCOMPARE(c.value()->structuralProblems().last().code, ErrorCode::Truncated);
    }

    void notATar()
    {
        auto c = TarContainer::openArchive(m_tmp.filePath(u"text.txt"_s));
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, ErrorCode::NotAnImage);
        QVERIFY(c.error().context.endsWith(u"text.txt"_s));
    }

    void names_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("dot-slash") << u"./a/b"_s << u"a/b"_s;
        QTest::newRow("double-slash") << u"a//b"_s << u"a/b"_s;
        QTest::newRow("dot-component") << u"a/./b"_s << u"a/b"_s;
        QTest::newRow("absolute") << u"/etc/passwd"_s << QString();
        QTest::newRow("dotdot") << u"a/../../b"_s << QString();
        QTest::newRow("inner-dotdot") << u"a/../b"_s << QString();
    }
    void names()
    {
        QFETCH(QString, raw);
        QFETCH(QString, normalised);
        QCOMPARE(normaliseMemberName(raw), normalised);
    }

    void linkResolution()
    {
        QCOMPARE(resolveRelativeName(u"b1"_s, u"../6e/layer.tar"_s), u"6e/layer.tar"_s);
        QCOMPARE(resolveRelativeName(u"b1"_s, u"../../etc/passwd"_s), QString());
        QCOMPARE(resolveRelativeName(QString(), u"/etc/passwd"_s), QString());
    }

    void gzipMatchesGunzip()
    {
        Status st = Ok{};
        const QByteArray out =
            decompressAll(mediatype::Compression::Gzip, readFile(m_tmp.filePath(u"pax.tar.gz"_s)), &st);
        QVERIFY(st.ok());
        QCOMPARE(out, readFile(m_tmp.filePath(u"pax.tar"_s)));
    }

    void gzipMultiMember()
    {
        // eStargz layers are several gzip members one after another.
        Status st = Ok{};
        const QByteArray out =
            decompressAll(mediatype::Compression::Gzip, readFile(m_tmp.filePath(u"multi.gz"_s)), &st, 4096);
        QVERIFY(st.ok());
        QCOMPARE(out, readFile(m_tmp.filePath(u"random.bin"_s)) + "second member");
    }

    void zstdMatches()
    {
        Status st = Ok{};
        const QByteArray out =
            decompressAll(mediatype::Compression::Zstd, readFile(m_tmp.filePath(u"pax.tar.zst"_s)), &st, 777);
        QVERIFY(st.ok());
        QCOMPARE(out, readFile(m_tmp.filePath(u"pax.tar"_s)));
    }

    void damaged_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("compression");
        QTest::addColumn<int>("cut");  // bytes kept, -1 all
        QTest::addColumn<int>("flip"); // byte to flip, -1 none
        QTest::addColumn<int>("code");
        QTest::newRow("gzip-truncated") << u"r1.gz"_s << int(mediatype::Compression::Gzip) << 3000 << -1
                                        << int(ErrorCode::Truncated);
        QTest::newRow("gzip-flipped") << u"r1.gz"_s << int(mediatype::Compression::Gzip) << -1 << 400000
                                      << int(ErrorCode::Malformed);
        QTest::newRow("zstd-truncated") << u"pax.tar.zst"_s << int(mediatype::Compression::Zstd) << 200 << -1
                                        << int(ErrorCode::Truncated);
        QTest::newRow("gzip-trailing-junk")
            << u"TRAILING"_s << int(mediatype::Compression::Gzip) << -1 << -1 << int(ErrorCode::Malformed);
    }
    void damaged()
    {
        QFETCH(QString, file);
        QFETCH(int, compression);
        QFETCH(int, cut);
        QFETCH(int, flip);
        QFETCH(int, code);
        QByteArray in =
            file == u"TRAILING" ? readFile(m_tmp.filePath(u"r2.gz"_s)) + "junk" : readFile(m_tmp.filePath(file));
        if (cut >= 0)
            in.truncate(cut);
        if (flip >= 0)
            in[flip] = char(in[flip] ^ 0x55);
        Status st = Ok{};
        decompressAll(mediatype::Compression(compression), in, &st);
        QVERIFY(!st.ok());
        QCOMPARE(int(st.error().code), code);
    }

    void sniff_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("compression");
        QTest::newRow("gzip") << QByteArray("\x1f\x8b\x08\x00", 4) << int(mediatype::Compression::Gzip);
        QTest::newRow("zstd") << QByteArray("\x28\xb5\x2f\xfd", 4) << int(mediatype::Compression::Zstd);
        QTest::newRow("zstd-skippable") << QByteArray("\x50\x2a\x4d\x18", 4) << int(mediatype::Compression::Zstd);
        QTest::newRow("xz") << QByteArray("\xfd"
                                          "7zXZ\x00",
                                          6)
                            << int(mediatype::Compression::Xz);
        QTest::newRow("bzip2") << QByteArray("BZh9") << int(mediatype::Compression::Bzip2);
        QTest::newRow("tar") << QByteArray("etc/\0\0\0", 7) << int(mediatype::Compression::None);
        QTest::newRow("empty") << QByteArray() << int(mediatype::Compression::None);
    }
    void sniff()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, compression);
        QCOMPARE(int(sniffCompression(head.constData(), head.size())), compression);
    }
};

STRATA_TEST_APPLESS_MAIN(TestArchive)
#include "tst_archive.moc"
