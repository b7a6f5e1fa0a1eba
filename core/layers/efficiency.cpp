// SPDX-License-Identifier: MIT
// Efficiency analysis over layer TOCs.
#include "core/layers/efficiency.h"
#include "core/layers/mergedtree.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata {

QString wasteReasonName(WasteFinding::Reason r)
{
    switch (r) {
    case WasteFinding::Reason::Overwritten: return u"overwritten"_s;
    case WasteFinding::Reason::Deleted: return u"deleted"_s;
    case WasteFinding::Reason::Duplicate: return u"duplicate"_s;
    }
    return {};
}

EfficiencyReport computeEfficiency(const QList<LayerTocPtr> &layers)
{
    EfficiencyReport rep;
    // Live file versions: path → (layer, size). Each version that stops being live is waste,
    // attributed to the layer whose change made it so.
    struct Version
    {
        int layer;
        qint64 size;
    };
    QMap<QString, Version> live;
    const auto retire = [&](const QString &path, const Version &v, WasteFinding::Reason why, int cause) {
        if (v.size <= 0)
            return;
        rep.findings << WasteFinding{path, why, v.size, v.layer, cause, {}};
        rep.wastedBytes += v.size;
    };
    for (int l = 0; l < layers.size(); ++l) {
        if (!layers[l])
            continue;
        for (const LayerEntry &e : layers[l]->entries) {
            if (e.type != EntryType::Whiteout && e.type != EntryType::Opaque)
                continue;
            const QString path = e.deletedPath();
            const QString prefix = path.isEmpty() ? QString() : path + u'/';
            if (e.type == EntryType::Whiteout) {
                if (auto it = live.find(path); it != live.end()) {
                    retire(path, *it, WasteFinding::Reason::Deleted, l);
                    live.erase(it);
                }
            }
            for (auto it = live.lowerBound(prefix); it != live.end() && it.key().startsWith(prefix);) {
                retire(it.key(), *it, WasteFinding::Reason::Deleted, l);
                it = live.erase(it);
            }
        }
        for (const LayerEntry &e : layers[l]->entries) {
            if (e.type != EntryType::File)
                continue;
            rep.totalBytes += e.size;
            if (auto it = live.find(e.path); it != live.end())
                retire(e.path, *it, WasteFinding::Reason::Overwritten, l);
            live.insert(e.path, Version{l, e.size});
        }
    }
    // Identical content kept under several paths in the final filesystem.
    const MergedTree merged = MergedTree::build(layers);
    QHash<QByteArray, QStringList> byContent;
    QHash<QByteArray, Version> first;
    for (auto it = merged.entries().begin(); it != merged.entries().end(); ++it) {
        const LayerEntry &e = merged.entry(it.value());
        if (e.type == EntryType::File)
            rep.keptBytes += e.size;
        if (e.type != EntryType::File || e.size <= 0 || e.contentHash.isEmpty())
            continue;
        QStringList &paths = byContent[e.contentHash];
        if (paths.isEmpty())
            first.insert(e.contentHash, Version{it.value().layer, e.size});
        paths << it.key();
    }
    for (auto it = byContent.begin(); it != byContent.end(); ++it) {
        if (it->size() < 2)
            continue;
        const Version v = first.value(it.key());
        for (qsizetype i = 1; i < it->size(); ++i) {
            QStringList others = *it;
            others.removeAt(i);
            const int layer = merged.entries().value(it->at(i)).layer;
            rep.findings << WasteFinding{it->at(i), WasteFinding::Reason::Duplicate, v.size, layer, -1, others};
            rep.wastedBytes += v.size;
        }
    }
    std::sort(rep.findings.begin(), rep.findings.end(), [](const WasteFinding &a, const WasteFinding &b) {
        return a.wastedBytes != b.wastedBytes ? a.wastedBytes > b.wastedBytes : a.path < b.path;
    });
    rep.score = rep.totalBytes > 0 ? 1.0 - double(rep.wastedBytes) / double(rep.totalBytes) : 1.0;
    return rep;
}

} // namespace strata
