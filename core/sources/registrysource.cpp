// SPDX-License-Identifier: MIT
// Registry source: the synthesized layout goes through the ordinary OCI layout reader.
#include "core/sources/registrysource.h"
#include "core/sources/ocilayoutreader.h"
#include "core/sources/registrycontainer.h"

#include <QMutex>
#include <QSet>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

QMutex &insecureMutex()
{
    static QMutex m;
    return m;
}
QSet<QString> &insecureHosts()
{
    static QSet<QString> s;
    return s;
}

} // namespace

void allowInsecureRegistry(const QString &host)
{
    QMutexLocker lock(&insecureMutex());
    insecureHosts().insert(host);
}

bool isInsecureRegistry(const QString &host)
{
    QMutexLocker lock(&insecureMutex());
    return insecureHosts().contains(host);
}

Result<ImageGraphPtr> openRegistrySource(const SourceSpec &spec, JobContext *job)
{
    Result<RegistryReference> ref = RegistryReference::parse(spec.path);
    if (!ref)
        return ref.error();
    RegistryOptions options;
    options.tlsVerify = spec.tlsVerify && !isInsecureRegistry(ref->host);
    auto client = std::make_shared<const RegistryClient>(ref->host, options);
    Result<std::shared_ptr<RegistryContainer>> c =
        RegistryContainer::open(client, ref.value(), job, {spec.discoverAttached, spec.referrersArtifactType});
    if (!c)
        return c.error();

    auto g = std::make_shared<ImageGraph>();
    g->sourcePath = c.value()->path();
    g->sourceSpec = spec.text;
    g->container = c.value();
    Node root;
    root.kind = NodeKind::Source;
    root.title = ref->toString();
    root.present = true;
    g->addNode(root, -1);
    if (Status s = OciLayoutReader::read(*g, *c.value(), 0, Selection{}); !s)
        return s.error();
    const QString scheme = client->baseUrl().section(u':', 0, 0);
    g->format = u"registry (distribution API v2, %1)"_s.arg(scheme);
    // The reader's "index.json" is Strata's own record of what the reference resolved to, not a registry file.
    if (g->nodes.size() > 1 && g->nodes[1].member == u"index.json") {
        g->nodes[1].title = ref->digest.isNull() ? u"tag %1"_s.arg(ref->tag) : u"digest reference"_s;
        g->nodes[1].note = u"Made by Strata: %1 resolved to %2 (%3). The registry stores no index.json."_s.arg(
            ref->toString(), c.value()->resolved().digest.toString(), c.value()->resolved().mediaType);
    }
    for (const DiscoveryNote &n : c.value()->discoveryNotes()) {
        int on = 0;
        for (const Node &x : g->nodes)
            if ((x.kind == NodeKind::Manifest || x.kind == NodeKind::Index) && x.digest() == n.subject) {
                on = x.id;
                break;
            }
        g->addProblem(n.kind, on, n.message).severity = Severity::Warning;
    }
    if (scheme == u"http" && !ref->isLoopback())
        g->addProblem(ProblemKind::Unverifiable, 0,
                      u"fetched over plain HTTP (--tls-verify=false): anyone on the path could change the tags"_s)
            .severity = Severity::Warning;
    return ImageGraphPtr(std::move(g));
}

} // namespace strata
