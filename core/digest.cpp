// SPDX-License-Identifier: MIT
// Digest grammar (image-spec descriptor.md, go-digest Validate) and helpers.
#include "core/digest.h"
#include "core/hasher.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

bool isAlgorithmSeparator(QChar c)
{
    return c == u'+' || c == u'.' || c == u'_' || c == u'-';
}

// algorithm ::= component (separator component)*, component ::= [a-z0-9]+
bool validAlgorithm(QStringView a)
{
    if (a.isEmpty() || !isLowerAlnum(a.front()) || !isLowerAlnum(a.back()))
        return false;
    bool lastWasSep = false;
    for (QChar c : a) {
        if (isLowerAlnum(c)) {
            lastWasSep = false;
        } else if (isAlgorithmSeparator(c)) {
            if (lastWasSep)
                return false;
            lastWasSep = true;
        } else {
            return false;
        }
    }
    return true;
}

// encoded ::= [a-zA-Z0-9=_-]+
bool validEncoded(QStringView e)
{
    if (e.isEmpty())
        return false;
    for (QChar c : e) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'=' ||
                        c == u'_' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

bool isLowerHex(QStringView e)
{
    for (QChar c : e) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

} // namespace

Result<Digest> Digest::parse(QStringView text)
{
    const QString ctx = text.size() > 200 ? text.first(200).toString() + u"…"_s : text.toString();
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return makeError(ErrorCode::Malformed, u"not a digest: expected <algorithm>:<hex>"_s, ctx);
    const QStringView alg = text.first(colon);
    const QStringView enc = text.sliced(colon + 1);
    if (!validAlgorithm(alg) || !validEncoded(enc))
        return makeError(ErrorCode::Malformed, u"not a digest: does not match the OCI digest grammar"_s, ctx);

    Digest d;
    d.m_algorithm = alg.toString();
    d.m_encoded = enc.toString();
    qsizetype hexLen = 0;
    if (alg == u"sha256") {
        d.m_kind = DigestAlgorithm::Sha256;
        hexLen = 64;
    } else if (alg == u"sha512") {
        d.m_kind = DigestAlgorithm::Sha512;
        hexLen = 128;
    } else if (alg == u"blake3") {
        d.m_kind = DigestAlgorithm::Unverifiable; // registered on image-spec main; not computed here
        hexLen = 64;
    }
    if (hexLen) {
        if (enc.size() != hexLen)
            return makeError(
                ErrorCode::Malformed,
                u"%1 digest must have %2 hex characters, not %3"_s.arg(d.m_algorithm).arg(hexLen).arg(enc.size()), ctx);
        if (!isLowerHex(enc))
            return makeError(ErrorCode::Malformed, u"%1 digest must be lower-case hex"_s.arg(d.m_algorithm), ctx);
    }
    return d;
}

Digest Digest::fromRaw(DigestAlgorithm algorithm, QByteArrayView raw)
{
    Digest d;
    d.m_kind = algorithm;
    d.m_algorithm = algorithm == DigestAlgorithm::Sha512 ? u"sha512"_s : u"sha256"_s;
    d.m_encoded = QString::fromLatin1(raw.toByteArray().toHex());
    return d;
}

QString Digest::toString() const
{
    if (isNull())
        return {};
    return m_algorithm + u':' + m_encoded;
}

QString Digest::shortString(int hexChars) const
{
    if (isNull())
        return {};
    return m_algorithm + u':' + m_encoded.left(hexChars);
}

size_t qHash(const Digest &d, size_t seed)
{
    return qHashMulti(seed, d.algorithmName(), d.encoded());
}

Digest chainId(const QList<Digest> &diffIds)
{
    if (diffIds.isEmpty())
        return {};
    Digest chain = diffIds.front();
    for (qsizetype i = 1; i < diffIds.size(); ++i) {
        const QByteArray joined = chain.toString().toLatin1() + ' ' + diffIds[i].toString().toLatin1();
        chain = sha256Of(joined);
    }
    return chain;
}

Digest sha256Of(QByteArrayView bytes)
{
    Hasher h(DigestAlgorithm::Sha256);
    h.update(bytes.data(), static_cast<size_t>(bytes.size()));
    return h.finish();
}

} // namespace strata
