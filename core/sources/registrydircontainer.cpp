// SPDX-License-Identifier: MIT
// Layout member names mapped onto the registry's blob store.
#include "core/sources/registrydircontainer.h"
#include "core/io/memorystream.h"
#include "core/sources/blobpaths.h"
#include "core/sources/registrydirscan.h"

using namespace Qt::StringLiterals;

namespace strata {

RegistryDirContainer::RegistryDirContainer(std::shared_ptr<DirContainer> v2, QByteArray indexJson)
    : m_v2(std::move(v2)), m_index(std::move(indexJson)), m_layout(R"({"imageLayoutVersion":"1.0.0"})")
{
}

QString RegistryDirContainer::storagePath(const QString &member)
{
    // Only "blobs/ALG/HEX" with a digest valid by the OCI grammar ever becomes a storage path.
    if (!member.startsWith(u"blobs/"_s) || member.count(u'/') != 2)
        return {};
    const std::optional<Digest> d = digestFromMemberName(member);
    return d ? registrydir::blobDataPath(*d) : QString();
}

Result<QString> RegistryDirContainer::resolve(const QString &name) const
{
    const QString p = storagePath(name);
    if (p.isEmpty())
        return makeError(ErrorCode::NotFound,
                         u"registry storage has no \"%1\" (only blobs/ALG/HEX is mapped)"_s.arg(name.left(200)),
                         path());
    return p;
}

Result<MemberStat> RegistryDirContainer::stat(const QString &name) const
{
    if (name == u"index.json")
        return MemberStat{name, name, m_index.size(), false};
    if (name == u"oci-layout")
        return MemberStat{name, name, m_layout.size(), false};
    Result<QString> p = resolve(name);
    if (!p)
        return p.error();
    Result<MemberStat> st = m_v2->stat(p.value());
    if (!st) {
        if (st.error().code == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound, u"%1 is not in the registry's storage"_s.arg(p.value()), path());
        return st.error();
    }
    return MemberStat{name, name, st->size, false};
}

Result<ByteStreamPtr> RegistryDirContainer::open(const QString &name) const
{
    if (name == u"index.json")
        return ByteStreamPtr(std::make_unique<MemoryStream>(m_index));
    if (name == u"oci-layout")
        return ByteStreamPtr(std::make_unique<MemoryStream>(m_layout));
    Result<QString> p = resolve(name);
    if (!p)
        return p.error();
    Result<ByteStreamPtr> s = m_v2->open(p.value());
    if (!s && s.error().code == ErrorCode::NotFound)
        return makeError(ErrorCode::NotFound, u"%1 is not in the registry's storage"_s.arg(p.value()), path());
    return s;
}

QStringList RegistryDirContainer::list(const QString &dir) const
{
    if (dir.isEmpty())
        return {u"index.json"_s, u"oci-layout"_s};
    return {};
}

} // namespace strata
