// SPDX-License-Identifier: MIT
// The hostile-input catalogue (FORMATS.md §6). Every row derives a bad source from a good fixture at
// test time (an OCI layout edited and re-chained, a docker-archive rewritten with `tar`, headers
// patched in C++), opens and verifies it, and asserts: the exact error code or problem kind; that the
// text names the object; that what could be read is still shown; that the source was not written;
// that nothing was left outside the private temporary folder; and that memory stayed bounded.
#include "io/decompressor.h"
#include "io/tarindex.h"
#include "json/jsondocument.h"
#include "json/jsonlimits.h"
#include "sources/sourceopener.h"
#include "testutil.h"
#include "verify/blobcheck.h"
#include "verify/verifier.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

constexpr qint64 MiB = 1024 * 1024;
// Peak RSS growth allowed per row. ASan keeps freed memory in quarantine and pads every allocation,
// so the sanitizer build gets three times the room; a bomb inflated in memory still fails it.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 RssBound = 3 * 200 * MiB;
#else
constexpr qint64 RssBound = 200 * MiB;
#endif

// Set by the builders when the test setup itself fails (a missing tool, a write error).
QString g_setupError;
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

QString hexOf(const QByteArray &bytes, QCryptographicHash::Algorithm a = QCryptographicHash::Sha256)
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
QByteArray run(const QString &program, const QStringList &args, const QByteArray &input = {})
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
        setupFailed(program + u' ' + args.join(u' ').left(300) + u": "_s + QString::fromLocal8Bit(p.readAllStandardError()));
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
QByteArray tarHeader(const QByteArray &name, qint64 size, char type = '0', const QByteArray &link = {})
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
    std::memcpy(h.data() + 257, "ustar\0" "00", 8);
    setChecksum(h.data());
    return h;
}

QByteArray tarMember(const QByteArray &name, const QByteArray &data, char type = '0', const QByteArray &link = {})
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

// ---- an OCI layout copied from a good fixture, edited and re-chained ----

struct Layout
{
    QString root;

    QString path(const QString &rel) const { return root + u'/' + rel; }
    QString blobFile(const QString &digest) const
    {
        return path(u"blobs/"_s + digest.section(u':', 0, 0) + u'/' + digest.section(u':', 1));
    }
    QJsonObject index() const { return objectOf(readFile(path(u"index.json"_s))); }
    void setIndex(const QJsonObject &o) const { writeFile(path(u"index.json"_s), compact(o)); }
    QJsonObject manifestDesc() const { return index().value(u"manifests"_s).toArray().at(0).toObject(); }
    QString manifestDigest() const { return manifestDesc().value(u"digest"_s).toString(); }
    QJsonObject manifest() const { return objectOf(readFile(blobFile(manifestDigest()))); }
    QJsonObject config() const { return objectOf(readFile(blobFile(manifest()[u"config"_s][u"digest"_s].toString()))); }
    QString configDigest() const { return manifest()[u"config"_s][u"digest"_s].toString(); }
    QJsonObject layerDesc(int i) const { return manifest()[u"layers"_s].toArray().at(i).toObject(); }
    QString layerDigest(int i) const { return layerDesc(i)[u"digest"_s].toString(); }

    QString put(const QByteArray &bytes) const
    {
        const QString d = u"sha256:"_s + hexOf(bytes);
        writeFile(blobFile(d), bytes);
        return d;
    }
    static QJsonObject describe(QJsonObject desc, const QString &digest, qint64 size)
    {
        desc[u"digest"_s] = digest;
        desc[u"size"_s] = size;
        return desc;
    }
    void setManifestDesc(const QJsonObject &desc) const
    {
        QJsonObject idx = index();
        QJsonArray arr = idx[u"manifests"_s].toArray();
        arr[0] = desc;
        idx[u"manifests"_s] = arr;
        setIndex(idx);
    }
    QString setManifestRaw(const QByteArray &raw) const
    {
        const QString d = put(raw);
        setManifestDesc(describe(manifestDesc(), d, raw.size()));
        return d;
    }
    QString setManifest(const QJsonObject &m) const { return setManifestRaw(compact(m)); }
    QString setConfigRaw(const QByteArray &raw) const
    {
        const QString d = put(raw);
        QJsonObject m = manifest();
        m[u"config"_s] = describe(m[u"config"_s].toObject(), d, raw.size());
        setManifest(m);
        return d;
    }
    void setLayerDesc(int i, const QJsonObject &desc) const
    {
        QJsonObject m = manifest();
        QJsonArray layers = m[u"layers"_s].toArray();
        layers[i] = desc;
        m[u"layers"_s] = layers;
        setManifest(m);
    }
    QString setLayer(int i, const QByteArray &bytes, const QString &mediaType = {}) const
    {
        const QString d = put(bytes);
        QJsonObject desc = describe(layerDesc(i), d, bytes.size());
        if (!mediaType.isEmpty())
            desc[u"mediaType"_s] = mediaType;
        setLayerDesc(i, desc);
        return d;
    }
    void setDiffId(int i, const QString &digest) const
    {
        QJsonObject c = config();
        QJsonObject rootfs = c[u"rootfs"_s].toObject();
        QJsonArray ids = rootfs[u"diff_ids"_s].toArray();
        ids[i] = digest;
        rootfs[u"diff_ids"_s] = ids;
        c[u"rootfs"_s] = rootfs;
        setConfigRaw(compact(c));
    }
    // The uncompressed tar of layer i (the fixture's layers are gzip).
    QByteArray layerTar(int i) const { return run(u"gzip"_s, {u"-dc"_s}, readFile(blobFile(layerDigest(i)))); }
};

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

// ---- a docker-archive unpacked with `tar` and packed again ----

struct DockerTree
{
    QString dir;
    QStringList order;

    QString at(const QString &rel) const { return dir + u'/' + rel; }
    QJsonArray manifestJson() const { return QJsonDocument::fromJson(readFile(at(u"manifest.json"_s))).array(); }
    QJsonObject entry() const { return manifestJson().at(0).toObject(); }
    void setEntry(const QJsonObject &e) const { writeFile(at(u"manifest.json"_s), QJsonDocument(QJsonArray{e}).toJson(QJsonDocument::Compact)); }
    void setLayers(const QStringList &layers) const
    {
        QJsonObject e = entry();
        e[u"Layers"_s] = QJsonArray::fromStringList(layers);
        setEntry(e);
    }
    QStringList layers() const
    {
        QStringList out;
        for (const QJsonValue &v : entry()[u"Layers"_s].toArray())
            out << v.toString();
        return out;
    }
    void symlink(const QString &rel, const QString &target)
    {
        QFile::remove(at(rel));
        QDir().mkpath(QFileInfo(at(rel)).path());
        if (::symlink(QFile::encodeName(target).constData(), QFile::encodeName(at(rel)).constData()) != 0)
            setupFailed(u"symlink failed"_s);
        if (!order.contains(rel))
            order << rel;
    }
    // Packs the members (in `order`) into `out` with GNU tar, as writers do: fixed owner and times.
    QString pack(const QString &out) const
    {
        writeFile(dir + u".list"_s, order.join(u'\n').toUtf8() + '\n');
        run(u"tar"_s, {u"--format=gnu"_s, u"--no-recursion"_s, u"--owner=0"_s, u"--group=0"_s, u"--numeric-owner"_s,
                       u"--mtime=@0"_s, u"-cf"_s, out, u"-C"_s, dir, u"-T"_s, dir + u".list"_s});
        return out;
    }
};

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

// ---- one catalogue row ----

struct Case
{
    QString spec;   // what to open
    QString source; // the file or folder that must not change
    QString names;  // text the error or problem must contain: the object it is about
    qint64 maxUncompressed = 0;
};

struct Builder
{
    std::function<Case(const QString &dir)> make;
};

// Records what a source is (type, size, time, content hash) without following links.
QMap<QString, QString> snapshot(const QString &source)
{
    QMap<QString, QString> out;
    const auto one = [&out](const QString &path, const QString &key) {
        struct stat st{};
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

QString problemText(const Problem &p)
{
    return p.object + u" | "_s + p.message + u" | "_s + p.expected + u" | "_s + p.actual;
}

} // namespace

Q_DECLARE_METATYPE(Builder)

class TestHostile : public QObject
{
    Q_OBJECT

    QString m_scratchBase; // where rows build their sources (outside the watched TMPDIR)
    QTemporaryDir m_scratch;
    QString m_watchedTmp;   // TMPDIR while opening: must be empty afterwards
    QTemporaryDir m_tmpRoot;
    QByteArray m_savedTmp;

    static Builder layout(std::function<QString(const Layout &)> edit, const QString &fixture = u"good/oci-gzip"_s,
                          qint64 cap = 0)
    {
        return {[=](const QString &dir) {
            const QString root = dir + u"/layout"_s;
            run(u"cp"_s, {u"-a"_s, test::fixture(fixture), root});
            const Layout l{root};
            const QString names = edit(l);
            return Case{root, root, names, cap};
        }};
    }

    static Builder docker(std::function<QString(DockerTree &, const QString &out)> edit)
    {
        return {[=](const QString &dir) {
            DockerTree t = unpack(test::fixture(u"good/docker-archive.tar"_s), dir + u"/tree"_s);
            const QString out = dir + u"/image.tar"_s;
            const QString names = edit(t, out);
            return Case{u"docker-archive:"_s + out, out, names, 0};
        }};
    }

    static Builder ociArchive(std::function<QString(DockerTree &, const QString &out)> edit)
    {
        return {[=](const QString &dir) {
            DockerTree t = unpack(test::fixture(u"good/oci-archive.tar"_s), dir + u"/tree"_s);
            const QString out = dir + u"/image.tar"_s;
            const QString names = edit(t, out);
            return Case{u"oci-archive:"_s + out, out, names, 0};
        }};
    }

    static void refused(const char *name, ErrorCode code, const Builder &b)
    {
        QTest::newRow(name) << b << int(code) << -1 << QString() << false;
    }
    static void problem(const char *name, ProblemKind kind, const QString &shown, const Builder &b, bool verifies = false)
    {
        QTest::newRow(name) << b << -1 << int(kind) << shown << verifies;
    }
    static void clean(const char *name, const QString &shown, const Builder &b)
    {
        QTest::newRow(name) << b << -1 << -1 << shown << true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(test::fixture(u"good/oci-gzip/index.json"_s)),
                 "fixtures missing: run ctest -R make_fixtures first");
        QVERIFY(m_scratch.isValid() && m_tmpRoot.isValid());
        m_scratchBase = m_scratch.path();
        m_watchedTmp = m_tmpRoot.filePath(u"tmp"_s);
        QVERIFY(QDir().mkpath(m_watchedTmp));
        m_savedTmp = qgetenv("TMPDIR");
        qputenv("TMPDIR", QFile::encodeName(m_watchedTmp));
        QCOMPARE(QDir::tempPath(), m_watchedTmp);
    }
    void cleanupTestCase()
    {
        if (m_savedTmp.isEmpty())
            qunsetenv("TMPDIR");
        else
            qputenv("TMPDIR", m_savedTmp);
    }

    void catalogue_data();
    void catalogue();
    void decompressionCapAndRatio();
    void fuzzRegressions_data();
    void fuzzRegressions();
};

void TestHostile::catalogue_data()
{
    QTest::addColumn<Builder>("build");
    QTest::addColumn<int>("openCode"); // ErrorCode when opening must fail, else -1
    QTest::addColumn<int>("kind");     // ProblemKind expected after open + verify, else -1 (clean)
    QTest::addColumn<QString>("shown"); // a present node whose description holds this: the rest is still shown
    QTest::addColumn<bool>("verifies"); // the report has no error (only warnings/info)

    using PK = ProblemKind;
    using EC = ErrorCode;
    const QString oci = QString::fromLatin1(mediatype::OciIndex);
    const QString ociManifest = QString::fromLatin1(mediatype::OciManifest);

    // ---- digests: validated by the grammar before they become paths (FORMATS.md §3.1, §6.1, §6.7)
    const auto indexDigest = [](const QString &digest) {
        return layout([digest](const Layout &l) {
            QJsonObject d = l.manifestDesc();
            d[u"digest"_s] = digest;
            l.setManifestDesc(d);
            return digest.left(digest.indexOf(u':') + 13); // as objects show it: algorithm + 12 hex
        });
    };
    const QString hex = u"bfd777b62e51040bfe52d5de82427de0ff166a5b16ca08bdd624f81f8c0802c0"_s;
    problem("digest sha256:../../etc/passwd", PK::Malformed, u"index.json"_s, indexDigest(u"sha256:../../etc/passwd"_s));
    problem("digest with upper-case hex", PK::Malformed, u"index.json"_s, indexDigest(u"sha256:"_s + hex.toUpper()));
    problem("digest algorithm in upper case", PK::Malformed, u"index.json"_s, indexDigest(u"SHA256:"_s + hex));
    problem("digest of the wrong length", PK::Malformed, u"index.json"_s, indexDigest(u"sha256:abcdef0123456789"_s));
    problem("sha256 digest with 128 hex", PK::Malformed, u"index.json"_s, indexDigest(u"sha256:"_s + hex + hex));
    // Grammatical but unregistered: "cannot verify", never a path and never "OK" (§3.1).
    problem("digest with an unknown algorithm", PK::Unverifiable, u"index.json"_s, indexDigest(u"sha1024:"_s + hex), true);
    problem("blake3 digest (not computed)", PK::Unverifiable, u"index.json"_s, indexDigest(u"blake3:"_s + hex), true);
    clean("sha512 digests verify with sha512", u"config"_s, layout([](const Layout &l) {
        const QByteArray raw = readFile(l.blobFile(l.manifestDigest()));
        const QString d = u"sha512:"_s + hexOf(raw, QCryptographicHash::Sha512);
        writeFile(l.blobFile(d), raw);
        l.setManifestDesc(Layout::describe(l.manifestDesc(), d, raw.size()));
        return d;
    }));
    problem("sha512 digest over other bytes", PK::DigestMismatch, u"config"_s, layout([](const Layout &l) {
        const QByteArray raw = readFile(l.blobFile(l.manifestDigest()));
        const QString d = u"sha512:"_s + hexOf(raw, QCryptographicHash::Sha512);
        writeFile(l.blobFile(d), raw + ' ');
        l.setManifestDesc(Layout::describe(l.manifestDesc(), d, raw.size() + 1));
        return d.left(19);
    }));
    problem("diff_id sha256:../../etc/passwd", PK::Malformed, u"layer 1"_s, layout([](const Layout &l) {
        l.setDiffId(0, u"sha256:../../etc/passwd"_s);
        return u"diff_ids[0]"_s;
    }));

    // ---- manifest / index confusion and graph shape (§6.2, §6.8)
    problem("manifest that also has manifests (CVE-2021-41190)", PK::Malformed, u"index.json"_s, layout([](const Layout &l) {
        QJsonObject m = l.manifest();
        m[u"manifests"_s] = QJsonArray{l.manifestDesc()};
        return l.setManifest(m).left(19);
    }));
    problem("index referenced as a manifest", PK::Malformed, u"index.json"_s, layout([=](const Layout &l) {
        const QByteArray raw = compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci},
                                                   {u"manifests"_s, QJsonArray{l.manifestDesc()}}});
        const QString d = l.put(raw);
        l.setManifestDesc(Layout::describe(l.manifestDesc(), d, raw.size()));
        return d.left(19);
    }));
    problem("index that contains itself", PK::Malformed, u"index.json"_s, layout([=](const Layout &l) {
        // Content addressing makes a true self-reference impossible, so the blob is stored under a name
        // that is not its hash: the walker must still stop (and verification flags the name).
        const QString self = u"sha256:"_s + hexOf("cycle");
        QByteArray raw;
        qint64 size = 0;
        for (int i = 0; i < 4; ++i) {
            raw = compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci},
                                      {u"manifests"_s, QJsonArray{QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, self}, {u"size"_s, size}}}}});
            size = raw.size();
        }
        writeFile(l.blobFile(self), raw);
        l.setManifestDesc(QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, self}, {u"size"_s, size}});
        return u"cycle"_s;
    }));
    problem("indexes nested 20 deep", PK::TooLarge, u"index.json"_s, layout([=](const Layout &l) {
        QJsonObject cur = l.manifestDesc();
        for (int i = 0; i < 20; ++i) {
            const QByteArray raw = compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, QJsonArray{cur}}});
            cur = QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, l.put(raw)}, {u"size"_s, raw.size()}};
        }
        l.setManifestDesc(cur);
        return u"deeper than %1"_s.arg(limits::IndexDepth);
    }));
    problem("index with 10001 manifests", PK::TooLarge, u"index.json"_s, layout([=](const Layout &l) {
        QJsonArray many;
        for (int i = 0; i <= limits::MaxManifests; ++i)
            many << l.manifestDesc();
        const QByteArray raw = compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, many}});
        const QString d = l.put(raw);
        l.setManifestDesc(QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, d}, {u"size"_s, raw.size()}});
        return d.left(19);
    }));
    problem("fan-out: 3000 x 3000 references to one manifest", PK::TooLarge, u"v1"_s, layout([=](const Layout &l) {
        QJsonArray inner, outer;
        for (int i = 0; i < 3000; ++i)
            inner << l.manifestDesc();
        const QByteArray b = compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, inner}});
        const QJsonObject bDesc{{u"mediaType"_s, oci}, {u"digest"_s, l.put(b)}, {u"size"_s, b.size()}};
        for (int i = 0; i < 3000; ++i)
            outer << bDesc;
        const QByteArray a = compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, outer}});
        l.setManifestDesc(QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, l.put(a)}, {u"size"_s, a.size()}});
        return u"more than %1 objects"_s.arg(limits::MaxGraphNodes);
    }));
    problem("manifest with 1001 layers", PK::TooLarge, u"index.json"_s, layout([](const Layout &l) {
        QJsonObject m = l.manifest();
        QJsonArray layers;
        for (int i = 0; i <= limits::MaxLayers; ++i)
            layers << l.layerDesc(0);
        m[u"layers"_s] = layers;
        return l.setManifest(m).left(19);
    }));
    problem("manifest with a duplicate \"layers\" member", PK::Malformed, u"index.json"_s, layout([](const Layout &l) {
        QByteArray raw = compact(l.manifest());
        raw.insert(1, "\"layers\":[],");
        return l.setManifestRaw(raw).left(19);
    }));

    // ---- index.json itself: the source cannot be read, and the error says why
    refused("index.json over 1 MiB", EC::TooLarge, layout([](const Layout &l) {
        QJsonObject i = l.index();
        i[u"annotations"_s] = QJsonObject{{u"pad"_s, QString(1100000, u'x')}};
        l.setIndex(i);
        return u"index.json"_s;
    }));
    refused("index.json nested 100 deep", EC::TooLarge, layout([](const Layout &l) {
        QByteArray raw = compact(l.index());
        raw.insert(1, "\"x\":" + nested(100) + ',');
        writeFile(l.path(u"index.json"_s), raw);
        return u"index.json"_s;
    }));
    refused("index.json with duplicate keys", EC::Malformed, layout([](const Layout &l) {
        QByteArray raw = compact(l.index());
        raw.insert(1, "\"manifests\":[],");
        writeFile(l.path(u"index.json"_s), raw);
        return u"\"manifests\""_s;
    }));
    refused("index.json \"manifests\" is an object", EC::Malformed, layout([](const Layout &l) {
        QJsonObject i = l.index();
        i[u"manifests"_s] = QJsonObject{};
        l.setIndex(i);
        return u"index.json"_s;
    }));
    refused("index.json is a symlink to /etc/passwd", EC::UnsafePath, layout([](const Layout &l) {
        QFile::remove(l.path(u"index.json"_s));
        QFile::link(u"/etc/passwd"_s, l.path(u"index.json"_s));
        return u"index.json"_s;
    }));
    refused("index.json is a FIFO", EC::UnsafePath, layout([](const Layout &l) {
        QFile::remove(l.path(u"index.json"_s));
        if (::mkfifo(QFile::encodeName(l.path(u"index.json"_s)).constData(), 0644) != 0)
            setupFailed(u"mkfifo"_s);
        return u"index.json"_s;
    }));

    // ---- the blobs folder: never follow a link out, never block on a special file (§6.8)
    problem("blobs is a symlink to /etc", PK::UnsafePath, u"index.json"_s, layout([](const Layout &l) {
        run(u"mv"_s, {l.path(u"blobs"_s), l.path(u"blobs.real"_s)});
        QFile::link(u"/etc"_s, l.path(u"blobs"_s));
        return u"blobs"_s;
    }));
    problem("manifest blob is a symlink", PK::UnsafePath, u"index.json"_s, layout([](const Layout &l) {
        const QString f = l.blobFile(l.manifestDigest());
        run(u"mv"_s, {f, l.root + u"/../outside.json"_s});
        QFile::link(l.root + u"/../outside.json"_s, f);
        return l.manifestDigest().left(19);
    }));
    problem("layer blob is a symlink loop", PK::UnsafePath, u"config"_s, layout([](const Layout &l) {
        const QString f = l.blobFile(l.layerDigest(1));
        QFile::remove(f);
        QFile::link(f, f);
        return l.layerDigest(1).left(19);
    }));
    problem("layer blob is a FIFO", PK::UnsafePath, u"config"_s, layout([](const Layout &l) {
        const QString f = l.blobFile(l.layerDigest(1));
        QFile::remove(f);
        if (::mkfifo(QFile::encodeName(f).constData(), 0644) != 0)
            setupFailed(u"mkfifo"_s);
        return l.layerDigest(1).left(19);
    }));
    problem("layer blob is a folder", PK::UnsafePath, u"config"_s, layout([](const Layout &l) {
        const QString f = l.blobFile(l.layerDigest(2));
        QFile::remove(f);
        QDir().mkpath(f);
        return l.layerDigest(2).left(19);
    }));

    // ---- sizes: exact non-negative integers below 2^53; claims are checked, never trusted (§3.2, §6.4)
    const auto layerSize = [](const QByteArray &literal) {
        return layout([literal](const Layout &l) {
            QByteArray raw = compact(l.manifest());
            const QByteArray from = "\"size\":" + QByteArray::number(l.layerDesc(1)[u"size"_s].toInteger());
            raw.replace(raw.indexOf(from), from.size(), QByteArray("\"size\":" + literal));
            l.setManifestRaw(raw);
            return u"layers[1]"_s;
        });
    };
    problem("layer size -1", PK::Malformed, u"index.json"_s, layerSize("-1"));
    problem("layer size 1.5", PK::Malformed, u"index.json"_s, layerSize("1.5"));
    problem("layer size 2^64 (overflows 64 bits)", PK::Malformed, u"index.json"_s, layerSize("18446744073709551616"));
    problem("layer size 2^53+1 (not exact in I-JSON)", PK::Malformed, u"index.json"_s, layerSize("9007199254740993"));
    problem("layer size \"236\" (a string)", PK::Malformed, u"index.json"_s, layerSize("\"236\""));
    problem("layer claims 1 TB", PK::SizeMismatch, u"config"_s, layout([](const Layout &l) {
        l.setLayerDesc(1, Layout::describe(l.layerDesc(1), l.layerDigest(1), 1LL << 40));
        return l.layerDigest(1).left(19);
    }));
    problem("config claims 1 TB (not read)", PK::TooLarge, u"layer 1"_s, layout([](const Layout &l) {
        QJsonObject m = l.manifest();
        m[u"config"_s] = Layout::describe(m[u"config"_s].toObject(), l.configDigest(), 1LL << 40);
        l.setManifest(m);
        return l.configDigest().left(19);
    }));
    problem("config of 100 MB, declared", PK::TooLarge, u"layer 1"_s, layout([](const Layout &l) {
        const QString d = l.configDigest();
        QFile(l.blobFile(d)).resize(100 * MiB); // sparse: costs no disk
        QJsonObject m = l.manifest();
        m[u"config"_s] = Layout::describe(m[u"config"_s].toObject(), d, 100 * MiB);
        l.setManifest(m);
        return d.left(19);
    }));
    problem("config of 100 MB, declared small", PK::TooLarge, u"layer 1"_s, layout([](const Layout &l) {
        QFile(l.blobFile(l.configDigest())).resize(100 * MiB);
        return l.configDigest().left(19);
    }));
    problem("config nested 200 deep", PK::TooLarge, u"layer 1"_s, layout([](const Layout &l) {
        QByteArray raw = compact(l.config());
        raw.insert(1, "\"x\":" + nested(200) + ',');
        return l.setConfigRaw(raw).left(19);
    }));
    problem("config with duplicate keys", PK::Malformed, u"layer 1"_s, layout([](const Layout &l) {
        QByteArray raw = compact(l.config());
        raw.insert(1, "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},");
        return l.setConfigRaw(raw).left(19);
    }));
    problem("descriptor data differs from the blob", PK::DigestMismatch, u"layer 1"_s, layout([](const Layout &l) {
        QJsonObject m = l.manifest();
        QJsonObject c = m[u"config"_s].toObject();
        c[u"data"_s] = u"e30="_s; // "{}"
        m[u"config"_s] = c;
        l.setManifest(m);
        return l.configDigest().left(19);
    }));
    problem("descriptor data that is not base64", PK::Malformed, u"index.json"_s, layout([](const Layout &l) {
        QJsonObject m = l.manifest();
        QJsonObject c = m[u"config"_s].toObject();
        c[u"data"_s] = u"*not base64*"_s;
        m[u"config"_s] = c;
        l.setManifest(m);
        return u"base64"_s;
    }));
    problem("foreign layer with urls is not fetched", PK::NotIncluded, u"config"_s, layout([](const Layout &l) {
        QJsonObject d = l.layerDesc(2);
        QFile::remove(l.blobFile(l.layerDigest(2)));
        d[u"mediaType"_s] = u"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"_s;
        d[u"urls"_s] = QJsonArray{u"http://169.254.169.254/latest/meta-data/"_s};
        l.setLayerDesc(2, d);
        return l.layerDigest(2).left(19);
    }), true);

    // ---- layer streams: bombs, truncation, junk (§6.3)
    problem("gzip bomb: 2 GiB of zeros", PK::SuspiciousRatio, u"config"_s, layout([](const Layout &l) {
        // gzip -1 only reaches ~230x on zeros; -9 reaches deflate's ~1030x, over the 1000x threshold.
        const QString blob = l.root + u"/../bomb.gz"_s;
        const QByteArray sum = sh(u"head -c 2G /dev/zero | tee >(sha256sum > %1.sum) | gzip -9 > %1; wait; sleep 0.2; cat %1.sum"_s
                                      .arg(quoted(blob)));
        const QString d = l.setLayer(0, readFile(blob));
        l.setDiffId(0, u"sha256:"_s + QString::fromLatin1(sum.left(64)));
        return d.left(19);
    }), true);
    problem("zstd frame cut in the middle", PK::Truncated, u"config"_s, layout([](const Layout &l) {
        const QByteArray z = run(u"zstd"_s, {u"-q"_s, u"-c"_s}, l.layerTar(0));
        return l.setLayer(0, z.left(z.size() / 2), QString::fromLatin1(mediatype::OciLayerZstd)).left(19);
    }));
    // A frame header claiming 1 TB, then 100 RLE blocks of 128 KiB: nothing is sized from the claim.
    const auto zstdRle = [](qint64 contentSize, int blocks, bool last) {
        QByteArray z("\x28\xb5\x2f\xfd", 4);
        z += char(0xC0); // 8-byte content size, windowed
        z += char(0x58); // window 2 MiB
        for (int i = 0; i < 8; ++i)
            z += char((contentSize >> (8 * i)) & 0xff);
        for (int i = 0; i < blocks; ++i) {
            const quint32 h = (quint32(128 * 1024) << 3) | (1u << 1) | ((last && i == blocks - 1) ? 1u : 0u);
            z += char(h & 0xff);
            z += char((h >> 8) & 0xff);
            z += char((h >> 16) & 0xff);
            z += '\0';
        }
        return z;
    };
    problem("zstd frame claims 1 TB", PK::Malformed, u"config"_s, layout([=](const Layout &l) {
        return l.setLayer(0, zstdRle(1LL << 40, 100, true), QString::fromLatin1(mediatype::OciLayerZstd)).left(19);
    }));
    problem("zstd bomb past the per-layer cap", PK::TooLarge, u"config"_s, layout([=](const Layout &l) {
        return l.setLayer(0, zstdRle(-1, 4096, true).remove(4, 10).insert(4, "\x00\x58", 2),
                          QString::fromLatin1(mediatype::OciLayerZstd)).left(19);
    }, u"good/oci-gzip"_s, 256 * MiB));
    problem("gzip stream cut in half", PK::Truncated, u"config"_s, layout([](const Layout &l) {
        const QByteArray gz = readFile(l.blobFile(l.layerDigest(0)));
        return l.setLayer(0, gz.left(gz.size() / 2)).left(19);
    }));
    problem("gzip CRC corrupted", PK::Malformed, u"config"_s, layout([](const Layout &l) {
        QByteArray gz = readFile(l.blobFile(l.layerDigest(1)));
        gz[gz.size() - 6] = char(gz[gz.size() - 6] ^ 0x55);
        return l.setLayer(1, gz).left(19);
    }));
    problem("0-byte layer", PK::DiffIdMismatch, u"config"_s, layout([](const Layout &l) {
        return l.setLayer(2, QByteArray()).left(19);
    }));
    problem("layer that is not a tar", PK::Malformed, u"config"_s, layout([](const Layout &l) {
        const QByteArray junk = QByteArray("not a tar archive\n").repeated(100);
        const QString d = l.setLayer(1, run(u"gzip"_s, {u"-9"_s, u"-n"_s}, junk));
        l.setDiffId(1, u"sha256:"_s + hexOf(junk));
        return d.left(19);
    }));
    problem("xz layer (cannot decompress: unverifiable)", PK::Unverifiable, u"config"_s, layout([](const Layout &l) {
        return l.setLayer(1, run(u"xz"_s, {u"-c"_s}, l.layerTar(1))).left(19);
    }));
    clean("layer tar with a million empty entries", u"layer 1"_s, layout([](const Layout &l) {
        // Only the decompression and hash see it: the verifier does not list layers.
        const QString tarPath = l.root + u"/../million.tar"_s;
        QFile f(tarPath);
        if (!f.open(QIODevice::WriteOnly))
            setupFailed(tarPath);
        QCryptographicHash h(QCryptographicHash::Sha256);
        QByteArray chunk;
        for (int i = 0; i < 1000000; ++i) {
            chunk += tarHeader("e/" + QByteArray::number(i), 0);
            if (chunk.size() >= 4 * MiB || i == 999999) {
                if (i == 999999)
                    chunk += QByteArray(1024, '\0');
                h.addData(chunk);
                f.write(chunk);
                chunk.clear();
            }
        }
        f.close();
        run(u"gzip"_s, {u"-1"_s, u"-n"_s, tarPath});
        const QString d = l.setLayer(0, readFile(tarPath + u".gz"_s));
        l.setDiffId(0, u"sha256:"_s + QString::fromLatin1(h.result().toHex()));
        return d.left(19);
    }));

    // ---- docker-archive: names are keys, links stay inside, one level only (§1.6, §6.5)
    refused("manifest.json is null", EC::Malformed, docker([](DockerTree &t, const QString &out) {
        writeFile(t.at(u"manifest.json"_s), "null");
        t.pack(out);
        return u"manifest.json"_s;
    }));
    refused("manifest.json over 1 MiB", EC::TooLarge, docker([](DockerTree &t, const QString &out) {
        QJsonObject e = t.entry();
        e[u"Comment"_s] = QString(1100000, u'x');
        t.setEntry(e);
        t.pack(out);
        return u"manifest.json"_s;
    }));
    refused("manifest.json lists 1001 layers", EC::TooLarge, docker([](DockerTree &t, const QString &out) {
        QStringList many;
        for (int i = 0; i <= limits::MaxLayers; ++i)
            many << t.layers().first();
        t.setLayers(many);
        t.pack(out);
        return u"manifest.json"_s;
    }));
    problem("one 2 MiB config behind 100 entries", PK::TooLarge, u"layer 1"_s, docker([](DockerTree &t, const QString &out) {
        // Link names that claim no digest make every entry a new image: the JSON budget stops the re-reads.
        QJsonObject config = QJsonDocument::fromJson(readFile(t.at(t.entry()[u"Config"_s].toString()))).object();
        config[u"pad"_s] = QString(2 * MiB, u'x');
        writeFile(t.at(u"big.json"_s), compact(config));
        t.order << u"big.json"_s;
        QJsonArray entries;
        for (int i = 0; i < 100; ++i) {
            QJsonObject e = t.entry();
            e[u"Config"_s] = u"cfg/%1.json"_s.arg(i);
            t.symlink(u"cfg/%1.json"_s.arg(i), u"../big.json"_s);
            entries << e;
        }
        writeFile(t.at(u"manifest.json"_s), QJsonDocument(entries).toJson(QJsonDocument::Compact));
        t.pack(out);
        return u"add up to more than %1 bytes"_s.arg(limits::MaxLoadedJsonBytes);
    }));
    problem("layer path is absolute", PK::UnsafePath, u"config"_s, docker([](DockerTree &t, const QString &out) {
        QStringList l = t.layers();
        l[0] = u"/etc/passwd"_s;
        t.setLayers(l);
        t.pack(out);
        return u"/etc/passwd"_s;
    }));
    problem("config path leaves the archive", PK::UnsafePath, u"layer 1"_s, docker([](DockerTree &t, const QString &out) {
        QJsonObject e = t.entry();
        e[u"Config"_s] = u"../../etc/passwd"_s;
        t.setEntry(e);
        t.pack(out);
        return u"../../etc/passwd"_s;
    }));
    const auto layerLink = [](const QString &target, const QString &names) {
        return docker([=](DockerTree &t, const QString &out) {
            QStringList l = t.layers();
            t.symlink(u"evil/layer.tar"_s, target);
            l[0] = u"evil/layer.tar"_s;
            t.setLayers(l);
            t.pack(out);
            return names;
        });
    };
    problem("layer symlink to an absolute path", PK::UnsafePath, u"config"_s, layerLink(u"/etc/passwd"_s, u"/etc/passwd"_s));
    problem("layer symlink leaving the archive", PK::UnsafePath, u"config"_s, layerLink(u"../../../etc/passwd"_s, u"evil/layer.tar"_s));
    problem("symlink loop", PK::UnsafePath, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.symlink(u"a.tar"_s, u"b.tar"_s);
        t.symlink(u"b.tar"_s, u"a.tar"_s);
        QStringList l = t.layers();
        l[0] = u"a.tar"_s;
        t.setLayers(l);
        t.pack(out);
        return u"a.tar"_s;
    }));
    problem("symlink chain of two", PK::UnsafePath, u"config"_s, docker([](DockerTree &t, const QString &out) {
        const QString real = t.layers().first();
        t.symlink(u"one.tar"_s, u"two.tar"_s);
        t.symlink(u"two.tar"_s, real);
        QStringList l = t.layers();
        l[0] = u"one.tar"_s;
        t.setLayers(l);
        t.pack(out);
        return u"one.tar"_s;
    }));
    problem("hard link to a name outside the archive", PK::UnsafePath, u"config"_s, docker([](DockerTree &t, const QString &out) {
        QStringList l = t.layers();
        l[0] = u"hard.tar"_s;
        t.setLayers(l);
        t.pack(out);
        tarAppend(out, tarHeader("hard.tar", 0, '1', "../../etc/passwd"));
        return u"hard.tar"_s;
    }));
    problem("member named ../../evil", PK::UnsafePath, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        tarAppend(out, tarMember("../../evil", "x"));
        return u"../../evil"_s;
    }));
    problem("member named /etc/cron.d/evil", PK::UnsafePath, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        tarAppend(out, tarMember("/etc/cron.d/evil", "x"));
        return u"/etc/cron.d/evil"_s;
    }));
    problem("pax path ../../evil", PK::UnsafePath, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        tarAppend(out, tarMember("PaxHeader/x", paxRecord("path", "../../evil-pax"), 'x') + tarMember("harmless", "x"));
        return u"../../evil-pax"_s;
    }));
    problem("manifest.json twice", PK::Malformed, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        tarAppend(out, tarMember("manifest.json", "[]"));
        return u"manifest.json"_s;
    }));
    problem("non-UTF-8 member names that decode alike", PK::Malformed, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        tarAppend(out, tarMember("\xff.tar", "a") + tarMember("\xfe.tar", "b"));
        return QString(QChar::ReplacementCharacter);
    }));
    problem("config member is a FIFO entry", PK::Malformed, u"layer 1"_s, docker([](DockerTree &t, const QString &out) {
        QJsonObject e = t.entry();
        e[u"Config"_s] = u"fifo.json"_s;
        t.setEntry(e);
        t.pack(out);
        tarAppend(out, tarHeader("fifo.json", 0, '6'));
        return u"fifo.json"_s;
    }));
    refused("tar header with a bad checksum before manifest.json", EC::Truncated, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        QByteArray tar = readFile(out);
        const qsizetype at = tarHeaderOffset(tar, t.layers().at(1).toUtf8());
        tar[at + 1] = char(tar[at + 1] ^ 0x20); // the name changes, the checksum does not
        writeFile(out, tar);
        return u"checksum"_s;
    }));
    problem("tar header with a bad checksum after manifest.json", PK::Truncated, u"config"_s, docker([](DockerTree &t, const QString &out) {
        // Writers put manifest.json last; here it comes first, so the damage loses only the layers.
        const QString config = t.entry()[u"Config"_s].toString();
        t.order.removeAll(u"manifest.json"_s);
        t.order.removeAll(config);
        t.order = QStringList{u"manifest.json"_s, config} + t.order;
        t.pack(out);
        QByteArray tar = readFile(out);
        const qsizetype at = tarHeaderOffset(tar, t.layers().at(2).toUtf8());
        tar[at + 1] = char(tar[at + 1] ^ 0x20);
        writeFile(out, tar);
        return u"checksum"_s;
    }));
    problem("tar size field that is not octal", PK::Truncated, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        QByteArray h = tarHeader("junk", 1);
        std::memcpy(h.data() + 124, "zzzzzzzzzzz", 11);
        setChecksum(h.data());
        tarAppend(out, h);
        return u"numeric field"_s;
    }));
    problem("pax size 2^63-1", PK::Truncated, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        tarAppend(out, tarMember("PaxHeader/junk", paxRecord("size", "9223372036854775807"), 'x') + tarMember("junk", "x"));
        return u"junk"_s;
    }));
    problem("member claims 1 TB (base-256 size)", PK::Truncated, u"config"_s, docker([](DockerTree &t, const QString &out) {
        t.pack(out);
        tarAppend(out, tarHeader("big", -(1LL << 40)));
        return u"big"_s;
    }));
    problem("legacy repositories with a traversal layer ID", PK::Malformed, u"repositories"_s,
            docker([](DockerTree &t, const QString &out) {
        t.order.removeAll(u"manifest.json"_s);
        writeFile(t.at(u"repositories"_s), QByteArray("{\"x\":{\"latest\":\"../../../etc\"}}"));
        t.pack(out);
        return u"../../../etc"_s;
    }));
    refused("outer gzip cut in half", EC::Truncated, {[](const QString &dir) {
        const QByteArray gz = readFile(test::fixture(u"good/docker-archive.tar.gz"_s));
        writeFile(dir + u"/cut.tar.gz"_s, gz.left(gz.size() / 2));
        return Case{dir + u"/cut.tar.gz"_s, dir + u"/cut.tar.gz"_s, u"cut.tar.gz"_s, 0};
    }});
    refused("outer zstd bomb", EC::TooLarge, {[](const QString &dir) {
        // The whole archive must be decompressed to a private file first: refused past 1000x, not filling the disk.
        const QString out = dir + u"/bomb.tar.zst"_s;
        sh(u"{ cat %1; head -c 1G /dev/zero; } | zstd -q -1 -c > %2"_s.arg(quoted(test::fixture(u"good/docker-archive.tar"_s)),
                                                                        quoted(out)));
        return Case{out, out, u"decompression bomb"_s, 0};
    }});

    // ---- OCI archive
    refused("oci-archive index.json is a symlink to /etc/passwd", EC::UnsafePath, ociArchive([](DockerTree &t, const QString &out) {
        t.symlink(u"index.json"_s, u"/etc/passwd"_s);
        t.pack(out);
        return u"index.json"_s;
    }));
    problem("oci-archive blob is a hard link out", PK::UnsafePath, u"index.json"_s, ociArchive([](DockerTree &t, const QString &out) {
        const QJsonObject idx = objectOf(readFile(t.at(u"index.json"_s)));
        const QString m = u"blobs/sha256/"_s + idx[u"manifests"_s][0][u"digest"_s].toString().section(u':', 1);
        t.order.removeAll(m);
        t.pack(out);
        tarAppend(out, tarHeader(m.toUtf8(), 0, '1', "../../etc/shadow"));
        return m;
    }));
}

void TestHostile::catalogue()
{
    QFETCH(Builder, build);
    QFETCH(int, openCode);
    QFETCH(int, kind);
    QFETCH(QString, shown);
    QFETCH(bool, verifies);

    g_setupError.clear();
    QTemporaryDir scratch(m_scratchBase + u"/row-XXXXXX"_s);
    const Case c = build.make(scratch.path());
    QVERIFY2(g_setupError.isEmpty(), qPrintable(u"setup: "_s + g_setupError));
    const QMap<QString, QString> before = snapshot(c.source);
    QVERIFY(!before.isEmpty());

    const bool peakReset = resetPeak();
    const qint64 rssBefore = peakReset ? procStatus("VmRSS:") : procStatus("VmHWM:");
    QElapsedTimer timer;
    timer.start();
    {
        const Result<ImageGraphPtr> g = SourceOpener::open(c.spec);
        if (openCode >= 0) {
            QVERIFY2(!g.ok(), "opened, but must be refused");
            const QString text = g.error().toString();
            QVERIFY2(g.error().code == ErrorCode(openCode),
                     qPrintable(u"got %1: %2"_s.arg(errorCodeName(g.error().code), text)));
            QVERIFY2(!g.error().context.isEmpty(), "the error names the source");
            QVERIFY2(text.contains(c.names), qPrintable(u"\"%1\" does not name \"%2\""_s.arg(text, c.names)));
        } else {
            QVERIFY2(g.ok(), qPrintable(g.ok() ? QString() : g.error().toString()));
            const ImageGraph &graph = *g.value();
            VerifyOptions o;
            if (c.maxUncompressed > 0)
                o.maxUncompressed = c.maxUncompressed;
            const VerifyReport r = Verifier::run(graph, o);
            QStringList all;
            for (const Problem &p : r.problems)
                all << problemKindName(p.kind) + u": "_s + problemText(p);
            if (kind >= 0) {
                const auto named = std::find_if(r.problems.begin(), r.problems.end(), [&](const Problem &p) {
                    return p.kind == ProblemKind(kind) && !p.object.isEmpty() && !p.message.isEmpty()
                           && problemText(p).contains(c.names);
                });
                QVERIFY2(named != r.problems.end(), qPrintable(u"no %1 problem naming \"%2\"; problems:\n  %3"_s.arg(
                                                                   problemKindName(ProblemKind(kind)), c.names, all.join(u"\n  "_s))));
            }
            if (verifies)
                QVERIFY2(r.ok(), qPrintable(all.join(u"\n  "_s)));
            if (!shown.isEmpty()) {
                const bool found = std::any_of(graph.nodes.begin(), graph.nodes.end(), [&](const Node &n) {
                    return n.present && n.kind != NodeKind::Source && graph.describe(n.id).contains(shown);
                });
                QVERIFY2(found, qPrintable(u"nothing present shows \"%1\""_s.arg(shown)));
            }
        }
    }
    QVERIFY2(timer.elapsed() < 120000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    const qint64 peak = procStatus("VmHWM:");
    QVERIFY2(peak - rssBefore < RssBound, qPrintable(u"peak RSS grew by %1 MiB"_s.arg((peak - rssBefore) / MiB)));
    QCOMPARE(snapshot(c.source), before);
    const QStringList left = QDir(m_watchedTmp).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    QVERIFY2(left.isEmpty(), qPrintable(u"left in the temporary folder: "_s + left.join(u", "_s)));
}

void TestHostile::decompressionCapAndRatio()
{
    // The per-layer cap and the ratio are documented limits: a stream past the cap stops with TooLarge
    // (no digest claimed), one past the ratio is flagged but fully hashed.
    QByteArray z("\x28\xb5\x2f\xfd\x00\x58", 6);
    for (int i = 0; i < 64; ++i) {
        const quint32 h = (quint32(128 * 1024) << 3) | (1u << 1) | (i == 63 ? 1u : 0u);
        z += QByteArray::fromRawData(reinterpret_cast<const char *>(&h), 3) + '\0';
    }
    struct Memory final : ByteStream
    {
        QByteArray data;
        qint64 pos = 0;
        Result<qint64> read(char *buf, qint64 max) override
        {
            const qint64 n = qMin(max, data.size() - pos);
            std::memcpy(buf, data.constData() + pos, static_cast<size_t>(n));
            pos += n;
            return n;
        }
        qint64 size() const override { return data.size(); }
    };
    std::vector<char> buf;
    BlobCheckOptions o;
    o.decompress = true;
    o.maxUncompressed = 4 * MiB;
    Memory capped;
    capped.data = z;
    const Result<BlobMeasure> m = measureBlob(capped, o, nullptr, buf);
    QVERIFY(m.ok());
    QVERIFY(m->hasDecompressError);
    QCOMPARE(m->decompressError.code, ErrorCode::TooLarge);
    QVERIFY(!m->decompressed);
    o.maxUncompressed = limits::MaxUncompressedBytes;
    Memory whole;
    whole.data = z;
    const Result<BlobMeasure> w = measureBlob(whole, o, nullptr, buf);
    QVERIFY(w.ok() && w->decompressed && !w->hasDecompressError);
    QCOMPARE(w->uncompressedSize, 8 * MiB);
    QVERIFY(!w->ratioExceeded); // 8 MiB is under MinRatioAllowance, whatever the ratio
}

void TestHostile::fuzzRegressions_data()
{
    // Inputs that made a fuzz target crash (tests/fuzz/run-fuzzers.sh), kept in tests/hostile/fuzz/ as
    // <target>-<what>. Each is replayed through the entry point its target uses.
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/hostile/fuzz"_s);
    for (const QString &f : dir.entryList(QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
    if (dir.entryList(QDir::Files).isEmpty())
        QTest::newRow("none") << QString();
}

void TestHostile::fuzzRegressions()
{
    QFETCH(QString, file);
    if (file.isEmpty())
        QSKIP("no fuzz findings recorded");
    const QString name = QFileInfo(file).fileName();
    const QByteArray data = readFile(file);
    QTemporaryDir dir(m_scratchBase + u"/fuzz-XXXXXX"_s);
    if (name.startsWith(u"tarindex-"_s) || name.startsWith(u"docker_archive-"_s) || name.startsWith(u"oci_archive-"_s)) {
        const QString path = dir.filePath(u"input.tar"_s);
        writeFile(path, data);
        SourceSpec spec;
        spec.kind = name.startsWith(u"oci_archive-"_s) ? SourceSpec::Kind::OciArchive : SourceSpec::Kind::DockerArchive;
        spec.path = path;
        spec.text = path;
        const Result<ImageGraphPtr> g = SourceOpener::open(spec);
        if (!g) {
            QVERIFY(!g.error().message.isEmpty() && !g.error().context.isEmpty());
        } else {
            VerifyOptions o;
            o.threads = 1;
            o.maxUncompressed = 64 * MiB;
            const VerifyReport r = Verifier::run(*g.value(), o);
            for (const Problem &p : r.problems)
                QVERIFY(!p.object.isEmpty() && !p.message.isEmpty());
        }
        Result<std::shared_ptr<SharedFd>> fd = SharedFd::open(path);
        QVERIFY(fd.ok());
        const Result<TarIndex> idx = TarIndex::build(fd.value());
        for (const TarMember &m : idx ? idx->members : QList<TarMember>())
            QVERIFY(m.truncated || m.dataOffset + m.size <= data.size());
    } else if (name.startsWith(u"json-"_s)) {
        const Result<QJsonValue> v = json::parse(data, limits::ManifestBytes, name);
        if (v && v->isObject()) {
            const QJsonObject o = v->toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QByteArray key = it.key().toLatin1();
                const Result<qint64> size = json::requireSize(o, QLatin1StringView(key), name);
                QVERIFY(!size || (size.value() >= 0 && size.value() <= (qint64(1) << 53)));
            }
        }
    } else if (name.startsWith(u"detectkind-"_s)) {
        // As fuzz_detectkind: byte 0 picks the media type the referrer declared.
        static const char *const declared[] = {"", mediatype::OciIndex, mediatype::OciManifest, mediatype::DockerManifest,
                                               mediatype::DockerList, mediatype::DockerSchema1Signed, mediatype::OciConfig,
                                               "application/vnd.example+json"};
        QVERIFY(!data.isEmpty());
        const QString decl = QString::fromLatin1(declared[quint8(data[0]) % (sizeof declared / sizeof *declared)]);
        const Result<QJsonObject> o = json::parseObject(data.mid(1), limits::ManifestBytes, name);
        QVERIFY(o.ok());
        QString warning;
        const Result<DocumentKind> k = detectDocumentKind(o.value(), decl, name, &warning);
        const QString own = json::optString(o.value(), QLatin1StringView("mediaType"));
        // A document whose own media type contradicts the declared one is refused or at least warned about.
        QVERIFY(!k || own.isEmpty() || decl.isEmpty() || own == decl || !warning.isEmpty());
    } else if (name.startsWith(u"gzip-"_s) || name.startsWith(u"zstd-"_s)) {
        std::unique_ptr<Decompressor> d = Decompressor::create(name.startsWith(u"gzip-"_s) ? mediatype::Compression::Gzip
                                                                                         : mediatype::Compression::Zstd);
        qint64 out = 0;
        const Decompressor::Sink sink = [&out](const char *, qint64 n) -> Status {
            out += n;
            return out > 64 * MiB ? Status(makeError(ErrorCode::TooLarge, u"cap"_s)) : Status(Ok{});
        };
        if (d->feed(data.constData(), data.size(), sink))
            (void)d->finish(sink);
    } else {
        // The JSON document targets: whatever the parser says, it says it without crashing.
        const Result<QJsonObject> o = json::parseObject(data, limits::ConfigBytes, name);
        if (o) {
            (void)detectDocumentKind(o.value(), QString(), name);
            (void)Descriptor::fromJson(o.value(), name);
            (void)Manifest::fromJson(o.value(), name);
            (void)Index::fromJson(o.value(), name);
            (void)ImageConfig::fromJson(o.value(), name);
        }
        (void)Digest::parse(QString::fromUtf8(data));
    }
    const QStringList left = QDir(m_watchedTmp).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    QVERIFY(left.isEmpty());
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
