// SPDX-License-Identifier: MIT
// Welcome page.
#include "ui/views/welcomepage.h"
#include "ui/sampleimage.h"
#include "ui/theme/statusstyle.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent), m_openFile(new QPushButton(StatusStyle::namedIcon(u"open-file"_s), tr("Open File…"), this)),
      m_openFolder(new QPushButton(StatusStyle::namedIcon(u"open-folder"_s), tr("Open Folder…"), this)),
      m_sample(new QPushButton(StatusStyle::namedIcon(u"kind-source"_s), tr("Open Sample Image"), this)),
      m_recent(new QListWidget(this))
{
    setObjectName(u"welcomePage"_s);
    m_sample->setObjectName(u"openSampleButton"_s);
    m_recent->setObjectName(u"recentList"_s);

    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(72, 72));
    icon->setAlignment(Qt::AlignHCenter);
    auto *title = new QLabel(tr("Strata"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 2);
    f.setBold(true);
    title->setFont(f);
    title->setAlignment(Qt::AlignHCenter);
    auto *tagline =
        new QLabel(tr("Explore a container image and verify every digest, size and diff_id against its "
                      "bytes.\nOpen a docker save archive, an OCI archive, an OCI layout folder or a skopeo/podman "
                      "dir: folder with its signatures (archives plain or "
                      "gzip, zstd, xz, bzip2 or lz4 compressed), or drop one onto this window."),
                   this);
    tagline->setAlignment(Qt::AlignHCenter);
    tagline->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    for (QPushButton *b : {m_openFile, m_openFolder, m_sample}) {
        b->setMinimumHeight(32);
        buttons->addWidget(b);
    }
    buttons->addStretch();

    m_recentLabel = new QLabel(tr("Recent sources"), this);
    m_recentLabel->setBuddy(m_recent);
    m_recent->setMinimumWidth(520);
    m_recent->setMaximumWidth(720);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(tagline);
    layout->addSpacing(16);
    layout->addLayout(buttons);
    layout->addSpacing(24);
    layout->addWidget(m_recentLabel, 0, Qt::AlignHCenter);
    layout->addWidget(m_recent, 100, Qt::AlignHCenter);
    layout->addStretch(3);

    connect(m_openFile, &QPushButton::clicked, this, &WelcomePage::openFileRequested);
    connect(m_openFolder, &QPushButton::clicked, this, &WelcomePage::openFolderRequested);
    connect(m_sample, &QPushButton::clicked, this, &WelcomePage::sampleRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT recentRequested(item->data(Qt::UserRole).toString()); });
    setRecentSources({});
}

void WelcomePage::setRecentSources(const QStringList &sources)
{
    m_recent->clear();
    for (const QString &s : sources) {
        auto *item = new QListWidgetItem(SampleImage::displayName(s), m_recent);
        item->setData(Qt::UserRole, s);
        item->setToolTip(s);
    }
    // As tall as its entries, so a short list leaves no empty box; a long one takes the room the page has
    // (the stretch below it gives way first) and scrolls only when that is not enough.
    const int rows = static_cast<int>(sources.size());
    if (rows > 0)
        m_recent->setMaximumHeight(rows * m_recent->sizeHintForRow(0) + 2 * m_recent->frameWidth() + 4);
    m_recent->setVisible(!sources.isEmpty());
    m_recentLabel->setVisible(!sources.isEmpty());
}

} // namespace strata::ui
