// SPDX-License-Identifier: MIT
// A tar archive as a container. Compressed archives are decompressed once into a private
// temporary file so that members can be read by offset afterwards.
#pragma once

#include "core/io/container.h"
#include "core/io/tarindex.h"
#include "core/mediatypes.h"

class QTemporaryDir;

namespace strata {

class TarContainer final : public Container
{
public:
    // Errors: NotFound, Io, NotAnImage (not a tar), Malformed/Truncated (compressed stream), Canceled.
    static Result<std::shared_ptr<TarContainer>> openArchive(const QString &path, JobContext *job = nullptr);
    ~TarContainer() override;

    QString path() const override { return m_path; }
    Result<MemberStat> stat(const QString &name) const override;
    Result<ByteStreamPtr> open(const QString &name) const override;
    QStringList list(const QString &dir) const override;
    QList<Error> structuralProblems() const override;

    const TarIndex &index() const { return m_index; }
    mediatype::Compression outerCompression() const { return m_outer; }

private:
    TarContainer() = default;
    Result<const TarMember *> resolve(const QString &name) const;

    QString m_path;
    std::shared_ptr<SharedFd> m_fd;
    TarIndex m_index;
    mediatype::Compression m_outer = mediatype::Compression::None;
    std::unique_ptr<QTemporaryDir> m_tempDir;
};

} // namespace strata
