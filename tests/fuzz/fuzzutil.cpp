// SPDX-License-Identifier: MIT
// Shared fuzz helpers.
#include "tests/fuzz/fuzzutil.h"
#include "core/io/tarheader.h"
#include "core/io/tarindex.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstring>

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

using namespace Qt::StringLiterals;

namespace strata::fuzz {

void quietQt()
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
}

QString writeScratch(const uint8_t *data, size_t size, const QString &name)
{
    static QTemporaryDir *dir = [] {
        const QString base = QDir(u"/dev/shm"_s).exists() ? u"/dev/shm"_s : QDir::tempPath();
        return new QTemporaryDir(base + u"/strata-fuzz-XXXXXX"_s);
    }();
    static const bool cleanup = [] {
        std::atexit([] { delete dir; });
        return true;
    }();
    Q_UNUSED(cleanup);
    const QString path = dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        fprintf(stderr, "cannot write %s\n", qPrintable(path));
        abort();
    }
    f.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    return path;
}

void fixTarChecksums(uint8_t *data, size_t size)
{
    size_t pos = 0;
    while (pos + 512 <= size) {
        char *h = reinterpret_cast<char *>(data + pos);
        if (tar::isZeroBlock(h))
            return;
        unsigned sum = 0;
        for (int i = 0; i < 512; ++i)
            sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
        snprintf(h + 148, 8, "%06o", sum & 0777777);
        h[155] = ' ';
        qint64 len = 0;
        if (!tar::parseNumber(h + 124, 12, &len) || len < 0 || len > qint64(size))
            return;
        pos += 512 + static_cast<size_t>(tar::paddedSize(len));
    }
}

size_t mutateTar(uint8_t *data, size_t size, size_t maxSize, unsigned int seed)
{
    const size_t n = LLVMFuzzerMutate(data, size, maxSize);
    if (seed % 8 != 0)
        fixTarChecksums(data, n);
    return n;
}

std::optional<QJsonObject> jsonObjectOf(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    Result<QJsonObject> o = json::parseObject(raw, limits::ManifestBytes, u"fuzz"_s);
    if (!o)
        return std::nullopt;
    return std::move(o.value());
}

void checkError(const Error &e)
{
    STRATA_FUZZ_ASSERT(!e.message.isEmpty());
    // Canceled aside, every error names where it happened.
    STRATA_FUZZ_ASSERT(!e.context.isEmpty() || e.code == ErrorCode::Canceled);
    STRATA_FUZZ_ASSERT(!e.toString().isEmpty());
}

void checkGraph(const ImageGraph &g)
{
    STRATA_FUZZ_ASSERT(!g.nodes.isEmpty());
    // A tree: attached artifacts move under their subject, so a child may have a smaller id than its parent,
    // but every parent chain ends at the root within as many steps as there are nodes.
    const qsizetype count = g.nodes.size();
    for (const Node &n : g.nodes) {
        STRATA_FUZZ_ASSERT(n.id >= 0 && n.id < count);
        STRATA_FUZZ_ASSERT(n.parent >= -1 && n.parent < count && n.parent != n.id);
        for (int c : n.children)
            STRATA_FUZZ_ASSERT(c >= 0 && c < count && c != n.id && g.nodes[c].parent == n.id);
        if (n.parent >= 0)
            STRATA_FUZZ_ASSERT(g.nodes[n.parent].children.count(n.id) == 1);
        qsizetype steps = 0;
        for (int p = n.parent; p >= 0; p = g.nodes[p].parent)
            STRATA_FUZZ_ASSERT(++steps <= count);
        // An artifact is never placed below itself, and an attached group holds only artifacts.
        if (n.kind == NodeKind::Attached)
            for (int c : n.children)
                STRATA_FUZZ_ASSERT(g.nodes[c].attachment != nullptr);
        // A member name used for reading never leaves the image.
        if (!n.member.isEmpty())
            STRATA_FUZZ_ASSERT(normaliseMemberName(n.member) == n.member);
        if (n.descriptor)
            STRATA_FUZZ_ASSERT(n.descriptor->size >= 0 && !n.descriptor->digest.isNull());
        g.describe(n.id);
    }
    for (const Problem &p : g.problems) {
        STRATA_FUZZ_ASSERT(!p.message.isEmpty());
        STRATA_FUZZ_ASSERT(!p.object.isEmpty());
        STRATA_FUZZ_ASSERT(p.nodeId >= -1 && p.nodeId < g.nodes.size());
    }
}

} // namespace strata::fuzz
