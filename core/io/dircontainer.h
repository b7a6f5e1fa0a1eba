// SPDX-License-Identifier: MIT
// A folder (an OCI layout directory) as a container. Every open walks from the folder's own
// descriptor with O_NOFOLLOW, so no symlink inside can lead out of it.
#pragma once

#include "core/io/container.h"
#include "core/io/filerange.h"

namespace strata {

class DirContainer final : public Container
{
public:
    // Errors: NotFound, Io.
    static Result<std::shared_ptr<DirContainer>> openFolder(const QString &path);
    ~DirContainer() override;

    QString path() const override { return m_path; }
    Result<MemberStat> stat(const QString &name) const override;
    Result<ByteStreamPtr> open(const QString &name) const override;
    QStringList list(const QString &dir) const override;

private:
    DirContainer() = default;
    Result<std::shared_ptr<SharedFd>> openFile(const QString &name) const;

    QString m_path;
    int m_dirFd = -1;
};

} // namespace strata
