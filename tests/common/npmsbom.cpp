// SPDX-License-Identifier: MIT
#include "tests/common/npmsbom.h"
#include "tests/common/testutil.h"

#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace strata::test {

QString npmSbom(const QString &format)
{
    static QTemporaryDir dir;
    const QString npm = QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/npm"_s;
    const QString out = dir.filePath(u"sbom-"_s + format + u".json"_s);
    shellOutput(u"cd %1 && cp %2/package.json %2/package-lock.json . && "
                "npm sbom --package-lock-only --sbom-format %3 > %4"_s.arg(shellQuoted(dir.path()), shellQuoted(npm),
                                                                           shellQuoted(format), shellQuoted(out)));
    return out;
}

} // namespace strata::test
