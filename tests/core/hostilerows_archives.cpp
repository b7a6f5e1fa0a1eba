// SPDX-License-Identifier: MIT
// Catalogue rows: docker-archive and OCI archive (names, links, tar headers, outer compression).
#include "core/json/jsonlimits.h"
#include "tests/common/testutil.h"
#include "tests/core/hostilecatalogue.h"

#include <QTest>

#include <cstring>

using namespace Qt::StringLiterals;

namespace strata::hostile {

void addArchiveRows()
{
    using PK = ProblemKind;
    using EC = ErrorCode;

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
    problem("one 2 MiB config behind 100 entries", PK::TooLarge, u"layer 1"_s,
            docker([](DockerTree &t, const QString &out) {
                // Link names that claim no digest make every entry a new image: the JSON budget stops the re-reads.
                QJsonObject config =
                    QJsonDocument::fromJson(readFile(t.at(t.entry()[u"Config"_s].toString()))).object();
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
    problem("config path leaves the archive", PK::UnsafePath, u"layer 1"_s,
            docker([](DockerTree &t, const QString &out) {
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
    problem("layer symlink to an absolute path", PK::UnsafePath, u"config"_s,
            layerLink(u"/etc/passwd"_s, u"/etc/passwd"_s));
    problem("layer symlink leaving the archive", PK::UnsafePath, u"config"_s,
            layerLink(u"../../../etc/passwd"_s, u"evil/layer.tar"_s));
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
    problem("hard link to a name outside the archive", PK::UnsafePath, u"config"_s,
            docker([](DockerTree &t, const QString &out) {
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
                tarAppend(out, tarMember("PaxHeader/x", paxRecord("path", "../../evil-pax"), 'x') +
                                   tarMember("harmless", "x"));
                return u"../../evil-pax"_s;
            }));
    problem("manifest.json twice", PK::Malformed, u"config"_s, docker([](DockerTree &t, const QString &out) {
                t.pack(out);
                tarAppend(out, tarMember("manifest.json", "[]"));
                return u"manifest.json"_s;
            }));
    problem("non-UTF-8 member names that decode alike", PK::Malformed, u"config"_s,
            docker([](DockerTree &t, const QString &out) {
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
    refused("tar header with a bad checksum before manifest.json", EC::Truncated,
            docker([](DockerTree &t, const QString &out) {
                t.pack(out);
                QByteArray tar = readFile(out);
                const qsizetype at = tarHeaderOffset(tar, t.layers().at(1).toUtf8());
                tar[at + 1] = char(tar[at + 1] ^ 0x20); // the name changes, the checksum does not
                writeFile(out, tar);
                return u"checksum"_s;
            }));
    problem("tar header with a bad checksum after manifest.json", PK::Truncated, u"config"_s,
            docker([](DockerTree &t, const QString &out) {
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
    problem("tar size field that is not octal", PK::Truncated, u"config"_s,
            docker([](DockerTree &t, const QString &out) {
                t.pack(out);
                QByteArray h = tarHeader("junk", 1);
                std::memcpy(h.data() + 124, "zzzzzzzzzzz", 11);
                setChecksum(h.data());
                tarAppend(out, h);
                return u"numeric field"_s;
            }));
    problem("pax size 2^63-1", PK::Truncated, u"config"_s, docker([](DockerTree &t, const QString &out) {
                t.pack(out);
                tarAppend(out, tarMember("PaxHeader/junk", paxRecord("size", "9223372036854775807"), 'x') +
                                   tarMember("junk", "x"));
                return u"junk"_s;
            }));
    problem("member claims 1 TB (base-256 size)", PK::Truncated, u"config"_s,
            docker([](DockerTree &t, const QString &out) {
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
                return Case{dir + u"/cut.tar.gz"_s, dir + u"/cut.tar.gz"_s, u"cut.tar.gz"_s, 0, {}};
            }});
    refused("outer zstd bomb", EC::TooLarge, {[](const QString &dir) {
                // The whole archive must be decompressed to a private file first: refused past 1000x, not filling the
                // disk.
                const QString out = dir + u"/bomb.tar.zst"_s;
                sh(u"{ cat %1; head -c 1G /dev/zero; } | zstd -q -1 -c > %2"_s.arg(
                    quoted(test::fixture(u"good/docker-archive.tar"_s)), quoted(out)));
                return Case{out, out, u"decompression bomb"_s, 0, {}};
            }});

    // ---- OCI archive
    refused("oci-archive index.json is a symlink to /etc/passwd", EC::UnsafePath,
            ociArchive([](DockerTree &t, const QString &out) {
                t.symlink(u"index.json"_s, u"/etc/passwd"_s);
                t.pack(out);
                return u"index.json"_s;
            }));
    problem("oci-archive blob is a hard link out", PK::UnsafePath, u"index.json"_s,
            ociArchive([](DockerTree &t, const QString &out) {
                const QJsonObject idx = objectOf(readFile(t.at(u"index.json"_s)));
                const QString m = u"blobs/sha256/"_s + idx[u"manifests"_s][0][u"digest"_s].toString().section(u':', 1);
                t.order.removeAll(m);
                t.pack(out);
                tarAppend(out, tarHeader(m.toUtf8(), 0, '1', "../../etc/shadow"));
                return m;
            }));
}

} // namespace strata::hostile
