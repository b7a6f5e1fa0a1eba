// SPDX-License-Identifier: MIT
#include "core/attached/referrertags.h"

using namespace Qt::StringLiterals;

namespace strata::attached {

QString tagOf(const QString &refName)
{
    if (refName.contains(u'@'))
        return {};
    const qsizetype slash = refName.lastIndexOf(u'/');
    const qsizetype colon = refName.lastIndexOf(u':');
    return colon > slash ? refName.mid(colon + 1) : (slash < 0 ? refName : QString());
}

std::optional<TagTarget> parseTag(const QString &tag)
{
    // A tag is at most 128 characters (distribution's grammar); sha256-<64 hex>.sbom is 76.
    if (tag.size() > 128)
        return std::nullopt;
    const qsizetype dash = tag.indexOf(u'-');
    if (dash <= 0)
        return std::nullopt;
    QString rest = tag.mid(dash + 1);
    TagTarget t{TagTarget::Scheme::ReferrersTag, {}};
    for (const auto &[suffix, scheme] : {std::pair{u".sig"_s, TagTarget::Scheme::CosignSignatures},
                                         std::pair{u".att"_s, TagTarget::Scheme::CosignAttestations},
                                         std::pair{u".sbom"_s, TagTarget::Scheme::CosignSbom}}) {
        if (rest.endsWith(suffix)) {
            rest.chop(suffix.size());
            t.scheme = scheme;
            break;
        }
    }
    Result<Digest> d = Digest::parse(QString(tag.left(dash) + u':' + rest));
    if (!d || !d->isVerifiable())
        return std::nullopt;
    t.subject = d.value();
    return t;
}

QString referrersTagFor(const Digest &subject)
{
    return subject.algorithmName() + u'-' + subject.encoded();
}

QString cosignTagFor(const Digest &subject, TagTarget::Scheme scheme)
{
    switch (scheme) {
    case TagTarget::Scheme::CosignSignatures: return referrersTagFor(subject) + u".sig"_s;
    case TagTarget::Scheme::CosignAttestations: return referrersTagFor(subject) + u".att"_s;
    case TagTarget::Scheme::CosignSbom: return referrersTagFor(subject) + u".sbom"_s;
    case TagTarget::Scheme::ReferrersTag: break;
    }
    return referrersTagFor(subject);
}

} // namespace strata::attached
