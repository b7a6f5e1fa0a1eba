// SPDX-License-Identifier: MIT
// Sample extraction.
#include "ui/sampleimage.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

static void initStrataResources()
{
    // Q_INIT_RESOURCE must run outside any namespace.
    Q_INIT_RESOURCE(strata);
}

namespace strata::ui {

void SampleImage::initResources()
{
    static const bool done = [] {
        initStrataResources();
        return true;
    }();
    Q_UNUSED(done);
}

Result<QString> SampleImage::path()
{
    initResources();
    static QTemporaryDir dir; // removed at exit with the copy in it
    static QString copied;
    if (!copied.isEmpty() && QFile::exists(copied))
        return copied;
    const QString source = u":/sample/sample.oci.tar"_s;
    if (!QFile::exists(source))
        return makeError(ErrorCode::NotFound, u"the sample image is not embedded in this build"_s, source);
    if (!dir.isValid())
        return makeError(ErrorCode::Io, u"cannot create a temporary folder: %1"_s.arg(dir.errorString()), dir.path());
    const QString target = dir.filePath(u"sample.oci.tar"_s);
    QFile::remove(target);
    if (!QFile::copy(source, target))
        return makeError(ErrorCode::Io, u"cannot copy the sample image"_s, target);
    // Resource files copy as read-only; readers never write, but the temp dir must be removable.
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    copied = target;
    return copied;
}

QString SampleImage::recentEntry()
{
    return u"strata:sample"_s;
}

QString SampleImage::displayName(const QString &source)
{
    if (source == recentEntry())
        return QCoreApplication::translate("SampleImage", "Sample image");
    const Result<QString> copy = path();
    if (copy && source == copy.value())
        return QCoreApplication::translate("SampleImage", "Sample image");
    return source;
}

} // namespace strata::ui
