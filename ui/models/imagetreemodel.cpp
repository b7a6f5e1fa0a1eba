// SPDX-License-Identifier: MIT
// ImageTreeModel: statuses are recomputed in one pass and only changed rows (plus ancestors) notified.
#include "ui/models/imagetreemodel.h"
#include "ui/models/nodeformat.h"
#include "ui/models/trustrows.h"
#include "ui/theme/monospacefont.h"
#include "ui/theme/statusstyle.h"

#include <QGuiApplication>
#include <QSet>

using namespace Qt::StringLiterals;

namespace strata::ui {

ImageTreeModel::ImageTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

ImageTreeModel::~ImageTreeModel() = default;

void ImageTreeModel::setGraph(ImageGraphPtr graph)
{
    beginResetModel();
    m_graph = std::move(graph);
    m_report.reset();
    m_trust.reset();
    m_verdicts.clear();
    m_checking = false;
    m_layout = m_graph ? TreeLayout::build(*m_graph) : TreeLayout{};
    recompute(false);
    endResetModel();
}

void ImageTreeModel::clear()
{
    setGraph(nullptr);
}

void ImageTreeModel::setChecking()
{
    if (!m_graph)
        return;
    m_checking = true;
    m_report.reset();
    recompute(true);
}

void ImageTreeModel::setReport(VerifyReportPtr report)
{
    if (!m_graph)
        return;
    m_checking = false;
    m_report = std::move(report);
    recompute(true);
}

void ImageTreeModel::setTrustReport(TrustReportPtr report)
{
    if (!m_graph)
        return;
    QSet<int> touched;
    for (auto it = m_verdicts.cbegin(); it != m_verdicts.cend(); ++it)
        touched.insert(it.key());
    if (m_trust)
        for (auto it = m_trust->subjects.cbegin(); it != m_trust->subjects.cend(); ++it)
            touched.insert(it.key());
    m_trust = std::move(report);
    m_verdicts.clear();
    if (m_trust) {
        for (const trust::SignatureCheck &c : m_trust->checks)
            if (!m_verdicts.contains(c.node))
                if (const std::optional<trust::Verdict> v = m_trust->verdictOf(c.node))
                    m_verdicts.insert(c.node, *v);
        for (auto it = m_verdicts.cbegin(); it != m_verdicts.cend(); ++it)
            touched.insert(it.key());
        for (auto it = m_trust->subjects.cbegin(); it != m_trust->subjects.cend(); ++it)
            touched.insert(it.key());
    }
    QList<int> ordered(touched.begin(), touched.end());
    std::sort(ordered.begin(), ordered.end());
    for (int id : std::as_const(ordered))
        if (id >= 0 && id < m_layout.items.size())
            Q_EMIT dataChanged(indexForNode(id, 0), indexForNode(id, ColumnCount - 1));
}

const ProblemList &ImageTreeModel::problems() const
{
    static const ProblemList none;
    if (m_report)
        return m_report->problems;
    return m_graph ? m_graph->problems : none;
}

QList<Problem> ImageTreeModel::problemsFor(int nodeId) const
{
    QList<Problem> out;
    const ProblemList &all = problems();
    for (int i : m_problemsByNode.value(nodeId))
        out << all[i];
    return out;
}

RowStatus ImageTreeModel::statusOf(int nodeId) const
{
    return nodeId >= 0 && nodeId < m_status.size() ? m_status[nodeId] : RowStatus::None;
}

bool ImageTreeModel::failureBelow(int nodeId) const
{
    return nodeId >= 0 && nodeId < m_below.size() && m_below[nodeId];
}

RowStatus ImageTreeModel::computeStatus(int item) const
{
    const TreeItem &it = m_layout.items[item];
    if (it.nodeId < 0)
        return RowStatus::None;
    const Node &n = m_graph->nodes[it.nodeId];
    bool error = false, missing = false, notIncluded = false, unverifiable = false, unreadable = false, warning = false;
    for (const Problem &p : problemsFor(n.id)) {
        warning |= p.severity == Severity::Warning;
        missing |= p.kind == ProblemKind::MissingBlob;
        notIncluded |= p.kind == ProblemKind::NotIncluded;
        unverifiable |= p.kind == ProblemKind::Unverifiable;
        unreadable |= p.kind == ProblemKind::Unreadable;
        error |=
            p.severity == Severity::Error && p.kind != ProblemKind::MissingBlob && p.kind != ProblemKind::Unreadable;
    }
    if (n.kind == NodeKind::Attached)
        return error ? RowStatus::Error : RowStatus::None; // a group: its rows carry the status
    if (n.kind == NodeKind::Source) {
        if (error)
            return RowStatus::Error;
        if (m_checking)
            return RowStatus::Checking;
        // Some object could not be read: the verdict is incomplete, whatever else the source says.
        if (m_report && !m_report->canceled && !m_report->complete())
            return RowStatus::Unreadable;
        // A warning of the source itself (a tag that moved, links the storage layout does not allow) is never
        // hidden behind "Verified": the tooltip lists it.
        if (warning && !(m_report && m_report->canceled))
            return RowStatus::Warning;
        if (m_report) {
            if (m_report->canceled)
                return RowStatus::NotChecked;
            // Some object could not be read: the verdict is incomplete, not "verified".
            if (!m_report->complete())
                return RowStatus::Unreadable;
            // Never a "verified" that nothing checked (a dir: folder of a manifest and its signatures).
            return m_report->checksTotal > 0 ? RowStatus::Verified : RowStatus::NothingToCheck;
        }
        return RowStatus::NotChecked;
    }
    if (!m_report) {
        if (missing)
            return RowStatus::Missing;
        if (error)
            return RowStatus::Error;
        if (unreadable)
            return RowStatus::Unreadable;
        if (notIncluded || (!n.present && n.absenceAllowed))
            return RowStatus::NotIncluded;
        if (unverifiable)
            return RowStatus::Unverifiable;
        return m_checking && n.present ? RowStatus::Checking : RowStatus::NotChecked;
    }
    const auto r = m_report->results.constFind(n.id);
    RowStatus s = r == m_report->results.cend() ? RowStatus::NotChecked : rowStatusFrom(r->status);
    if (s == RowStatus::NotChecked) {
        if (!n.present && (n.absenceAllowed || notIncluded))
            s = RowStatus::NotIncluded;
        else if (n.present && !m_report->canceled && n.kind != NodeKind::Signature &&
                 (r == m_report->results.cend() || r->checksTotal == 0))
            s = RowStatus::NothingToCheck; // a signature is not "nothing to check": it is not checked yet
    }
    // A node whose bytes hashed fine can still be wrong (layer count, unsafe name): never show it as clean.
    if (error && !isFailure(s))
        s = RowStatus::Error;
    if (missing && !isFailure(s))
        s = RowStatus::Missing;
    if (unreadable && !isFailure(s))
        s = RowStatus::Unreadable;
    return s;
}

bool ImageTreeModel::hasProblem(int item) const
{
    if (isFailure(m_status[item]))
        return true;
    const int nodeId = m_layout.items[item].nodeId;
    if (const auto v = m_verdicts.constFind(nodeId); v != m_verdicts.cend() && v->state == trust::VerdictState::Failed)
        return true;
    const QList<Problem> ps = problemsFor(nodeId);
    return std::any_of(ps.begin(), ps.end(), [](const Problem &p) { return p.severity != Severity::Info; });
}

void ImageTreeModel::recompute(bool notify)
{
    m_problemsByNode.clear();
    const ProblemList &all = problems();
    for (qsizetype i = 0; i < all.size(); ++i)
        m_problemsByNode[qMax(all[i].nodeId, 0)] << static_cast<int>(i);

    const qsizetype count = m_layout.items.size();
    QList<RowStatus> status(count, RowStatus::None);
    QList<bool> below(count, false);
    for (qsizetype i = 0; i < count; ++i)
        status[i] = computeStatus(static_cast<int>(i));
    // Failures are carried up to the root. A child may have a smaller index than its parent (an attached
    // artifact moved under the manifest it refers to), so each failure walks up until it meets a marked row.
    for (qsizetype i = 0; i < count; ++i) {
        if (!isFailure(status[i]))
            continue;
        for (int p = m_layout.items[i].parent; p >= 0 && !below[p]; p = m_layout.items[p].parent)
            below[p] = true;
    }
    const QList<RowStatus> oldStatus = std::exchange(m_status, status);
    const QList<bool> oldBelow = std::exchange(m_below, below);
    if (!notify || oldStatus.size() != count)
        return;

    // Every ancestor of a changed row is notified too: its summary (and tooltip) may depend on it.
    QSet<int> changed;
    for (qsizetype i = 0; i < count; ++i) {
        if (oldStatus[i] == m_status[i] && oldBelow[i] == m_below[i])
            continue;
        for (int it = static_cast<int>(i); it >= 0 && !changed.contains(it); it = m_layout.items[it].parent)
            changed.insert(it);
    }
    QList<int> ordered(changed.begin(), changed.end());
    std::sort(ordered.begin(), ordered.end());
    for (int it : std::as_const(ordered)) {
        const TreeItem &item = m_layout.items[it];
        Q_EMIT dataChanged(createIndex(item.row, 0, quintptr(it)),
                           createIndex(item.row, ColumnCount - 1, quintptr(it)));
    }
}

QModelIndex ImageTreeModel::indexForNode(int nodeId, int column) const
{
    if (nodeId < 0 || nodeId >= m_layout.items.size())
        return {};
    return createIndex(m_layout.items[nodeId].row, column, quintptr(nodeId));
}

const TreeItem *ImageTreeModel::itemAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return &m_layout.items[static_cast<qsizetype>(index.internalId())];
}

int ImageTreeModel::nodeIdAt(const QModelIndex &index) const
{
    const TreeItem *it = itemAt(index);
    return it ? it->nodeId : -1;
}

QModelIndex ImageTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const QList<int> &rows = parent.isValid() ? itemAt(parent)->children : m_layout.roots;
    return createIndex(row, column, quintptr(rows[row]));
}

QModelIndex ImageTreeModel::parent(const QModelIndex &child) const
{
    const TreeItem *it = itemAt(child);
    if (!it || it->parent < 0)
        return {};
    return createIndex(m_layout.items[it->parent].row, 0, quintptr(it->parent));
}

int ImageTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_layout.roots.size());
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(itemAt(parent)->children.size());
}

int ImageTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags ImageTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant ImageTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case MediaTypeColumn: return tr("Media type");
    case DigestColumn: return tr("Digest");
    case SizeColumn: return tr("Size");
    case StatusColumn: return tr("Status");
    case CreatedByColumn: return tr("Created by");
    }
    return {};
}

QHash<int, QByteArray> ImageTreeModel::roleNames() const
{
    QHash<int, QByteArray> r = QAbstractItemModel::roleNames();
    r.insert(NodeIdRole, "nodeId");
    r.insert(DigestRole, "digest");
    r.insert(SizeBytesRole, "sizeBytes");
    r.insert(StatusRole, "status");
    r.insert(SortRole, "sort");
    r.insert(FailureBelowRole, "failureBelow");
    r.insert(HasProblemRole, "hasProblem");
    r.insert(HistoryIndexRole, "historyIndex");
    r.insert(TrustStateRole, "trustState");
    r.insert(TrustBadgeRole, "trustBadge");
    return r;
}

QVariant ImageTreeModel::data(const QModelIndex &index, int role) const
{
    const TreeItem *it = itemAt(index);
    if (!it || !m_graph)
        return {};
    const int item = static_cast<int>(index.internalId());
    switch (role) {
    case NodeIdRole: return it->nodeId;
    case StatusRole: return int(m_status[item]);
    case FailureBelowRole: return bool(m_below[item]);
    case HasProblemRole: return hasProblem(item);
    case HistoryIndexRole: return it->historyIndex;
    default: break;
    }
    return it->nodeId < 0 ? historyData(*it, index.column(), role) : nodeData(*it, index.column(), role);
}

QVariant ImageTreeModel::historyData(const TreeItem &item, int column, int role) const
{
    const HistoryEntry &h = m_graph->images[item.imageIndex].config->history[item.historyIndex];
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return NodeFormat::historyName(item.historyIndex);
        if (column == CreatedByColumn)
            return h.createdBy;
        return {};
    case SortRole: return column == CreatedByColumn ? h.createdBy : NodeFormat::historyName(item.historyIndex);
    case Qt::ForegroundRole: return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    case Qt::DecorationRole: return column == NameColumn ? QVariant(StatusStyle::historyIcon()) : QVariant();
    case Qt::ToolTipRole: return NodeFormat::historyToolTip(h);
    case Qt::AccessibleTextRole:
        return tr("%1, an empty history step: %2").arg(NodeFormat::historyName(item.historyIndex), h.createdBy);
    case SizeBytesRole: return qint64(-1);
    case DigestRole: return QString();
    case TrustStateRole: return -1;
    case TrustBadgeRole: return QString();
    }
    return {};
}

QString ImageTreeModel::statusToolTip(int nodeId) const
{
    QStringList lines{RowStatusText::display(m_status[nodeId], m_below[nodeId])};
    if (m_below[nodeId] && !isFailure(m_status[nodeId]))
        lines << tr("This row's own status: %1. Something beneath it failed.")
                     .arg(RowStatusText::label(m_status[nodeId]));
    if (m_report) {
        const auto r = m_report->results.constFind(nodeId);
        if (r != m_report->results.cend() && r->checksTotal > 0)
            lines << tr("%1 of %2 checks passed").arg(r->checksPassed).arg(r->checksTotal);
    }
    for (const Problem &p : problemsFor(nodeId)) {
        lines << u"%1: %2"_s.arg(severityName(p.severity), p.message);
        if (const QString ev = NodeFormat::expectedVsActual(p); !ev.isEmpty())
            lines << ev;
    }
    return lines.join(u'\n');
}

QVariant ImageTreeModel::trustData(int nodeId, int column, int role) const
{
    if (const auto v = m_verdicts.constFind(nodeId); v != m_verdicts.cend()) {
        if (role == TrustStateRole)
            return int(v->state);
        if (column == StatusColumn) {
            switch (role) {
            case Qt::DisplayRole: return TrustRows::label(*v);
            case Qt::ToolTipRole: return TrustRows::toolTip(*v);
            case Qt::ForegroundRole: return TrustRows::color(*v, QGuiApplication::palette());
            case Qt::DecorationRole: return TrustRows::icon(*v);
            case Qt::AccessibleTextRole: return TrustRows::accessible(*v);
            }
        }
        if (column == NameColumn && role == Qt::AccessibleTextRole)
            return u"%1, %2"_s.arg(NodeFormat::name(m_graph->nodes[nodeId]), TrustRows::accessible(*v));
        return {};
    }
    if (role == TrustStateRole)
        return -1;
    const auto t = m_trust ? m_trust->subjects.constFind(nodeId) : QMap<int, trust::SubjectTrust>::const_iterator();
    const bool subject = m_trust && t != m_trust->subjects.cend();
    if (role == TrustBadgeRole)
        return subject ? t->badge() : QString();
    if (!subject)
        return {};
    if (column == DigestColumn && role == Qt::DecorationRole)
        return TrustRows::badgeIcon(TrustRows::badgeOf(*t, *m_trust));
    if ((column == DigestColumn || column == StatusColumn) && role == Qt::ToolTipRole) {
        const QString own =
            column == DigestColumn ? NodeFormat::digestToolTip(m_graph->nodes[nodeId]) : statusToolTip(nodeId);
        return QString(own + u'\n' + TrustRows::badgeToolTip(*t));
    }
    if (column == NameColumn && role == Qt::AccessibleTextRole)
        return u"%1, %2, %3"_s.arg(NodeFormat::name(m_graph->nodes[nodeId]),
                                   RowStatusText::accessible(m_status[nodeId], m_below[nodeId]), t->badge());
    return {};
}

QVariant ImageTreeModel::nodeData(const TreeItem &item, int column, int role) const
{
    if (m_trust)
        if (QVariant v = trustData(item.nodeId, column, role); v.isValid())
            return v;
    if (role == TrustStateRole)
        return -1;
    if (role == TrustBadgeRole)
        return QString();
    const Node &n = m_graph->nodes[item.nodeId];
    const RowStatus status = m_status[item.nodeId];
    const bool below = m_below[item.nodeId];
    const qint64 bytes = NodeFormat::sizeOf(n);
    switch (role) {
    case DigestRole: return n.digest().isNull() ? QString() : n.digest().toString();
    case SizeBytesRole: return bytes;
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return NodeFormat::name(n);
        case MediaTypeColumn: return n.descriptor ? n.descriptor->mediaType : QString();
        case DigestColumn: return n.digest().isNull() ? QString() : n.digest().shortString();
        case SizeColumn: return NodeFormat::size(bytes);
        case StatusColumn: return RowStatusText::display(status, below);
        case CreatedByColumn: return n.createdBy;
        }
        return {};
    case SortRole:
        switch (column) {
        case DigestColumn: return n.digest().isNull() ? QString() : n.digest().toString();
        case SizeColumn: return bytes;
        case StatusColumn: return int(status);
        default: return data(createIndex(item.row, column, quintptr(item.nodeId)), Qt::DisplayRole);
        }
    case Qt::DecorationRole:
        if (column == NameColumn)
            return StatusStyle::kindIcon(n.kind, !n.attestationFor.isEmpty());
        if (column == StatusColumn)
            return StatusStyle::icon(status, below);
        return {};
    case Qt::ForegroundRole:
        if (column != StatusColumn)
            return {};
        return below && !isFailure(status) ? StatusStyle::failureBelowColor(QGuiApplication::palette())
                                           : StatusStyle::color(status, QGuiApplication::palette());
    case Qt::FontRole:
        if (column == DigestColumn)
            return MonospaceFont::font();
        return {};
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return n.createdBy.isEmpty() ? m_graph->describe(n.id) : m_graph->describe(n.id) + u'\n' + n.createdBy;
        case DigestColumn: return NodeFormat::digestToolTip(n);
        case SizeColumn: {
            const auto r = m_report ? m_report->results.constFind(n.id) : QHash<int, NodeResult>::const_iterator();
            const qint64 unc = m_report && r != m_report->results.cend() ? r->uncompressedSize : -1;
            return NodeFormat::sizeToolTip(bytes, unc);
        }
        case StatusColumn: return statusToolTip(n.id);
        case MediaTypeColumn:
        case CreatedByColumn: return data(createIndex(item.row, column, quintptr(item.nodeId)), Qt::DisplayRole);
        }
        return {};
    case Qt::AccessibleTextRole:
        switch (column) {
        case NameColumn: return u"%1, %2"_s.arg(NodeFormat::name(n), RowStatusText::accessible(status, below));
        case StatusColumn: return RowStatusText::accessible(status, below);
        case DigestColumn: return n.digest().isNull() ? tr("no digest") : n.digest().toString();
        default: return data(createIndex(item.row, column, quintptr(item.nodeId)), Qt::DisplayRole);
        }
    }
    return {};
}

} // namespace strata::ui
