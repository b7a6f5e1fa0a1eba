// SPDX-License-Identifier: MIT
// A transparency log checkpoint: a signed note (c2sp.org/signed-note, c2sp.org/tlog-checkpoint; sigstore/rekor
// pkg/util/signed_note.go) whose body is "origin\nsize\nbase64(root hash)\n[extension lines\n]" and whose
// signatures follow a blank line as "— name base64(key hint (4 bytes) || signature)". Rekor's key hint is the first
// four bytes of its log ID, sha256 of the key's SubjectPublicKeyInfo.
#pragma once

#include "core/result.h"
#include "core/trust/publickey.h"

#include <QStringList>

namespace strata::trust {

struct NoteSignature
{
    QString name;
    QByteArray keyHint; // 4 bytes
    QByteArray signature;
};

struct Checkpoint
{
    QString origin;
    qint64 treeSize = 0;
    QByteArray rootHash; // 32 bytes
    QStringList extensions;
    QByteArray signedText; // the note's body, the bytes each signature signs
    QList<NoteSignature> signatures;
};

// Errors: TooLarge (over limits::CheckpointBytes, more than limits::MaxCheckpointSignatures signatures),
// Malformed (no blank line before the signatures, a size that is not a decimal number, a root hash that is not
// base64 of 32 bytes, a signature line not of the form above).
Result<Checkpoint> parseCheckpoint(const QByteArray &note, const QString &context);

// The key of `logKeys` that signed the checkpoint (a signature whose hint names it and that verifies). Errors
// (Io): no signature names one of the keys, or the one that does does not verify.
Result<PublicKey> verifyCheckpoint(const Checkpoint &c, const QList<PublicKey> &logKeys);

} // namespace strata::trust
