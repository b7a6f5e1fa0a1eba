// SPDX-License-Identifier: MIT
// checkIdentity (declared in sigstoretrust.h), as cosign's --certificate-identity(-regexp) and
// --certificate-oidc-issuer check a Fulcio leaf (sigstore/cosign pkg/cosign/verify.go CheckCertificatePolicy).
// INTERIM: the cosign helper's identitycheck.cpp is the real one; this minimal version lets the bundle verifier
// link on its branch. On merge, keep the cosign helper's file.
#include "core/trust/sigstoretrust.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::trust {

Status checkIdentity(const CertificateSummary &leaf, const IdentityRequirement &required)
{
    const QStringList sans = leaf.emails + leaf.uris;
    if (!required.identity.isEmpty() && !sans.contains(required.identity))
        return makeError(ErrorCode::Io, u"the certificate's identity is %1, not the required %2"_s.arg(
                                            sans.isEmpty() ? u"(none)"_s : sans.join(u", "_s), required.identity));
    if (!required.identityRegexp.isEmpty()) {
        const QRegularExpression re(QRegularExpression::anchoredPattern(required.identityRegexp));
        if (!re.isValid())
            return makeError(ErrorCode::Malformed,
                             u"the identity regular expression does not compile: %1"_s.arg(re.errorString()));
        if (std::none_of(sans.begin(), sans.end(), [&](const QString &s) { return re.match(s).hasMatch(); }))
            return makeError(ErrorCode::Io,
                             u"the certificate's identity %1 does not match the required /%2/"_s.arg(
                                 sans.isEmpty() ? u"(none)"_s : sans.join(u", "_s), required.identityRegexp));
    }
    if (!required.oidcIssuer.isEmpty() && leaf.oidcIssuer != required.oidcIssuer)
        return makeError(ErrorCode::Io,
                         u"the certificate's OIDC issuer is %1, not the required %2"_s.arg(
                             leaf.oidcIssuer.isEmpty() ? u"(none)"_s : leaf.oidcIssuer, required.oidcIssuer));
    return Ok{};
}

} // namespace strata::trust
