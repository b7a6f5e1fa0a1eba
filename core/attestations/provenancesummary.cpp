// SPDX-License-Identifier: MIT
// SLSA provenance v0.2 and v1, read into one summary.
#include "core/attestations/provenancesummary.h"
#include "core/attestations/attestationlimits.h"
#include "core/json/jsondocument.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr int MaxParameters = 100;
constexpr int MaxFieldChars = 4096;

QString text(const QJsonObject &o, QLatin1StringView key)
{
    return json::optString(o, key).left(MaxFieldChars);
}

QMap<QString, QString> digestSet(const QJsonObject &o)
{
    QMap<QString, QString> out;
    const QJsonObject d = o.value("digest"_L1).toObject();
    for (auto it = d.begin(); it != d.end() && out.size() < 16; ++it)
        out.insert(it.key().left(64), it.value().toString().left(256));
    return out;
}

// A git commit from a digest set: gitCommit (in-toto digest_set.md), else sha1 (what v0.2 producers wrote).
QString commitOf(const QMap<QString, QString> &digest)
{
    return digest.value(u"gitCommit"_s, digest.value(u"sha1"_s));
}

void flatten(QList<std::pair<QString, QString>> &out, const QJsonObject &o, const QString &prefix, int depth)
{
    for (auto it = o.begin(); it != o.end() && out.size() < MaxParameters; ++it) {
        const QString key = prefix.isEmpty() ? it.key().left(200) : prefix + u'.' + it.key().left(200);
        if (it.value().isString())
            out.append({key, it.value().toString().left(MaxFieldChars)});
        else if (it.value().isObject() && depth < 3)
            flatten(out, it.value().toObject(), key, depth + 1);
    }
}

void readMaterials(ProvenanceSummary &s, const QJsonValue &value, const QString &member)
{
    if (value.isUndefined() || value.isNull())
        return;
    if (!value.isArray()) {
        s.problems << u"\"%1\" is not an array"_s.arg(member);
        return;
    }
    const QJsonArray list = value.toArray();
    s.materialCount = list.size();
    for (qsizetype i = 0; i < list.size() && i < limits::MaxMaterials; ++i) {
        const QJsonObject m = list.at(i).toObject();
        s.materials << ProvenanceMaterial{text(m, "uri"_L1), text(m, "name"_L1), digestSet(m)};
    }
    if (s.materialCount > s.materials.size())
        s.problems << u"%1 %2: only the first %3 are read"_s.arg(s.materialCount).arg(member).arg(limits::MaxMaterials);
}

QDateTime timestamp(ProvenanceSummary &s, const QJsonObject &o, QLatin1StringView key)
{
    const QString t = json::optString(o, key);
    if (t.isEmpty())
        return {};
    const QDateTime d = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!d.isValid())
        s.problems << u"%1 \"%2\" is not an RFC 3339 time"_s.arg(key, t.left(60));
    return d;
}

// The material whose URI is the source's (v0.2 configSource.uri is often also the first material), else none.
QString commitFromMaterials(const ProvenanceSummary &s)
{
    for (const ProvenanceMaterial &m : s.materials)
        if (!s.sourceRepository.isEmpty() && m.uri == s.sourceRepository && !commitOf(m.digest).isEmpty())
            return commitOf(m.digest);
    return {};
}

void readV02(ProvenanceSummary &s, const QJsonObject &p)
{
    s.builderId = text(p.value("builder"_L1).toObject(), "id"_L1);
    s.buildType = text(p, "buildType"_L1);
    const QJsonObject invocation = p.value("invocation"_L1).toObject();
    const QJsonObject config = invocation.value("configSource"_L1).toObject();
    s.sourceRepository = text(config, "uri"_L1);
    s.sourceCommit = commitOf(digestSet(config));
    s.entryPoint = text(config, "entryPoint"_L1);
    flatten(s.parameters, invocation.value("parameters"_L1).toObject(), {}, 0);
    const QJsonObject metadata = p.value("metadata"_L1).toObject();
    s.invocationId = text(metadata, "buildInvocationId"_L1);
    s.startedOn = timestamp(s, metadata, "buildStartedOn"_L1);
    s.finishedOn = timestamp(s, metadata, "buildFinishedOn"_L1);
    readMaterials(s, p.value("materials"_L1), u"materials"_s);
    if (s.sourceCommit.isEmpty())
        s.sourceCommit = commitFromMaterials(s);
}

void readV1(ProvenanceSummary &s, const QJsonObject &p)
{
    const QJsonObject definition = p.value("buildDefinition"_L1).toObject();
    const QJsonObject run = p.value("runDetails"_L1).toObject();
    if (definition.isEmpty())
        s.problems << u"the provenance has no buildDefinition"_s;
    if (run.isEmpty())
        s.problems << u"the provenance has no runDetails"_s;
    s.buildType = text(definition, "buildType"_L1);
    s.builderId = text(run.value("builder"_L1).toObject(), "id"_L1);
    const QJsonObject metadata = run.value("metadata"_L1).toObject();
    s.invocationId = text(metadata, "invocationId"_L1);
    s.startedOn = timestamp(s, metadata, "startedOn"_L1);
    s.finishedOn = timestamp(s, metadata, "finishedOn"_L1);
    const QJsonObject external = definition.value("externalParameters"_L1).toObject();
    flatten(s.parameters, external, {}, 0);
    readMaterials(s, definition.value("resolvedDependencies"_L1), u"resolvedDependencies"_s);
    // The build type defines externalParameters; GitHub's (slsa-framework/github-actions-buildtypes workflow/v1)
    // is {workflow: {ref, repository, path}}; others name a source or a config file.
    const QJsonObject workflow = external.value("workflow"_L1).toObject();
    s.sourceRepository = text(workflow, "repository"_L1);
    if (s.sourceRepository.isEmpty())
        s.sourceRepository = text(external, "source"_L1);
    s.entryPoint = text(workflow, "path"_L1);
    for (QLatin1StringView key : {"entryPoint"_L1, "configPath"_L1, "buildConfigPath"_L1})
        if (s.entryPoint.isEmpty())
            s.entryPoint = text(external, key);
    // The source's commit: the dependency that is the repository (its URI starts with it, after "git+"), else
    // the first dependency that carries a git commit.
    const ProvenanceMaterial *source = nullptr;
    for (const ProvenanceMaterial &m : s.materials) {
        if (commitOf(m.digest).isEmpty())
            continue;
        const QString uri = m.uri.startsWith("git+"_L1) ? m.uri.mid(4) : m.uri;
        if (!s.sourceRepository.isEmpty() && uri.startsWith(s.sourceRepository)) {
            source = &m;
            break;
        }
        if (!source)
            source = &m;
    }
    if (source) {
        s.sourceCommit = commitOf(source->digest);
        if (s.sourceRepository.isEmpty())
            s.sourceRepository = source->uri;
    }
}

} // namespace

Result<ProvenanceSummary> summariseProvenance(const QString &predicateType, const QJsonObject &predicate,
                                              const QString &context)
{
    ProvenanceSummary s;
    if (predicateType == QLatin1StringView(SlsaProvenanceV02)) {
        s.slsaVersion = u"v0.2"_s;
        readV02(s, predicate);
    } else if (predicateType == QLatin1StringView(SlsaProvenanceV1)) {
        s.slsaVersion = u"v1"_s;
        readV1(s, predicate);
    } else {
        return makeError(ErrorCode::Unsupported,
                         u"\"%1\" is not SLSA provenance v0.2 or v1"_s.arg(predicateType.left(200)), context);
    }
    if (s.builderId.isEmpty())
        s.problems << u"the provenance names no builder"_s;
    if (s.buildType.isEmpty())
        s.problems << u"the provenance has no buildType"_s;
    return s;
}

} // namespace strata
