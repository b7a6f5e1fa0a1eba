// SPDX-License-Identifier: MIT
// What checking one signature found: verified (the cryptography and the claimed subject both check), failed (with
// the reason), or not checked (with why not: no key given, a format Strata cannot check). Every verifier in
// core/trust answers with one of these; nothing else may say "verified".
#pragma once

#include "core/digest.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace strata::trust {

enum class VerdictState { NotChecked, Verified, Failed };

QString verdictStateKey(VerdictState s);  // "not-checked", "verified", "failed" (JSON)
QString verdictStateName(VerdictState s); // "not checked", "verified", "failed" (people)

struct Verdict
{
    VerdictState state = VerdictState::NotChecked;
    // Failed: what did not check, naming what was expected and what was found ("signed digest sha256:… is not
    // this manifest's sha256:…", "signature does not verify with key cosign.pub", "certificate expired at signing
    // time 2023-04-18T…"). NotChecked: why not ("no public key or trusted root given"). Verified: empty.
    QString reason;
    // Who signed, when known (also for a failed signature, as claimed): "key SHA256:ab12… (cosign.pub)",
    // "mitr@redhat.com, issuer https://github.com/login/oauth", "GPG key 08CD26E4…".
    QString signer;
    Digest signedDigest;   // the digest the signature covers, as signed (null when it did not decode)
    QDateTime signingTime; // from a transparency log, a timestamp or the envelope, when one checked
    QStringList checks;    // each check that passed, in words, in the order made

    bool verified() const { return state == VerdictState::Verified; }

    static Verdict notChecked(const QString &why);
    static Verdict failed(const QString &why, const QString &signer = {});
};

} // namespace strata::trust
