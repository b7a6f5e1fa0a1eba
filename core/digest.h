// SPDX-License-Identifier: MIT
// A content digest, validated by the OCI grammar before anything else may use it.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace strata {

enum class DigestAlgorithm {
    Sha256,
    Sha512,
    Unverifiable, // valid by the grammar, but an algorithm Strata cannot compute (blake3, unregistered)
};

// Only Digest::parse() constructs a non-empty Digest, so a Digest is always grammatical
// (image-spec descriptor.md §Digests): registered algorithms have exactly the right number of
// lower-case hex characters. Only verifiable digests may become path components (pathHex()).
class Digest final
{
public:
    Digest() = default;

    // Errors: Malformed (grammar, length, upper-case hex), with `context` set to the input.
    static Result<Digest> parse(QStringView text);
    // For bytes just hashed: algorithm + raw hash value.
    static Digest fromRaw(DigestAlgorithm algorithm, QByteArrayView raw);

    bool isNull() const { return m_algorithm.isEmpty(); }
    bool isVerifiable() const { return !isNull() && m_kind != DigestAlgorithm::Unverifiable; }
    DigestAlgorithm algorithm() const { return m_kind; }
    const QString &algorithmName() const { return m_algorithm; }
    const QString &encoded() const { return m_encoded; }
    QString toString() const;
    // "sha256:0123456789ab" style, for display only; never for equality.
    QString shortString(int hexChars = 12) const;

    friend bool operator==(const Digest &a, const Digest &b)
    {
        return a.m_algorithm == b.m_algorithm && a.m_encoded == b.m_encoded;
    }

private:
    QString m_algorithm;
    QString m_encoded;
    DigestAlgorithm m_kind = DigestAlgorithm::Unverifiable;
};

size_t qHash(const Digest &d, size_t seed = 0);

// sha256:... of the chain of diff_ids (image-spec config.md §Layer ChainID).
Digest chainId(const QList<Digest> &diffIds);

// One-shot sha256 of a small buffer (JSON documents).
Digest sha256Of(QByteArrayView bytes);

} // namespace strata

Q_DECLARE_METATYPE(strata::Digest)
