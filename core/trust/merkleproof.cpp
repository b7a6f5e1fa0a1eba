// SPDX-License-Identifier: MIT
// The verification algorithm of RFC 9162 §2.1.3.2 (transparency-dev/merkle proof/verify.go does the same).
#include "core/trust/merkleproof.h"

#include "core/trust/trustlimits.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace strata::trust {

QByteArray merkleLeafHash(const QByteArray &entry)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView("\x00", 1));
    h.addData(entry);
    return h.result();
}

QByteArray merkleNodeHash(const QByteArray &left, const QByteArray &right)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView("\x01", 1));
    h.addData(left);
    h.addData(right);
    return h.result();
}

Status verifyInclusionProof(const QByteArray &leafHash, qint64 index, qint64 treeSize, const QList<QByteArray> &hashes,
                            const QByteArray &rootHash)
{
    if (treeSize <= 0 || index < 0 || index >= treeSize)
        return makeError(
            ErrorCode::Io,
            u"the inclusion proof's log index %1 is outside its tree of %2 entries"_s.arg(index).arg(treeSize));
    if (hashes.size() > limits::MaxProofHashes)
        return makeError(ErrorCode::TooLarge,
                         u"the inclusion proof has %1 hashes; at most %2 fit any tree"_s.arg(hashes.size())
                             .arg(limits::MaxProofHashes));
    if (rootHash.size() != 32)
        return makeError(ErrorCode::Malformed,
                         u"the inclusion proof's root hash has %1 bytes, expected 32"_s.arg(rootHash.size()));
    quint64 fn = quint64(index);
    quint64 sn = quint64(treeSize) - 1;
    QByteArray r = leafHash;
    for (qsizetype i = 0; i < hashes.size(); ++i) {
        const QByteArray &p = hashes[i];
        if (p.size() != 32)
            return makeError(ErrorCode::Malformed,
                             u"inclusion proof hash %1 has %2 bytes, expected 32"_s.arg(i).arg(p.size()));
        if (sn == 0)
            return makeError(ErrorCode::Io,
                             u"the inclusion proof has %1 hashes, more than a tree of %2 entries needs for index "
                             "%3"_s.arg(hashes.size())
                                 .arg(treeSize)
                                 .arg(index));
        if ((fn & 1) == 1 || fn == sn) {
            r = merkleNodeHash(p, r);
            // At most 63 shifts: fn is below 2^63.
            while ((fn & 1) == 0 && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            r = merkleNodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return makeError(ErrorCode::Io, u"the inclusion proof has %1 hashes, too few for index %2 in a tree of %3 "
                                        "entries"_s.arg(hashes.size())
                                            .arg(index)
                                            .arg(treeSize));
    if (r != rootHash)
        return makeError(ErrorCode::Io, u"the inclusion proof does not lead to the root hash: computed %1, the proof "
                                        "names %2"_s.arg(QString::fromLatin1(r.toHex().left(16)),
                                                         QString::fromLatin1(rootHash.toHex().left(16))));
    return Ok{};
}

} // namespace strata::trust
