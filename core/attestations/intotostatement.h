// SPDX-License-Identifier: MIT
// An in-toto attestation Statement (in-toto/attestation spec/v1/statement.md, and v0.1): which artifacts
// (subjects, by digest) a predicate is about, and the predicate itself. Read as raw JSON, from a DSSE envelope,
// or from a Sigstore bundle's DSSE envelope; decoded to show what it claims, never "verified" here.
#pragma once

#include "core/attestations/dsseenvelope.h"

#include <QJsonObject>
#include <QMap>

#include <optional>

namespace strata {

struct InTotoSubject
{
    QString name;
    QMap<QString, QString> digest; // algorithm → lower-case hex ("sha256", "sha512", "gitCommit", …)

    // True when `algoColonHex` ("sha256:ab…", an OCI digest) is one of this subject's digests (hex compared
    // without regard to case).
    bool namesDigest(const QString &algoColonHex) const;
};

struct InTotoStatement
{
    QString type; // _type: https://in-toto.io/Statement/v1 or /v0.1
    QList<InTotoSubject> subjects;
    qsizetype subjectCount = 0; // in the document: more than subjects.size() past limits::MaxSubjects
    QString predicateType;
    QJsonObject predicate;
    std::optional<DsseEnvelope> envelope; // when the statement came in one
    QStringList problems;                 // missing or odd fields, in words; the statement is kept even so

    bool subjectsTruncated() const { return subjectCount > subjects.size(); }
    // "v1", "v0.1", or "" for an unknown _type.
    QString version() const;
    // The first subject that names `algoColonHex`, or -1.
    int subjectIndexFor(const QString &algoColonHex) const;
};

inline constexpr auto InTotoPayloadType = "application/vnd.in-toto+json";
inline constexpr auto InTotoStatementV1 = "https://in-toto.io/Statement/v1";
inline constexpr auto InTotoStatementV01 = "https://in-toto.io/Statement/v0.1";

// A statement from its JSON text. Errors: TooLarge (over limits::StatementBytes, checked before parsing; nested
// too deep), Malformed (not a JSON object; duplicate members). Everything else becomes a problem.
Result<InTotoStatement> parseInTotoStatement(const QByteArray &json, const QString &context);
// The statement a DSSE envelope carries. Errors: Unsupported (payloadType is not application/vnd.in-toto+json),
// and those of parseInTotoStatement for the payload.
Result<InTotoStatement> inTotoFromEnvelope(const DsseEnvelope &envelope, const QString &context);
// Whatever holds a statement: the statement itself, a DSSE envelope, or a Sigstore bundle whose dsseEnvelope
// holds one (told apart by their members). Errors: TooLarge (over limits::StatementBytes, before parsing),
// Malformed (none of those), and those above.
Result<InTotoStatement> parseAttestation(const QByteArray &json, const QString &context);

} // namespace strata
