// SPDX-License-Identifier: MIT
// The catalogue's source builders and row kinds (hostilecatalogue.h).
#include "tests/core/hostilecatalogue.h"
#include "tests/common/testutil.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace strata::hostile {

Builder layout(std::function<QString(const Layout &)> edit, const QString &fixture, qint64 cap)
{
    return {[=](const QString &dir) {
        const QString root = dir + u"/layout"_s;
        run(u"cp"_s, {u"-a"_s, test::fixture(fixture), root});
        const Layout l{root};
        const QString names = edit(l);
        return Case{root, root, names, cap, {}};
    }};
}

Builder docker(std::function<QString(DockerTree &, const QString &out)> edit)
{
    return {[=](const QString &dir) {
        DockerTree t = unpack(test::fixture(u"good/docker-archive.tar"_s), dir + u"/tree"_s);
        const QString out = dir + u"/image.tar"_s;
        const QString names = edit(t, out);
        return Case{u"docker-archive:"_s + out, out, names, 0, {}};
    }};
}

Builder ociArchive(std::function<QString(DockerTree &, const QString &out)> edit)
{
    return {[=](const QString &dir) {
        DockerTree t = unpack(test::fixture(u"good/oci-archive.tar"_s), dir + u"/tree"_s);
        const QString out = dir + u"/image.tar"_s;
        const QString names = edit(t, out);
        return Case{u"oci-archive:"_s + out, out, names, 0, {}};
    }};
}

void refused(const char *name, ErrorCode code, const Builder &b)
{
    QTest::newRow(name) << b << int(code) << -1 << QString() << false;
}

void problem(const char *name, ProblemKind kind, const QString &shown, const Builder &b, bool verifies)
{
    QTest::newRow(name) << b << -1 << int(kind) << shown << verifies;
}

void clean(const char *name, const QString &shown, const Builder &b)
{
    QTest::newRow(name) << b << -1 << -1 << shown << true;
}

void listed(const char *name, const QString &listingProblem, const Builder &b)
{
    const Builder withListing{[=](const QString &dir) {
        Case c = b.make(dir);
        c.listing = listingProblem;
        return c;
    }};
    QTest::newRow(name) << withListing << -1 << -1 << u"config"_s << true;
}

} // namespace strata::hostile
