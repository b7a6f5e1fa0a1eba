// SPDX-License-Identifier: MIT
// SPDX 2.x and CycloneDX 1.x JSON documents into one package table, bounded by limits::MaxPackages.
#include "core/attestations/sbomdocument.h"
#include "core/attestations/attestationlimits.h"
#include "core/attestations/intotostatement.h"
#include "core/json/jsondocument.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr int MaxFieldChars = 2048;
constexpr int MaxCreators = 100;

QString text(const QJsonObject &o, QLatin1StringView key)
{
    return json::optString(o, key).left(MaxFieldChars);
}

QDateTime timestamp(SbomDocument &d, const QString &t, QLatin1StringView what)
{
    if (t.isEmpty())
        return {};
    const QDateTime v = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!v.isValid())
        d.problems << u"%1 \"%2\" is not an ISO 8601 time"_s.arg(what, t.left(60));
    return v;
}

void tooMany(SbomDocument &d)
{
    d.truncated = true;
    d.problems << u"%1 packages: only the first %2 are listed"_s.arg(d.packageCount).arg(limits::MaxPackages);
}

// SPDX: "NOASSERTION" and "NONE" say that nothing is known.
QString spdxValue(const QString &v)
{
    return (v == "NOASSERTION"_L1 || v == "NONE"_L1) ? QString() : v;
}

void readSpdx(SbomDocument &d, const QJsonObject &o)
{
    d.format = SbomDocument::Format::Spdx;
    const QString version = text(o, "spdxVersion"_L1);
    d.specVersion = version.startsWith("SPDX-"_L1) ? version.mid(5) : version;
    if (!d.specVersion.startsWith("2."_L1))
        d.problems << u"spdxVersion \"%1\" is not SPDX 2.x"_s.arg(version.left(40));
    d.name = text(o, "name"_L1);
    const QJsonObject creation = o.value("creationInfo"_L1).toObject();
    d.created = timestamp(d, json::optString(creation, "created"_L1), "creationInfo.created"_L1);
    for (const QString &c : json::optStringList(creation, "creators"_L1))
        if (d.creators.size() < MaxCreators)
            d.creators << c.left(MaxFieldChars);
    const QJsonValue packages = o.value("packages"_L1);
    if (!packages.isArray()) {
        if (!packages.isUndefined())
            d.problems << u"\"packages\" is not an array"_s;
        return;
    }
    const QJsonArray list = packages.toArray();
    d.packageCount = list.size();
    d.packages.reserve(size_t(qMin<qsizetype>(list.size(), limits::MaxPackages)));
    for (qsizetype i = 0; i < list.size() && i < limits::MaxPackages; ++i) {
        const QJsonObject p = list.at(i).toObject();
        SbomPackage pkg;
        pkg.name = text(p, "name"_L1);
        pkg.version = text(p, "versionInfo"_L1);
        for (const QJsonValue &ref : p.value("externalRefs"_L1).toArray()) {
            const QJsonObject r = ref.toObject();
            if (r.value("referenceType"_L1).toString() == "purl"_L1) {
                pkg.purl = text(r, "referenceLocator"_L1);
                break;
            }
        }
        pkg.license = spdxValue(text(p, "licenseConcluded"_L1));
        if (pkg.license.isEmpty())
            pkg.license = spdxValue(text(p, "licenseDeclared"_L1));
        pkg.type = text(p, "primaryPackagePurpose"_L1).toLower();
        pkg.supplier = spdxValue(text(p, "supplier"_L1));
        d.packages.push_back(std::move(pkg));
    }
    if (list.size() > limits::MaxPackages)
        tooMany(d);
}

QString cdxLicenses(const QJsonArray &licenses)
{
    QStringList out;
    for (const QJsonValue &v : licenses) {
        const QJsonObject l = v.toObject();
        if (l.contains("expression"_L1)) {
            out << text(l, "expression"_L1);
            continue;
        }
        const QJsonObject license = l.value("license"_L1).toObject();
        const QString id = text(license, "id"_L1);
        out << (id.isEmpty() ? text(license, "name"_L1) : id);
        if (out.size() >= 20)
            break;
    }
    out.removeAll(QString());
    return out.join(", "_L1);
}

// Components nest (a component's components); listed depth first, in document order, without recursion.
void readCycloneDxComponents(SbomDocument &d, const QJsonArray &top)
{
    std::vector<std::pair<QJsonArray, qsizetype>> stack{{top, 0}};
    while (!stack.empty()) {
        auto &[array, next] = stack.back();
        if (next >= array.size()) {
            stack.pop_back();
            continue;
        }
        const QJsonObject c = array.at(next++).toObject();
        ++d.packageCount;
        if (d.packages.size() < size_t(limits::MaxPackages)) {
            SbomPackage pkg;
            pkg.name = text(c, "name"_L1);
            const QString group = text(c, "group"_L1);
            if (!group.isEmpty())
                pkg.name = group + u'/' + pkg.name;
            pkg.version = text(c, "version"_L1);
            pkg.purl = text(c, "purl"_L1);
            pkg.license = cdxLicenses(c.value("licenses"_L1).toArray());
            pkg.type = text(c, "type"_L1);
            pkg.supplier = text(c.value("supplier"_L1).toObject(), "name"_L1);
            if (pkg.supplier.isEmpty())
                pkg.supplier = text(c, "publisher"_L1);
            d.packages.push_back(std::move(pkg));
        }
        const QJsonValue children = c.value("components"_L1);
        if (children.isArray() && !children.toArray().isEmpty())
            stack.emplace_back(children.toArray(), 0); // invalidates array/next: not used again this turn
    }
    if (d.packageCount > limits::MaxPackages)
        tooMany(d);
}

void readCycloneDx(SbomDocument &d, const QJsonObject &o)
{
    d.format = SbomDocument::Format::CycloneDx;
    d.specVersion = text(o, "specVersion"_L1);
    if (!d.specVersion.startsWith("1."_L1))
        d.problems << u"specVersion \"%1\" is not CycloneDX 1.x"_s.arg(d.specVersion.left(40));
    const QJsonValue version = o.value("version"_L1);
    if (version.isDouble())
        d.documentVersion = QString::number(version.toInteger());
    const QJsonObject metadata = o.value("metadata"_L1).toObject();
    d.created = timestamp(d, json::optString(metadata, "timestamp"_L1), "metadata.timestamp"_L1);
    const QJsonObject component = metadata.value("component"_L1).toObject();
    d.name = text(component, "name"_L1);
    if (const QString v = text(component, "version"_L1); !v.isEmpty() && !d.name.isEmpty())
        d.name += u'@' + v;
    // Tools: an array of {vendor, name, version} up to 1.4; {components: […], services: […]} since 1.5.
    const QJsonValue tools = metadata.value("tools"_L1);
    QJsonArray toolList = tools.toArray();
    if (tools.isObject())
        toolList = tools.toObject().value("components"_L1).toArray();
    for (const QJsonValue &t : toolList) {
        if (d.creators.size() >= MaxCreators)
            break;
        const QJsonObject tool = t.toObject();
        QStringList parts;
        for (QLatin1StringView key : {"vendor"_L1, "group"_L1, "name"_L1, "version"_L1})
            if (const QString v = text(tool, key); !v.isEmpty())
                parts << v;
        if (!parts.isEmpty())
            d.creators << u"Tool: "_s + parts.join(u' ');
    }
    const QJsonValue components = o.value("components"_L1);
    if (components.isArray())
        readCycloneDxComponents(d, components.toArray());
    else if (!components.isUndefined())
        d.problems << u"\"components\" is not an array"_s;
}

} // namespace

QString SbomDocument::kindName() const
{
    const QString spec = format == Format::Spdx ? u"SPDX"_s : u"CycloneDX"_s;
    return specVersion.isEmpty() ? spec + u" SBOM"_s : u"%1 %2 SBOM"_s.arg(spec, specVersion.left(20));
}

QString SbomDocument::mediaType() const
{
    return format == Format::Spdx ? u"application/spdx+json"_s : u"application/vnd.cyclonedx+json"_s;
}

Result<SbomDocument> sbomFromJson(const QJsonObject &document, const QByteArray &raw, const QString &context)
{
    SbomDocument d;
    if (document.contains("spdxVersion"_L1))
        readSpdx(d, document);
    else if (document.value("bomFormat"_L1).toString() == "CycloneDX"_L1)
        readCycloneDx(d, document);
    else
        return makeError(ErrorCode::Unsupported,
                         u"neither an SPDX document (spdxVersion) nor a CycloneDX BOM (bomFormat)"_s, context);
    d.raw = raw;
    return d;
}

Result<SbomDocument> parseSbom(const QByteArray &json, const QString &context)
{
    if (json.size() > limits::SbomBytes)
        return makeError(ErrorCode::TooLarge,
                         u"the SBOM is %1 bytes, over the %2-byte limit"_s.arg(json.size()).arg(limits::SbomBytes),
                         context);
    Result<QJsonObject> o = json::parseObject(json, limits::SbomBytes, context);
    if (!o)
        return o.error();
    return sbomFromJson(o.value(), json, context);
}

Result<SbomDocument> sbomFromStatement(const InTotoStatement &statement, const QString &context)
{
    const QString &t = statement.predicateType;
    const auto is = [&t](const char *base) {
        const QLatin1StringView b(base);
        return t == b || (t.startsWith(b) && t.at(b.size()) == u'/');
    };
    if (!is(SpdxPredicateType) && !is(CycloneDxPredicateType))
        return makeError(ErrorCode::Unsupported, u"the predicate \"%1\" is not an SBOM"_s.arg(t.left(200)), context);
    Result<SbomDocument> d =
        sbomFromJson(statement.predicate, QJsonDocument(statement.predicate).toJson(QJsonDocument::Indented), context);
    if (d && is(SpdxPredicateType) != (d->format == SbomDocument::Format::Spdx))
        d->problems << u"the predicate type says %1, but the document is %2"_s.arg(t.left(200), d->kindName());
    return d;
}

} // namespace strata
