// SPDX-License-Identifier: MIT
// The signer identity a keyless certificate must have, as cosign checks it (sigstore/cosign pkg/cosign/verify.go
// CheckCertificatePolicy, validateCertIdentity): a SAN (e-mail or URI) equal to the identity required or matching
// the whole regular expression, and the Fulcio OIDC issuer extension equal to the issuer required. And a private
// PKI's signer as containers/image verifyPKI checks it: the e-mail among the e-mail SANs, the host name among the
// dNSName SANs (Go's Certificate.VerifyHostname, never the subject's CN; an IP address as the host name, which Go
// matches against IP SANs, is not supported: it matches nothing).
#include "core/trust/sigstoretrust.h"

#include <QRegularExpression>

#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

QString foundNames(const CertificateSummary &leaf)
{
    const QStringList names = leaf.emails + leaf.uris;
    return names.isEmpty() ? u"no e-mail or URI SAN"_s : u"SAN %1"_s.arg(names.join(u", "_s));
}

// Go's crypto/x509 matchHostnames, as Certificate.VerifyHostname uses it for dNSName SANs: case-insensitive, a
// trailing dot ignored, a "*" leftmost label in the pattern standing for exactly one label of the host.
bool hostnameMatches(QString pattern, QString host)
{
    pattern = pattern.toLower();
    host = host.toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    if (pattern.endsWith(u'.'))
        pattern.chop(1);
    if (pattern.isEmpty() || host.isEmpty())
        return false;
    const QStringList p = pattern.split(u'.');
    const QStringList h = host.split(u'.');
    if (p.size() != h.size())
        return false;
    for (qsizetype i = 0; i < p.size(); ++i) {
        if (i == 0 && p[i] == u"*"_s && !h[i].isEmpty())
            continue;
        if (p[i] != h[i])
            return false;
    }
    return true;
}

// The dNSName SANs (at most 64, as the summary reads the others).
QStringList dnsNamesOf(X509 *x)
{
    QStringList out;
    if (!x)
        return out;
    if (auto *names = static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr))) {
        for (int i = 0; i < sk_GENERAL_NAME_num(names) && i < 64; ++i) {
            const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
            if (g->type != GEN_DNS)
                continue;
            out << QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(g->d.dNSName)),
                                     ASN1_STRING_length(g->d.dNSName))
                       .left(1024);
        }
        GENERAL_NAMES_free(names);
    }
    return out;
}

Status checkIdentityNames(const CertificateSummary &leaf, const QStringList &dnsNames,
                          const IdentityRequirement &required);

} // namespace

Status checkIdentity(const Certificate &leaf, const IdentityRequirement &required)
{
    return checkIdentityNames(leaf.summary(), dnsNamesOf(leaf.x509()), required);
}

Status checkIdentity(const CertificateSummary &leaf, const IdentityRequirement &required)
{
    return checkIdentityNames(leaf, {}, required);
}

namespace {

Status checkIdentityNames(const CertificateSummary &leaf, const QStringList &dnsNames,
                          const IdentityRequirement &required)
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
    // containers/image verifyPKI: subjectEmail among the e-mail SANs only, subjectHostname through VerifyHostname.
    if (!required.email.isEmpty() && !leaf.emails.contains(required.email))
        return makeError(ErrorCode::Io, u"the certificate is not the signer required: e-mail %1 was required, the "
                                        "certificate has %2"_s.arg(required.email,
                                                                   leaf.emails.isEmpty()
                                                                       ? u"no e-mail SAN"_s
                                                                       : u"e-mail SAN "_s + leaf.emails.join(u", "_s)));
    if (!required.hostname.isEmpty()) {
        bool matched = false;
        for (const QString &n : dnsNames)
            matched = matched || hostnameMatches(n, required.hostname);
        if (!matched)
            return makeError(ErrorCode::Io,
                             u"the certificate is not the signer required: host name %1 was required, the "
                             "certificate has %2"_s.arg(
                                 required.hostname, dnsNames.isEmpty() ? u"no DNS name SAN (%1)"_s.arg(foundNames(leaf))
                                                                       : u"DNS name SAN "_s + dnsNames.join(u", "_s)));
    }
    if (!required.oidcIssuer.isEmpty() && leaf.oidcIssuer != required.oidcIssuer)
        return makeError(ErrorCode::Io,
                         u"the certificate's OIDC issuer is not the one required: %1 was required, the certificate "
                         "has %2"_s.arg(required.oidcIssuer,
                                        leaf.oidcIssuer.isEmpty() ? u"no Fulcio issuer extension"_s : leaf.oidcIssuer));
    return Ok{};
}

} // namespace

} // namespace strata::trust
