// SPDX-License-Identifier: MIT
// The signer identity a keyless certificate must have, as cosign checks it (sigstore/cosign pkg/cosign/verify.go
// CheckCertificatePolicy, validateCertIdentity): a SAN (e-mail or URI) equal to the identity required or matching
// the whole regular expression, and the Fulcio OIDC issuer extension equal to the issuer required.
#include "core/trust/sigstoretrust.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

QString foundNames(const CertificateSummary &leaf)
{
    const QStringList names = leaf.emails + leaf.uris;
    return names.isEmpty() ? u"no e-mail or URI SAN"_s : u"SAN %1"_s.arg(names.join(u", "_s));
}

} // namespace

Status checkIdentity(const CertificateSummary &leaf, const IdentityRequirement &required)
{
    const QStringList names = leaf.emails + leaf.uris;
    if (!required.identity.isEmpty() && !names.contains(required.identity))
        return makeError(ErrorCode::Io, u"the certificate is not the identity required: %1 was required, the "
                                        "certificate has %2"_s.arg(required.identity, foundNames(leaf)));
    if (!required.identityRegexp.isEmpty()) {
        // cosign compiles the expression as given and matches it anywhere (regexp.MatchString); the option says
        // "must match", and a partial match of an identity is a trap ("alice@example.com.evil.org"): the whole
        // SAN must match.
        const QRegularExpression re(QRegularExpression::anchoredPattern(required.identityRegexp));
        if (!re.isValid())
            return makeError(ErrorCode::Malformed, u"the identity regular expression \"%1\" is not valid: %2"_s.arg(
                                                       required.identityRegexp, re.errorString()));
        bool matched = false;
        for (const QString &n : names)
            matched = matched || re.match(n).hasMatch();
        if (!matched)
            return makeError(ErrorCode::Io,
                             u"the certificate is not the identity required: a SAN matching %1 was required, the "
                             "certificate has %2"_s.arg(required.identityRegexp, foundNames(leaf)));
    }
    if (!required.oidcIssuer.isEmpty() && leaf.oidcIssuer != required.oidcIssuer)
        return makeError(ErrorCode::Io,
                         u"the certificate's OIDC issuer is not the one required: %1 was required, the certificate "
                         "has %2"_s.arg(required.oidcIssuer,
                                        leaf.oidcIssuer.isEmpty() ? u"no Fulcio issuer extension"_s : leaf.oidcIssuer));
    return Ok{};
}

} // namespace strata::trust
