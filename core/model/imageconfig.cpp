// SPDX-License-Identifier: MIT
// Image config parsing.
#include "core/model/imageconfig.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"

#include <QJsonArray>
#include <QRegularExpression>

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

Result<ImageConfig> ImageConfig::fromBytes(const QByteArray &raw, const QString &context)
{
    Result<QJsonObject> o = json::parseObject(raw, limits::ConfigBytes, context);
    if (!o)
        return o.error();
    return fromJson(o.value(), context);
}

QStringList ImageConfig::effectiveCommand() const
{
    return entrypoint + cmd;
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

QList<int> ImageConfig::layerToHistory() const
{
    QList<int> out(diffIds.size(), -1);
    const QList<int> map = historyToLayer();
    for (qsizetype i = 0; i < map.size(); ++i) {
        if (map[i] >= 0)
            out[map[i]] = static_cast<int>(i);
    }
    return out;
}

QString shellJoin(const QStringList &argv)
{
    static const QRegularExpression safe(u"^[A-Za-z0-9_@%+=:,./-]+$"_s);
    QStringList words;
    words.reserve(argv.size());
    for (const QString &a : argv) {
        if (a.isEmpty())
            words << u"''"_s;
        else if (safe.match(a).hasMatch())
            words << a;
        else
            words << u'\'' + QString(a).replace(u"'"_s, u"'\\''"_s) + u'\'';
    }
    return words.join(u' ');
}

QString dockerfileLine(const QString &createdBy)
{
    static const QLatin1StringView shell("/bin/sh -c ");
    static const QLatin1StringView nop("#(nop) ");
    static const QLatin1StringView buildkit(" # buildkit");
    // "|2 A=1 B=2 /bin/sh -c make": the classic builder's record of the build arguments a RUN saw.
    static const QRegularExpression buildArgs(u"^\\|\\d+ .*?(?=/bin/sh -c )"_s);
    QString s = createdBy.trimmed();
    if (s.endsWith(buildkit))
        s.chop(buildkit.size());
    bool run = false;
    if (s.startsWith(u"RUN "_s)) { // BuildKit: "RUN /bin/sh -c apk add curl # buildkit"
        s = s.mid(4);
        run = true;
    }
    if (const QRegularExpressionMatch m = buildArgs.match(s); m.hasMatch())
        s = s.mid(m.capturedLength());
    if (s.startsWith(shell)) {
        s = s.mid(shell.size()).trimmed();
        if (s.startsWith(nop))
            return s.mid(nop.size()).trimmed();
        return u"RUN "_s + s;
    }
    return run ? u"RUN "_s + s.trimmed() : s.trimmed();
}

} // namespace strata
