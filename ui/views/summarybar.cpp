// SPDX-License-Identifier: MIT
// Summary bar.
#include "ui/views/summarybar.h"
#include "ui/models/nodeformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata::ui {

SourceSummary SourceSummary::of(const ImageGraph &g, const VerifyReport *report)
{
    SourceSummary s;
    s.format = g.format;
    QSet<QString> platforms, layers;
    bool allUncompressedKnown = true;
    qint64 uncompressed = 0;
    for (const ImageInfo &img : g.images) {
        if (!img.attestation)
            platforms.insert(img.platform.toString());
        for (int id : img.layerNodes) {
            const Node &n = g.nodes[id];
            // Shared layers count once: the same blob is stored once.
            const QString key = n.digest().isNull() ? n.member : n.digest().toString();
            if (layers.contains(key))
                continue;
            layers.insert(key);
            s.compressed += qMax<qint64>(0, NodeFormat::sizeOf(n));
            const auto r = report ? report->results.constFind(id) : QHash<int, NodeResult>::const_iterator();
            if (report && r != report->results.cend() && r->uncompressedSize >= 0) {
                uncompressed += r->uncompressedSize;
            } else if (report && r != report->results.cend() && r->status == CheckStatus::Unreadable) {
                allUncompressedKnown = false;
                ++s.unreadableLayers;
            } else if (!n.present && n.absenceAllowed) {
                allUncompressedKnown = false;
                ++s.notIncluded;
            } else {
                allUncompressedKnown = false;
                ++s.uncompressedUnknown;
            }
        }
    }
    s.platforms = static_cast<int>(platforms.size());
    s.layers = static_cast<int>(layers.size());
    if (report && allUncompressedKnown)
        s.uncompressed = uncompressed;
    if (report) {
        s.verified = true;
        s.canceled = report->canceled;
        s.checksPassed = report->checksPassed;
        s.checksTotal = report->checksTotal;
        s.unreadable = static_cast<int>(report->unreadableNodes().size());
        s.objects = report->objectsInScope();
        s.objectsChecked =
            static_cast<int>(std::count_if(report->results.cbegin(), report->results.cend(),
                                           [](const NodeResult &r) { return r.status != CheckStatus::NotChecked; }));
    }
    return s;
}

SummaryBar::SummaryBar(QWidget *parent) : QWidget(parent), m_label(new QLabel(this))
{
    setObjectName(u"summaryBar"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wrapped, not one line: a long summary (an engine image's format, a signer) must not set the window's
    // minimum width, and eliding would hide the verdict at its end.
    m_label->setWordWrap(true);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_label, 1);
}

QString SummaryBar::textFor(const SourceSummary &s, bool verifying)
{
    QStringList parts{s.format};
    // No English .qm is shipped, so %n plurals would read "1 platform(s)": pick the form here.
    parts << (s.platforms == 1 ? tr("1 platform") : tr("%1 platforms").arg(s.platforms));
    parts << (s.layers == 1 ? tr("1 layer") : tr("%1 layers").arg(s.layers));
    parts << tr("%1 compressed").arg(NodeFormat::size(s.compressed));
    if (s.uncompressed >= 0)
        parts << tr("%1 uncompressed").arg(NodeFormat::size(s.uncompressed));
    else if (!s.verified || s.canceled)
        parts << tr("uncompressed size known after verification");
    else if (s.uncompressedUnknown > 0)
        parts
            << (s.uncompressedUnknown == 1
                    ? tr("uncompressed size unknown (1 layer could not be decompressed)")
                    : tr("uncompressed size unknown (%1 layers could not be decompressed)").arg(s.uncompressedUnknown));
    else if (s.unreadableLayers > 0)
        parts << (s.unreadableLayers == 1
                      ? tr("uncompressed size unknown (1 layer could not be read)")
                      : tr("uncompressed size unknown (%1 layers could not be read)").arg(s.unreadableLayers));
    if (s.notIncluded > 0)
        parts << (s.notIncluded == 1 ? tr("1 layer not included") : tr("%1 layers not included").arg(s.notIncluded));
    if (verifying)
        parts << tr("verifying…");
    else if (!s.verified)
        parts << tr("not verified");
    else if (s.canceled)
        parts << tr("verification %1")
                     .arg(canceledText(s.objectsChecked, s.objects, s.checksTotal, s.checksTotal - s.checksPassed));
    else if (s.unreadable > 0)
        parts << tr("verification incomplete: %1 of %2 objects could not be read; %3 of %4 checks passed")
                     .arg(s.unreadable)
                     .arg(s.objects)
                     .arg(s.checksPassed)
                     .arg(s.checksTotal);
    else if (s.checksTotal == 0)
        parts << tr("nothing to verify (no blob stored)");
    else
        parts << tr("%1 of %2 checks passed").arg(s.checksPassed).arg(s.checksTotal);
    if (!s.trust.isEmpty())
        parts << s.trust;
    return parts.join(u"  ·  "_s);
}

QString SummaryBar::canceledText(int objectsChecked, int objects, int checksDone, int checksFailed)
{
    const QString checks = checksDone == 1 ? tr("1 check") : tr("%1 checks").arg(checksDone);
    const QString failed = checksFailed == 0 ? tr("none failed") : tr("%1 failed").arg(checksFailed);
    return tr("canceled: %1 of %2 objects checked (%3), %4")
        .arg(QString::number(objectsChecked), QString::number(objects), checks, failed);
}

void SummaryBar::setSummary(const SourceSummary &s, bool verifying)
{
    m_label->setText(textFor(s, verifying));
}

void SummaryBar::clear()
{
    m_label->clear();
}

QString SummaryBar::text() const
{
    return m_label->text();
}

} // namespace strata::ui
