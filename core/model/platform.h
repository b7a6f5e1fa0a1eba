// SPDX-License-Identifier: MIT
// An index entry's platform (image-index.md) and the --platform filter syntax.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QStringList>

namespace strata {

struct Platform
{
    QString os;
    QString architecture;
    QString variant;
    QString osVersion;
    QStringList osFeatures;

    bool isEmpty() const { return os.isEmpty() && architecture.isEmpty(); }
    // BuildKit marks attestation manifests with unknown/unknown (buildkit attestation-storage.md).
    bool isUnknown() const { return os == u"unknown" && architecture == u"unknown"; }
    // "linux/arm64/v8"
    QString toString() const;
    // Matches a filter: empty filter fields match anything.
    bool matches(const Platform &filter) const;

    static Platform fromJson(const QJsonObject &o);
    // "os/arch[/variant]"; errors: Malformed.
    static Result<Platform> parse(const QString &text);
    QJsonObject toJson() const;

    friend bool operator==(const Platform &, const Platform &) = default;
};

} // namespace strata
