// SPDX-License-Identifier: MIT
// The shared formatters (core/format): sizes in SI units with the C locale, and the `ls -l` mode column.
#include "core/format/modestring.h"
#include "core/format/sizeformat.h"
#include "core/layers/layertoc.h"
#include "tests/common/hermeticenv.h"

#include <QLocale>
#include <QTest>
#include <limits>

using namespace Qt::StringLiterals;
using namespace strata;
using format::ModeType;

Q_DECLARE_METATYPE(ModeType)

class TestFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sizeText_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << qint64(0) << 1 << u"0 bytes"_s;
        QTest::newRow("one") << qint64(1) << 1 << u"1 byte"_s;
        QTest::newRow("fixture-archive") << qint64(962) << 1 << u"962 bytes"_s;
        QTest::newRow("999") << qint64(999) << 1 << u"999 bytes"_s;
        QTest::newRow("1000") << qint64(1000) << 1 << u"1.0 kB"_s;
        QTest::newRow("1024-is-not-a-kilobyte") << qint64(1024) << 1 << u"1.0 kB"_s;
        QTest::newRow("1140") << qint64(1140) << 1 << u"1.1 kB"_s;
        QTest::newRow("1999") << qint64(1999) << 1 << u"2.0 kB"_s;
        QTest::newRow("999949") << qint64(999'949) << 1 << u"999.9 kB"_s;
        QTest::newRow("999960-rounds-up-to-MB") << qint64(999'960) << 1 << u"1.0 MB"_s;
        QTest::newRow("999999") << qint64(999'999) << 1 << u"1.0 MB"_s;
        QTest::newRow("1MB") << qint64(1'000'000) << 1 << u"1.0 MB"_s;
        QTest::newRow("1MB-1") << qint64(999'999) << 2 << u"1.00 MB"_s;
        QTest::newRow("1.5MB") << qint64(1'500'000) << 1 << u"1.5 MB"_s;
        QTest::newRow("1MiB") << qint64(1'048'576) << 1 << u"1.0 MB"_s;
        QTest::newRow("24MiB") << qint64(25'165'824) << 1 << u"25.2 MB"_s;
        QTest::newRow("two-decimals") << qint64(1'234'567) << 2 << u"1.23 MB"_s;
        QTest::newRow("GB") << qint64(3'200'000'000) << 1 << u"3.2 GB"_s;
        QTest::newRow("999.99GB") << qint64(999'990'000'000) << 1 << u"1.0 TB"_s;
        QTest::newRow("EB") << qint64(1'000'000'000'000'000'000) << 1 << u"1.0 EB"_s;
        QTest::newRow("max") << std::numeric_limits<qint64>::max() << 1 << u"9.2 EB"_s;
        QTest::newRow("no-decimals-1kB") << qint64(1000) << 0 << u"1 kB"_s;
        QTest::newRow("no-decimals-100kB") << qint64(100'000) << 0 << u"100 kB"_s;
        QTest::newRow("no-decimals-999.4kB") << qint64(999'400) << 0 << u"999 kB"_s;
        QTest::newRow("no-decimals-999.6kB") << qint64(999'600) << 0 << u"1 MB"_s;
        QTest::newRow("no-decimals-bytes") << qint64(999) << 0 << u"999 bytes"_s;
        QTest::newRow("decimals-clamped") << qint64(1'234'567) << 9 << u"1.235 MB"_s;
        QTest::newRow("negative-decimals") << qint64(1'500) << -1 << u"2 kB"_s;
        QTest::newRow("unknown") << qint64(-1) << 1 << QString();
        QTest::newRow("negative") << qint64(-5000) << 1 << QString();
    }
    void sizeText()
    {
        QFETCH(qint64, bytes);
        QFETCH(int, decimals);
        QFETCH(QString, expected);
        QCOMPARE(format::sizeText(bytes, decimals), expected);
    }

    void exactBytes_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << qint64(0) << u"0 bytes"_s;
        QTest::newRow("one") << qint64(1) << u"1 byte"_s;
        QTest::newRow("999") << qint64(999) << u"999 bytes"_s;
        QTest::newRow("1000") << qint64(1000) << u"1,000 bytes"_s;
        QTest::newRow("1140") << qint64(1140) << u"1,140 bytes"_s;
        QTest::newRow("1234567") << qint64(1'234'567) << u"1,234,567 bytes"_s;
        QTest::newRow("unknown") << qint64(-1) << QString();
    }
    void exactBytes()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, expected);
        QCOMPARE(format::exactBytes(bytes), expected);
    }

    void countText()
    {
        QCOMPARE(format::countText(0), u"0"_s);
        QCOMPARE(format::countText(999), u"999"_s);
        QCOMPARE(format::countText(1234), u"1,234"_s);
        QCOMPARE(format::countText(10000), u"10,000"_s);
        QCOMPARE(format::countText(-1), QString());
    }

    // The user's locale never leaks in: German would write "1,1 kB" and "1.140 Bytes".
    void ignoresTheUsersLocale()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(QLocale().toString(1.5, 'f', 1), u"1,5"_s); // the default really changed
        const QString size = format::sizeText(1140);
        const QString exact = format::exactBytes(1'234'567);
        QLocale::setDefault(before);
        QCOMPARE(size, u"1.1 kB"_s);
        QCOMPARE(exact, u"1,234,567 bytes"_s);
    }

    void modeString_data()
    {
        QTest::addColumn<ModeType>("type");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("file") << ModeType::File << 0644 << u"-rw-r--r--"_s;
        QTest::newRow("script") << ModeType::File << 0755 << u"-rwxr-xr-x"_s;
        QTest::newRow("none") << ModeType::File << 0 << u"----------"_s;
        QTest::newRow("dir") << ModeType::Directory << 0750 << u"drwxr-x---"_s;
        QTest::newRow("setuid") << ModeType::File << 04755 << u"-rwsr-xr-x"_s;
        QTest::newRow("setuid-without-x") << ModeType::File << 04644 << u"-rwSr--r--"_s;
        QTest::newRow("setgid") << ModeType::File << 02755 << u"-rwxr-sr-x"_s;
        QTest::newRow("setgid-without-x") << ModeType::Directory << 02745 << u"drwxr-Sr-x"_s;
        QTest::newRow("sticky") << ModeType::Directory << 01777 << u"drwxrwxrwt"_s;
        QTest::newRow("sticky-without-x") << ModeType::Directory << 01776 << u"drwxrwxrwT"_s;
        QTest::newRow("all-special") << ModeType::File << 07777 << u"-rwsrwsrwt"_s;
        QTest::newRow("special-only") << ModeType::File << 07000 << u"---S--S--T"_s;
        QTest::newRow("type-bits-ignored") << ModeType::File << 0100644 << u"-rw-r--r--"_s;
        QTest::newRow("symlink") << ModeType::Symlink << 0777 << u"lrwxrwxrwx"_s;
        QTest::newRow("hardlink") << ModeType::Hardlink << 0644 << u"hrw-r--r--"_s;
        QTest::newRow("whiteout") << ModeType::Whiteout << 0 << u"w---------"_s;
        QTest::newRow("char") << ModeType::CharDevice << 0666 << u"crw-rw-rw-"_s;
        QTest::newRow("block") << ModeType::BlockDevice << 0660 << u"brw-rw----"_s;
        QTest::newRow("fifo") << ModeType::Fifo << 0600 << u"prw-------"_s;
    }
    void modeString()
    {
        QFETCH(ModeType, type);
        QFETCH(int, mode);
        QFETCH(QString, expected);
        QCOMPARE(format::modeString(type, quint32(mode)), expected);
    }

    // Every entry type of a layer gets its letter (what the CLI's `ls` and the Files page show).
    void layerEntryMode_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("expected");
        QTest::newRow("file") << int(EntryType::File) << u"-rwsr-x---"_s;
        QTest::newRow("dir") << int(EntryType::Directory) << u"drwsr-x---"_s;
        QTest::newRow("symlink") << int(EntryType::Symlink) << u"lrwsr-x---"_s;
        QTest::newRow("hardlink") << int(EntryType::Hardlink) << u"hrwsr-x---"_s;
        QTest::newRow("whiteout") << int(EntryType::Whiteout) << u"wrwsr-x---"_s;
        QTest::newRow("opaque") << int(EntryType::Opaque) << u"wrwsr-x---"_s;
        QTest::newRow("char") << int(EntryType::CharDevice) << u"crwsr-x---"_s;
        QTest::newRow("block") << int(EntryType::BlockDevice) << u"brwsr-x---"_s;
        QTest::newRow("fifo") << int(EntryType::Fifo) << u"prwsr-x---"_s;
        QTest::newRow("other") << int(EntryType::Other) << u"-rwsr-x---"_s;
    }
    void layerEntryMode()
    {
        QFETCH(int, type);
        QFETCH(QString, expected);
        LayerEntry e;
        e.type = EntryType(type);
        e.mode = 04750;
        QCOMPARE(e.modeString(), expected);
    }
};

STRATA_TEST_APPLESS_MAIN(TestFormat)
#include "tst_format.moc"
