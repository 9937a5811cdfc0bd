// UTF-8 validation, repair, lowercasing and trimming used by every corpus reader.
#include "core/data/Utf8.h"

#include <QtTest>

#include <string>

using namespace megatoken;

class TestUtf8 : public QObject {
    Q_OBJECT

private slots:
    void validity_data();
    void validity();
    void sanitize_data();
    void sanitize();
    void sanitizeLeavesValidTextAlone();
    void countsCodePoints();
    void trims();
};

void TestUtf8::validity_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QByteArray("") << true;
    QTest::newRow("ascii") << QByteArray("plain text") << true;
    QTest::newRow("two-byte") << QByteArray("caf\xC3\xA9") << true;
    QTest::newRow("three-byte") << QByteArray("\xE2\x82\xAC 5") << true;
    QTest::newRow("four-byte") << QByteArray("\xF0\x9F\x98\x80") << true;
    QTest::newRow("highest code point") << QByteArray("\xF4\x8F\xBF\xBF") << true;
    QTest::newRow("lone continuation") << QByteArray("a\x80"
                                                     "b")
                                       << false;
    QTest::newRow("truncated at end") << QByteArray("a\xE2\x82") << false;
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << false;
    QTest::newRow("overlong three-byte") << QByteArray("\xE0\x80\xAF") << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
    QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
    QTest::newRow("latin-1 byte") << QByteArray("caf\xE9") << false;
    QTest::newRow("FF") << QByteArray("\xFF") << false;
}

void TestUtf8::validity()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(std::string_view(bytes.constData(), bytes.size())), valid);
}

void TestUtf8::sanitize_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<int>("replacements");
    // Expected values follow Python's bytes.decode("utf-8", "replace").
    QTest::newRow("latin-1 byte") << QByteArray("caf\xE9!") << QByteArray("caf\xEF\xBF\xBD!") << 1;
    QTest::newRow("truncated sequence is one") << QByteArray("a\xE2\x82") << QByteArray("a\xEF\xBF\xBD") << 1;
    QTest::newRow("truncated then valid")
        << QByteArray("\xE2\x82\xE2\x82\xAC") << QByteArray("\xEF\xBF\xBD\xE2\x82\xAC") << 1;
    QTest::newRow("overlong is two") << QByteArray("\xC0\xAF") << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD") << 2;
    QTest::newRow("surrogate is three") << QByteArray("\xED\xA0\x80")
                                        << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") << 3;
    QTest::newRow("truncated four-byte") << QByteArray("\xF0\x9F\x98x") << QByteArray("\xEF\xBF\xBDx") << 1;
}

void TestUtf8::sanitize()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QFETCH(int, replacements);
    std::string text(input.constData(), input.size());
    QCOMPARE(sanitizeUtf8(text), std::size_t(replacements));
    QCOMPARE(QByteArray::fromStdString(text), expected);
    QVERIFY(isValidUtf8(text));
}

void TestUtf8::sanitizeLeavesValidTextAlone()
{
    std::string text = "na\xC3\xAFve \xF0\x9F\x98\x80";
    const std::string original = text;
    QCOMPARE(sanitizeUtf8(text), std::size_t(0));
    QCOMPARE(text, original);
}

void TestUtf8::countsCodePoints()
{
    QCOMPARE(countCodePoints(""), std::size_t(0));
    QCOMPARE(countCodePoints("abc"), std::size_t(3));
    QCOMPARE(countCodePoints("caf\xC3\xA9"), std::size_t(4));
    QCOMPARE(countCodePoints("\xE6\x97\xA5\xE6\x9C\xAC"), std::size_t(2));
}

void TestUtf8::trims()
{
    QCOMPARE(trimAsciiWhitespace(std::string_view(" \t a b \r\n")), std::string_view("a b"));
    QCOMPARE(trimAsciiWhitespace(std::string_view("   ")), std::string_view(""));
    std::string text = "\n  keep inner  spaces \t";
    trimAsciiWhitespace(text);
    QCOMPARE(text, std::string("keep inner  spaces"));
}

QTEST_APPLESS_MAIN(TestUtf8)
#include "tst_utf8.moc"
