// SPDX-License-Identifier: MIT
// Where an image's files live: a tar archive's members or a folder's files, by relative name.
#pragma once

#include "core/io/bytestream.h"

#include <QStringList>
#include <optional>

namespace strata {

struct MemberStat
{
    QString name;     // the name asked for
    QString resolved; // where the bytes are (after at most one link inside the container)
    qint64 size = 0;
    bool viaLink = false;
};

// Thread-safe: open() may be called from several workers at once.
class Container
{
public:
    virtual ~Container() = default;
    // The file or folder this container is, for messages.
    virtual QString path() const = 0;
    // A regular file member, following at most one symlink or hard link that stays inside.
    // Errors: NotFound, UnsafePath (a name or link that leaves the container).
    virtual Result<MemberStat> stat(const QString &name) const = 0;
    virtual Result<ByteStreamPtr> open(const QString &name) const = 0;
    virtual bool exists(const QString &name) const { return stat(name).ok(); }
    // Names of regular files directly inside `dir` ("" for the top).
    virtual QStringList list(const QString &dir) const = 0;
    // Problems found in the container itself: unsafe names, duplicate members, truncation.
    virtual QList<Error> structuralProblems() const { return {}; }

    // Reads a small member whole. Errors as open(), plus TooLarge.
    Result<QByteArray> readSmall(const QString &name, qint64 limit) const;
};

using ContainerPtr = std::shared_ptr<const Container>;

} // namespace strata
