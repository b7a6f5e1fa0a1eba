// SPDX-License-Identifier: MIT
// Entry bodies as Rekor stores them: sigstore/rekor pkg/types/hashedrekord/v0.0.1, dsse/v0.0.1, intoto/v0.0.2
// (whose envelope signatures and keys are base64 once more), and Rekor v2's hashedrekord/dsse v0.0.2
// (sigstore/rekor-tiles, protobuf-specs rekor/v2).
#include "core/trust/bundletlog.h"
#include "core/base64.h"

#include "core/attestations/attestationlimits.h"
#include "core/json/jsondocument.h"
#include "core/trust/checkpoint.h"
#include "core/trust/merkleproof.h"
#include "core/trust/rekorset.h"
#include "core/trust/trustlimits.h"

#include <QCryptographicHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

// proto3 JSON writes int64 as a string (a number is accepted too) and leaves out zero values.
qint64 int64Of(const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return 0;
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        return ok ? n : -1;
    }
    if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() < 9007199254740992.0)
        return qint64(v.toDouble());
    return -1;
}

// A key or certificate as a Rekor body names it (PEM, or DER) compared with the bundle's.
bool sameMaterial(const QByteArray &bytes, const SignedContent &c)
{
    if (c.isCertificate) {
        if (bytes == c.keyOrCertDer)
            return true;
        Result<QList<Certificate>> certs = Certificate::fromPem(bytes, {}, 1);
        return certs && !certs->isEmpty() && certs->first().der() == c.keyOrCertDer;
    }
    Result<PublicKey> k = bytes.startsWith("-----") ? PublicKey::fromPem(bytes, {}) : PublicKey::fromDer(bytes, {});
    return k && k->spki() == c.keyOrCertDer;
}

QString hashName(const QString &a)
{
    const QString l = a.toLower();
    return l == u"sha2_256"_s ? u"sha256"_s : l == u"sha2_384"_s ? u"sha384"_s : l == u"sha2_512"_s ? u"sha512"_s : l;
}

Status checkPayloadHash(const QString &algorithm, const QByteArray &value, const SignedContent &c)
{
    if (hashName(algorithm) != u"sha256"_s)
        return makeError(ErrorCode::Unsupported, u"the entry's payload hash is %1, not sha256"_s.arg(algorithm));
    const QByteArray want = QCryptographicHash::hash(c.dssePayload, QCryptographicHash::Sha256);
    if (value != want)
        return makeError(ErrorCode::Io,
                         u"the entry's payload hash %1 is not the envelope payload's sha256:%2"_s.arg(
                             QString::fromLatin1(value.toHex().left(16)), QString::fromLatin1(want.toHex().left(16))));
    return Ok{};
}

// (signature, key or certificate) pairs of the body; the content must be one of them.
Status checkSignaturePairs(const QList<std::pair<QByteArray, QByteArray>> &pairs, const SignedContent &c)
{
    bool sigSeen = false;
    for (const auto &[sig, material] : pairs) {
        if (sig != c.signature)
            continue;
        sigSeen = true;
        if (sameMaterial(material, c))
            return Ok{};
    }
    return makeError(ErrorCode::Io, sigSeen ? u"the log entry names this signature with another %1"_s.arg(
                                                  c.isCertificate ? u"certificate"_s : u"key"_s)
                                            : u"the log entry does not name this bundle's signature"_s);
}

QByteArray verifierBytes(const QJsonObject &verifier)
{
    const QJsonObject pk = verifier.value("publicKey"_L1).toObject();
    const QJsonObject cert = verifier.value("x509Certificate"_L1).toObject();
    return decodeBase64(pk.isEmpty() ? cert.value("rawBytes"_L1) : pk.value("rawBytes"_L1)).value_or(QByteArray());
}

Status checkBody(const QByteArray &body, const QString &kind, const QString &version, const SignedContent &c)
{
    Result<QJsonObject> doc = json::parseObject(body, limits::BundleBytes, u"canonicalizedBody"_s);
    if (!doc)
        return doc.error();
    const QString bodyKind = json::optString(*doc, "kind"_L1), bodyVersion = json::optString(*doc, "apiVersion"_L1);
    if (bodyKind != kind || bodyVersion != version)
        return makeError(ErrorCode::Io,
                         u"the entry says %1 %2 but its body is %3 %4"_s.arg(kind, version, bodyKind, bodyVersion));
    const QJsonObject spec = doc->value("spec"_L1).toObject();
    QList<std::pair<QByteArray, QByteArray>> pairs;
    const auto d = [](const QJsonValue &v) { return decodeBase64(v).value_or(QByteArray()); };
    if (kind == u"hashedrekord"_s && version == u"0.0.1"_s) {
        const QJsonObject sig = spec.value("signature"_L1).toObject();
        pairs << std::pair{d(sig.value("content"_L1)), d(sig.value("publicKey"_L1).toObject().value("content"_L1))};
        const QJsonObject hash = spec.value("data"_L1).toObject().value("hash"_L1).toObject();
        if (c.messageDigest.isEmpty())
            return makeError(ErrorCode::Io, u"a hashedrekord entry for a DSSE envelope"_s);
        if (hashName(json::optString(hash, "algorithm"_L1)) != c.messageDigestAlgorithm ||
            QByteArray::fromHex(json::optString(hash, "value"_L1).toLatin1()) != c.messageDigest)
            return makeError(ErrorCode::Io,
                             u"the entry's hash %1:%2 is not the signed digest %3:%4"_s.arg(
                                 json::optString(hash, "algorithm"_L1), json::optString(hash, "value"_L1).left(16),
                                 c.messageDigestAlgorithm, QString::fromLatin1(c.messageDigest.toHex().left(16))));
    } else if (kind == u"hashedrekord"_s && version == u"0.0.2"_s) {
        const QJsonObject v2 = spec.value("hashedRekordV002"_L1).toObject();
        const QJsonObject sig = v2.value("signature"_L1).toObject();
        pairs << std::pair{d(sig.value("content"_L1)), verifierBytes(sig.value("verifier"_L1).toObject())};
        const QJsonObject data = v2.value("data"_L1).toObject();
        if (c.messageDigest.isEmpty() || hashName(json::optString(data, "algorithm"_L1)) != c.messageDigestAlgorithm ||
            d(data.value("digest"_L1)) != c.messageDigest)
            return makeError(ErrorCode::Io, u"the entry's data digest is not the signed digest"_s);
    } else if (kind == u"dsse"_s || kind == u"intoto"_s) {
        if (c.dssePayload.isEmpty())
            return makeError(ErrorCode::Io, u"a %1 entry for a message signature"_s.arg(kind));
        QJsonArray sigs;
        QJsonObject payloadHash;
        if (kind == u"dsse"_s && version == u"0.0.1"_s && spec.contains("proposedContent"_L1)) {
            // The entry as proposed (dsse v0.0.1's input form; @sigstore/mock's log keeps it, Rekor stores the
            // canonical form below): the envelope itself and its verifiers.
            const QJsonObject proposed = spec.value("proposedContent"_L1).toObject();
            Result<QJsonObject> envelope = json::parseObject(proposed.value("envelope"_L1).toString().toUtf8(),
                                                             limits::BundleBytes, u"proposedContent.envelope"_s);
            if (!envelope)
                return envelope.error();
            if (d(envelope->value("payload"_L1)) != c.dssePayload)
                return makeError(ErrorCode::Io, u"the entry's envelope carries another payload"_s);
            const QJsonArray verifiers = proposed.value("verifiers"_L1).toArray();
            const QJsonArray envSigs = envelope->value("signatures"_L1).toArray();
            if (verifiers.size() > limits::MaxEnvelopeSignatures || envSigs.size() > limits::MaxEnvelopeSignatures)
                return makeError(ErrorCode::TooLarge, u"the entry names over %1 signatures or verifiers"_s.arg(
                                                          limits::MaxEnvelopeSignatures));
            for (const QJsonValue &sig : envSigs)
                for (const QJsonValue &ver : verifiers)
                    pairs << std::pair{d(sig.toObject().value("sig"_L1)), d(ver)};
            return checkSignaturePairs(pairs, c);
        }
        if (kind == u"dsse"_s && version == u"0.0.1"_s) {
            sigs = spec.value("signatures"_L1).toArray();
            payloadHash = spec.value("payloadHash"_L1).toObject();
            if (Status s =
                    checkPayloadHash(json::optString(payloadHash, "algorithm"_L1),
                                     QByteArray::fromHex(json::optString(payloadHash, "value"_L1).toLatin1()), c);
                !s)
                return s;
        } else if (kind == u"dsse"_s && version == u"0.0.2"_s) {
            const QJsonObject v2 = spec.value("dsseV002"_L1).toObject();
            sigs = v2.value("signatures"_L1).toArray();
            payloadHash = v2.value("payloadHash"_L1).toObject();
            if (Status s = checkPayloadHash(json::optString(payloadHash, "algorithm"_L1),
                                            d(payloadHash.value("digest"_L1)), c);
                !s)
                return s;
        } else if (kind == u"intoto"_s && version == u"0.0.2"_s) {
            const QJsonObject content = spec.value("content"_L1).toObject();
            sigs = content.value("envelope"_L1).toObject().value("signatures"_L1).toArray();
            payloadHash = content.value("payloadHash"_L1).toObject();
            if (Status s =
                    checkPayloadHash(json::optString(payloadHash, "algorithm"_L1),
                                     QByteArray::fromHex(json::optString(payloadHash, "value"_L1).toLatin1()), c);
                !s)
                return s;
        } else {
            return makeError(ErrorCode::Unsupported,
                             u"Rekor entry type %1 %2 is not one Strata compares"_s.arg(kind, version));
        }
        if (sigs.size() > limits::MaxEnvelopeSignatures)
            return makeError(ErrorCode::TooLarge, u"the entry names %1 signatures"_s.arg(sigs.size()));
        for (const QJsonValue &s : sigs) {
            const QJsonObject o = s.toObject();
            if (kind == u"intoto"_s) // base64 of the envelope's base64 signature; base64 of the PEM
                pairs << std::pair{decodeBase64(QString::fromLatin1(d(o.value("sig"_L1)))).value_or(QByteArray()),
                                   d(o.value("publicKey"_L1))};
            else if (version == u"0.0.1"_s)
                pairs << std::pair{d(o.value("signature"_L1)), d(o.value("verifier"_L1))};
            else
                pairs << std::pair{d(o.value("content"_L1)), verifierBytes(o.value("verifier"_L1).toObject())};
        }
    } else {
        return makeError(ErrorCode::Unsupported,
                         u"Rekor entry type %1 %2 is not one Strata compares"_s.arg(kind, version));
    }
    return checkSignaturePairs(pairs, c);
}

} // namespace

Result<TlogEntryCheck> verifyTlogEntry(const QJsonObject &entry, bool needProof, const SignedContent &content,
                                       const QList<TransparencyLogKey> &logs, const QString &context)
{
    TlogEntryCheck out;
    const std::optional<QByteArray> body = decodeBase64(entry.value("canonicalizedBody"_L1));
    const std::optional<QByteArray> logId = decodeBase64(entry.value("logId"_L1).toObject().value("keyId"_L1));
    const qint64 logIndex = int64Of(entry.value("logIndex"_L1));
    const qint64 integrated = int64Of(entry.value("integratedTime"_L1));
    const QJsonObject kv = entry.value("kindVersion"_L1).toObject();
    if (!body || body->isEmpty() || !logId || logIndex < 0)
        return makeError(ErrorCode::Malformed,
                         u"the entry lacks a base64 canonicalizedBody, logId.keyId or a logIndex"_s, context);
    const QString logIdHex = QString::fromLatin1(logId->toHex());
    const QJsonObject promise = entry.value("inclusionPromise"_L1).toObject();
    const QJsonObject proof = entry.value("inclusionProof"_L1).toObject();
    if (promise.isEmpty() && proof.isEmpty())
        return makeError(ErrorCode::Io, u"the entry has neither an inclusion promise nor an inclusion proof"_s,
                         context);
    if (needProof && proof.isEmpty())
        return makeError(ErrorCode::Io, u"the entry has no inclusion proof (required from bundle v0.2 on)"_s, context);

    // The log: by its ID, valid at the integrated time when it has one.
    QList<PublicKey> keys;
    const QDateTime at = integrated > 0 ? QDateTime::fromSecsSinceEpoch(integrated, Qt::UTC) : QDateTime();
    for (const TransparencyLogKey &l : logs) {
        if (l.logIdHex.compare(logIdHex, Qt::CaseInsensitive) != 0 &&
            l.key.sha256Hex().compare(logIdHex, Qt::CaseInsensitive) != 0)
            continue;
        if (at.isValid() &&
            ((l.validFrom.isValid() && at < l.validFrom) || (l.validUntil.isValid() && at >= l.validUntil)))
            return makeError(ErrorCode::Io,
                             u"the log %1 was not valid at the entry's integrated time %2 (valid %3 to "
                             "%4)"_s.arg(l.baseUrl, at.toString(Qt::ISODate), l.validFrom.toString(Qt::ISODate),
                                         l.validUntil.isValid() ? l.validUntil.toString(Qt::ISODate) : u"now"_s),
                             context);
        keys << l.key;
    }
    if (keys.isEmpty())
        return makeError(
            ErrorCode::Io,
            u"none of the %1 trusted log(s) has the entry's log ID %2…"_s.arg(logs.size()).arg(logIdHex.left(16)),
            context);

    if (!promise.isEmpty()) {
        const std::optional<QByteArray> set = decodeBase64(promise.value("signedEntryTimestamp"_L1));
        RekorEntryFields f{entry.value("canonicalizedBody"_L1).toString(), integrated, logIndex, logIdHex};
        Result<PublicKey> k = verifySignedEntryTimestamp(f, set.value_or(QByteArray()), keys);
        if (!k)
            return makeError(k.error().code, k.error().message, context);
        out.integratedTime = at;
        out.checks << u"signed entry timestamp of log entry %1 verifies with %2"_s.arg(logIndex).arg(k->describe());
    }
    if (!proof.isEmpty()) {
        const QJsonArray hashesJson = proof.value("hashes"_L1).toArray();
        if (hashesJson.size() > limits::MaxProofHashes)
            return makeError(ErrorCode::TooLarge,
                             u"the inclusion proof has %1 hashes; at most %2 fit any tree"_s.arg(hashesJson.size())
                                 .arg(limits::MaxProofHashes),
                             context);
        QList<QByteArray> hashes;
        for (const QJsonValue &h : hashesJson)
            hashes << decodeBase64(h).value_or(QByteArray());
        const qint64 proofIndex = int64Of(proof.value("logIndex"_L1));
        const qint64 treeSize = int64Of(proof.value("treeSize"_L1));
        const QByteArray root = decodeBase64(proof.value("rootHash"_L1)).value_or(QByteArray());
        if (Status s = verifyInclusionProof(merkleLeafHash(*body), proofIndex, treeSize, hashes, root); !s)
            return makeError(s.error().code, s.error().message, context);
        const QJsonValue envelope = proof.value("checkpoint"_L1).toObject().value("envelope"_L1);
        if (!envelope.isString())
            return makeError(ErrorCode::Io, u"the inclusion proof has no checkpoint"_s, context);
        Result<Checkpoint> cp = parseCheckpoint(envelope.toString().toUtf8(), context + u" checkpoint"_s);
        if (!cp)
            return cp.error();
        if (cp->treeSize != treeSize || cp->rootHash != root)
            return makeError(ErrorCode::Io,
                             u"the checkpoint (tree size %1, root %2…) is not the inclusion proof's (tree size %3, "
                             "root %4…)"_s.arg(cp->treeSize)
                                 .arg(QString::fromLatin1(cp->rootHash.toHex().left(16)))
                                 .arg(treeSize)
                                 .arg(QString::fromLatin1(root.toHex().left(16))),
                             context);
        Result<PublicKey> k = verifyCheckpoint(cp.value(), keys);
        if (!k)
            return makeError(k.error().code, k.error().message, context);
        out.checks << u"inclusion proof of entry %1 leads to the root of a %2-entry tree in a checkpoint signed by %3"_s
                          .arg(logIndex)
                          .arg(treeSize)
                          .arg(k->describe());
    }
    if (Status s = checkBody(*body, json::optString(kv, "kind"_L1), json::optString(kv, "version"_L1), content); !s)
        return makeError(s.error().code, s.error().message, context);
    out.checks << u"log entry %1 (%2 %3) names this signature and %4"_s.arg(logIndex).arg(
        json::optString(kv, "kind"_L1), json::optString(kv, "version"_L1),
        content.isCertificate ? u"certificate"_s : u"key"_s);
    return out;
}

} // namespace strata::trust
