// SPDX-License-Identifier: MIT
// What the user trusts, remembered per registry repository, per registry, or for everything else (QSettings under
// "trust/<scope>/"): the paths and identity strings of core/trust/trustoptions.h only, never key material.
#pragma once

#include "core/trust/trustoptions.h"

#include <QStringList>

namespace strata::ui {

class TrustSettings final
{
public:
    // The scope used for anything that is not a registry image.
    static QString defaultScope();
    // The most specific scope of `source`: "HOST/REPO" for docker://HOST/REPO[:TAG|@DIGEST], else "default".
    static QString scopeOf(const QString &source);
    // The scopes load() tries, most specific first: "HOST/REPO", "HOST", "default" (only "default" for a source
    // that is not a registry image).
    static QStringList fallbackChain(const QString &scope);
    // "for registry.example.com/app", "for registry.example.com", "for local images": what the dialog says.
    static QString describe(const QString &scope);

    // The options of the first scope in fallbackChain(scope) that has any saved; empty options if none has.
    static trust::TrustOptions load(const QString &scope);
    // The scope load() took its options from (`scope` itself, a broader one, or "" when none is saved).
    static QString effectiveScope(const QString &scope);
    // Saves under exactly `scope` (replacing what it held).
    static void save(const QString &scope, const trust::TrustOptions &options);
    static void remove(const QString &scope);
    static bool has(const QString &scope);
};

} // namespace strata::ui
