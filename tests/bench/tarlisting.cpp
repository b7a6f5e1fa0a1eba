// SPDX-License-Identifier: MIT
// strata_bench_tarlisting [--runs N] [--libarchive-first] GROUP:BLOB:TAR... : layer listing with the own
// TarStreamParser against libarchive (ArchiveTarLister), both with content hashing, on the same already-decompressed
// tar file read in 1 MiB chunks, and the single-pass measureBlob (stored hash + inflate + diff_id)
// without listing, so the end-to-end cost can be stated as (c)+(a) against (c)+(b). Used by
// bench-tarlisting.sh; best of N runs (default 3) per row, wall and CPU time, per layer and per group.
#include "core/io/filerange.h"
#include "core/layers/tarstreamparser.h"
#include "core/verify/blobcheck.h"
#include "tests/bench/archivetarlister.h"
#include "tests/bench/chunksource.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMap>
#include <QTextStream>

#include <chrono>
#include <ctime>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

struct Time
{
    double wall = 1e300;
    double cpu = 1e300;
};

double cpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Runs every function once per round, round after round (a b c d a b c d …), so a load change on
// the machine hits all rows alike; keeps each function's best wall and best CPU time.
std::vector<Time> bestOf(int runs, const std::vector<std::function<void()>> &fs)
{
    std::vector<Time> best(fs.size());
    for (int i = 0; i < runs; ++i) {
        for (size_t k = 0; k < fs.size(); ++k) {
            const auto w0 = std::chrono::steady_clock::now();
            const double c0 = cpuNow();
            fs[k]();
            const double cpu = cpuNow() - c0;
            const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
            best[k].wall = qMin(best[k].wall, wall);
            best[k].cpu = qMin(best[k].cpu, cpu);
        }
    }
    return best;
}

[[noreturn]] void fail(const QString &why)
{
    QTextStream(stderr) << "strata_bench_tarlisting: " << why << '\n';
    std::exit(1);
}

std::shared_ptr<SharedFd> openFile(const QString &path)
{
    Result<std::shared_ptr<SharedFd>> fd = SharedFd::open(path);
    if (!fd)
        fail(fd.error().toString());
    return fd.value();
}

LayerToc ownParser(const std::shared_ptr<SharedFd> &tar)
{
    FileRangeStream in(tar, 0, tar->size());
    ByteStreamChunkSource src(in);
    TarStreamParser p;
    for (;;) {
        Result<QByteArrayView> c = src.next();
        if (!c)
            fail(c.error().toString());
        if (c->isEmpty())
            break;
        (void)p.feed(c->data(), c->size());
    }
    return p.finish();
}

LayerToc libarchive(const std::shared_ptr<SharedFd> &tar)
{
    FileRangeStream in(tar, 0, tar->size());
    ByteStreamChunkSource src(in);
    Result<LayerToc> t = ArchiveTarLister::list(src);
    if (!t)
        fail(t.error().toString());
    return std::move(t).value();
}

BlobMeasure measure(const std::shared_ptr<SharedFd> &blob, TarStreamParser *sinkTo)
{
    FileRangeStream in(blob, 0, blob->size());
    BlobCheckOptions o;
    o.decompress = true;
    if (sinkTo)
        o.uncompressedSink = [sinkTo](const char *p, qint64 n) { return sinkTo->feed(p, n); };
    std::vector<char> buf;
    Result<BlobMeasure> m = measureBlob(in, o, nullptr, buf);
    if (!m || !m->decompressed)
        fail(u"measureBlob failed on "_s + blob->path());
    return m.value();
}

struct Row
{
    qint64 entries = 0;
    qint64 tarBytes = 0;
    Time a, b, c, d;
};

void add(Time &sum, const Time &t)
{
    sum.wall += t.wall;
    sum.cpu += t.cpu;
}

void print(QTextStream &out, const QString &name, const Row &r)
{
    const auto f = [](double v) { return QString::number(v, 'f', 3); };
    const auto pct = [](double x, double y) { return QString(QString::number((x / y - 1.0) * 100.0, 'f', 1) + u'%'); };
    out << qSetFieldWidth(0) << name.leftJustified(24) << QString::number(r.entries).rightJustified(8)
        << QString::number(double(r.tarBytes) / 1e6, 'f', 1).rightJustified(8);
    for (const auto pick : {&Time::wall, &Time::cpu}) {
        const double a = r.a.*pick, b = r.b.*pick, c = r.c.*pick, d = r.d.*pick;
        out << " | " << f(a).rightJustified(7) << f(b).rightJustified(7) << pct(b, a).rightJustified(8)
            << f(c).rightJustified(7) << f(c + a).rightJustified(7) << f(c + b).rightJustified(7)
            << pct(c + b, c + a).rightJustified(7) << f(d).rightJustified(7);
    }
    out << '\n';
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 3;
    bool libarchiveFirst = false; // to check that the order within a round does not favour a row
    for (;;) {
        if (args.size() >= 2 && args[0] == u"--runs") {
            runs = args[1].toInt();
            args = args.mid(2);
        } else if (!args.isEmpty() && args[0] == u"--libarchive-first") {
            libarchiveFirst = true;
            args = args.mid(1);
        } else {
            break;
        }
    }
    if (args.isEmpty() || runs < 1) {
        QTextStream(stderr) << "usage: strata_bench_tarlisting [--runs N] [--libarchive-first] GROUP:BLOB:TAR...\n";
        return 2;
    }
    QTextStream out(stdout);
    out << "best of " << runs << " runs; seconds. a = TarStreamParser over the tar file in 1 MiB chunks, b = "
        << "ArchiveTarLister (libarchive) over the same chunks, both hashing every file;\n"
        << "c = measureBlob on the compressed blob (stored hash + inflate + diff_id), no listing; "
        << "d = measureBlob with TarStreamParser as its sink (today's single pass)\n";
    const QString cols = u"      a      b    b/a      c    c+a    c+b c+b/c+a     d"_s;
    out << u"layer"_s.leftJustified(24) << u"entries"_s.rightJustified(8) << u"tar MB"_s.rightJustified(8) << " | wall "
        << cols << " | cpu  " << cols << '\n';
    QMap<QString, Row> groups;
    QStringList order;
    for (const QString &arg : args) {
        const QStringList parts = arg.split(u':');
        if (parts.size() != 3)
            fail(u"expected GROUP:BLOB:TAR, got "_s + arg);
        const auto blob = openFile(parts[1]);
        const auto tar = openFile(parts[2]);
        Row r;
        LayerToc own, la;
        const std::function<void()> runA = [&] { own = ownParser(tar); };
        const std::function<void()> runB = [&] { la = libarchive(tar); };
        std::vector<Time> t = bestOf(runs, {libarchiveFirst ? runB : runA, libarchiveFirst ? runA : runB,
                                            [&] { (void)measure(blob, nullptr); },
                                            [&] {
                                                TarStreamParser p;
                                                (void)measure(blob, &p);
                                                (void)p.finish();
                                            }});
        if (libarchiveFirst)
            std::swap(t[0], t[1]);
        r.a = t[0];
        r.b = t[1];
        r.c = t[2];
        r.d = t[3];
        // A fast wrong answer is not a result: both must have listed the same entries and bytes.
        if (own.entries.size() != la.entries.size() || own.fileBytes != la.fileBytes || own.tarBytes != la.tarBytes ||
            own.tarBytes != tar->size() || own.problems != la.problems)
            fail(u"the listers disagree on "_s + parts[2] +
                 u": entries %1/%2, fileBytes %3/%4"_s.arg(own.entries.size())
                     .arg(la.entries.size())
                     .arg(own.fileBytes)
                     .arg(la.fileBytes));
        for (qsizetype i = 0; i < own.entries.size(); ++i) {
            if (own.entries[i].path != la.entries[i].path || own.entries[i].contentHash != la.entries[i].contentHash)
                fail(u"the listers disagree on entry %1 of %2"_s.arg(i).arg(parts[2]));
        }
        r.entries = own.entries.size();
        r.tarBytes = own.tarBytes;
        print(out, parts[0] + u" " + QFileInfo(parts[1]).fileName().left(12), r);
        out.flush();
        if (!groups.contains(parts[0])) {
            order << parts[0];
            Row z;
            z.a = z.b = z.c = z.d = Time{0, 0};
            groups.insert(parts[0], z);
        }
        Row &g = groups[parts[0]];
        g.entries += r.entries;
        g.tarBytes += r.tarBytes;
        add(g.a, r.a);
        add(g.b, r.b);
        add(g.c, r.c);
        add(g.d, r.d);
    }
    for (const QString &g : order)
        print(out, g + u" (sum)"_s, groups[g]);
    return 0;
}
