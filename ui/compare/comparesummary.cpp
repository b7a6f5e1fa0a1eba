// SPDX-License-Identifier: MIT
// Summary text: every count also in words, so the colour is never the only cue.
#include "ui/compare/comparesummary.h"
#include "core/format/sizeformat.h"
#include "core/report/comparereport.h"
#include "ui/compare/comparestyle.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

QString CompareSummary::html(const ImageComparison &c, const QPalette &pal)
{
    const auto coloured = [&pal](DiffKind k, const QString &text) {
        return u"<span style='color:%1'>%2</span>"_s.arg(CompareStyle::color(k, pal).name(), text.toHtmlEscaped());
    };
    const QString v = report::verdict(c);
    const DiffKind vk = c.identical ? DiffKind::Same : c.sameContent ? DiffKind::Metadata : DiffKind::Changed;
    const qint64 delta = c.rightSize - c.leftSize;
    const QString sizeText = tr("%1 → %2 (%3%4)")
                                 .arg(format::sizeText(c.leftSize), format::sizeText(c.rightSize),
                                      delta >= 0 ? u"+"_s : u"−"_s, format::sizeText(qAbs(delta)));
    int fileCounts[4] = {0, 0, 0, 0};
    for (const FileChange &f : c.files)
        ++fileCounts[int(f.status)];
    return u"<p style='font-size:large'><b>"_s + coloured(vk, v.left(1).toUpper() + v.mid(1)) + u"</b></p><p>"_s +
           tr("Layers: %1 shared, %2, %3, %4. Stored size %5.")
               .arg(c.count(LayerPair::Status::Shared))
               .arg(coloured(DiffKind::Changed, tr("%1 changed").arg(c.count(LayerPair::Status::Changed))),
                    coloured(DiffKind::Added, tr("%1 added").arg(c.count(LayerPair::Status::Added))),
                    coloured(DiffKind::Removed, tr("%1 removed").arg(c.count(LayerPair::Status::Removed))),
                    sizeText.toHtmlEscaped()) +
           u"<br>"_s + tr("Config: %n field(s) differ. ", nullptr, int(c.config.size())) +
           tr("Files: %1, %2, %3, %4.")
               .arg(coloured(DiffKind::Added, tr("%1 added").arg(fileCounts[int(FileChange::Status::Added)])),
                    coloured(DiffKind::Removed, tr("%1 removed").arg(fileCounts[int(FileChange::Status::Removed)])),
                    coloured(DiffKind::Changed, tr("%1 modified").arg(fileCounts[int(FileChange::Status::Modified)])),
                    coloured(DiffKind::Metadata,
                             tr("%1 metadata only").arg(fileCounts[int(FileChange::Status::Metadata)]))) +
           u"</p>"_s;
}

} // namespace strata::ui
