// SPDX-License-Identifier: MIT
// containers/image: signature/policy_eval.go requirementsForImageRef; docker/policyconfiguration/naming.go;
// directory/directory_transport.go, oci/layout/oci_transport.go, oci/archive/oci_transport.go,
// docker/archive/transport.go, docker/daemon/daemon_transport.go, storage/storage_reference.go;
// directory/explicitfilepath/path.go for how paths resolve.
#include "core/trust/policyscope.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::trust {

namespace {

Error refused(const PolicyImage &image, const QString &why)
{
    return makeError(ErrorCode::Malformed, why, image.transport + u":"_s + image.reference.left(300));
}

// DockerReferenceNamespaces: the repository, each parent namespace, the host, then "*.example.com" wildcards of
// the host without its port.
QStringList dockerNamespaces(const DockerReference &ref)
{
    QStringList res;
    QString name = ref.name();
    for (;;) {
        res << name;
        const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
        if (slash < 0)
            break;
        name = name.left(slash);
    }
    if (const qsizetype port = name.indexOf(QLatin1Char(':')); port >= 0)
        name = name.left(port);
    for (;;) {
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        if (dot < 0)
            break;
        name = name.mid(dot + 1);
        res << u"*."_s + name;
    }
    return res;
}

// ResolvePathToFullyExplicit: absolute (against the working directory), symbolic links resolved; a path that does
// not exist yet resolves its parent.
Result<QString> explicitPath(const PolicyImage &image, const QString &path)
{
    if (path.isEmpty())
        return refused(image, u"an empty path"_s);
    const QFileInfo fi(path);
    if (fi.exists() || fi.isSymLink()) {
        const QString canonical = fi.canonicalFilePath();
        if (canonical.isEmpty())
            return refused(image, u"cannot resolve %1 (a dangling symbolic link?)"_s.arg(path));
        return canonical;
    }
    const QString leaf = fi.fileName();
    if (leaf == u"."_s || leaf == u".."_s || leaf.isEmpty())
        return refused(image, u"unexpected final component %1 of a path that does not exist"_s.arg(path));
    const QString parent = QFileInfo(fi.absolutePath()).canonicalFilePath();
    if (parent.isEmpty())
        return refused(image, u"neither %1 nor its parent folder exists"_s.arg(path));
    return parent == u"/"_s ? QString(parent + leaf) : QString(parent + u"/"_s + leaf);
}

// oci/layout PolicyConfigurationNamespaces: the folder itself, then each parent, never "/".
QStringList pathAndParents(QString path)
{
    QStringList res;
    for (;;) {
        const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
        if (slash < 0 || path == u"/"_s)
            break;
        res << path;
        path = path.left(slash);
    }
    return res;
}

Result<DockerReference> namedReference(const PolicyImage &image, const QString &text)
{
    Result<DockerReference> r = DockerReference::parseNormalized(text);
    if (!r)
        return refused(image, r.error().message);
    return r;
}

Result<PolicyIdentity> dockerIdentity(const PolicyImage &image)
{
    QString text = image.reference;
    if (text.startsWith(u"//"_s))
        text = text.mid(2);
    Result<DockerReference> ref = namedReference(image, text);
    if (!ref)
        return ref.error();
    if (!ref->tag.isEmpty() && !ref->digest.isEmpty())
        return refused(image, u"Docker references with both a tag and digest are currently not supported"_s);
    PolicyIdentity id;
    id.dockerReference = ref->withDefaultTag();
    id.identity = id.dockerReference->toString();
    id.namespaces = dockerNamespaces(*id.dockerReference);
    return id;
}

Result<PolicyIdentity> directoryIdentity(const PolicyImage &image)
{
    Result<QString> path = explicitPath(image, image.reference);
    if (!path)
        return path.error();
    PolicyIdentity id;
    id.identity = path.value();
    QStringList parents = pathAndParents(path.value());
    if (!parents.isEmpty())
        parents.removeFirst(); // dir: lists only the parents
    id.namespaces = parents;
    return id;
}

// oci:PATH[:IMAGE] and oci-archive:PATH[:IMAGE] (SplitPathAndImage: the first ':'); only PATH counts.
Result<PolicyIdentity> ociIdentity(const PolicyImage &image)
{
    const qsizetype colon = image.reference.indexOf(QLatin1Char(':'));
    const QString dir = colon < 0 ? image.reference : image.reference.left(colon);
    Result<QString> path = explicitPath(image, dir);
    if (!path)
        return path.error();
    // The image name is not part of the identity: "DIR:NAME" and "DIR:" may name the same image (oci_transport.go),
    // so a scope "DIR:NAME" never matches; skopeo agrees (tst_policy transportScopes).
    PolicyIdentity id;
    id.identity = path.value();
    id.namespaces = pathAndParents(path.value());
    return id;
}

// docker-archive:PATH[:REFERENCE]: no scopes but "", and the reference (if any) is the identity signatures match.
Result<PolicyIdentity> dockerArchiveIdentity(const PolicyImage &image)
{
    PolicyIdentity id;
    const qsizetype colon = image.reference.indexOf(QLatin1Char(':'));
    const QString ref = colon < 0 ? QString() : image.reference.mid(colon + 1);
    if (!ref.isEmpty() && !ref.startsWith(QLatin1Char('@'))) {
        Result<DockerReference> named = namedReference(image, ref);
        if (!named)
            return named.error();
        if (!named->digest.isEmpty())
            return refused(image, u"docker-archive doesn't support digest references"_s);
        id.dockerReference = named->withDefaultTag();
    }
    return id;
}

bool isImageId(const QString &s)
{
    static const QRegularExpression re(u"^(sha256:)?[a-f0-9]{64}$"_s);
    return re.match(s).hasMatch();
}

Result<PolicyIdentity> daemonIdentity(const PolicyImage &image)
{
    PolicyIdentity id;
    if (image.reference.startsWith(u"sha256:"_s) && isImageId(image.reference))
        return id; // an image ID: no identity, no namespaces, no Docker reference
    Result<PolicyIdentity> docker = dockerIdentity(image);
    if (!docker)
        return docker.error();
    return docker;
}

// containers-storage:[driver@graphroot(+runroot)(:options)]NAME[@ID].
Result<PolicyIdentity> storageIdentity(const PolicyImage &image)
{
    const QString &text = image.reference;
    const qsizetype close = text.indexOf(QLatin1Char(']'));
    if (!text.startsWith(QLatin1Char('[')) || close < 0)
        return refused(image, u"Strata needs the store specification: [driver@graphroot]NAME"_s);
    QString spec = text.mid(1, close - 1);
    const qsizetype at = spec.indexOf(QLatin1Char('@'));
    if (at <= 0)
        return refused(image, u"the store specification needs a driver: [driver@graphroot]"_s);
    const QString driver = spec.left(at);
    QString root = spec.mid(at + 1);
    for (const QChar stop : {QLatin1Char('+'), QLatin1Char(':')})
        if (const qsizetype i = root.indexOf(stop); i >= 0)
            root = root.left(i);
    if (!root.startsWith(QLatin1Char('/')))
        return refused(image, u"the graph root must be an absolute path"_s);
    const QString storeSpec = u"["_s + driver + u"@"_s + root + u"]"_s;
    QString rest = text.mid(close + 1);
    QString imageId;
    if (const qsizetype idAt = rest.lastIndexOf(QLatin1Char('@'));
        idAt >= 0 && isImageId(rest.mid(idAt + 1)) && !rest.mid(idAt + 1).startsWith(u"sha256:"_s)) {
        imageId = rest.mid(idAt + 1);
        rest = rest.left(idAt);
    }
    PolicyIdentity id;
    id.identity = storeSpec;
    if (!rest.isEmpty()) {
        Result<DockerReference> named = namedReference(image, rest);
        if (!named)
            return named.error();
        const DockerReference ref = named->withDefaultTag();
        id.dockerReference = ref;
        id.identity += ref.toString();
        if (!imageId.isEmpty())
            id.namespaces << storeSpec + ref.toString();
        if (!ref.tag.isEmpty() && !ref.digest.isEmpty())
            id.namespaces << storeSpec + ref.name() + u":"_s + ref.tag;
        QStringList components = ref.name().split(QLatin1Char('/'));
        while (!components.isEmpty()) {
            id.namespaces << storeSpec + components.join(QLatin1Char('/'));
            components.removeLast();
        }
    }
    if (!imageId.isEmpty())
        id.identity += u"@"_s + imageId;
    id.namespaces << storeSpec << u"["_s + root + u"]"_s;
    return id;
}

} // namespace

Result<PolicyIdentity> policyIdentity(const PolicyImage &image)
{
    const QString &t = image.transport;
    if (t == u"docker"_s)
        return dockerIdentity(image);
    if (t == u"dir"_s)
        return directoryIdentity(image);
    if (t == u"oci"_s || t == u"oci-archive"_s)
        return ociIdentity(image);
    if (t == u"docker-archive"_s)
        return dockerArchiveIdentity(image);
    if (t == u"docker-daemon"_s)
        return daemonIdentity(image);
    if (t == u"containers-storage"_s)
        return storageIdentity(image);
    return makeError(ErrorCode::Unsupported,
                     u"Strata does not resolve policy scopes for transport \"%1\""_s.arg(t.left(100)),
                     t.left(100) + u":"_s + image.reference.left(300));
}

QString ScopeMatch::describe() const
{
    if (isDefault)
        return u"default"_s;
    return u"transports.%1.\"%2\""_s.arg(transport, scope);
}

ScopeMatch requirementsFor(const Policy &policy, const QString &transport, const PolicyIdentity &identity)
{
    ScopeMatch m;
    const auto t = policy.transports.constFind(transport);
    if (t != policy.transports.constEnd()) {
        const QMap<QString, PolicyRequirements> &scopes = t.value();
        auto found = [&](const QString &key) {
            const auto it = scopes.constFind(key);
            if (it == scopes.constEnd())
                return false;
            m.transport = transport;
            m.scope = key;
            m.isDefault = false;
            m.requirements = &it.value();
            return true;
        };
        // PolicyConfigurationIdentity is "" for transports without one: that is then the "" scope, as in Go.
        if (found(identity.identity))
            return m;
        for (const QString &ns : identity.namespaces)
            if (found(ns))
                return m;
        if (found(QString()))
            return m;
    }
    m.requirements = &policy.defaultRequirements;
    return m;
}

} // namespace strata::trust
