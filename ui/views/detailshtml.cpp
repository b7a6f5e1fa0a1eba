// SPDX-License-Identifier: MIT
// Details as HTML (QTextBrowser's rich-text subset: tables, spans, no CSS classes).
#include "ui/views/detailshtml.h"
#include "core/format/sizeformat.h"
#include "ui/models/nodeformat.h"
#include "ui/theme/statusstyle.h"
#include "ui/views/confightml.h"
#include "ui/views/diffmarkup.h"
#include "ui/views/htmltable.h"
#include "ui/views/signaturehtml.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

class Table
{
public:
    void row(const QString &field, const QString &valueHtml)
    {
        if (!valueHtml.isEmpty())
            m_rows += html::row(field, valueHtml);
    }
    void text(const QString &field, const QString &value) { row(field, value.toHtmlEscaped()); }
    void mono(const QString &field, const QString &value)
    {
        if (!value.isEmpty())
            row(field, u"<code>%1</code>"_s.arg(html::breakable(value)));
    }
    QString html(const QString &heading) const
    {
        return m_rows.isEmpty()
                   ? QString()
                   : u"<h4>%1</h4><table cellspacing=\"2\">%2</table>"_s.arg(heading.toHtmlEscaped(), m_rows);
    }

private:
    QString m_rows;
};

// "11.7 kB (11,693 bytes)"; below 1 kB the exact count alone ("236 bytes"), never said twice.
QString sizeText(qint64 bytes)
{
    if (bytes < 0)
        return {};
    const QString rounded = NodeFormat::size(bytes);
    const QString exact = format::exactBytes(bytes);
    return rounded == exact ? exact : u"%1 (%2)"_s.arg(rounded, exact);
}

QString digestText(const std::optional<Digest> &d)
{
    return d && !d->isNull() ? d->toString() : QString();
}

QString problemHtml(const Problem &p, const QPalette &palette)
{
    const RowStatus look = p.kind == ProblemKind::Unreadable ? RowStatus::Unreadable
                           : p.severity == Severity::Error   ? RowStatus::Error
                           : p.severity == Severity::Warning ? RowStatus::Unverifiable
                                                             : RowStatus::NotChecked;
    QString html = u"<p><span style=\"color:%1\"><b>%2</b></span> <code>%3</code><br>%4</p>"_s.arg(
        StatusStyle::color(look, palette).name(), severityName(p.severity).toUpper(), problemKindName(p.kind),
        p.message.toHtmlEscaped());
    if (!p.expected.isEmpty() || !p.actual.isEmpty()) {
        const MarkedPair m = DiffMarkup::mark(p.expected, p.actual, StatusStyle::diffBackground(palette).name());
        html += u"<table cellspacing=\"2\"><tr><td><b>%1</b></td><td><code>%2</code></td></tr>"
                "<tr><td><b>%3</b></td><td><code>%4</code></td></tr></table>"_s.arg(
                    DetailsHtml::tr("Expected").toHtmlEscaped(), m.expected,
                    DetailsHtml::tr("Computed").toHtmlEscaped(), m.actual);
        if (m.differing > 0)
            html += u"<p><i>%1</i></p>"_s.arg(DetailsHtml::tr("%1 characters differ (marked).").arg(m.differing));
    }
    return html;
}

} // namespace

QString DetailsHtml::identifierMeaning(IdentifierKind k)
{
    switch (k) {
    case IdentifierKind::IndexDigest:
        return tr(
            "The sha256 of the index's exact JSON bytes. A multi-platform reference (name@digest) pins this digest; "
            "each platform below it has its own manifest digest.");
    case IdentifierKind::ManifestDigest:
        return tr("The sha256 of the manifest's exact JSON bytes: what a registry calls the image digest and what "
                  "name@sha256:… pins. It is not the image ID, which is the config digest.");
    case IdentifierKind::ConfigDigest:
        return tr("The sha256 of the image configuration's JSON bytes. Docker shows it as the image ID (docker images, "
                  "docker inspect .Id); pushing or saving the image does not change it.");
    case IdentifierKind::LayerDigest:
        return tr(
            "The sha256 of the layer blob as stored, usually compressed; registries address layers by it. The "
            "diff_id in the config is the sha256 of the uncompressed tar, so the two differ for compressed layers.");
    case IdentifierKind::DiffId:
        return tr("The layer's diff_id: the sha256 of the uncompressed tar, as listed in the config's rootfs.diff_ids. "
                  "This archive stores the layer uncompressed, so its bytes hash to the diff_id; a registry stores a "
                  "compressed form under a different layer digest.");
    case IdentifierKind::ChainId:
        return tr("The chain ID combines the diff_ids of this layer and all below it; runtimes name snapshots by it.");
    case IdentifierKind::None: break;
    }
    return {};
}

bool DetailsHtml::isDockerSaveEntry(const Node &n)
{
    // docker save's manifest.json entry (or a pre-1.10 repositories tag): a holder, not a content-addressed manifest.
    return n.kind == NodeKind::Manifest && !n.descriptor && n.raw.isEmpty() && !n.computedDigest;
}

int DetailsHtml::dockerSaveNoteNode(const ImageGraph &g, const Node &n)
{
    const bool docker = g.format.contains(u"docker"_s, Qt::CaseInsensitive);
    if (!docker || (n.kind != NodeKind::Manifest && n.kind != NodeKind::Layer && n.kind != NodeKind::Config))
        return -1;
    if (n.imageIndex < 0 || n.imageIndex >= g.images.size())
        return -1;
    const ImageInfo &img = g.images[n.imageIndex];
    // The image's row: its manifest (Docker 25+) or manifest.json entry, whichever holds the config.
    const int configNode = img.configNode;
    return configNode >= 0 ? g.nodes[configNode].parent : img.manifestNode;
}

QString DetailsHtml::dockerSaveNote(const ImageGraph &g, const Node &n)
{
    if (dockerSaveNoteNode(g, n) < 0)
        return {};
    return tr(
        "Why this is not the registry's manifest digest: docker save writes layers uncompressed and, before "
        "Docker 25, no manifest at all. The manifest in the registry lists the compressed layers, so its bytes "
        "and digest differ from anything in this archive. Compare images by config digest (image ID) or diff_ids.");
}

QString DetailsHtml::forNode(const ImageGraph &g, int nodeId, const VerifyReport *report,
                             const QList<Problem> &problems, const QPalette &palette)
{
    const Node &n = g.nodes[nodeId];
    QString html =
        u"<h3>%1</h3><p>%2</p>"_s.arg(NodeFormat::name(n).toHtmlEscaped(), g.describe(nodeId).toHtmlEscaped());
    // Problems first: for a failing row they are why the user is looking.
    if (!problems.isEmpty()) {
        html += u"<h4>%1</h4>"_s.arg(tr("Problems"));
        for (const Problem &p : problems)
            html += problemHtml(p, palette);
    }

    if (n.kind == NodeKind::Config) {
        html += ConfigHtml::overview(g, n.imageIndex);
        html += ConfigHtml::history(g, n.imageIndex);
    }

    if (isDockerSaveEntry(n)) {
        html += u"<h4>%1</h4><p>%2</p>"_s.arg(
            tr("What identifies this image").toHtmlEscaped(),
            tr("This row is an entry of docker save's manifest.json, not a content-addressed manifest, so it has "
               "no manifest digest. The image is identified by its config digest (the image ID).")
                .toHtmlEscaped());
    } else if (n.identifierKind() != IdentifierKind::None) {
        html += u"<h4>%1</h4><p><b>%2</b>: %3</p>"_s.arg(tr("What this identifier is"),
                                                         identifierKindName(n.identifierKind()).toHtmlEscaped(),
                                                         identifierMeaning(n.identifierKind()).toHtmlEscaped());
    }
    // Said once, on the image's row; the rows below it link there.
    if (const int noteNode = dockerSaveNoteNode(g, n); noteNode == nodeId) {
        html += u"<p>%1</p>"_s.arg(dockerSaveNote(g, n).toHtmlEscaped());
    } else if (noteNode >= 0) {
        html += u"<p><a href=\"node:%1\">%2</a></p>"_s.arg(noteNode).arg(
            tr("Why this archive's digests differ from the registry's: see the image row.").toHtmlEscaped());
    }
    if (!n.attestationFor.isEmpty())
        html += u"<p><b>%1</b> <code>%2</code></p>"_s.arg(tr("Attestation for manifest").toHtmlEscaped(),
                                                          n.attestationFor.toHtmlEscaped());
    if (!n.note.isEmpty())
        html += u"<p><i>%1</i></p>"_s.arg(n.note.toHtmlEscaped());

    const auto descriptorTable = [](const Descriptor &d, const QString &heading) {
        Table t;
        t.mono(tr("mediaType"), d.mediaType);
        t.mono(tr("digest"), d.digest.toString());
        t.text(tr("size"), sizeText(d.size));
        t.mono(tr("artifactType"), d.artifactType);
        if (d.platform)
            t.mono(tr("platform"), d.platform->toString());
        t.mono(tr("urls"), d.urls.join(u'\n'));
        for (auto it = d.annotations.begin(); it != d.annotations.end(); ++it)
            t.mono(tr("annotation %1").arg(it.key()), it.value());
        if (d.data)
            t.text(tr("data"), tr("%1 bytes embedded").arg(d.data->size()));
        return t.html(heading);
    };
    if (n.descriptor)
        html += descriptorTable(*n.descriptor, tr("Descriptor"));
    if (n.registryDescriptor)
        html += descriptorTable(*n.registryDescriptor, tr("Registry descriptor (pushed form, not stored here)"));
    html += SignatureHtml::forNode(g, n);

    Table where;
    where.text(tr("kind"), nodeKindName(n.kind));
    where.mono(tr("member"), n.member);
    if (n.kind != NodeKind::Source)
        where.text(tr("present"),
                   n.present ? tr("yes") : (n.absenceAllowed ? tr("no (allowed by the format)") : tr("no")));
    where.text(tr("stored size"), sizeText(n.storedSize));
    where.mono(tr("digest in file name"), digestText(n.nameDigest));
    where.mono(tr("digest of the bytes"), n.descriptor ? QString() : digestText(n.computedDigest));
    if (!n.platform.isEmpty())
        where.mono(tr("platform"), n.platform.toString());
    where.mono(tr("names"), n.refNames.join(u", "_s));
    if (n.layerIndex >= 0) { // counted from 1, as the rows are named; JSON output keeps the 0-based index
        const qsizetype layers =
            n.imageIndex >= 0 && n.imageIndex < g.images.size() ? g.images[n.imageIndex].layerNodes.size() : 0;
        where.text(tr("layer"),
                   layers > 0 ? tr("%1 of %2").arg(n.layerIndex + 1).arg(layers) : QString::number(n.layerIndex + 1));
    }
    where.mono(tr("diff_id"), digestText(n.expectedDiffId));
    where.mono(tr("chain ID"), n.chainId.isNull() ? QString() : n.chainId.toString());
    if (const QString step = ConfigHtml::layerStep(g, n); !step.isEmpty())
        where.row(tr("made by"), step);
    else
        where.mono(tr("created_by"), n.createdBy);
    if (n.kind == NodeKind::Source) {
        where.text(tr("format"), g.format);
        where.mono(tr("path"), g.sourcePath);
    }
    html += where.html(tr("Fields"));

    if (report) {
        Table v;
        const auto r = report->results.constFind(nodeId);
        if (r != report->results.cend()) {
            v.text(tr("status"), checkStatusName(r->status));
            if (r->checksTotal > 0)
                v.text(tr("checks"), tr("%1 of %2 passed").arg(r->checksPassed).arg(r->checksTotal));
            v.mono(tr("computed digest"), r->computedDigest.isNull() ? QString() : r->computedDigest.toString());
            v.text(tr("computed size"), sizeText(r->computedSize));
            v.mono(tr("computed diff_id"), r->computedDiffId.isNull() ? QString() : r->computedDiffId.toString());
            v.text(tr("uncompressed size"), sizeText(r->uncompressedSize));
            if (r->computedSize >= 0 && n.kind == NodeKind::Layer)
                v.text(tr("compression"), mediatype::compressionName(r->compression));
        } else if (report->canceled) {
            v.text(tr("status"), tr("not reached: verification was canceled"));
        }
        html += v.html(tr("Verification"));
    }
    return html;
}

QString DetailsHtml::forHistory(const ImageGraph &g, int imageIndex, int historyIndex)
{
    const ImageInfo &img = g.images[imageIndex];
    const HistoryEntry &h = img.config->history[historyIndex];
    const QList<int> toLayer = img.config->historyToLayer();
    const int layer = h.emptyLayer || toLayer.isEmpty() ? -1 : toLayer[historyIndex];
    const QString what = h.emptyLayer
                             ? tr("An empty_layer history step of %1: it changed only the configuration, so no "
                                  "layer blob belongs to it.")
                                   .arg(img.name)
                         : layer >= 0 ? tr("A history step of %1: it made layer %2.").arg(img.name).arg(layer + 1)
                                      : tr("A history step of %1 that made a layer (not mapped).").arg(img.name);
    QString html = u"<h3>%1</h3><p>%2</p>"_s.arg(
        tr("Step %1 of %2").arg(historyIndex + 1).arg(img.config->history.size()).toHtmlEscaped(),
        what.toHtmlEscaped());
    Table t;
    t.mono(tr("instruction"), dockerfileLine(h.createdBy).left(ConfigHtml::MaxValueChars * 4));
    // Exactly as stored: "#(nop)  CMD" keeps its two spaces.
    if (!h.createdBy.isEmpty())
        t.row(tr("created_by (raw)"), u"<code style=\"white-space:pre-wrap\">%1</code>"_s.arg(
                                          html::breakable(h.createdBy.left(ConfigHtml::MaxValueChars * 4))));
    t.text(tr("created"), h.created);
    t.text(tr("author"), h.author);
    t.text(tr("comment"), h.comment);
    if (layer >= 0 && layer < img.layerNodes.size())
        t.row(tr("layer"), u"<a href=\"node:%1\">%2</a>"_s.arg(img.layerNodes[layer])
                               .arg(tr("layer %1").arg(layer + 1).toHtmlEscaped()));
    t.text(tr("history index"), QString::number(historyIndex + 1));
    html += t.html(tr("History entry"));
    return html;
}

} // namespace strata::ui
