// SPDX-License-Identifier: MIT
#include "core/trust/checkpoint.h"

#include "core/trust/trustlimits.h"

using namespace Qt::StringLiterals;

namespace strata::trust {

Result<Checkpoint> parseCheckpoint(const QByteArray &note, const QString &context)
{
    if (note.size() > limits::CheckpointBytes)
        return makeError(
            ErrorCode::TooLarge,
            u"a checkpoint of %1 bytes; at most %2 are read"_s.arg(note.size()).arg(limits::CheckpointBytes), context);
    const qsizetype blank = note.indexOf("\n\n");
    if (blank < 0)
        return makeError(ErrorCode::Malformed, u"the checkpoint has no blank line before its signatures"_s, context);
    Checkpoint c;
    c.signedText = note.left(blank + 1);
    const QList<QByteArray> lines = c.signedText.chopped(1).split('\n');
    if (lines.size() < 3)
        return makeError(ErrorCode::Malformed,
                         u"the checkpoint body has %1 lines, expected origin, size and root hash"_s.arg(lines.size()),
                         context);
    c.origin = QString::fromUtf8(lines[0]);
    bool ok = false;
    c.treeSize = lines[1].toLongLong(&ok);
    if (!ok || c.treeSize < 0 || lines[1].startsWith('+') || lines[1].startsWith('-'))
        return makeError(
            ErrorCode::Malformed,
            u"the checkpoint's tree size \"%1\" is not a decimal number"_s.arg(QString::fromUtf8(lines[1].left(40))),
            context);
    const QByteArray::FromBase64Result root =
        QByteArray::fromBase64Encoding(lines[2], QByteArray::AbortOnBase64DecodingErrors);
    if (!root || root.decoded.size() != 32)
        return makeError(ErrorCode::Malformed, u"the checkpoint's root hash is not base64 of 32 bytes"_s, context);
    c.rootHash = root.decoded;
    for (qsizetype i = 3; i < lines.size(); ++i)
        c.extensions << QString::fromUtf8(lines[i]);
    QList<QByteArray> sigLines = note.mid(blank + 2).split('\n');
    if (!sigLines.isEmpty() && sigLines.back().isEmpty())
        sigLines.removeLast();
    if (sigLines.size() > limits::MaxCheckpointSignatures)
        return makeError(ErrorCode::TooLarge,
                         u"the checkpoint has %1 signature lines; at most %2 are read"_s.arg(sigLines.size())
                             .arg(limits::MaxCheckpointSignatures),
                         context);
    const QByteArray dash = QStringLiteral("\u2014 ").toUtf8();
    for (const QByteArray &line : sigLines) {
        const QList<QByteArray> parts = line.startsWith(dash) ? line.mid(dash.size()).split(' ') : QList<QByteArray>{};
        const QByteArray::FromBase64Result blob =
            parts.size() == 2 ? QByteArray::fromBase64Encoding(parts[1], QByteArray::AbortOnBase64DecodingErrors)
                              : QByteArray::FromBase64Result{};
        if (parts.size() != 2 || parts[0].isEmpty() || !blob || blob.decoded.size() <= 4)
            return makeError(ErrorCode::Malformed,
                             u"a checkpoint signature line is not \"— name base64(hint || signature)\": \"%1\""_s.arg(
                                 QString::fromUtf8(line.left(60))),
                             context);
        c.signatures << NoteSignature{QString::fromUtf8(parts[0]), blob.decoded.left(4), blob.decoded.mid(4)};
    }
    if (c.signatures.isEmpty())
        return makeError(ErrorCode::Malformed, u"the checkpoint has no signature"_s, context);
    return c;
}

Result<PublicKey> verifyCheckpoint(const Checkpoint &c, const QList<PublicKey> &logKeys)
{
    for (const PublicKey &k : logKeys) {
        const QByteArray hint = QByteArray::fromHex(k.sha256Hex().toLatin1()).left(4);
        for (const NoteSignature &s : c.signatures) {
            if (s.keyHint != hint)
                continue;
            if (Status v = k.verify(c.signedText, s.signature, {HashAlgorithm::Sha256}); !v)
                return makeError(ErrorCode::Io, u"the checkpoint signature by \"%1\" does not verify with %2"_s.arg(
                                                    s.name, k.describe()));
            return k;
        }
    }
    QStringList hints;
    for (const NoteSignature &s : c.signatures)
        hints << u"%1 (%2)"_s.arg(s.name, QString::fromLatin1(s.keyHint.toHex()));
    return makeError(ErrorCode::Io,
                     u"the checkpoint is signed by %1, none of the %2 given log key(s)"_s.arg(hints.join(u", "_s))
                         .arg(logKeys.size()));
}

} // namespace strata::trust
