// SPDX-License-Identifier: MIT
// containers/image signature/policy_config.go, policy_config_sigstore.go and internal/json.go
// (ParanoidUnmarshalJSONObject: unknown and duplicate members are errors; ExactFields: every member required).
#include "core/trust/policy.h"

#include "core/digest.h"
#include "core/json/jsondocument.h"
#include "core/trust/dockerreference.h"
#include "core/trust/policylimits.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

#include <initializer_list>

using namespace Qt::StringLiterals;

namespace strata::trust {

namespace {

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return u"a boolean"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Array: return u"an array"_s;
    case QJsonValue::Object: return u"an object"_s;
    case QJsonValue::Undefined: break;
    }
    return u"nothing"_s;
}

QString quoted(const QString &s)
{
    return u"\""_s + s.left(200) + u"\""_s;
}

class Parser
{
public:
    explicit Parser(const QString &context) : m_context(context) {}

    Result<Policy> run(const QByteArray &raw);

private:
    Error fail(const QString &where, const QString &why, ErrorCode code = ErrorCode::Malformed) const
    {
        return makeError(code, where.isEmpty() ? why : where + u": "_s + why, m_context);
    }
    Status members(const QJsonObject &o, std::initializer_list<const char *> allowed, const QString &where,
                   bool exact = false) const;
    Result<QString> string(const QJsonValue &v, const QString &where) const;
    Result<QStringList> strings(const QJsonValue &v, const QString &where) const;
    Result<QByteArray> bytes(const QJsonValue &v, const QString &where) const;
    Result<QList<QByteArray>> byteLists(const QJsonValue &v, const QString &where) const;
    Result<QJsonObject> object(const QJsonValue &v, const QString &where) const;

    Result<PolicyRequirements> requirements(const QJsonValue &v, const QString &where) const;
    Result<PolicyRequirement> requirement(const QJsonValue &v, const QString &where) const;
    Result<PolicyRequirement> signedBy(const QJsonObject &o, const QString &where) const;
    Result<PolicyRequirement> sigstoreSigned(const QJsonObject &o, const QString &where) const;
    Result<FulcioRequirement> fulcio(const QJsonValue &v, const QString &where) const;
    Result<PkiRequirement> pki(const QJsonValue &v, const QString &where) const;
    Result<SignedIdentity> identity(const QJsonValue &v, const QString &where) const;

    QString m_context;
};

Status Parser::members(const QJsonObject &o, std::initializer_list<const char *> allowed, const QString &where,
                       bool exact) const
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char *a : allowed)
            known = known || it.key() == QLatin1StringView(a);
        if (!known)
            return fail(where, u"unknown member %1 (expected one of: %2)"_s.arg(quoted(it.key()), [&] {
                QStringList names;
                for (const char *a : allowed)
                    names << QString::fromLatin1(a);
                return names.join(u", "_s);
            }()));
    }
    if (exact)
        for (const char *a : allowed)
            if (!o.contains(QLatin1StringView(a)))
                return fail(where, u"member \"%1\" missing"_s.arg(QLatin1StringView(a)));
    return Ok{};
}

// Go's json.Unmarshal leaves a string unchanged on null: null (and an absent member) reads as "".
Result<QString> Parser::string(const QJsonValue &v, const QString &where) const
{
    if (v.isNull() || v.isUndefined())
        return QString();
    if (!v.isString())
        return fail(where, u"expected a string, found %1"_s.arg(jsonTypeName(v)));
    return v.toString();
}

Result<QStringList> Parser::strings(const QJsonValue &v, const QString &where) const
{
    if (!v.isArray())
        return fail(where, u"expected an array of strings, found %1"_s.arg(jsonTypeName(v)));
    const QJsonArray a = v.toArray();
    if (a.size() > limits::MaxPolicyKeyPaths)
        return fail(where, u"%1 entries, more than the %2 accepted"_s.arg(a.size()).arg(limits::MaxPolicyKeyPaths),
                    ErrorCode::TooLarge);
    QStringList out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString())
            return fail(where + u"[%1]"_s.arg(i), u"expected a string, found %1"_s.arg(jsonTypeName(a.at(i))));
        out << a.at(i).toString();
    }
    return out;
}

// []byte members are standard base64 (encoding/json).
Result<QByteArray> Parser::bytes(const QJsonValue &v, const QString &where) const
{
    if (!v.isString())
        return fail(where, u"expected a base64 string, found %1"_s.arg(jsonTypeName(v)));
    const auto decoded =
        QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(where, u"not valid base64"_s);
    return decoded.decoded;
}

Result<QList<QByteArray>> Parser::byteLists(const QJsonValue &v, const QString &where) const
{
    if (!v.isArray())
        return fail(where, u"expected an array of base64 strings, found %1"_s.arg(jsonTypeName(v)));
    const QJsonArray a = v.toArray();
    if (a.size() > limits::MaxPolicyKeyPaths)
        return fail(where, u"%1 entries, more than the %2 accepted"_s.arg(a.size()).arg(limits::MaxPolicyKeyPaths),
                    ErrorCode::TooLarge);
    QList<QByteArray> out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        Result<QByteArray> b = bytes(a.at(i), where + u"[%1]"_s.arg(i));
        if (!b)
            return b.error();
        out << b.value();
    }
    return out;
}

Result<QJsonObject> Parser::object(const QJsonValue &v, const QString &where) const
{
    if (!v.isObject())
        return fail(where, u"expected an object, found %1"_s.arg(jsonTypeName(v)));
    return v.toObject();
}

Result<Policy> Parser::run(const QByteArray &raw)
{
    Result<QJsonObject> root = json::parseObject(raw, limits::PolicyBytes, m_context);
    if (!root)
        return root.error();
    if (Status s = members(*root, {"default", "transports"}, {}); !s)
        return s.error();
    if (!root->contains(u"default"_s))
        return fail({}, u"Default policy is missing (no \"default\" member)"_s);

    Policy policy;
    Result<PolicyRequirements> def = requirements(root->value(u"default"_s), u"default"_s);
    if (!def)
        return def.error();
    policy.defaultRequirements = def.value();

    if (!root->contains(u"transports"_s))
        return policy;
    Result<QJsonObject> transports = object(root->value(u"transports"_s), u"transports"_s);
    if (!transports)
        return transports.error();
    // Count first, so that a hostile policy is refused before any scope is parsed.
    qint64 scopes = 0;
    for (auto it = transports->begin(); it != transports->end(); ++it)
        scopes += it.value().isObject() ? it.value().toObject().size() : 0;
    if (scopes > limits::MaxPolicyScopes)
        return fail(u"transports"_s, u"%1 scopes, more than the %2 accepted"_s.arg(scopes).arg(limits::MaxPolicyScopes),
                    ErrorCode::TooLarge);

    for (auto it = transports->begin(); it != transports->end(); ++it) {
        const QString transport = it.key();
        const QString where = u"transports."_s + transport;
        Result<QJsonObject> scopesObject = object(it.value(), where);
        if (!scopesObject)
            return scopesObject.error();
        QMap<QString, PolicyRequirements> &out = policy.transports[transport];
        for (auto s = scopesObject->begin(); s != scopesObject->end(); ++s) {
            const QString scopeWhere = where + u"."_s + quoted(s.key());
            if (!s.key().isEmpty()) {
                if (const QString problem = policyScopeProblem(transport, s.key()); !problem.isEmpty())
                    return fail(scopeWhere, problem);
            }
            Result<PolicyRequirements> reqs = requirements(s.value(), scopeWhere);
            if (!reqs)
                return reqs.error();
            out.insert(s.key(), reqs.value());
        }
    }
    return policy;
}

Result<PolicyRequirements> Parser::requirements(const QJsonValue &v, const QString &where) const
{
    if (!v.isArray())
        return fail(where, u"expected an array of requirements, found %1"_s.arg(jsonTypeName(v)));
    const QJsonArray a = v.toArray();
    if (a.isEmpty())
        return fail(where, u"List of verification policy requirements must not be empty"_s);
    if (a.size() > limits::MaxPolicyRequirements)
        return fail(where,
                    u"%1 requirements, more than the %2 accepted"_s.arg(a.size()).arg(limits::MaxPolicyRequirements),
                    ErrorCode::TooLarge);
    PolicyRequirements out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        Result<PolicyRequirement> r = requirement(a.at(i), where + u"[%1]"_s.arg(i));
        if (!r)
            return r.error();
        out << r.value();
    }
    return out;
}

Result<PolicyRequirement> Parser::requirement(const QJsonValue &v, const QString &where) const
{
    Result<QJsonObject> o = object(v, where);
    if (!o)
        return o.error();
    Result<QString> type = string(o->value(u"type"_s), where + u".type"_s);
    if (!type)
        return type.error();
    PolicyRequirement r;
    if (*type == u"insecureAcceptAnything"_s || *type == u"reject"_s) {
        if (Status s = members(*o, {"type"}, where, true); !s)
            return s.error();
        r.type =
            *type == u"reject"_s ? PolicyRequirement::Type::Reject : PolicyRequirement::Type::InsecureAcceptAnything;
        return r;
    }
    if (*type == u"signedBy"_s)
        return signedBy(*o, where);
    if (*type == u"sigstoreSigned"_s)
        return sigstoreSigned(*o, where);
    if (*type == u"signedBaseLayer"_s) {
        if (Status s = members(*o, {"type", "baseLayerIdentity"}, where, true); !s)
            return s.error();
        Result<SignedIdentity> id = identity(o->value(u"baseLayerIdentity"_s), where + u".baseLayerIdentity"_s);
        if (!id)
            return id.error();
        r.type = PolicyRequirement::Type::SignedBaseLayer;
        r.baseLayerIdentity = id.value();
        return r;
    }
    return fail(where, u"Unknown policy requirement type %1"_s.arg(quoted(*type)));
}

Result<PolicyRequirement> Parser::signedBy(const QJsonObject &o, const QString &where) const
{
    if (Status s = members(o, {"type", "keyType", "keyPath", "keyPaths", "keyData", "signedIdentity"}, where); !s)
        return s.error();
    PolicyRequirement r;
    r.type = PolicyRequirement::Type::SignedBy;
    SignedByRequirement &sb = r.signedBy;
    Result<QString> keyType = string(o.value(u"keyType"_s), where + u".keyType"_s);
    if (!keyType)
        return keyType.error();
    static const QStringList KeyTypes{u"GPGKeys"_s, u"signedByGPGKeys"_s, u"X509Certificates"_s, u"signedByX509CAs"_s};
    if (!KeyTypes.contains(*keyType))
        return fail(where + u".keyType"_s, u"Unrecognized keyType value %1 (expected one of %2)"_s.arg(
                                               quoted(*keyType), KeyTypes.join(u", "_s)));
    sb.keyType = *keyType;

    if (o.contains(u"signedIdentity"_s)) {
        Result<SignedIdentity> id = identity(o.value(u"signedIdentity"_s), where + u".signedIdentity"_s);
        if (!id)
            return id.error();
        sb.signedIdentity = id.value();
    }

    // The JSON may name one key source (keyPath, keyPaths, keyData); newPRSignedBy then counts keyPath != "",
    // keyPaths != nil, keyData != nil.
    const int present = int(o.contains(u"keyPath"_s)) + int(o.contains(u"keyPaths"_s)) + int(o.contains(u"keyData"_s));
    if (present != 1)
        return fail(where, u"Exactly one of keyPath, keyPaths and keyData must be specified, %1"_s.arg(
                               present == 0 ? u"none of them present"_s : u"more than one present"_s));
    int sources = 0;
    if (o.contains(u"keyPath"_s)) {
        Result<QString> p = string(o.value(u"keyPath"_s), where + u".keyPath"_s);
        if (!p)
            return p.error();
        if (!p->isEmpty()) {
            sb.keyPaths = {p.value()};
            ++sources;
        }
    }
    if (o.contains(u"keyPaths"_s) && !o.value(u"keyPaths"_s).isNull()) {
        Result<QStringList> p = strings(o.value(u"keyPaths"_s), where + u".keyPaths"_s);
        if (!p)
            return p.error();
        sb.keyPaths = p.value();
        ++sources;
    }
    if (o.contains(u"keyData"_s) && !o.value(u"keyData"_s).isNull()) {
        Result<QByteArray> d = bytes(o.value(u"keyData"_s), where + u".keyData"_s);
        if (!d)
            return d.error();
        sb.keyData = d.value();
        sb.hasKeyData = true;
        ++sources;
    }
    if (sources != 1)
        return fail(where, u"exactly one of keyPath, keyPaths and keyData must be specified (an empty or null one "
                           u"does not count)"_s);
    return r;
}

Result<PolicyRequirement> Parser::sigstoreSigned(const QJsonObject &o, const QString &where) const
{
    if (Status s = members(o,
                           {"type", "keyPath", "keyPaths", "keyData", "keyDatas", "fulcio", "pki", "rekorPublicKeyPath",
                            "rekorPublicKeyPaths", "rekorPublicKeyData", "rekorPublicKeyDatas", "signedIdentity"},
                           where);
        !s)
        return s.error();
    PolicyRequirement r;
    r.type = PolicyRequirement::Type::SigstoreSigned;
    SigstoreRequirement &ss = r.sigstore;
    if (o.contains(u"signedIdentity"_s)) {
        Result<SignedIdentity> id = identity(o.value(u"signedIdentity"_s), where + u".signedIdentity"_s);
        if (!id)
            return id.error();
        ss.signedIdentity = id.value();
    }

    // One reader per pair of members (X, Xs): a single path/data, or a non-empty list of them.
    int keySources = 0;
    int rekorSources = 0;
    auto pathPair = [&](const QString &one, const QString &many, QStringList &out, int &count) -> Status {
        if (o.contains(one)) {
            Result<QString> p = string(o.value(one), where + u"."_s + one);
            if (!p)
                return p.error();
            if (!p->isEmpty()) {
                out = {p.value()};
                ++count;
            }
        }
        if (o.contains(many)) {
            Result<QStringList> p =
                o.value(many).isNull() ? QStringList() : strings(o.value(many), where + u"."_s + many);
            if (!p)
                return p.error();
            if (p->isEmpty())
                return fail(where + u"."_s + many, u"\"%1\" contains no entries"_s.arg(many));
            out = p.value();
            ++count;
        }
        return Ok{};
    };
    auto dataPair = [&](const QString &one, const QString &many, QList<QByteArray> &out, int &count) -> Status {
        if (o.contains(one) && !o.value(one).isNull()) {
            Result<QByteArray> d = bytes(o.value(one), where + u"."_s + one);
            if (!d)
                return d.error();
            out = {d.value()};
            ++count;
        }
        if (o.contains(many)) {
            Result<QList<QByteArray>> d =
                o.value(many).isNull() ? QList<QByteArray>() : byteLists(o.value(many), where + u"."_s + many);
            if (!d)
                return d.error();
            if (d->isEmpty())
                return fail(where + u"."_s + many, u"\"%1\" contains no entries"_s.arg(many));
            out = d.value();
            ++count;
        }
        return Ok{};
    };
    if (Status s = pathPair(u"keyPath"_s, u"keyPaths"_s, ss.keyPaths, keySources); !s)
        return s.error();
    if (Status s = dataPair(u"keyData"_s, u"keyDatas"_s, ss.keyDatas, keySources); !s)
        return s.error();
    if (o.contains(u"fulcio"_s)) {
        Result<FulcioRequirement> f = fulcio(o.value(u"fulcio"_s), where + u".fulcio"_s);
        if (!f)
            return f.error();
        ss.fulcio = f.value();
        ++keySources;
    }
    if (o.contains(u"pki"_s)) {
        Result<PkiRequirement> p = pki(o.value(u"pki"_s), where + u".pki"_s);
        if (!p)
            return p.error();
        ss.pki = p.value();
        ++keySources;
    }
    if (Status s = pathPair(u"rekorPublicKeyPath"_s, u"rekorPublicKeyPaths"_s, ss.rekorPublicKeyPaths, rekorSources);
        !s)
        return s.error();
    if (Status s = dataPair(u"rekorPublicKeyData"_s, u"rekorPublicKeyDatas"_s, ss.rekorPublicKeyDatas, rekorSources);
        !s)
        return s.error();

    // The key-source pairs may both be present in JSON (keyPath and keyPaths): each counts.
    if (keySources != 1)
        return fail(where, u"exactly one of keyPath, keyPaths, keyData, keyDatas, fulcio, and pki must be specified, "
                           u"%1 present"_s.arg(keySources));
    if (rekorSources > 1)
        return fail(where, u"at most one of rekorPublicKeyPath, rekorPublicKeyPaths, rekorPublicKeyData and "
                           u"rekorPublicKeyDatas can be used simultaneously"_s);
    if (ss.fulcio && rekorSources == 0)
        return fail(where, u"At least one of rekorPublicKeyPath, rekorPublicKeyPaths, rekorPublicKeyData and "
                           u"rekorPublicKeyDatas must be specified if fulcio is used"_s);
    return r;
}

Result<FulcioRequirement> Parser::fulcio(const QJsonValue &v, const QString &where) const
{
    Result<QJsonObject> o = object(v, where);
    if (!o)
        return o.error();
    if (Status s = members(*o, {"caPath", "caData", "oidcIssuer", "subjectEmail"}, where); !s)
        return s.error();
    FulcioRequirement f;
    bool hasCaData = false;
    for (const auto &[key, out] : {std::pair{u"caPath"_s, &f.caPath}, std::pair{u"oidcIssuer"_s, &f.oidcIssuer},
                                   std::pair{u"subjectEmail"_s, &f.subjectEmail}}) {
        Result<QString> s = string(o->value(key), where + u"."_s + key);
        if (!s)
            return s.error();
        *out = s.value();
    }
    if (o->contains(u"caData"_s) && !o->value(u"caData"_s).isNull()) {
        Result<QByteArray> d = bytes(o->value(u"caData"_s), where + u".caData"_s);
        if (!d)
            return d.error();
        f.caData = d.value();
        hasCaData = true;
    }
    if (!f.caPath.isEmpty() && hasCaData)
        return fail(where, u"caPath and caData cannot be used simultaneously"_s);
    if (f.caPath.isEmpty() && !hasCaData)
        return fail(where, u"At least one of caPath and caData must be specified"_s);
    if (f.oidcIssuer.isEmpty())
        return fail(where, u"oidcIssuer not specified"_s);
    if (f.subjectEmail.isEmpty())
        return fail(where, u"subjectEmail not specified"_s);
    return f;
}

Result<PkiRequirement> Parser::pki(const QJsonValue &v, const QString &where) const
{
    Result<QJsonObject> o = object(v, where);
    if (!o)
        return o.error();
    if (Status s = members(*o,
                           {"caRootsPath", "caRootsData", "caIntermediatesPath", "caIntermediatesData", "subjectEmail",
                            "subjectHostname"},
                           where);
        !s)
        return s.error();
    PkiRequirement p;
    for (const auto &[key, out] :
         {std::pair{u"caRootsPath"_s, &p.caRootsPath}, std::pair{u"caIntermediatesPath"_s, &p.caIntermediatesPath},
          std::pair{u"subjectEmail"_s, &p.subjectEmail}, std::pair{u"subjectHostname"_s, &p.subjectHostname}}) {
        Result<QString> s = string(o->value(key), where + u"."_s + key);
        if (!s)
            return s.error();
        *out = s.value();
    }
    bool hasRoots = false;
    bool hasIntermediates = false;
    for (const auto &[key, out, flag] :
         {std::tuple{u"caRootsData"_s, &p.caRootsData, &hasRoots},
          std::tuple{u"caIntermediatesData"_s, &p.caIntermediatesData, &hasIntermediates}}) {
        if (o->contains(key) && !o->value(key).isNull()) {
            Result<QByteArray> d = bytes(o->value(key), where + u"."_s + key);
            if (!d)
                return d.error();
            *out = d.value();
            *flag = true;
        }
    }
    if (!p.caRootsPath.isEmpty() && hasRoots)
        return fail(where, u"caRootsPath and caRootsData cannot be used simultaneously"_s);
    if (p.caRootsPath.isEmpty() && !hasRoots)
        return fail(where, u"At least one of caRootsPath and caRootsData must be specified"_s);
    if (!p.caIntermediatesPath.isEmpty() && hasIntermediates)
        return fail(where, u"caIntermediatesPath and caIntermediatesData cannot be used simultaneously"_s);
    if (p.subjectEmail.isEmpty() && p.subjectHostname.isEmpty())
        return fail(where, u"At least one of subjectEmail, subjectHostname must be specified"_s);
    return p;
}

// validateIdentityRemappingPrefix: a bare domain, or a name that starts with a domain.
bool validRemapPrefix(const QString &s)
{
    if (DockerReference::isValidDomain(s))
        return true;
    const qsizetype slash = s.indexOf(QLatin1Char('/'));
    return slash > 0 && DockerReference::isValidName(s) && DockerReference::isValidDomain(s.left(slash));
}

Result<SignedIdentity> Parser::identity(const QJsonValue &v, const QString &where) const
{
    Result<QJsonObject> o = object(v, where);
    if (!o)
        return o.error();
    Result<QString> type = string(o->value(u"type"_s), where + u".type"_s);
    if (!type)
        return type.error();
    SignedIdentity id;
    using T = SignedIdentity::Type;
    if (*type == u"matchExact"_s || *type == u"matchRepoDigestOrExact"_s || *type == u"matchRepository"_s) {
        if (Status s = members(*o, {"type"}, where, true); !s)
            return s.error();
        id.type = *type == u"matchExact"_s        ? T::MatchExact
                  : *type == u"matchRepository"_s ? T::MatchRepository
                                                  : T::MatchRepoDigestOrExact;
        return id;
    }
    if (*type == u"exactReference"_s) {
        if (Status s = members(*o, {"type", "dockerReference"}, where, true); !s)
            return s.error();
        Result<QString> ref = string(o->value(u"dockerReference"_s), where + u".dockerReference"_s);
        if (!ref)
            return ref.error();
        Result<DockerReference> parsed = DockerReference::parseNormalized(*ref);
        if (!parsed)
            return fail(where + u".dockerReference"_s,
                        u"Invalid format of dockerReference %1: %2"_s.arg(quoted(*ref), parsed.error().message));
        if (parsed->isNameOnly())
            return fail(where + u".dockerReference"_s,
                        u"dockerReference %1 contains neither a tag nor digest"_s.arg(quoted(*ref)));
        id.type = T::ExactReference;
        id.dockerReference = ref.value();
        return id;
    }
    if (*type == u"exactRepository"_s) {
        if (Status s = members(*o, {"type", "dockerRepository"}, where, true); !s)
            return s.error();
        Result<QString> repo = string(o->value(u"dockerRepository"_s), where + u".dockerRepository"_s);
        if (!repo)
            return repo.error();
        if (Result<DockerReference> parsed = DockerReference::parseNormalized(*repo); !parsed)
            return fail(where + u".dockerRepository"_s,
                        u"Invalid format of dockerRepository %1: %2"_s.arg(quoted(*repo), parsed.error().message));
        id.type = T::ExactRepository;
        id.dockerRepository = repo.value();
        return id;
    }
    if (*type == u"remapIdentity"_s) {
        if (Status s = members(*o, {"type", "prefix", "signedPrefix"}, where, true); !s)
            return s.error();
        for (const auto &[key, out] :
             {std::pair{u"prefix"_s, &id.prefix}, std::pair{u"signedPrefix"_s, &id.signedPrefix}}) {
            Result<QString> p = string(o->value(key), where + u"."_s + key);
            if (!p)
                return p.error();
            if (!validRemapPrefix(*p))
                return fail(where + u"."_s + key, u"prefix %1 is not valid"_s.arg(quoted(*p)));
            *out = p.value();
        }
        id.type = T::RemapIdentity;
        return id;
    }
    return fail(where, u"Unknown policy reference match type %1"_s.arg(quoted(*type)));
}

// dir: and oci: (internal.ValidateScope): an absolute, clean path other than "/".
QString pathScopeProblem(const QString &scope)
{
    if (!scope.startsWith(QLatin1Char('/')))
        return u"Invalid scope %1: must be an absolute path"_s.arg(quoted(scope));
    if (scope == u"/"_s)
        return u"Invalid scope \"/\": Use the generic default scope \"\""_s;
    const QString cleaned = QDir::cleanPath(scope);
    if (cleaned != scope)
        return u"Invalid scope %1: Uses non-canonical path format, perhaps try with path %2"_s.arg(quoted(scope),
                                                                                                   quoted(cleaned));
    return {};
}

} // namespace

QString signedIdentityTypeKey(SignedIdentity::Type t)
{
    using T = SignedIdentity::Type;
    switch (t) {
    case T::MatchExact: return u"matchExact"_s;
    case T::MatchRepoDigestOrExact: return u"matchRepoDigestOrExact"_s;
    case T::MatchRepository: return u"matchRepository"_s;
    case T::ExactReference: return u"exactReference"_s;
    case T::ExactRepository: return u"exactRepository"_s;
    case T::RemapIdentity: return u"remapIdentity"_s;
    }
    return {};
}

QString SignedIdentity::describe() const
{
    switch (type) {
    case Type::ExactReference: return u"exactReference "_s + dockerReference;
    case Type::ExactRepository: return u"exactRepository "_s + dockerRepository;
    case Type::RemapIdentity: return u"remapIdentity "_s + prefix + u" → "_s + signedPrefix;
    default: return signedIdentityTypeKey(type);
    }
}

QString requirementTypeKey(PolicyRequirement::Type t)
{
    using T = PolicyRequirement::Type;
    switch (t) {
    case T::InsecureAcceptAnything: return u"insecureAcceptAnything"_s;
    case T::Reject: return u"reject"_s;
    case T::SignedBy: return u"signedBy"_s;
    case T::SignedBaseLayer: return u"signedBaseLayer"_s;
    case T::SigstoreSigned: return u"sigstoreSigned"_s;
    }
    return {};
}

QString PolicyRequirement::describe() const
{
    const QString key = requirementTypeKey(type);
    switch (type) {
    case Type::SignedBy: {
        const QString keys = signedBy.hasKeyData ? u"keyData"_s : u"key "_s + signedBy.keyPaths.join(u", "_s);
        return u"%1 %2 %3 (%4)"_s.arg(key, signedBy.keyType, keys, signedBy.signedIdentity.describe());
    }
    case Type::SigstoreSigned: {
        QString keys;
        if (!sigstore.keyPaths.isEmpty())
            keys = u"key "_s + sigstore.keyPaths.join(u", "_s);
        else if (!sigstore.keyDatas.isEmpty())
            keys = u"keyData"_s;
        else if (sigstore.fulcio)
            keys = u"fulcio %1 from %2"_s.arg(sigstore.fulcio->subjectEmail, sigstore.fulcio->oidcIssuer);
        else if (sigstore.pki)
            keys = u"pki %1"_s.arg(sigstore.pki->subjectEmail.isEmpty() ? sigstore.pki->subjectHostname
                                                                        : sigstore.pki->subjectEmail);
        return u"%1 %2 (%3)"_s.arg(key, keys, sigstore.signedIdentity.describe());
    }
    case Type::SignedBaseLayer: return key + u" ("_s + baseLayerIdentity.describe() + u")"_s;
    default: return key;
    }
}

QString policyScopeProblem(const QString &transport, const QString &scope)
{
    if (transport == u"dir"_s || transport == u"oci"_s || transport == u"oci-archive"_s)
        return pathScopeProblem(scope);
    if (transport == u"docker-archive"_s)
        return u"docker-archive: does not support any scopes except the default \"\" one"_s;
    if (transport == u"docker-daemon"_s) {
        if (Result<Digest> d = Digest::parse(scope); d && d->isVerifiable())
            return u"docker-daemon: can not use algo:digest value %1 as a namespace"_s.arg(scope);
        return {};
    }
    if (transport == u"containers-storage"_s && !scope.startsWith(QLatin1Char('[')))
        return u"Invalid scope %1: containers-storage scopes start with a store specification [driver@graphroot]"_s.arg(
            quoted(scope));
    return {};
}

Result<Policy> parsePolicy(const QByteArray &json, const QString &context)
{
    return Parser(context).run(json);
}

} // namespace strata::trust
