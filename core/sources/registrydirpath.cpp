// SPDX-License-Identifier: MIT
// registry-dir: paths and references (distribution reference grammar, reference/regexp.go).
#include "core/sources/registrydirpath.h"
#include "core/digest.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::registrydir {

QString v2Root(const QString &path)
{
    if (path.isEmpty())
        return {};
    const QString nested = QDir(path).filePath(u"docker/registry/v2"_s);
    if (QFileInfo(nested).isDir())
        return nested;
    const QString clean = QDir::cleanPath(path);
    if (clean.endsWith(u"registry/v2"_s) &&
        (QFileInfo(clean + u"/repositories"_s).isDir() || QFileInfo(clean + u"/blobs"_s).isDir()))
        return clean;
    return {};
}

bool isValidRepositoryComponent(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*$"_s);
    return !name.isEmpty() && name.size() <= 255 && re.match(name).hasMatch();
}

bool isValidTag(const QString &tag)
{
    static const QRegularExpression re(u"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"_s);
    return re.match(tag).hasMatch();
}

Result<Reference> parseReference(const QString &text)
{
    Reference r;
    if (text.isEmpty())
        return r;
    QString repo = text;
    if (const qsizetype at = text.indexOf(u'@'); at >= 0) {
        Result<Digest> d = Digest::parse(QStringView(text).sliced(at + 1));
        if (!d || !d->isVerifiable())
            return makeError(ErrorCode::Malformed, u"\"%1\" is not a valid digest"_s.arg(text.mid(at + 1).left(100)),
                             text.left(300));
        r.digest = d->toString();
        repo = text.left(at);
    } else if (const qsizetype colon = text.lastIndexOf(u':'); colon >= 0) {
        r.tag = text.mid(colon + 1);
        repo = text.left(colon);
        if (!isValidTag(r.tag))
            return makeError(ErrorCode::Malformed, u"\"%1\" is not a valid tag"_s.arg(r.tag.left(100)), text.left(300));
    }
    if (repo.size() > 255)
        return makeError(ErrorCode::Malformed, u"the repository name is longer than 255 characters"_s, text.left(300));
    for (const QString &part : repo.split(u'/')) {
        if (!isValidRepositoryComponent(part))
            return makeError(ErrorCode::Malformed,
                             u"\"%1\" is not a valid repository name (lower-case letters, digits and . _ - only)"_s.arg(
                                 repo.left(100)),
                             text.left(300));
    }
    r.repository = repo;
    return r;
}

Result<SourceSpec> parseSpec(const QString &text)
{
    SourceSpec s;
    s.text = text;
    s.kind = SourceSpec::Kind::RegistryDir;
    const QString rest = text.mid(QStringLiteral("registry-dir:").size());
    if (rest.isEmpty())
        return makeError(ErrorCode::Malformed, u"registry-dir: names no folder"_s, text);
    // Try the whole text first, then each shorter prefix ending before a '/'.
    QString path = rest;
    QString ref;
    qsizetype cut = rest.size();
    while (!isRegistryStorage(path)) {
        cut = rest.lastIndexOf(u'/', cut - 1);
        if (cut <= 0) {
            path = rest; // not storage at all: the opener says so
            ref.clear();
            break;
        }
        path = rest.left(cut);
        ref = rest.mid(cut + 1);
    }
    if (Result<Reference> r = parseReference(ref); !r)
        return r.error();
    s.path = path;
    s.selection.reference = ref;
    return s;
}

} // namespace strata::registrydir
