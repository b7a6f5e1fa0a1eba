// SPDX-License-Identifier: MIT
// strata_bench_registry HOST REPO [PAGE]: times RegistryClient::listTags (used by bench-registry.sh).
#include "core/registry/registryclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        QTextStream(stderr) << "usage: strata_bench_registry HOST REPO [PAGE_SIZE]\n";
        return 2;
    }
    strata::RegistryClient client(args[1], {});
    const int page = args.size() > 3 ? args[3].toInt() : 100;
    QElapsedTimer t;
    t.start();
    strata::Result<QStringList> tags = client.listTags(args[2], page);
    const qint64 ms = t.elapsed();
    if (!tags) {
        QTextStream(stderr) << tags.error().toString() << '\n';
        return 1;
    }
    QTextStream(stdout) << tags->size() << " tags in " << ms << " ms (page size " << page << ")\n";
    return 0;
}
