// SPDX-License-Identifier: MIT
// Strict standard base64 (RFC 4648 §4), as Sigstore bundles, trusted roots, cosign annotations and Rekor entries
// write their bytes: any character outside the alphabet or bad padding is a decoding error, never skipped.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

namespace strata {

std::optional<QByteArray> decodeBase64(QStringView text);
inline std::optional<QByteArray> decodeBase64(const QString &text)
{
    return decodeBase64(QStringView(text));
}
// Nothing unless `v` is a string that decodes.
std::optional<QByteArray> decodeBase64(const QJsonValue &v);

} // namespace strata
