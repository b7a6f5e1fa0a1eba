// SPDX-License-Identifier: MIT
// Source spec parsing (skopeo transports syntax).
#include "core/sources/sourcespec.h"
#include "core/registry/registryreference.h"
#include "core/sources/registrydirpath.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace strata {

Result<SourceSpec> SourceSpec::parse(const QString &text)
{
    SourceSpec s;
    s.text = text;
    if (text.isEmpty())
        return makeError(ErrorCode::Malformed, u"no source given"_s);
    if (text.startsWith(u"docker://"_s)) {
        s.kind = Kind::Registry;
        s.path = text.mid(9);
        if (Result<RegistryReference> r = RegistryReference::parse(s.path); !r)
            return r.error();
        return s;
    }
    if (text.startsWith(u"registry-dir:"_s) && !QFileInfo::exists(text))
        return registrydir::parseSpec(text);
    if (text.startsWith(u"docker-daemon:"_s) && !QFileInfo::exists(text)) {
        s.kind = Kind::DockerDaemon;
        s.selection.reference = text.mid(14);
        if (s.selection.reference.isEmpty())
            return makeError(ErrorCode::Malformed, u"docker-daemon: names no image"_s, text);
        return s;
    }
    QString rest = text;
    const struct
    {
        const char16_t *prefix;
        Kind kind;
    } prefixes[] = {{u"docker-archive:", Kind::DockerArchive},
                    {u"oci-archive:", Kind::OciArchive},
                    {u"oci:", Kind::OciLayout},
                    {u"dir:", Kind::DirTransport}};
    for (const auto &p : prefixes) {
        const QString prefix = QString::fromUtf16(p.prefix);
        if (text.startsWith(prefix) && !QFileInfo::exists(text)) {
            s.kind = p.kind;
            rest = text.mid(prefix.size());
            break;
        }
    }
    if (s.kind == Kind::Auto) {
        s.path = text;
        return s;
    }
    // The path ends at the first ':' after which a reference follows, unless the whole rest exists (dir: takes
    // no reference: its path is all of it, as in containers/image).
    QString ref;
    if (s.kind != Kind::DirTransport && !QFileInfo::exists(rest)) {
        const qsizetype colon = rest.indexOf(u':');
        if (colon > 0) {
            ref = rest.mid(colon + 1);
            rest = rest.left(colon);
        }
    }
    s.path = rest;
    if (s.path.isEmpty())
        return makeError(ErrorCode::Malformed, u"the source names no path"_s, text);
    if (ref.startsWith(u'@')) {
        bool ok = false;
        const int n = ref.mid(1).toInt(&ok);
        if (!ok || n < 0 || s.kind != Kind::DockerArchive)
            return makeError(ErrorCode::Malformed, u"\"@N\" must be a non-negative image number in a docker-archive"_s,
                             text);
        s.selection.index = n;
    } else {
        s.selection.reference = ref;
    }
    return s;
}

} // namespace strata
