// SPDX-License-Identifier: MIT
// Image config parsing.
#include "core/model/imageconfig.h"
#include "core/json/jsondocument.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata {

Result<ImageConfig> ImageConfig::fromJson(const QJsonObject &o, const QString &context)
{
    ImageConfig c;
    c.architecture = json::optString(o, "architecture"_L1);
    c.os = json::optString(o, "os"_L1);
    c.variant = json::optString(o, "variant"_L1);
    c.created = json::optString(o, "created"_L1);
    c.author = json::optString(o, "author"_L1);
    const QJsonObject rc = o.value("config"_L1).toObject();
    c.user = json::optString(rc, "User"_L1);
    c.exposedPorts = rc.value("ExposedPorts"_L1).toObject().keys();
    c.env = json::optStringList(rc, "Env"_L1);
    c.entrypoint = json::optStringList(rc, "Entrypoint"_L1);
    c.cmd = json::optStringList(rc, "Cmd"_L1);
    c.volumes = rc.value("Volumes"_L1).toObject().keys();
    c.workingDir = json::optString(rc, "WorkingDir"_L1);
    c.labels = json::optStringMap(rc, "Labels"_L1);
    c.stopSignal = json::optString(rc, "StopSignal"_L1);

    const QJsonObject rootfs = o.value("rootfs"_L1).toObject();
    c.rootfsType = json::optString(rootfs, "type"_L1);
    if (!rootfs.isEmpty() && c.rootfsType != u"layers")
        return makeError(ErrorCode::Malformed,
                         u"rootfs.type must be \"layers\", not \"%1\""_s.arg(c.rootfsType.left(40)), context);
    const QJsonArray ids = rootfs.value("diff_ids"_L1).toArray();
    for (qsizetype i = 0; i < ids.size(); ++i) {
        Result<Digest> d = Digest::parse(ids[i].toString());
        if (!d)
            return makeError(ErrorCode::Malformed,
                             u"rootfs.diff_ids[%1] is not a valid digest: %2"_s.arg(i).arg(d.error().message), context);
        c.diffIds << d.value();
    }
    for (const QJsonValue &hv : o.value("history"_L1).toArray()) {
        const QJsonObject h = hv.toObject();
        c.history << HistoryEntry{json::optString(h, "created"_L1), json::optString(h, "created_by"_L1),
                                  json::optString(h, "author"_L1), json::optString(h, "comment"_L1),
                                  h.value("empty_layer"_L1).toBool()};
    }
    return c;
}

QList<int> ImageConfig::historyToLayer() const
{
    QList<int> map;
    int next = 0;
    for (const HistoryEntry &h : history)
        map << (h.emptyLayer ? -1 : next++);
    if (next != diffIds.size())
        return {};
    return map;
}

QStringList ImageConfig::layerCommands() const
{
    QStringList out(diffIds.size());
    const QList<int> map = historyToLayer();
    for (qsizetype i = 0; i < map.size(); ++i) {
        if (map[i] >= 0)
            out[map[i]] = history[i].createdBy;
    }
    return out;
}

} // namespace strata
