// SPDX-License-Identifier: MIT
// yaml-cpp reports each node's Mark (0-based line and byte column of its first character: the opening quote of a
// quoted scalar). The scalar's text is then checked against the bytes there, so an edit only ever happens where the
// value is written literally; escapes, folded or multi-line scalars are reported as not editable instead.
#include "core/pin/yamlrefs.h"

#include <QRegularExpression>
#include <QSet>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace strata::pin {

namespace {

class Walker
{
public:
    explicit Walker(const QByteArray &text) : m_text(text)
    {
        m_lineStarts << 0;
        for (qsizetype i = 0; i < text.size(); ++i)
            if (text[i] == '\n')
                m_lineStarts << i + 1;
        // yaml-cpp's marks start after a byte order mark.
        m_bom = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    }

    YamlReferences result;

    void document(const YAML::Node &doc)
    {
        if (!doc.IsMap())
            return;
        QString kind;
        if (at(doc, "apiVersion") && at(doc, "kind")) {
            kind = kubernetes(doc, QString());
        } else if (at(doc, "jobs").IsMap() &&
                   (at(doc, "on") || at(doc, "runs-on") || anyJobHas(at(doc, "jobs"), "runs-on"))) {
            kind = u"GitHub Actions"_s;
            githubActions(at(doc, "jobs"));
        } else if (at(doc, "services").IsMap()) {
            kind = u"Compose"_s;
            compose(at(doc, "services"));
        } else if (at(doc, "image") || at(doc, "services") || at(doc, "stages") || at(doc, "default") ||
                   anyJobHas(doc, "script")) {
            kind = u"GitLab CI"_s;
            gitlab(doc);
        } else {
            m_unknown = true;
            return;
        }
        if (!result.kinds.contains(kind))
            result.kinds << kind;
    }
    bool unknownOnly() const { return m_unknown && result.kinds.isEmpty(); }

private:
    // n[key] of a const node is an invalid "zombie" when the key is missing, and asking its type throws: this
    // returns an undefined (false, not a map) node instead.
    static YAML::Node at(const YAML::Node &n, const char *key)
    {
        const YAML::Node missing(YAML::NodeType::Undefined);
        if (!n.IsMap())
            return missing;
        const YAML::Node v = n[key];
        return v ? v : missing;
    }
    static QString str(const YAML::Node &n) { return QString::fromStdString(n.as<std::string>()); }

    static bool anyJobHas(const YAML::Node &jobs, const char *key)
    {
        for (auto it = jobs.begin(); it != jobs.end(); ++it)
            if (at(it->second, key))
                return true;
        return false;
    }

    void scalar(const YAML::Node &n, const QString &where, qsizetype skip = 0)
    {
        FoundReference r;
        r.where = where;
        const YAML::Mark m = n.Mark();
        if (!n.IsScalar()) {
            r.text = QString();
            r.notEditable = u"not a string"_s;
            r.line = m.line + 1;
            r.column = m.column + 1;
            result.references << r;
            return;
        }
        const QByteArray value = QByteArray::fromStdString(n.Scalar());
        r.text = QString::fromUtf8(value.mid(skip));
        r.line = m.line + 1;
        r.column = m.column + 1;
        qsizetype at = m.line >= 0 && m.line < m_lineStarts.size() ? m_lineStarts[m.line] + m.column : -1;
        if (m.line == 0)
            at += m_bom;
        // A tag (!!str) or an anchor (&name: an alias's mark is its anchor's) before the value.
        while (at >= 0 && at < m_text.size() && (m_text[at] == '!' || m_text[at] == '&')) {
            while (at < m_text.size() && !isspace(static_cast<unsigned char>(m_text[at])))
                ++at;
            while (at < m_text.size() && (m_text[at] == ' ' || m_text[at] == '\t'))
                ++at;
        }
        char quote = 0;
        if (at >= 0 && at < m_text.size() && (m_text[at] == '\'' || m_text[at] == '"'))
            quote = m_text[at++];
        const bool literal = at >= 0 && m_text.mid(at, value.size()) == value && !value.contains('\n') &&
                             (!quote || m_text.mid(at + value.size(), 1) == QByteArray(1, quote));
        if (literal) {
            r.offset = at + skip;
            lineAndColumn(m_text, r.offset, &r.line, &r.column);
            if (m_seen.contains(r.offset))
                return; // an alias of a value already listed
            m_seen.insert(r.offset);
        } else {
            r.notEditable = u"written with escapes, folded or over several lines: edit it by hand"_s;
        }
        static const QRegularExpression var(u"\\$\\{?[A-Za-z_]"_s);
        if (var.match(r.text).hasMatch())
            r.leftAlone = u"built from a variable"_s;
        result.references << r;
    }

    void containers(const YAML::Node &spec, const QString &path)
    {
        if (!spec.IsMap())
            return;
        for (const char *key : {"initContainers", "containers", "ephemeralContainers"}) {
            const YAML::Node list = at(spec, key);
            if (!list.IsSequence())
                continue;
            for (std::size_t i = 0; i < list.size(); ++i)
                if (list[i].IsMap() && at(list[i], "image"))
                    scalar(at(list[i], "image"), u"%1.%2[%3].image"_s.arg(path, QLatin1StringView(key)).arg(i));
        }
    }

    QString kubernetes(const YAML::Node &doc, const QString &prefix)
    {
        const QString kind = at(doc, "kind").IsScalar() ? str(at(doc, "kind")) : u"?"_s;
        if (kind == u"List" && at(doc, "items").IsSequence()) {
            for (std::size_t i = 0; i < at(doc, "items").size(); ++i)
                if (at(doc, "items")[i].IsMap())
                    kubernetes(at(doc, "items")[i], prefix + u"items[%1]."_s.arg(i));
            return u"Kubernetes List"_s;
        }
        const YAML::Node spec = at(doc, "spec");
        const YAML::Node tmpl = at(doc, "template"); // PodTemplate
        if (tmpl.IsMap())
            containers(at(tmpl, "spec"), prefix + u"template.spec"_s);
        if (spec.IsMap()) {
            containers(spec, prefix + u"spec"_s);
            if (at(spec, "template").IsMap())
                containers(at(at(spec, "template"), "spec"), prefix + u"spec.template.spec"_s);
            const YAML::Node job = at(spec, "jobTemplate");
            if (job.IsMap() && at(job, "spec").IsMap() && at(at(job, "spec"), "template").IsMap())
                containers(at(at(at(job, "spec"), "template"), "spec"),
                           prefix + u"spec.jobTemplate.spec.template.spec"_s);
        }
        return u"Kubernetes "_s + kind;
    }

    void compose(const YAML::Node &services)
    {
        for (auto it = services.begin(); it != services.end(); ++it) {
            const YAML::Node svc = it->second;
            if (!svc.IsMap() || !at(svc, "image") || !it->first.IsScalar())
                continue;
            const QString where = u"services.%1.image"_s.arg(str(it->first));
            const qsizetype before = result.references.size();
            scalar(at(svc, "image"), where);
            if (at(svc, "build") && result.references.size() > before && result.references.last().leftAlone.isEmpty())
                result.references.last().leftAlone = u"the name this service's build: produces"_s;
        }
    }

    void githubActions(const YAML::Node &jobs)
    {
        for (auto it = jobs.begin(); it != jobs.end(); ++it) {
            const YAML::Node job = it->second;
            if (!job.IsMap() || !it->first.IsScalar())
                continue;
            const QString name = u"jobs."_s + str(it->first);
            const YAML::Node container = at(job, "container");
            if (container.IsScalar())
                scalar(container, name + u".container"_s);
            else if (container.IsMap() && at(container, "image"))
                scalar(at(container, "image"), name + u".container.image"_s);
            const YAML::Node services = at(job, "services");
            if (services.IsMap())
                for (auto s = services.begin(); s != services.end(); ++s)
                    if (s->second.IsMap() && at(s->second, "image") && s->first.IsScalar())
                        scalar(at(s->second, "image"), u"%1.services.%2.image"_s.arg(name, str(s->first)));
            const YAML::Node steps = at(job, "steps");
            if (steps.IsSequence())
                for (std::size_t i = 0; i < steps.size(); ++i) {
                    const YAML::Node uses = at(steps[i], "uses");
                    if (uses.IsScalar() && uses.Scalar().rfind("docker://", 0) == 0)
                        scalar(uses, u"%1.steps[%2].uses"_s.arg(name).arg(i), 9);
                }
        }
    }

    void gitlabImage(const YAML::Node &owner, const QString &prefix)
    {
        const YAML::Node image = at(owner, "image");
        if (image.IsScalar())
            scalar(image, prefix + u"image"_s);
        else if (image.IsMap() && at(image, "name"))
            scalar(at(image, "name"), prefix + u"image.name"_s);
        const YAML::Node services = at(owner, "services");
        if (services.IsSequence())
            for (std::size_t i = 0; i < services.size(); ++i) {
                if (services[i].IsScalar())
                    scalar(services[i], prefix + u"services[%1]"_s.arg(i));
                else if (services[i].IsMap() && at(services[i], "name"))
                    scalar(at(services[i], "name"), prefix + u"services[%1].name"_s.arg(i));
            }
    }

    void gitlab(const YAML::Node &doc)
    {
        gitlabImage(doc, QString());
        static const QSet<QString> notJobs{u"image"_s,     u"services"_s,      u"stages"_s,
                                           u"variables"_s, u"include"_s,       u"workflow"_s,
                                           u"cache"_s,     u"before_script"_s, u"after_script"_s};
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            if (!it->first.IsScalar() || !it->second.IsMap() || notJobs.contains(str(it->first)))
                continue;
            gitlabImage(it->second, str(it->first) + u'.');
        }
    }

    const QByteArray &m_text;
    QList<qsizetype> m_lineStarts;
    qsizetype m_bom = 0;
    QSet<qsizetype> m_seen;
    bool m_unknown = false;
};

} // namespace

Result<YamlReferences> findYamlReferences(const QByteArray &text)
{
    try {
        const std::vector<YAML::Node> docs = YAML::LoadAll(text.toStdString());
        Walker w(text);
        for (const YAML::Node &d : docs)
            w.document(d);
        if (w.unknownOnly())
            return makeError(ErrorCode::Unsupported,
                             u"not a Compose, Kubernetes, GitHub Actions or GitLab CI file (no services:, apiVersion: "
                             "and kind:, jobs: or image: at the top)"_s);
        return w.result;
    } catch (const YAML::Exception &e) {
        if (e.mark.is_null())
            return makeError(ErrorCode::Malformed, u"not valid YAML: %1"_s.arg(QString::fromStdString(e.msg)));
        return makeError(ErrorCode::Malformed, u"not valid YAML: %1"_s.arg(QString::fromStdString(e.msg)),
                         u"line %1, column %2"_s.arg(e.mark.line + 1).arg(e.mark.column + 1));
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Malformed, u"not valid YAML: %1"_s.arg(QString::fromLocal8Bit(e.what())));
    }
}

} // namespace strata::pin
