// SPDX-License-Identifier: MIT
// OpenPGP packet framing (RFC 4880 §4.2), compressed data (§5.6: ZIP, ZLIB through ISA-L; BZip2 through
// libarchive), one-pass signatures (§5.4), literal data (§5.9) and signature subpackets (§5.2.3.1).
#include "core/signatures/openpgpmessage.h"
#include "core/io/filterstream.h"
#include "core/io/memorystream.h"
#include "core/signatures/signaturelimits.h"

#include <isa-l.h>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr int MaxNesting = 4; // compressed packets inside compressed packets
constexpr int MaxPackets = 64;

enum Tag { SignatureTag = 2, OnePassTag = 4, CompressedTag = 8, LiteralTag = 11 };

struct Packet
{
    int tag = 0;
    QByteArray body;
};

// Splits `in` into packets. A new-format partial body (§4.2.2.4) is reassembled.
Result<QList<Packet>> splitPackets(QByteArrayView in, const QString &ctx)
{
    QList<Packet> out;
    qsizetype pos = 0;
    const auto byte = [&](qsizetype i) { return static_cast<quint8>(in[i]); };
    const auto truncated = [&] {
        return makeError(ErrorCode::Malformed,
                         u"an OpenPGP packet runs past the end of the data (offset %1)"_s.arg(pos), ctx);
    };
    while (pos < in.size()) {
        if (out.size() >= MaxPackets)
            return makeError(ErrorCode::TooLarge, u"more than %1 OpenPGP packets"_s.arg(MaxPackets), ctx);
        const quint8 ctb = byte(pos++);
        if (!(ctb & 0x80))
            return makeError(ErrorCode::Malformed,
                             u"not an OpenPGP message: byte %1 is 0x%2, not a packet tag"_s.arg(pos - 1).arg(
                                 ctb, 2, 16, QChar(u'0')),
                             ctx);
        Packet p;
        if (ctb & 0x40) { // new format
            p.tag = ctb & 0x3f;
            for (;;) {
                if (pos >= in.size())
                    return truncated();
                const quint8 o1 = byte(pos++);
                qint64 len = 0;
                bool partial = false;
                if (o1 < 192) {
                    len = o1;
                } else if (o1 < 224) {
                    if (pos >= in.size())
                        return truncated();
                    len = ((o1 - 192) << 8) + byte(pos++) + 192;
                } else if (o1 == 255) {
                    if (pos + 4 > in.size())
                        return truncated();
                    len = (qint64(byte(pos)) << 24) | (byte(pos + 1) << 16) | (byte(pos + 2) << 8) | byte(pos + 3);
                    pos += 4;
                } else {
                    len = qint64(1) << (o1 & 0x1f);
                    partial = true;
                }
                if (len > in.size() - pos)
                    return truncated();
                if (p.body.size() + len > limits::SignatureBytes)
                    return makeError(ErrorCode::TooLarge,
                                     u"an OpenPGP packet is larger than %1 bytes"_s.arg(limits::SignatureBytes), ctx);
                p.body.append(in.sliced(pos, len));
                pos += len;
                if (!partial)
                    break;
            }
        } else { // old format
            p.tag = (ctb >> 2) & 0x0f;
            const int lengthType = ctb & 0x03;
            qint64 len = 0;
            if (lengthType == 3) {
                len = in.size() - pos; // indeterminate: to the end of the data
            } else {
                const int n = 1 << lengthType;
                if (pos + n > in.size())
                    return truncated();
                for (int i = 0; i < n; ++i)
                    len = (len << 8) | byte(pos + i);
                pos += n;
            }
            if (len > in.size() - pos)
                return truncated();
            p.body = in.sliced(pos, len).toByteArray();
            pos += len;
        }
        out << std::move(p);
    }
    return out;
}

Result<QByteArray> inflateIsal(QByteArrayView in, bool zlib, const QString &ctx)
{
    inflate_state st;
    isal_inflate_init(&st);
    st.crc_flag = zlib ? ISAL_ZLIB : ISAL_DEFLATE;
    st.next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(in.data()));
    st.avail_in = static_cast<uint32_t>(in.size());
    QByteArray out;
    char buf[16384];
    for (;;) {
        st.next_out = reinterpret_cast<uint8_t *>(buf);
        st.avail_out = sizeof buf;
        const int rc = isal_inflate(&st);
        if (rc != ISAL_DECOMP_OK)
            return makeError(ErrorCode::Malformed,
                             u"the compressed OpenPGP packet is corrupt (ISA-L error %1)"_s.arg(rc), ctx);
        out.append(buf, static_cast<qsizetype>(sizeof buf - st.avail_out));
        if (out.size() > limits::SignatureBytes)
            return makeError(ErrorCode::TooLarge,
                             u"the compressed OpenPGP packet inflates past %1 bytes"_s.arg(limits::SignatureBytes),
                             ctx);
        if (st.block_state == ISAL_BLOCK_FINISH)
            return out;
        if (st.avail_in == 0 && st.avail_out != 0)
            return makeError(ErrorCode::Malformed, u"the compressed OpenPGP packet is cut off"_s, ctx);
    }
}

Result<QByteArray> inflateBzip2(const QByteArray &in, const QString &ctx)
{
    MemoryStream compressed(in);
    FilterStream f(compressed, mediatype::Compression::Bzip2);
    QByteArray out;
    char buf[16384];
    for (;;) {
        Result<qint64> n = f.read(buf, sizeof buf);
        if (!n)
            return makeError(n.error().code, u"the BZip2-compressed OpenPGP packet: %1"_s.arg(n.error().message), ctx);
        if (n.value() == 0)
            return out;
        out.append(buf, n.value());
        if (out.size() > limits::SignatureBytes)
            return makeError(ErrorCode::TooLarge,
                             u"the compressed OpenPGP packet inflates past %1 bytes"_s.arg(limits::SignatureBytes),
                             ctx);
    }
}

QString hex(QByteArrayView b)
{
    return QString::fromLatin1(b.toByteArray().toHex().toUpper());
}

void readSubpackets(QByteArrayView s, OpenPgpMessage &m)
{
    qsizetype pos = 0;
    while (pos < s.size()) {
        const quint8 o1 = static_cast<quint8>(s[pos++]);
        qint64 len = 0;
        if (o1 < 192) {
            len = o1;
        } else if (o1 < 255) {
            if (pos >= s.size())
                return;
            len = ((o1 - 192) << 8) + static_cast<quint8>(s[pos++]) + 192;
        } else {
            if (pos + 4 > s.size())
                return;
            for (int i = 0; i < 4; ++i)
                len = (len << 8) | static_cast<quint8>(s[pos + i]);
            pos += 4;
        }
        if (len < 1 || len > s.size() - pos)
            return;
        const int type = static_cast<quint8>(s[pos]) & 0x7f;
        const QByteArrayView data = s.sliced(pos + 1, len - 1);
        if (type == 2 && data.size() == 4) {
            const quint32 t =
                (quint32(quint8(data[0])) << 24) | (quint8(data[1]) << 16) | (quint8(data[2]) << 8) | quint8(data[3]);
            m.created = QDateTime::fromSecsSinceEpoch(t, Qt::UTC);
        } else if (type == 16 && data.size() == 8) {
            m.issuerKeyId = hex(data);
        } else if (type == 33 && (data.size() == 21 || data.size() == 33)) {
            m.issuerFingerprint = hex(data.sliced(1));
        }
        pos += len;
    }
}

void readSignature(QByteArrayView b, OpenPgpMessage &m)
{
    if (b.isEmpty())
        return;
    const int version = quint8(b[0]);
    if ((version == 3 || version == 2) && b.size() >= 19 && quint8(b[1]) == 5) {
        const quint32 t = (quint32(quint8(b[3])) << 24) | (quint8(b[4]) << 16) | (quint8(b[5]) << 8) | quint8(b[6]);
        m.created = QDateTime::fromSecsSinceEpoch(t, Qt::UTC);
        m.issuerKeyId = hex(b.sliced(7, 8));
        m.publicKeyAlgorithm = quint8(b[15]);
        m.hashAlgorithm = quint8(b[16]);
        m.hasSignature = true;
    } else if ((version == 4 || version == 5) && b.size() >= 6) {
        m.publicKeyAlgorithm = quint8(b[2]);
        m.hashAlgorithm = quint8(b[3]);
        const qsizetype hashedLen = (quint8(b[4]) << 8) | quint8(b[5]);
        if (6 + hashedLen + 2 > b.size())
            return;
        readSubpackets(b.sliced(6, hashedLen), m);
        const qsizetype u = 6 + hashedLen;
        const qsizetype unhashedLen = (quint8(b[u]) << 8) | quint8(b[u + 1]);
        if (u + 2 + unhashedLen <= b.size() && m.issuerKeyId.isEmpty())
            readSubpackets(b.sliced(u + 2, unhashedLen), m);
        if (m.issuerKeyId.isEmpty() && m.issuerFingerprint.size() == 40)
            m.issuerKeyId = m.issuerFingerprint.right(16);
        m.hasSignature = true;
    }
}

Status readPackets(QByteArrayView in, OpenPgpMessage &m, int depth, bool &haveLiteral, const QString &ctx)
{
    Result<QList<Packet>> packets = splitPackets(in, ctx);
    if (!packets)
        return packets.error();
    for (const Packet &p : packets.value()) {
        switch (p.tag) {
        case CompressedTag: {
            if (depth >= MaxNesting)
                return makeError(ErrorCode::TooLarge,
                                 u"OpenPGP compressed packets nested deeper than %1"_s.arg(MaxNesting), ctx);
            if (p.body.isEmpty())
                return makeError(ErrorCode::Malformed, u"an empty OpenPGP compressed packet"_s, ctx);
            const int algo = quint8(p.body[0]);
            const QByteArray data = p.body.mid(1);
            Result<QByteArray> inner =
                algo == 0   ? Result<QByteArray>(data)
                : algo == 1 ? inflateIsal(data, false, ctx)
                : algo == 2 ? inflateIsal(data, true, ctx)
                : algo == 3 ? inflateBzip2(data, ctx)
                            : Result<QByteArray>(makeError(
                                  ErrorCode::Malformed, u"unknown OpenPGP compression algorithm %1"_s.arg(algo), ctx));
            if (!inner)
                return inner.error();
            if (Status s = readPackets(inner.value(), m, depth + 1, haveLiteral, ctx); !s)
                return s;
            break;
        }
        case OnePassTag:
            if (p.body.size() >= 13 && m.issuerKeyId.isEmpty())
                m.issuerKeyId = hex(QByteArrayView(p.body).sliced(4, 8));
            break;
        case LiteralTag: {
            if (haveLiteral)
                return makeError(ErrorCode::Malformed, u"the OpenPGP message holds more than one literal data packet"_s,
                                 ctx);
            if (p.body.size() < 2)
                return makeError(ErrorCode::Malformed, u"a truncated OpenPGP literal data packet"_s, ctx);
            const qsizetype nameLen = quint8(p.body[1]);
            if (2 + nameLen + 4 > p.body.size())
                return makeError(ErrorCode::Malformed, u"a truncated OpenPGP literal data packet"_s, ctx);
            m.literalData = p.body.mid(2 + nameLen + 4);
            haveLiteral = true;
            break;
        }
        case SignatureTag: readSignature(p.body, m); break;
        case 1:
        case 3:
        case 18: return makeError(ErrorCode::Unsupported, u"an encrypted OpenPGP message, not a signature"_s, ctx);
        default: break; // markers, trust packets, user IDs: nothing to show
        }
    }
    return Ok{};
}

} // namespace

QString OpenPgpMessage::publicKeyAlgorithmName() const
{
    switch (publicKeyAlgorithm) {
    case 1:
    case 3: return u"RSA"_s;
    case 17: return u"DSA"_s;
    case 19: return u"ECDSA"_s;
    case 22: return u"EdDSA"_s;
    default: return publicKeyAlgorithm ? u"algorithm %1"_s.arg(publicKeyAlgorithm) : QString();
    }
}

QString OpenPgpMessage::hashAlgorithmName() const
{
    switch (hashAlgorithm) {
    case 2: return u"SHA-1"_s;
    case 8: return u"SHA-256"_s;
    case 9: return u"SHA-384"_s;
    case 10: return u"SHA-512"_s;
    case 11: return u"SHA-224"_s;
    default: return hashAlgorithm ? u"algorithm %1"_s.arg(hashAlgorithm) : QString();
    }
}

Result<OpenPgpMessage> readOpenPgpMessage(QByteArrayView bytes, const QString &context)
{
    OpenPgpMessage m;
    bool haveLiteral = false;
    if (Status s = readPackets(bytes, m, 0, haveLiteral, context); !s)
        return s.error();
    if (!haveLiteral)
        return makeError(ErrorCode::Malformed, u"the OpenPGP message holds no signed data (no literal data packet)"_s,
                         context);
    return m;
}

} // namespace strata
