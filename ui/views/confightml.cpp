// SPDX-License-Identifier: MIT
// Config overview and history as HTML.
#include "ui/views/confightml.h"
#include "core/format/sizeformat.h"
#include "ui/models/nodeformat.h"
#include "ui/views/htmltable.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

QString clip(const QString &s)
{
    if (s.size() <= ConfigHtml::MaxValueChars)
        return s;
    return s.left(ConfigHtml::MaxValueChars) +
           ConfigHtml::tr("… (%1 more characters)").arg(format::countText(s.size() - ConfigHtml::MaxValueChars));
}

QString code(const QString &s)
{
    return u"<code>%1</code>"_s.arg(clip(s).toHtmlEscaped());
}

QString cutNote(qsizetype total, qsizetype shown, const QString &what)
{
    if (total <= shown)
        return {};
    return u"<p><i>%1</i></p>"_s.arg(
        ConfigHtml::tr("%1 of %2 %3 shown; %4 not shown (the JSON tab has them all).")
            .arg(format::countText(shown), format::countText(total), what, format::countText(total - shown))
            .toHtmlEscaped());
}

// A two-column table of NAME=value pairs (Env) or key → value (Labels), capped.
QString pairTable(const QString &heading, const QList<std::pair<QString, QString>> &pairs, qsizetype total,
                  const QString &what)
{
    if (total == 0)
        return {};
    QString rows;
    for (const auto &[k, v] : pairs)
        rows += u"<tr><td style=\"padding-right:12px\">%1</td><td>%2</td></tr>"_s.arg(code(k), code(v));
    return u"<h4>%1 (%2)</h4><table cellspacing=\"2\">%3</table>"_s.arg(heading.toHtmlEscaped(),
                                                                        format::countText(total), rows) +
           cutNote(total, pairs.size(), what);
}

QString joinedCapped(const QStringList &items)
{
    QString out = items.mid(0, ConfigHtml::MaxRows).join(u", "_s);
    if (items.size() > ConfigHtml::MaxRows)
        out += ConfigHtml::tr(" … and %1 more").arg(format::countText(items.size() - ConfigHtml::MaxRows));
    return out;
}

} // namespace

QString ConfigHtml::overview(const ImageGraph &g, int imageIndex)
{
    if (imageIndex < 0 || imageIndex >= g.images.size() || !g.images[imageIndex].config)
        return {};
    const ImageConfig &c = *g.images[imageIndex].config;
    QString rows;
    const QStringList command = c.effectiveCommand();
    if (!command.isEmpty())
        rows += html::row(tr("runs"), code(shellJoin(command.mid(0, MaxRows * 10))));
    if (!c.entrypoint.isEmpty())
        rows += html::row(tr("Entrypoint"), code(shellJoin(c.entrypoint.mid(0, MaxRows * 10))));
    if (!c.cmd.isEmpty())
        rows += html::row(tr("Cmd"), code(shellJoin(c.cmd.mid(0, MaxRows * 10))));
    rows += html::mono(tr("User"), clip(c.user));
    rows += html::mono(tr("WorkingDir"), clip(c.workingDir));
    rows += html::mono(tr("ExposedPorts"), clip(joinedCapped(c.exposedPorts)));
    rows += html::mono(tr("Volumes"), clip(joinedCapped(c.volumes)));
    rows += html::mono(tr("StopSignal"), clip(c.stopSignal));
    QString platform = c.os;
    if (!c.architecture.isEmpty())
        platform += u'/' + c.architecture;
    if (!c.variant.isEmpty())
        platform += u'/' + c.variant;
    rows += html::mono(tr("OS/architecture"), clip(platform));
    rows += html::text(tr("created"), clip(c.created));
    rows += html::text(tr("author"), clip(c.author));
    rows += html::text(tr("layers"), c.diffIds.isEmpty() ? QString() : format::countText(c.diffIds.size()));
    rows += html::text(tr("history steps"), c.history.isEmpty() ? QString() : format::countText(c.history.size()));
    QString out = html::table(tr("Image configuration"), rows);

    QList<std::pair<QString, QString>> env;
    for (qsizetype i = 0; i < c.env.size() && i < MaxRows; ++i) {
        const QString &e = c.env[i];
        const qsizetype eq = e.indexOf(u'=');
        env.append({eq < 0 ? e : e.left(eq), eq < 0 ? QString() : e.mid(eq + 1)});
    }
    out += pairTable(tr("Env"), env, c.env.size(), tr("variables"));
    QList<std::pair<QString, QString>> labels;
    for (auto it = c.labels.cbegin(); it != c.labels.cend() && labels.size() < MaxRows; ++it)
        labels.append({it.key(), it.value()});
    out += pairTable(tr("Labels"), labels, c.labels.size(), tr("labels"));
    return out;
}

QString ConfigHtml::history(const ImageGraph &g, int imageIndex)
{
    if (imageIndex < 0 || imageIndex >= g.images.size() || !g.images[imageIndex].config)
        return {};
    const ImageInfo &img = g.images[imageIndex];
    const ImageConfig &c = *img.config;
    if (c.history.isEmpty())
        return {};
    const QList<int> toLayer = c.historyToLayer();
    QString rows;
    const qsizetype shown = qMin<qsizetype>(c.history.size(), MaxHistoryRows);
    for (qsizetype i = 0; i < shown; ++i) {
        const HistoryEntry &h = c.history[i];
        QString made;
        if (h.emptyLayer) {
            made = tr("no layer");
        } else if (!toLayer.isEmpty() && toLayer[i] >= 0) {
            const int layer = toLayer[i];
            made = tr("layer %1").arg(layer + 1);
            if (layer < img.layerNodes.size()) {
                if (const qint64 size = NodeFormat::sizeOf(g.nodes[img.layerNodes[layer]]); size >= 0)
                    made += u", "_s + NodeFormat::size(size);
            }
        } else {
            made = tr("a layer (not mapped)");
        }
        const QString line = dockerfileLine(h.createdBy);
        const QString tip = clip(h.createdBy).toHtmlEscaped();
        rows += u"<tr><td style=\"padding-right:8px\"><a href=\"%1\" title=\"%2\">%3</a></td>"
                "<td style=\"padding-right:8px\">%4</td><td><code title=\"%2\">%5</code></td></tr>"_s.arg(
                    historyLink(imageIndex, static_cast<int>(i)), tip, QString::number(i + 1), made.toHtmlEscaped(),
                    line.isEmpty() ? tr("(no created_by)") : clip(line).toHtmlEscaped());
    }
    QString out = u"<h4>%1</h4><p>%2</p><table cellspacing=\"2\">%3</table>"_s.arg(
        tr("History (%1 steps, as the Dockerfile read)").arg(format::countText(c.history.size())).toHtmlEscaped(),
        tr("Every step in build order with the layer it made. Follow a step number for its exact created_by.")
            .toHtmlEscaped(),
        rows);
    if (toLayer.isEmpty())
        out += u"<p><i>%1</i></p>"_s.arg(tr("The history's non-empty steps do not match the %1 layers, so steps "
                                            "are not mapped to layers.")
                                             .arg(c.diffIds.size())
                                             .toHtmlEscaped());
    out += cutNote(c.history.size(), shown, tr("steps"));
    return out;
}

QString ConfigHtml::layerStep(const ImageGraph &g, const Node &layer)
{
    if (layer.imageIndex < 0 || layer.imageIndex >= g.images.size() || layer.layerIndex < 0)
        return {};
    const ImageInfo &img = g.images[layer.imageIndex];
    if (!img.config)
        return {};
    const QList<int> toHistory = img.config->layerToHistory();
    if (layer.layerIndex >= toHistory.size() || toHistory[layer.layerIndex] < 0)
        return {};
    const int step = toHistory[layer.layerIndex];
    const HistoryEntry &h = img.config->history[step];
    return u"<a href=\"%1\" title=\"%2\">%3</a> <code>%4</code>"_s.arg(
        historyLink(layer.imageIndex, step), clip(h.createdBy).toHtmlEscaped(),
        tr("step %1 of %2:").arg(step + 1).arg(img.config->history.size()).toHtmlEscaped(),
        clip(dockerfileLine(h.createdBy)).toHtmlEscaped());
}

QString ConfigHtml::historyLink(int imageIndex, int historyIndex)
{
    return u"history:%1:%2"_s.arg(imageIndex).arg(historyIndex);
}

bool ConfigHtml::linkedHistory(const QString &href, int *imageIndex, int *historyIndex)
{
    if (!href.startsWith(u"history:"_s))
        return false;
    const QStringList parts = href.mid(8).split(u':');
    if (parts.size() != 2)
        return false;
    bool ok1 = false, ok2 = false;
    *imageIndex = parts[0].toInt(&ok1);
    *historyIndex = parts[1].toInt(&ok2);
    return ok1 && ok2;
}

} // namespace strata::ui
