// SPDX-License-Identifier: MIT
// Building hostile sources for tst_hostile from the good fixtures: an OCI layout edited and re-chained,
// a docker-archive unpacked and packed again with `tar`, tar blocks written by hand for what no tool
// produces, zstd frames by hand, and snapshots that show whether a source was written.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <unistd.h>

namespace strata::hostile {

using namespace Qt::StringLiterals;

inline constexpr qint64 MiB = 1024 * 1024;

// A failure of the setup itself (a missing tool, a write error), checked by the test after building.
QString setupError();
void clearSetupError();
void setupFailed(const QString &why);

QByteArray readFile(const QString &path);
void writeFile(const QString &path, const QByteArray &bytes);
QString hexOf(const QByteArray &bytes, QCryptographicHash::Algorithm a = QCryptographicHash::Sha256);
QByteArray compact(const QJsonObject &o);
QJsonObject objectOf(const QByteArray &raw);
// Runs a tool; a failure to start or a non-zero exit is a setup failure. Returns its standard output.
QByteArray run(const QString &program, const QStringList &args, const QByteArray &input = {});
QByteArray sh(const QString &script); // bash -o pipefail -c
QString quoted(const QString &path);

// A ustar header. A negative `size` is written as `-size` in GNU base-256 (for sizes octal cannot hold).
QByteArray tarHeader(const QByteArray &name, qint64 size, char type = '0', const QByteArray &link = {});
void setChecksum(char *header);
QByteArray tarMember(const QByteArray &name, const QByteArray &data, char type = '0', const QByteArray &link = {});
QByteArray paxRecord(const QByteArray &key, const QByteArray &value);
// Where the end-of-archive blocks begin / where member `name`'s header is (plain ustar sizes only).
qsizetype tarEnd(const QByteArray &tar);
qsizetype tarHeaderOffset(const QByteArray &tar, const QByteArray &name);
// Appends raw member blocks before the end-of-archive blocks.
void tarAppend(const QString &path, const QByteArray &members);

QByteArray nested(int depth); // "[[[…]]]"
// One zstd frame of `blocks` RLE blocks of 128 KiB zeros; with claimedSize >= 0 the header claims it.
QByteArray zstdRleFrame(int blocks, qint64 claimedSize = -1);

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

// ---- a docker-archive unpacked with `tar` and packed again ----

struct DockerTree
{
    QString dir;
    QStringList order;

    QString at(const QString &rel) const { return dir + u'/' + rel; }
    QJsonArray manifestJson() const { return QJsonDocument::fromJson(readFile(at(u"manifest.json"_s))).array(); }
    QJsonObject entry() const { return manifestJson().at(0).toObject(); }
    void setEntry(const QJsonObject &e) const
    {
        writeFile(at(u"manifest.json"_s), QJsonDocument(QJsonArray{e}).toJson(QJsonDocument::Compact));
    }
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

DockerTree unpack(const QString &tarPath, const QString &dir);

// What a source is (type, size, mtime, content hash of files up to 16 MiB), without following links.
QMap<QString, QString> snapshot(const QString &source);
// A /proc/self/status field ("VmHWM:") in bytes; resetPeak() restarts VmHWM (clear_refs "5").
qint64 procStatus(const char *key);
bool resetPeak();

} // namespace strata::hostile
