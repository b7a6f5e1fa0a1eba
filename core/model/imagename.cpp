// SPDX-License-Identifier: MIT
// Image names in sentences.
#include "core/model/imagename.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata {

QString imageNameInText(const QString &name)
{
    // The tag grammar of the OCI distribution spec: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}.
    static const QRegularExpression tag(u"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$"_s);
    return tag.match(name).hasMatch() ? u"tag "_s + name : name;
}

} // namespace strata
