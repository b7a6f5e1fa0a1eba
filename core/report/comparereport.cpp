// SPDX-License-Identifier: MIT
// Comparison reports.
#include "core/report/comparereport.h"
#include "core/format/sizeformat.h"
#include "core/report/graphjson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata::report {

namespace {

const ImageInfo &leftImage(const CompareSides &s)
{
    return s.left->images[s.leftListing->imageIndex];
}

const ImageInfo &rightImage(const CompareSides &s)
{
    return s.right->images[s.rightListing->imageIndex];
}

QJsonValue layerDigest(const ImageGraph &g, const ImageInfo &img, int index)
{
    if (index < 0)
        return QJsonValue(QJsonValue::Null);
    const Digest d = g.nodes[img.layerNodes[index]].digest();
    return d.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.toString());
}

QString imageTitle(const ImageGraph &g, const ImageInfo &img)
{
    const QString name = img.name.isEmpty() ? g.sourcePath : img.name;
    return img.platform.isEmpty() ? name : name + u" ("_s + img.platform.toString() + u')';
}

QString human(qint64 b)
{
    return format::sizeText(b);
}

QString sizeChange(const ImageComparison &c)
{
    const qint64 d = c.rightSize - c.leftSize;
    return (d >= 0 ? u"+"_s : u"-"_s) + human(qAbs(d));
}

QString mdEscape(QString s)
{
    s.replace(u'|', u"\\|"_s);
    s.replace(u'\n', u' ');
    return s;
}

} // namespace

QString verdict(const ImageComparison &c)
{
    if (c.identical)
        return u"identical"_s;
    if (c.sameContent)
        return u"same content, different packaging"_s;
    return u"different"_s;
}

QJsonObject comparisonToJson(const CompareSides &s, const ImageComparison &c)
{
    const ImageInfo &li = leftImage(s), &ri = rightImage(s);
    QJsonArray layers;
    for (const LayerPair &p : c.layers) {
        QJsonObject o{{u"left"_s, layerDigest(*s.left, li, p.left)},
                      {u"right"_s, layerDigest(*s.right, ri, p.right)},
                      {u"status"_s, layerStatusName(p.status)}};
        if (p.left >= 0)
            o.insert(u"leftIndex"_s, p.left);
        if (p.right >= 0)
            o.insert(u"rightIndex"_s, p.right);
        if (p.recompressed)
            o.insert(u"recompressed"_s, true);
        layers << o;
    }
    QJsonArray config;
    for (const ConfigChange &ch : c.config)
        config << QJsonObject{{u"field"_s, ch.field},
                              {u"left"_s, ch.leftMissing ? QJsonValue(QJsonValue::Null) : QJsonValue(ch.left)},
                              {u"right"_s, ch.rightMissing ? QJsonValue(QJsonValue::Null) : QJsonValue(ch.right)}};
    QJsonArray files;
    for (const FileChange &f : c.files) {
        QJsonObject o{{u"path"_s, f.path}, {u"status"_s, fileStatusName(f.status)}};
        if (!f.details.isEmpty())
            o.insert(u"details"_s, QJsonArray::fromStringList(f.details));
        files << o;
    }
    const auto side = [](const ImageGraph &g, const ImageInfo &img) {
        QJsonObject o{{u"source"_s, g.sourceSpec.isEmpty() ? g.sourcePath : g.sourceSpec},
                      {u"name"_s, img.name},
                      {u"platform"_s, img.platform.toString()},
                      {u"configDigest"_s, configDigestOf(g, img).toString()}};
        const bool hasManifest = img.manifestNode >= 0 && g.nodes[img.manifestNode].descriptor;
        o.insert(u"manifestDigest"_s, hasManifest ? QJsonValue(g.nodes[img.manifestNode].descriptor->digest.toString())
                                                  : QJsonValue(QJsonValue::Null));
        return o;
    };
    return QJsonObject{{u"identical"_s, c.identical},
                       {u"sameContent"_s, c.sameContent},
                       {u"verdict"_s, verdict(c)},
                       {u"left"_s, side(*s.left, li)},
                       {u"right"_s, side(*s.right, ri)},
                       {u"summary"_s, QJsonObject{{u"shared"_s, c.count(LayerPair::Status::Shared)},
                                                  {u"changed"_s, c.count(LayerPair::Status::Changed)},
                                                  {u"added"_s, c.count(LayerPair::Status::Added)},
                                                  {u"removed"_s, c.count(LayerPair::Status::Removed)},
                                                  {u"leftSize"_s, c.leftSize},
                                                  {u"rightSize"_s, c.rightSize}}},
                       {u"layers"_s, layers},
                       {u"config"_s, config},
                       {u"files"_s, files}};
}

QString comparisonToMarkdown(const CompareSides &s, const ImageComparison &c)
{
    const ImageInfo &li = leftImage(s), &ri = rightImage(s);
    QString md;
    md += u"# Image comparison\n\n"_s;
    md += u"- **Left:** %1\n- **Right:** %2\n- **Verdict:** %3\n"_s.arg(mdEscape(imageTitle(*s.left, li)),
                                                                        mdEscape(imageTitle(*s.right, ri)), verdict(c));
    md += u"- **Layers:** %1 shared, %2 changed, %3 added, %4 removed\n- **Size:** %5 → %6 (%7)\n\n"_s
              .arg(c.count(LayerPair::Status::Shared))
              .arg(c.count(LayerPair::Status::Changed))
              .arg(c.count(LayerPair::Status::Added))
              .arg(c.count(LayerPair::Status::Removed))
              .arg(human(c.leftSize), human(c.rightSize), sizeChange(c));
    md += u"## Layers\n\n| status | left | right |\n|---|---|---|\n"_s;
    for (const LayerPair &p : c.layers)
        md += u"| %1 | %2 | %3 |\n"_s.arg(
            layerStatusName(p.status) + (p.recompressed ? u" (recompressed)"_s : QString()),
            layerDigest(*s.left, li, p.left).toString(), layerDigest(*s.right, ri, p.right).toString());
    md += u"\n## Config\n\n"_s;
    if (c.config.isEmpty())
        md += u"No differences.\n"_s;
    else
        md += u"| field | left | right |\n|---|---|---|\n"_s;
    for (const ConfigChange &ch : c.config)
        md += u"| %1 | %2 | %3 |\n"_s.arg(mdEscape(ch.field),
                                          ch.leftMissing ? u"*(absent)*"_s : u"`"_s + mdEscape(ch.left) + u'`',
                                          ch.rightMissing ? u"*(absent)*"_s : u"`"_s + mdEscape(ch.right) + u'`');
    md += u"\n## Files\n\n"_s;
    if (c.files.isEmpty())
        md += u"No differences.\n"_s;
    else
        md += u"| status | path | details |\n|---|---|---|\n"_s;
    for (const FileChange &f : c.files)
        md += u"| %1 | `%2` | %3 |\n"_s.arg(fileStatusName(f.status), mdEscape(f.path),
                                            mdEscape(f.details.join(u"; "_s)));
    return md;
}

QString comparisonToHtml(const CompareSides &s, const ImageComparison &c)
{
    const ImageInfo &li = leftImage(s), &ri = rightImage(s);
    const auto esc = [](const QString &t) { return t.toHtmlEscaped(); };
    QString h =
        u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Image comparison</title>\n"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;"
        "padding:.2em "
        ".5em;text-align:left}code{font-family:monospace}.added{background:#e6ffec}.removed{background:#ffebe9}"
        ".changed,.modified{background:#fff8c5}.metadata{background:#ddf4ff}</style></head><body>\n"_s;
    h +=
        u"<h1>Image comparison</h1>\n<ul><li><b>Left:</b> %1</li><li><b>Right:</b> %2</li><li><b>Verdict:</b> %3</li>"
        "<li><b>Layers:</b> %4 shared, %5 changed, %6 added, %7 removed</li><li><b>Size:</b> %8 → %9 (%10)</li></ul>\n"_s
            .arg(esc(imageTitle(*s.left, li)), esc(imageTitle(*s.right, ri)), verdict(c))
            .arg(c.count(LayerPair::Status::Shared))
            .arg(c.count(LayerPair::Status::Changed))
            .arg(c.count(LayerPair::Status::Added))
            .arg(c.count(LayerPair::Status::Removed))
            .arg(human(c.leftSize), human(c.rightSize), sizeChange(c));
    h += u"<h2>Layers</h2>\n<table><tr><th>status</th><th>left</th><th>right</th></tr>\n"_s;
    for (const LayerPair &p : c.layers)
        h += u"<tr class=\"%1\"><td>%1</td><td><code>%2</code></td><td><code>%3</code></td></tr>\n"_s.arg(
            layerStatusName(p.status), layerDigest(*s.left, li, p.left).toString(),
            layerDigest(*s.right, ri, p.right).toString());
    h += u"</table>\n<h2>Config</h2>\n<table><tr><th>field</th><th>left</th><th>right</th></tr>\n"_s;
    for (const ConfigChange &ch : c.config)
        h += u"<tr><td>%1</td><td><code>%2</code></td><td><code>%3</code></td></tr>\n"_s.arg(
            esc(ch.field), ch.leftMissing ? u"(absent)"_s : esc(ch.left),
            ch.rightMissing ? u"(absent)"_s : esc(ch.right));
    h += u"</table>\n<h2>Files</h2>\n<table><tr><th>status</th><th>path</th><th>details</th></tr>\n"_s;
    for (const FileChange &f : c.files)
        h += u"<tr class=\"%1\"><td>%1</td><td><code>%2</code></td><td>%3</td></tr>\n"_s.arg(
            fileStatusName(f.status), esc(f.path), esc(f.details.join(u"; "_s)));
    h += u"</table>\n</body></html>\n"_s;
    return h;
}

} // namespace strata::report
