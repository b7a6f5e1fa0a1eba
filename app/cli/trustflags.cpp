// SPDX-License-Identifier: MIT
#include "app/cli/trustflags.h"

using namespace Qt::StringLiterals;

namespace strata::cli {
namespace {

struct Flag
{
    const char16_t *name;
    const char16_t *help;
    const char16_t *value; // nullptr: a switch
};

// The spelling of cosign's and notation's own flags where they have one.
constexpr Flag Flags[] = {
    {u"key", u"A PEM public key that may have signed (cosign, Sigstore bundles). Repeatable.", u"file"},
    {u"certificate-root",
     u"A PEM CA certificate a signing certificate must chain to (Fulcio's, a private PKI's). "
     u"Repeatable.",
     u"file"},
    {u"rekor-key", u"A PEM public key of a transparency log (Rekor) whose inclusion promises are checked. Repeatable.",
     u"file"},
    {u"trusted-root",
     u"A Sigstore trusted_root.json: certificate authorities, transparency logs, timestamp "
     u"authorities.",
     u"file"},
    {u"certificate-identity", u"The identity (SAN e-mail or URI) a signing certificate must name.", u"id"},
    {u"certificate-identity-regexp", u"A regular expression the signing certificate's identity must match.", u"re"},
    {u"certificate-oidc-issuer", u"The OIDC issuer a signing certificate must name.", u"url"},
    {u"insecure-ignore-sct",
     u"Accept a keyless signing certificate without a Signed Certificate Timestamp verified by a CT log of the "
     u"trusted root (cosign's flag).",
     nullptr},
    {u"notation-trust-store", u"A folder of CA certificates Notation signatures must chain to.", u"dir"},
    {u"gpg-keyring", u"An OpenPGP keyring or armoured public key for GPG simple signing.", u"file"},
    {u"policy",
     u"A containers-policy.json(5) to evaluate for the source's transport, as podman and skopeo would for "
     u"a pull.",
     u"file"},
    {u"require-signature", u"Exit 1 unless at least one signature verifies.", nullptr},
};

QString nameOf(const Flag &f)
{
    return QString::fromUtf16(f.name);
}

} // namespace

void addTrustOptions(QCommandLineParser &parser)
{
    for (const Flag &f : Flags) {
        if (f.value)
            parser.addOption(QCommandLineOption(nameOf(f), QString::fromUtf16(f.help), QString::fromUtf16(f.value)));
        else
            parser.addOption(QCommandLineOption(nameOf(f), QString::fromUtf16(f.help)));
    }
}

trust::TrustOptions trustOptionsFrom(const QCommandLineParser &p)
{
    trust::TrustOptions o;
    o.keyFiles = p.values(u"key"_s);
    o.certificateRoots = p.values(u"certificate-root"_s);
    o.rekorKeyFiles = p.values(u"rekor-key"_s);
    o.trustedRootFile = p.value(u"trusted-root"_s);
    o.certificateIdentity = p.value(u"certificate-identity"_s);
    o.certificateIdentityRegexp = p.value(u"certificate-identity-regexp"_s);
    o.certificateOidcIssuer = p.value(u"certificate-oidc-issuer"_s);
    o.notationTrustStore = p.value(u"notation-trust-store"_s);
    o.gpgKeyring = p.value(u"gpg-keyring"_s);
    o.policyFile = p.value(u"policy"_s);
    o.requireSignature = p.isSet(u"require-signature"_s);
    o.insecureIgnoreSct = p.isSet(u"insecure-ignore-sct"_s);
    return o;
}

bool trustOptionsGiven(const QCommandLineParser &p)
{
    for (const Flag &f : Flags)
        if (p.isSet(nameOf(f)))
            return true;
    return false;
}

} // namespace strata::cli
