// SPDX-License-Identifier: MIT
// Push tar parsing of layer streams. Written here rather than with libarchive because libarchive
// pulls its input, while the layer bytes are pushed by the decompressor in the hashing pass, and
// because it lists many-file layers faster (the figures are in tarstreamparser.h).
#include "core/layers/tarstreamparser.h"
#include "core/format/modestring.h"
#include "core/io/tarindex.h"
#include "core/json/jsonlimits.h"

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace strata {

QString entryTypeName(EntryType t)
{
    switch (t) {
    case EntryType::File: return u"file"_s;
    case EntryType::Directory: return u"dir"_s;
    case EntryType::Symlink: return u"symlink"_s;
    case EntryType::Hardlink: return u"hardlink"_s;
    case EntryType::Whiteout: return u"whiteout"_s;
    case EntryType::Opaque: return u"opaque"_s;
    case EntryType::CharDevice: return u"char"_s;
    case EntryType::BlockDevice: return u"block"_s;
    case EntryType::Fifo: return u"fifo"_s;
    case EntryType::Other: break;
    }
    return u"other"_s;
}

QString LayerEntry::modeString() const
{
    using format::ModeType;
    ModeType t = ModeType::File;
    switch (type) {
    case EntryType::File:
    case EntryType::Other: t = ModeType::File; break;
    case EntryType::Directory: t = ModeType::Directory; break;
    case EntryType::Symlink: t = ModeType::Symlink; break;
    case EntryType::Hardlink: t = ModeType::Hardlink; break;
    case EntryType::Whiteout:
    case EntryType::Opaque: t = ModeType::Whiteout; break;
    case EntryType::CharDevice: t = ModeType::CharDevice; break;
    case EntryType::BlockDevice: t = ModeType::BlockDevice; break;
    case EntryType::Fifo: t = ModeType::Fifo; break;
    }
    return format::modeString(t, mode);
}

QString LayerEntry::deletedPath() const
{
    const qsizetype slash = path.lastIndexOf(u'/');
    const QString dir = slash < 0 ? QString() : path.left(slash);
    if (type == EntryType::Opaque)
        return dir;
    if (type == EntryType::Whiteout) {
        const QString name = path.mid(slash + 1).mid(4); // after ".wh."
        return dir.isEmpty() ? name : dir + u'/' + name;
    }
    return {};
}

TarStreamParser::TarStreamParser(Options options) : m_opt(options) {}

void TarStreamParser::breakStream(const QString &why)
{
    m_toc.problems << why;
    m_state = State::Broken;
    m_hashingEntry = -1;
}

Status TarStreamParser::feed(const char *p, qint64 n)
{
    m_toc.tarBytes += n;
    while (n > 0) {
        switch (m_state) {
        case State::End:
        case State::Broken:
            // The diff_id covers trailing bytes too (image-spec config.md §Layer DiffID); they are not parsed.
            m_offset += n;
            return Ok{};
        case State::Header: {
            const qint64 take = qMin<qint64>(n, 512 - m_blockFill);
            std::memcpy(m_block + m_blockFill, p, static_cast<size_t>(take));
            m_blockFill += take;
            p += take;
            n -= take;
            m_offset += take;
            if (m_blockFill == 512) {
                m_blockFill = 0;
                onHeader();
            }
            break;
        }
        case State::ExtData: {
            const qint64 take = qMin(n, m_remaining);
            m_ext.append(p, take);
            p += take;
            n -= take;
            m_offset += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_extType == 'x')
                    tar::parsePax(m_ext, &m_pending);
                else if (m_extType == 'L')
                    m_pending.path = QString::fromUtf8(
                        m_ext.constData(), static_cast<qsizetype>(strnlen(m_ext.constData(), m_ext.size())));
                else if (m_extType == 'K')
                    m_pending.linkPath = QString::fromUtf8(
                        m_ext.constData(), static_cast<qsizetype>(strnlen(m_ext.constData(), m_ext.size())));
                m_state = m_padding > 0 ? State::Padding : State::Header;
            }
            break;
        }
        case State::Data: {
            const qint64 take = qMin(n, m_remaining);
            if (m_hashingEntry >= 0)
                m_hasher->update(p, static_cast<size_t>(take));
            if (m_dataEntry >= 0 && m_opt.onData)
                m_opt.onData(m_dataEntry, p, take);
            p += take;
            n -= take;
            m_offset += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_hashingEntry >= 0)
                    m_toc.entries[m_hashingEntry].contentHash = m_hasher->finishRawAndReset();
                m_hashingEntry = -1;
                if (m_dataEntry >= 0 && m_opt.onEntryDone)
                    m_opt.onEntryDone(m_dataEntry);
                m_dataEntry = -1;
                m_state = m_padding > 0 ? State::Padding : State::Header;
            }
            break;
        }
        case State::Padding: {
            const qint64 take = qMin(n, m_padding);
            p += take;
            n -= take;
            m_offset += take;
            m_padding -= take;
            if (m_padding == 0)
                m_state = State::Header;
            break;
        }
        }
    }
    return Ok{};
}

void TarStreamParser::onHeader()
{
    if (tar::isZeroBlock(m_block)) {
        m_state = State::End;
        return;
    }
    if (!tar::checksumOk(m_block)) {
        breakStream(u"bad tar header checksum at byte %1 of the layer; the rest is not listed"_s.arg(m_offset - 512));
        return;
    }
    tar::Header h;
    if (!tar::parseHeader(m_block, m_pending, &h)) {
        breakStream(u"bad numeric field in the tar header at byte %1; the rest is not listed"_s.arg(m_offset - 512));
        return;
    }
    const qint64 padded = tar::paddedSize(h.size);
    m_padding = padded - h.size;
    if (h.type == 'x' || h.type == 'g' || h.type == 'L' || h.type == 'K') {
        if (h.size > 1024 * 1024) {
            breakStream(u"extended tar header of %1 bytes; the rest is not listed"_s.arg(h.size));
            return;
        }
        m_extType = h.type;
        m_ext.clear();
        m_remaining = h.size;
        m_state = h.size > 0 ? State::ExtData : (m_padding > 0 ? State::Padding : State::Header);
        if (h.type == 'g')
            m_extType = 0; // global headers are read and ignored
        return;
    }
    m_pending = tar::Overrides{};
    const qsizetype before = m_toc.entries.size();
    addEntry(h);
    m_dataEntry = -1;
    if (m_toc.entries.size() > before && m_opt.wantData && m_opt.wantData(m_toc.entries.last())) {
        m_dataEntry = m_toc.entries.size() - 1;
        if (h.size == 0 && m_opt.onEntryDone)
            m_opt.onEntryDone(m_dataEntry);
    }
    m_remaining = h.size;
    m_state = h.size > 0 ? State::Data : State::Header;
}

void TarStreamParser::addEntry(const tar::Header &h)
{
    const bool capped = m_toc.entries.size() >= m_opt.maxEntries;
    if (capped) {
        if (!m_toc.capped) {
            m_toc.capped = true;
            m_toc.problems << u"more than %1 entries: the listing stops there (the diff_id still covers every byte)"_s
                                  .arg(m_opt.maxEntries);
        }
        return;
    }
    LayerEntry e;
    QString raw = h.name;
    if (raw.startsWith(u'/'))
        raw = raw.mid(1); // some writers store absolute names; they are still relative to the layer root
    e.path = normaliseMemberName(raw);
    if (e.path.isEmpty()) {
        const QString trimmed = raw;
        if (trimmed.isEmpty() || trimmed == u"." || trimmed == u"./")
            return; // the root directory itself
        m_toc.problems << u"entry \"%1\" has a name that leaves the layer; it is not listed"_s.arg(h.name.left(200));
        return;
    }
    if (e.path.size() > limits::MaxPathLength) {
        m_toc.problems << u"entry with a name of %1 characters is not listed"_s.arg(e.path.size());
        return;
    }
    e.mode = static_cast<quint32>(h.mode & 07777);
    e.uid = h.uid;
    e.gid = h.gid;
    e.mtime = h.mtime;
    e.linkTarget = h.linkTarget;
    const QString base = e.path.mid(e.path.lastIndexOf(u'/') + 1);
    switch (h.type) {
    case '0':
    case '\0':
    case '7':
        e.type = EntryType::File;
        e.size = h.size;
        break;
    case '1': e.type = EntryType::Hardlink; break;
    case '2': e.type = EntryType::Symlink; break;
    case '3': e.type = EntryType::CharDevice; break;
    case '4': e.type = EntryType::BlockDevice; break;
    case '5': e.type = EntryType::Directory; break;
    case '6': e.type = EntryType::Fifo; break;
    default: e.type = EntryType::Other; break;
    }
    if (base == u".wh..wh..opq") {
        e.type = EntryType::Opaque;
    } else if (base.startsWith(u".wh.")) {
        if (base.size() == 4 || base == u".wh.." || base == u".wh...") {
            m_toc.problems << u"invalid whiteout \"%1\" (layer.md: a bare .wh. is invalid); ignored"_s.arg(e.path);
            return;
        }
        e.type = EntryType::Whiteout;
    }
    if (e.type == EntryType::Hardlink) {
        const QString target = normaliseMemberName(h.linkTarget.startsWith(u'/') ? h.linkTarget.mid(1) : h.linkTarget);
        if (target.isEmpty())
            m_toc.problems << u"hard link \"%1\" points outside the layer (\"%2\")"_s.arg(e.path,
                                                                                          h.linkTarget.left(200));
    }
    if (e.type == EntryType::File)
        m_toc.fileBytes += e.size;
    m_seen.push_back(e.path);
    const bool hashIt = e.type == EntryType::File && e.size > 0 && m_opt.hashContents;
    const bool emptyFile = e.type == EntryType::File && e.size == 0 && m_opt.hashContents;
    m_toc.entries.emplaceBack(std::move(e));
    if (hashIt) {
        if (!m_hasher)
            m_hasher = std::make_unique<Hasher>(DigestAlgorithm::Sha256); // one OpenSSL context, reused per file
        m_hashingEntry = m_toc.entries.size() - 1;
    } else if (emptyFile) {
        static const QByteArray emptyHash =
            QByteArray::fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        m_toc.entries.last().contentHash = emptyHash;
    }
}

LayerToc TarStreamParser::finish()
{
    if (m_state == State::Data || m_state == State::ExtData || (m_state == State::Header && m_blockFill > 0))
        m_toc.problems << u"the layer's tar stream ends in the middle of an entry"_s;
    // layer.md §Distributable Format: "duplicate entries for the same path are forbidden".
    std::sort(m_seen.begin(), m_seen.end());
    int reported = 0;
    for (size_t i = 1; i < m_seen.size() && reported < 20; ++i) {
        if (m_seen[i] == m_seen[i - 1] && (i < 2 || m_seen[i] != m_seen[i - 2])) {
            m_toc.problems << u"\"%1\" appears more than once in the layer (forbidden); the last one wins"_s.arg(
                m_seen[i]);
            ++reported;
        }
    }
    m_seen.clear();
    return std::move(m_toc);
}

} // namespace strata
