// SPDX-License-Identifier: MIT
// About dialog.
#include "ui/dialogs/aboutdialog.h"

#include "core/libraryversions.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

QString AboutDialog::versionsText()
{
    return tr("Strata %1\nQt %2 (built with %3)\n%4")
        .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             libraryVersions());
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Strata"));
    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    auto *title = new QLabel(tr("<h2>Strata</h2><p>A desktop explorer and verifier for container images.</p>"), this);
    auto *versions = new QLabel(versionsText(), this);
    versions->setObjectName(u"aboutVersions"_s);
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *license = new QLabel(tr("Released under the MIT license."), this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addWidget(title);
    layout->addWidget(versions);
    layout->addWidget(license);
    layout->addWidget(buttons);
}

} // namespace strata::ui
