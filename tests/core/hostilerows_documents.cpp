// SPDX-License-Identifier: MIT
// Catalogue rows: digests, graph shape, index.json, the blobs folder, sizes and JSON limits.
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "tests/core/hostilecatalogue.h"

#include <QFile>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace strata::hostile {

void addDocumentRows()
{
    using PK = ProblemKind;
    using EC = ErrorCode;
    const QString oci = QString::fromLatin1(mediatype::OciIndex);

    // ---- digests: validated by the grammar before they become paths (image-spec descriptor.md §Digests;
    // CVE-2014-9358, CVE-2024-3727)
    const auto indexDigest = [](const QString &digest) {
        return layout([digest](const Layout &l) {
            QJsonObject d = l.manifestDesc();
            d[u"digest"_s] = digest;
            l.setManifestDesc(d);
            return digest.left(digest.indexOf(u':') + 13); // as objects show it: algorithm + 12 hex
        });
    };
    const QString hex = u"bfd777b62e51040bfe52d5de82427de0ff166a5b16ca08bdd624f81f8c0802c0"_s;
    problem("digest sha256:../../etc/passwd", PK::Malformed, u"index.json"_s,
            indexDigest(u"sha256:../../etc/passwd"_s));
    problem("digest with upper-case hex", PK::Malformed, u"index.json"_s, indexDigest(u"sha256:"_s + hex.toUpper()));
    problem("digest algorithm in upper case", PK::Malformed, u"index.json"_s, indexDigest(u"SHA256:"_s + hex));
    problem("digest of the wrong length", PK::Malformed, u"index.json"_s, indexDigest(u"sha256:abcdef0123456789"_s));
    problem("sha256 digest with 128 hex", PK::Malformed, u"index.json"_s, indexDigest(u"sha256:"_s + hex + hex));
    // Grammatical but unregistered: "cannot verify", never a path and never "OK" (§3.1).
    problem("digest with an unknown algorithm", PK::Unverifiable, u"index.json"_s, indexDigest(u"sha1024:"_s + hex),
            true);
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
    problem("manifest that also has manifests (CVE-2021-41190)", PK::Malformed, u"index.json"_s,
            layout([](const Layout &l) {
                QJsonObject m = l.manifest();
                m[u"manifests"_s] = QJsonArray{l.manifestDesc()};
                return l.setManifest(m).left(19);
            }));
    problem("index referenced as a manifest", PK::Malformed, u"index.json"_s, layout([=](const Layout &l) {
                const QByteArray raw = compact(QJsonObject{
                    {u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, QJsonArray{l.manifestDesc()}}});
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
                    raw = compact(QJsonObject{
                        {u"schemaVersion"_s, 2},
                        {u"mediaType"_s, oci},
                        {u"manifests"_s,
                         QJsonArray{QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, self}, {u"size"_s, size}}}}});
                    size = raw.size();
                }
                writeFile(l.blobFile(self), raw);
                l.setManifestDesc(QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, self}, {u"size"_s, size}});
                return u"cycle"_s;
            }));
    problem("manifest whose subject is the index that holds it", PK::DigestMismatch, u"config"_s,
            layout([=](const Layout &l) {
                // A referrers cycle: index I holds manifest M, and M's subject is I. Content addressing makes it
                // impossible, so I is stored under a name that is not its hash (verification flags that). Subjects
                // are shown, never walked: the graph stays a tree and M is still read.
                const QString self = u"sha256:"_s + hexOf("subject-cycle");
                QJsonObject m = l.manifest();
                m[u"subject"_s] = QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, self}, {u"size"_s, 200}};
                l.setManifest(m);
                const QByteArray raw = compact(QJsonObject{
                    {u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, QJsonArray{l.manifestDesc()}}});
                writeFile(l.blobFile(self), raw);
                l.setManifestDesc(QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, self}, {u"size"_s, raw.size()}});
                return self.left(19);
            }));
    problem("indexes nested 20 deep", PK::TooLarge, u"index.json"_s, layout([=](const Layout &l) {
                QJsonObject cur = l.manifestDesc();
                for (int i = 0; i < 20; ++i) {
                    const QByteArray raw = compact(
                        QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, QJsonArray{cur}}});
                    cur = QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, l.put(raw)}, {u"size"_s, raw.size()}};
                }
                l.setManifestDesc(cur);
                return u"deeper than %1"_s.arg(limits::IndexDepth);
            }));
    problem("index with 10001 manifests", PK::TooLarge, u"index.json"_s, layout([=](const Layout &l) {
                QJsonArray many;
                for (int i = 0; i <= limits::MaxManifests; ++i)
                    many << l.manifestDesc();
                const QByteArray raw =
                    compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, many}});
                const QString d = l.put(raw);
                l.setManifestDesc(QJsonObject{{u"mediaType"_s, oci}, {u"digest"_s, d}, {u"size"_s, raw.size()}});
                return d.left(19);
            }));
    problem("fan-out: 3000 x 3000 references to one manifest", PK::TooLarge, u"v1"_s, layout([=](const Layout &l) {
                QJsonArray inner, outer;
                for (int i = 0; i < 3000; ++i)
                    inner << l.manifestDesc();
                const QByteArray b =
                    compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, inner}});
                const QJsonObject bDesc{{u"mediaType"_s, oci}, {u"digest"_s, l.put(b)}, {u"size"_s, b.size()}};
                for (int i = 0; i < 3000; ++i)
                    outer << bDesc;
                const QByteArray a =
                    compact(QJsonObject{{u"schemaVersion"_s, 2}, {u"mediaType"_s, oci}, {u"manifests"_s, outer}});
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
            }),
            true);
}

} // namespace strata::hostile
