// SPDX-License-Identifier: MIT
// Catalogue rows: layer streams (bombs, truncation, junk, entry counts).
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "tests/core/hostilecatalogue.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace strata::hostile {

void addStreamRows()
{
    using PK = ProblemKind;

    // ---- layer streams: bombs, truncation, junk (§6.3)
    problem("gzip bomb: 2 GiB of zeros", PK::SuspiciousRatio, u"config"_s, layout([](const Layout &l) {
                // gzip -1 only reaches ~230x on zeros; -9 reaches deflate's ~1030x, over the 1000x threshold.
                const QString blob = l.root + u"/../bomb.gz"_s;
                const QByteArray sum =
                    sh(u"head -c 2G /dev/zero | tee >(sha256sum > %1.sum) | gzip -9 > %1; wait; sleep 0.2; cat %1.sum"_s
                           .arg(quoted(blob)));
                const QString d = l.setLayer(0, readFile(blob));
                l.setDiffId(0, u"sha256:"_s + QString::fromLatin1(sum.left(64)));
                return d.left(19);
            }),
            true);
    problem("zstd frame cut in the middle", PK::Truncated, u"config"_s, layout([](const Layout &l) {
                const QByteArray z = run(u"zstd"_s, {u"-q"_s, u"-c"_s}, l.layerTar(0));
                return l.setLayer(0, z.left(z.size() / 2), QString::fromLatin1(mediatype::OciLayerZstd)).left(19);
            }));
    // A frame header claiming 1 TB, then 100 RLE blocks of 128 KiB: nothing is sized from the claim.
    problem(
        "zstd frame claims 1 TB", PK::Malformed, u"config"_s, layout([](const Layout &l) {
            return l.setLayer(0, zstdRleFrame(100, 1LL << 40), QString::fromLatin1(mediatype::OciLayerZstd)).left(19);
        }));
    problem("zstd bomb past the per-layer cap", PK::TooLarge, u"config"_s,
            layout(
                [](const Layout &l) {
                    return l.setLayer(0, zstdRleFrame(4096), QString::fromLatin1(mediatype::OciLayerZstd)).left(19);
                },
                u"good/oci-gzip"_s, 256 * MiB));
    problem("gzip stream cut in half", PK::Truncated, u"config"_s, layout([](const Layout &l) {
                const QByteArray gz = readFile(l.blobFile(l.layerDigest(0)));
                return l.setLayer(0, gz.left(gz.size() / 2)).left(19);
            }));
    problem("gzip CRC corrupted", PK::Malformed, u"config"_s, layout([](const Layout &l) {
                QByteArray gz = readFile(l.blobFile(l.layerDigest(1)));
                gz[gz.size() - 6] = char(gz[gz.size() - 6] ^ 0x55);
                return l.setLayer(1, gz).left(19);
            }));
    problem("0-byte layer", PK::DiffIdMismatch, u"config"_s,
            layout([](const Layout &l) { return l.setLayer(2, QByteArray()).left(19); }));
    problem("layer that is not a tar", PK::Malformed, u"config"_s, layout([](const Layout &l) {
                const QByteArray junk = QByteArray("not a tar archive\n").repeated(100);
                const QString d = l.setLayer(1, run(u"gzip"_s, {u"-9"_s, u"-n"_s}, junk));
                l.setDiffId(1, u"sha256:"_s + hexOf(junk));
                return d.left(19);
            }));
    // Decompressed through libarchive and checked (the diff_id holds), but an OCI type is exact.
    problem("xz layer under the gzip media type", PK::MediaTypeMismatch, u"config"_s,
            layout([](const Layout &l) { return l.setLayer(1, run(u"xz"_s, {u"-c"_s}, l.layerTar(1))).left(19); }));
    problem("bzip2 layer under the gzip media type", PK::MediaTypeMismatch, u"config"_s,
            layout([](const Layout &l) { return l.setLayer(1, run(u"bzip2"_s, {u"-c"_s}, l.layerTar(1))).left(19); }));
    listed("layer tar with a million and one empty entries", u"more than %1 entries"_s.arg(limits::MaxLayerEntries),
           layout([](const Layout &l) {
               // Streamed to a file, gzip'd there; listed (the Files view and `ls` path) it stops at the cap and
               // says so, while the diff_id still covers every byte.
               const QString tarPath = l.root + u"/../million.tar"_s;
               QFile f(tarPath);
               if (!f.open(QIODevice::WriteOnly))
                   setupFailed(tarPath);
               QCryptographicHash h(QCryptographicHash::Sha256);
               QByteArray chunk;
               const qint64 n = limits::MaxLayerEntries + 1;
               for (qint64 i = 0; i < n; ++i) {
                   chunk += tarHeader("e/" + QByteArray::number(i), 0);
                   if (chunk.size() >= 4 * MiB || i == n - 1) {
                       if (i == n - 1)
                           chunk += QByteArray(1024, '\0');
                       h.addData(chunk);
                       f.write(chunk);
                       chunk.clear();
                   }
               }
               f.close();
               run(u"gzip"_s, {u"-1"_s, u"-n"_s, tarPath});
               const QString d = l.setLayer(0, readFile(tarPath + u".gz"_s));
               QFile::remove(tarPath + u".gz"_s);
               l.setDiffId(0, u"sha256:"_s + QString::fromLatin1(h.result().toHex()));
               return d.left(19);
           }));
}

} // namespace strata::hostile
