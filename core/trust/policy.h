// SPDX-License-Identifier: MIT
// A containers-policy.json(5): which requirements an image must meet, per transport and scope, parsed as strictly
// as containers/image signature/policy_config.go and policy_config_sigstore.go (unknown members, unknown types and
// invalid combinations are errors: a typo in a security policy must not silently weaken it).
#pragma once

#include "core/result.h"

#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace strata::trust {

// signedIdentity: how the identity a signature claims must relate to the image's (policy_reference_match.go).
struct SignedIdentity
{
    enum class Type {
        MatchExact,
        MatchRepoDigestOrExact,
        MatchRepository,
        ExactReference,
        ExactRepository,
        RemapIdentity
    };
    Type type = Type::MatchRepoDigestOrExact; // the default when signedIdentity is absent
    QString dockerReference;                  // exactReference
    QString dockerRepository;                 // exactRepository
    QString prefix;                           // remapIdentity
    QString signedPrefix;                     // remapIdentity

    // "matchRepoDigestOrExact", "exactReference docker.io/library/busybox:1", "remapIdentity a → b".
    QString describe() const;
};
QString signedIdentityTypeKey(SignedIdentity::Type t); // the JSON spelling

struct FulcioRequirement
{
    QString caPath;
    QByteArray caData; // base64-decoded
    QString oidcIssuer;
    QString subjectEmail;
};

struct PkiRequirement
{
    QString caRootsPath;
    QByteArray caRootsData;
    QString caIntermediatesPath;
    QByteArray caIntermediatesData;
    QString subjectEmail;
    QString subjectHostname;
};

// sigstoreSigned: exactly one key source (keyPath|keyPaths, keyData|keyDatas, fulcio, pki), at most one Rekor key
// source (required with fulcio). Paths are as written: containers/image opens them relative to the process's
// working directory, not the policy file's folder.
struct SigstoreRequirement
{
    QStringList keyPaths;       // keyPath (one entry) or keyPaths
    QList<QByteArray> keyDatas; // keyData (one entry) or keyDatas, base64-decoded
    std::optional<FulcioRequirement> fulcio;
    std::optional<PkiRequirement> pki;
    QStringList rekorPublicKeyPaths;       // rekorPublicKeyPath or rekorPublicKeyPaths
    QList<QByteArray> rekorPublicKeyDatas; // rekorPublicKeyData or rekorPublicKeyDatas
    SignedIdentity signedIdentity;
};

// signedBy: GPG simple signing. keyType is parsed as containers/image does (GPGKeys, signedByGPGKeys,
// X509Certificates, signedByX509CAs) but only GPGKeys is implemented there: the others reject at evaluation.
struct SignedByRequirement
{
    QString keyType;
    QStringList keyPaths; // keyPath (one entry) or keyPaths (may be empty: then no key is imported)
    QByteArray keyData;   // base64-decoded
    bool hasKeyData = false;
    SignedIdentity signedIdentity;
};

struct PolicyRequirement
{
    enum class Type { InsecureAcceptAnything, Reject, SignedBy, SignedBaseLayer, SigstoreSigned };
    Type type = Type::Reject;
    SignedByRequirement signedBy;
    SigstoreRequirement sigstore;
    SignedIdentity baseLayerIdentity; // signedBaseLayer (parsed; containers/image rejects it at evaluation)

    // "reject", "signedBy GPGKeys keyPath /k.gpg (matchRepoDigestOrExact)", "sigstoreSigned keyPath cosign.pub".
    QString describe() const;
};
QString requirementTypeKey(PolicyRequirement::Type t);

using PolicyRequirements = QList<PolicyRequirement>;

struct Policy
{
    PolicyRequirements defaultRequirements;                      // "default", never empty
    QMap<QString, QMap<QString, PolicyRequirements>> transports; // transport name → scope ("" included) → list
};

// Parses a containers-policy.json(5). Pure, thread-safe. Errors: TooLarge (over limits::PolicyBytes, more than
// limits::MaxPolicyScopes scopes, limits::MaxPolicyRequirements in a scope, limits::MaxPolicyKeyPaths keys),
// Malformed (JSON syntax, duplicate members, a missing "default", an unknown member or type, an empty requirement
// list, an invalid combination of key sources, a scope the transport refuses such as a relative dir: path or any
// docker-archive scope but ""), each naming where in the policy ("transports.docker.\"example.com\"[1].keyPath")
// inside `context` (the file name).
Result<Policy> parsePolicy(const QByteArray &json, const QString &context);

// The transport's ValidatePolicyConfigurationScope for the transports Strata reads; other names accept anything,
// as containers/image does for transports it does not know. Empty when valid, else why not.
QString policyScopeProblem(const QString &transport, const QString &scope);

} // namespace strata::trust
