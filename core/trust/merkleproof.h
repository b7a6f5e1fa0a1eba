// SPDX-License-Identifier: MIT
// RFC 6962 §2.1 / RFC 9162 §2.1.3.2 Merkle inclusion proofs, as Rekor returns them in a bundle's
// inclusionProof: the leaf hash SHA-256(0x00 || entry), interior nodes SHA-256(0x01 || left || right), and the
// audit path from the leaf at `index` to the root of a tree of `treeSize` leaves.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>

namespace strata::trust {

QByteArray merkleLeafHash(const QByteArray &entry);
QByteArray merkleNodeHash(const QByteArray &left, const QByteArray &right);

// Checks that `leafHash` at `index` in a tree of `treeSize` leaves, with the audit path `hashes` (leaf to root),
// yields `rootHash`. Work is bounded by the path (at most limits::MaxProofHashes hashes of 32 bytes), never by
// the tree size: a huge treeSize with a short path simply does not fit. Errors (Io): the index is outside the
// tree, the path is too short or too long for that tree, the computed root is not `rootHash`; TooLarge: more
// than limits::MaxProofHashes hashes; Malformed: a hash that is not 32 bytes.
Status verifyInclusionProof(const QByteArray &leafHash, qint64 index, qint64 treeSize, const QList<QByteArray> &hashes,
                            const QByteArray &rootHash);

} // namespace strata::trust
