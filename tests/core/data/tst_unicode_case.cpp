// Unicode lowercasing through ICU against Python's str.lower() (what sacreBLEU's lowercase calls):
// each expected value below is Python 3.11's "input".lower().
#include "core/data/UnicodeCase.h"

#include <QtTest>

#include <string>

using namespace megatoken;

class TestUnicodeCase : public QObject {
    Q_OBJECT

private slots:
    void lowercase_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ascii") << QString::fromUtf8("Hello WORLD 42") << QString::fromUtf8("hello world 42");
        QTest::newRow("latin-1") << QString::fromUtf8("ÀÉÎÕÜ Straße ×") << QString::fromUtf8("àéîõü straße ×");
        QTest::newRow("latin extended-a") << QString::fromUtf8("ŁÓDŹ ĀČŊŸ") << QString::fromUtf8("łódź āčŋÿ");
        QTest::newRow("greek, accents") << QString::fromUtf8("ΑΒΓ Ώ Ά") << QString::fromUtf8("αβγ ώ ά");
        QTest::newRow("greek final sigma") << QString::fromUtf8("ΟΔΟΣ ΟΔΟΣ.") << QString::fromUtf8("οδος οδος.");
        QTest::newRow("lone sigma") << QString::fromUtf8("Σ") << QString::fromUtf8("σ");
        QTest::newRow("cyrillic") << QString::fromUtf8("ДЖ Ёж Ӂ") << QString::fromUtf8("дж ёж ӂ");
        QTest::newRow("comma below (Romanian)") << QString::fromUtf8("ȘTIINȚĂ") << QString::fromUtf8("știință");
        QTest::newRow("fullwidth") << QString::fromUtf8("ＡＢＣ Ｚ") << QString::fromUtf8("ａｂｃ ｚ");
        QTest::newRow("titlecase digraphs") << QString::fromUtf8("ǅ ǈ ǋ") << QString::fromUtf8("ǆ ǉ ǌ");
        QTest::newRow("deseret (4 bytes)") << QString::fromUtf8("𐐀𐐁") << QString::fromUtf8("𐐨𐐩");
        QTest::newRow("cherokee") << QString::fromUtf8("ᎠᎡ") << QString::fromUtf8("ꭰꭱ");
        QTest::newRow("armenian") << QString::fromUtf8("ԱԲ") << QString::fromUtf8("աբ");
        QTest::newRow("capital sharp s shrinks") << QString::fromUtf8("ẞ") << QString::fromUtf8("ß");
        QTest::newRow("dotted capital I grows") << QString::fromUtf8("İstanbul") << QString::fromUtf8("i̇stanbul");
        QTest::newRow("no case") << QString::fromUtf8("日本 € 42") << QString::fromUtf8("日本 € 42");
    }

    void lowercase()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        std::string text = input.toStdString();
        lowercaseUtf8(text);
        QCOMPARE(QString::fromStdString(text), expected);
    }

    void invalidUtf8BecomesReplacementCharacters()
    {
        std::string text = "A\xFF"
                           "B";
        lowercaseUtf8(text);
        QCOMPARE(text, std::string("a\xEF\xBF\xBD"
                                   "b"));
    }
};

QTEST_APPLESS_MAIN(TestUnicodeCase)
#include "tst_unicode_case.moc"
