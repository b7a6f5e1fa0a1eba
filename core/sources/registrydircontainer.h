// SPDX-License-Identifier: MIT
// A registry's storage folder seen as an OCI layout, so the OCI reader, the verifier, layer listing
// and compare work on it unchanged: index.json and oci-layout are synthesized (from the tag links),
// blobs/ALG/HEX is the registry's blobs/ALG/HH/HEX/data.
#pragma once

#include "core/io/dircontainer.h"

namespace strata {

class RegistryDirContainer final : public Container
{
public:
    // `v2` is the docker/registry/v2 folder; `indexJson` the synthesized index.
    RegistryDirContainer(std::shared_ptr<DirContainer> v2, QByteArray indexJson);

    QString path() const override { return m_v2->path(); }
    Result<MemberStat> stat(const QString &name) const override;
    Result<ByteStreamPtr> open(const QString &name) const override;
    QStringList list(const QString &dir) const override;

    // "blobs/ALG/HH/HEX/data" for a layout member "blobs/ALG/HEX"; empty for anything else.
    static QString storagePath(const QString &member);

private:
    Result<QString> resolve(const QString &name) const;

    std::shared_ptr<DirContainer> m_v2;
    QByteArray m_index;
    QByteArray m_layout;
};

} // namespace strata
