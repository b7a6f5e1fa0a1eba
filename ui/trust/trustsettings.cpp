// SPDX-License-Identifier: MIT
// Trust settings per scope. The scope key is percent-encoded so that a repository's "/" does not become a
// QSettings group separator ("a/b/c" stays one key).
#include "ui/trust/trustsettings.h"
#include "core/registry/registryreference.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

constexpr auto Prefix = "trust/"_L1;

QString groupOf(const QString &scope)
{
    return Prefix + QString::fromLatin1(QUrl::toPercentEncoding(scope));
}

} // namespace

QString TrustSettings::defaultScope()
{
    return u"default"_s;
}

QString TrustSettings::scopeOf(const QString &source)
{
    static const QString scheme = u"docker://"_s;
    if (!source.startsWith(scheme))
        return defaultScope();
    const Result<RegistryReference> r = RegistryReference::parse(source.mid(scheme.size()));
    if (!r)
        return defaultScope();
    return r->host + u'/' + r->repository;
}

QStringList TrustSettings::fallbackChain(const QString &scope)
{
    if (scope.isEmpty() || scope == defaultScope())
        return {defaultScope()};
    QStringList chain{scope};
    if (const qsizetype slash = scope.indexOf(u'/'); slash > 0)
        chain << scope.left(slash);
    chain << defaultScope();
    return chain;
}

QString TrustSettings::describe(const QString &scope)
{
    if (scope.isEmpty() || scope == defaultScope())
        return QCoreApplication::translate("TrustSettings", "for local images");
    return QCoreApplication::translate("TrustSettings", "for %1").arg(scope);
}

bool TrustSettings::has(const QString &scope)
{
    QSettings s;
    s.beginGroup(groupOf(scope));
    return !s.childKeys().isEmpty();
}

QString TrustSettings::effectiveScope(const QString &scope)
{
    for (const QString &candidate : fallbackChain(scope))
        if (has(candidate))
            return candidate;
    return {};
}

trust::TrustOptions TrustSettings::load(const QString &scope)
{
    trust::TrustOptions o;
    const QString from = effectiveScope(scope);
    if (from.isEmpty())
        return o;
    QSettings s;
    s.beginGroup(groupOf(from));
    o.keyFiles = s.value(u"keyFiles"_s).toStringList();
    o.certificateRoots = s.value(u"certificateRoots"_s).toStringList();
    o.rekorKeyFiles = s.value(u"rekorKeyFiles"_s).toStringList();
    o.trustedRootFile = s.value(u"trustedRootFile"_s).toString();
    o.certificateIdentity = s.value(u"certificateIdentity"_s).toString();
    o.certificateIdentityRegexp = s.value(u"certificateIdentityRegexp"_s).toString();
    o.certificateOidcIssuer = s.value(u"certificateOidcIssuer"_s).toString();
    o.notationTrustStore = s.value(u"notationTrustStore"_s).toString();
    o.gpgKeyring = s.value(u"gpgKeyring"_s).toString();
    o.policyFile = s.value(u"policyFile"_s).toString();
    o.requireSignature = s.value(u"requireSignature"_s).toBool();
    o.insecureIgnoreSct = s.value(u"insecureIgnoreSct"_s).toBool();
    return o;
}

void TrustSettings::save(const QString &scope, const trust::TrustOptions &o)
{
    remove(scope);
    QSettings s;
    s.beginGroup(groupOf(scope));
    // Always one key, so that an all-empty scope still counts as saved and hides the broader ones.
    s.setValue(u"requireSignature"_s, o.requireSignature);
    const auto put = [&s](const QString &key, const QVariant &v, bool empty) {
        if (!empty)
            s.setValue(key, v);
    };
    put(u"keyFiles"_s, o.keyFiles, o.keyFiles.isEmpty());
    put(u"certificateRoots"_s, o.certificateRoots, o.certificateRoots.isEmpty());
    put(u"rekorKeyFiles"_s, o.rekorKeyFiles, o.rekorKeyFiles.isEmpty());
    put(u"trustedRootFile"_s, o.trustedRootFile, o.trustedRootFile.isEmpty());
    put(u"certificateIdentity"_s, o.certificateIdentity, o.certificateIdentity.isEmpty());
    put(u"certificateIdentityRegexp"_s, o.certificateIdentityRegexp, o.certificateIdentityRegexp.isEmpty());
    put(u"certificateOidcIssuer"_s, o.certificateOidcIssuer, o.certificateOidcIssuer.isEmpty());
    put(u"notationTrustStore"_s, o.notationTrustStore, o.notationTrustStore.isEmpty());
    put(u"gpgKeyring"_s, o.gpgKeyring, o.gpgKeyring.isEmpty());
    put(u"policyFile"_s, o.policyFile, o.policyFile.isEmpty());
    put(u"insecureIgnoreSct"_s, o.insecureIgnoreSct, !o.insecureIgnoreSct);
}

void TrustSettings::remove(const QString &scope)
{
    QSettings().remove(groupOf(scope));
}

} // namespace strata::ui
