// SPDX-License-Identifier: MIT
// Shared verb helpers.
#include "app/cli/common.h"
#include "app/cli/cli.h"
#include "core/sources/sourceopener.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace strata::cli {

void printError(const QString &line)
{
    QTextStream(stderr) << "strata: " << line << Qt::endl;
}

std::optional<int> parseVerbArguments(QCommandLineParser &p, const QStringList &args)
{
    if (!p.parse(args)) {
        printError(p.errorText());
        return ExitError;
    }
    if (p.isSet(u"help"_s)) {
        QTextStream(stdout) << p.helpText();
        return ExitOk;
    }
    return std::nullopt;
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

QCommandLineOption tlsVerifyOption()
{
    return QCommandLineOption(u"tls-verify"_s,
                              u"For docker:// sources: verify TLS certificates and use HTTPS only (true, the default; "
                              "plain HTTP is always allowed for loopback hosts), or not (false)."_s,
                              u"bool"_s, u"true"_s);
}

QCommandLineOption noAttachedOption()
{
    return QCommandLineOption(u"no-attached"_s,
                              u"For docker:// sources: do not look up what is attached (referrers API, referrers tag, "
                              "cosign tags), which saves those requests."_s);
}

Result<bool> tlsVerifyValue(const QCommandLineParser &parser)
{
    const QString tls = parser.value(u"tls-verify"_s).toLower();
    if (tls != u"true" && tls != u"false" && !tls.isEmpty())
        return makeError(ErrorCode::Malformed, u"--tls-verify takes true or false, not \"%1\""_s.arg(tls.left(20)));
    return tls != u"false";
}

QCommandLineOption noJournalOption()
{
    return QCommandLineOption(u"no-journal"_s,
                              u"Do not record the tags and names resolved in the tag history journal, and do not warn "
                              "about tags that moved (the setting recordTagHistory=false does the same)."_s);
}

Result<ImageGraphPtr> openSource(const QString &text, const QCommandLineParser &parser)
{
    Result<SourceSpec> spec = SourceSpec::parse(text);
    if (!spec)
        return spec.error();
    Result<bool> tls = tlsVerifyValue(parser);
    if (!tls)
        return tls.error();
    spec->tlsVerify = tls.value();
    // optionNames() lists what was given, so verbs without these options never ask for an undefined one.
    const QStringList given = parser.optionNames();
    spec->discoverAttached = !given.contains(u"no-attached"_s);
    if (given.contains(u"artifact-type"_s))
        spec->referrersArtifactType = parser.value(u"artifact-type"_s);
    return SourceOpener::open(spec.value());
}

} // namespace strata::cli
