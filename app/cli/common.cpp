// SPDX-License-Identifier: MIT
// Shared verb helpers.
#include "common.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace strata::cli {

void printError(const QString &line)
{
    QTextStream(stderr) << "strata: " << line << Qt::endl;
}

Result<ImageFilter> platformFilter(const QString &text)
{
    if (text.isEmpty())
        return ImageFilter{};
    Result<Platform> pf = Platform::parse(text);
    if (!pf)
        return pf.error();
    const Platform want = pf.value();
    return ImageFilter([want](const ImageInfo &img) { return img.platform.matches(want); });
}

QCommandLineOption platformOption()
{
    return QCommandLineOption(u"platform"_s, u"Only images for OS/ARCH[/VARIANT]."_s, u"platform"_s);
}

QCommandLineOption jsonOption()
{
    return QCommandLineOption(u"json"_s, u"Print JSON instead of text."_s);
}

} // namespace strata::cli
