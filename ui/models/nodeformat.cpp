// SPDX-License-Identifier: MIT
// Node formatting.
#include "ui/models/nodeformat.h"
#include "core/format/sizeformat.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

QString NodeFormat::size(qint64 bytes)
{
    // The window speaks English only (no translations), so its sizes do too: the user's locale would
    // put "962 Bytes" or "3,2 GB" into English sentences.
    return format::sizeText(bytes);
}

QString NodeFormat::sizeToolTip(qint64 bytes, qint64 uncompressed)
{
    if (bytes < 0)
        return {};
    QString tip = format::exactBytes(bytes);
    if (uncompressed >= 0)
        tip += u'\n' + (size(uncompressed) == format::exactBytes(uncompressed) // "886 bytes", said once
                            ? tr("%1 uncompressed").arg(format::exactBytes(uncompressed))
                            : tr("%1 uncompressed (%2)").arg(format::exactBytes(uncompressed), size(uncompressed)));
    return tip;
}

qint64 NodeFormat::sizeOf(const Node &n)
{
    if (n.descriptor && n.descriptor->size >= 0)
        return n.descriptor->size;
    if (n.storedSize >= 0)
        return n.storedSize;
    if (!n.raw.isEmpty())
        return n.raw.size();
    return -1;
}

QString NodeFormat::name(const Node &n)
{
    // An artifact is named by what it is ("SPDX SBOM", "cosign signature"), not by its document kind; a stored
    // signature keeps its file name.
    const bool artifact = n.attachment && !n.attachment->label.isEmpty() && n.kind != NodeKind::Signature;
    QString title = artifact ? n.attachment->label : n.title;
    // Sibling indexes and manifests share titles ("index", "linux/amd64"): their tags tell them apart.
    QStringList names;
    for (const QString &r : n.refNames) {
        if (!title.contains(r))
            names << r;
    }
    if (!names.isEmpty())
        title = u"%1 (%2)"_s.arg(title, names.join(u", "_s));
    if (!n.attestationFor.isEmpty() && !artifact)
        return tr("%1 (attestation)").arg(title);
    return title;
}

QString NodeFormat::digestToolTip(const Node &n)
{
    const Digest d = n.digest();
    if (d.isNull())
        return {};
    QString tip = d.toString();
    if (n.identifierKind() != IdentifierKind::None)
        tip += u'\n' + tr("This is the %1.").arg(identifierKindName(n.identifierKind()));
    if (n.expectedDiffId && !(*n.expectedDiffId == d))
        tip += u'\n' + tr("diff_id: %1").arg(n.expectedDiffId->toString());
    if (!n.attestationFor.isEmpty())
        tip += u'\n' + tr("Attestation for manifest %1").arg(n.attestationFor);
    return tip;
}

QString NodeFormat::historyName(int historyIndex)
{
    return tr("step %1 (no layer)").arg(historyIndex + 1);
}

QString NodeFormat::historyToolTip(const HistoryEntry &h)
{
    QStringList lines{tr("History step marked empty_layer: it changed only the configuration, so no layer "
                         "blob belongs to it.")};
    if (!h.createdBy.isEmpty())
        lines << tr("created_by: %1").arg(h.createdBy);
    if (!h.created.isEmpty())
        lines << tr("created: %1").arg(h.created);
    if (!h.author.isEmpty())
        lines << tr("author: %1").arg(h.author);
    if (!h.comment.isEmpty())
        lines << tr("comment: %1").arg(h.comment);
    return lines.join(u'\n');
}

QString NodeFormat::expectedVsActual(const Problem &p)
{
    if (p.expected.isEmpty() && p.actual.isEmpty())
        return {};
    return tr("Expected: %1\nComputed: %2").arg(p.expected, p.actual);
}

} // namespace strata::ui
