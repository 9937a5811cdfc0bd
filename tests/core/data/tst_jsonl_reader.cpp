// JSON Lines: the text field (plain, dotted, custom), bad lines, missing or non-string fields,
// invalid UTF-8, the malformed budget, oversized lines and whole-file JSON arrays.
#include "core/data/DataError.h"
#include "core/data/TextReader.h"

#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace megatoken;
using megatoken::test::messageOf;
using megatoken::test::writeFile;

using Texts = std::vector<std::string>;
Q_DECLARE_METATYPE(Texts)

namespace {

}  // namespace

class TestJsonlReader : public QObject {
    Q_OBJECT

private slots:
    void readsTheField_data();
    void readsTheField();
    void badLinesAreSkippedAndCounted();
    void invalidUtf8IsReplacedAndCounted();
    void tooManyBadLinesThrow();
    void onlyBadLinesFailAtTheEnd();
    void oversizedLineIsSkipped();
    void jsonArrayIsRejectedAtOpen();

private:
    QTemporaryDir dir_;
    int fileCounter_ = 0;
};

void TestJsonlReader::readsTheField_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("field");
    QTest::addColumn<Texts>("expected");
    QTest::newRow("yelp-like") << QByteArray("{\"review_id\": \"x1\", \"stars\": 4, \"text\": \"Great tacos.\"}\n"
                                             "{\"stars\": 1, \"text\": \"Cold.\\nNever again.\"}\n")
                               << "text" << Texts{"Great tacos.", "Cold.\nNever again."};
    QTest::newRow("escapes") << QByteArray("{\"text\": \"caf\\u00e9 \\\"quoted\\\" \\ud83d\\ude00\"}\n") << "text"
                             << Texts{"caf\xC3\xA9 \"quoted\" \xF0\x9F\x98\x80"};
    QTest::newRow("CRLF and blank lines")
        << QByteArray("\r\n{\"text\": \"a\"}\r\n   \r\n{\"text\": \"b\"}") << "text" << Texts{"a", "b"};
    QTest::newRow("custom field") << QByteArray("{\"body\": \"x\", \"text\": 3}\n") << "body" << Texts{"x"};
    QTest::newRow("dotted path") << QByteArray("{\"review\": {\"text\": \"nested\", \"stars\": 2}}\n") << "review.text"
                                 << Texts{"nested"};
    QTest::newRow("literal dotted key wins")
        << QByteArray("{\"a.b\": \"literal\", \"a\": {\"b\": \"nested\"}}\n") << "a.b" << Texts{"literal"};
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"text\": \"bom\"}\n") << "text" << Texts{"bom"};
}

void TestJsonlReader::readsTheField()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, field);
    QFETCH(Texts, expected);
    CorpusSpec spec;
    spec.path = writeFile(dir_, QString("case%1.jsonl").arg(++fileCounter_), content);
    spec.field = field.toStdString();
    QCOMPARE(readAllTexts(spec), expected);
}

void TestJsonlReader::badLinesAreSkippedAndCounted()
{
    CorpusSpec spec;
    spec.path = writeFile(dir_, "mixed.jsonl",
                          "{\"text\": \"one\"}\n"              // 1
                          "{\"text\": \"unterminated}\n"       // 2: bad JSON
                          "{\"stars\": 5, \"body\": \"x\"}\n"  // 3: missing field
                          "{\"text\": 42}\n"                   // 4: not a string
                          "{\"text\": null}\n"                 // 5: not a string
                          "[\"text\", \"array\"]\n"            // 6: not an object
                          "\n"                                 // 7: blank, not a record
                          "{\"text\": \"  \"}\n"               // 8: empty after trimming
                          "{\"text\": \"two\"}\n");            // 9
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), (Texts{"one", "two"}));
    QCOMPARE(stats.recordsSeen, 8u);
    QCOMPARE(stats.skippedMalformed, 5u);
    QCOMPARE(stats.skippedShort, 1u);
    const QString path = QString::fromStdString(spec.path);
    const QStringList expected = {
        path + ":2: invalid JSON: {\"text\": \"unterminated}",  path + ":3: missing field 'text' (keys: body, stars)",
        path + ":4: field 'text' is number, expected a string", path + ":5: field 'text' is null, expected a string",
        path + ":6: expected a JSON object, found array",
    };
    QStringList warnings;
    for (const std::string& warning : stats.warnings) warnings << QString::fromStdString(warning);
    QCOMPARE(warnings, expected);
}

void TestJsonlReader::invalidUtf8IsReplacedAndCounted()
{
    CorpusSpec spec;
    spec.path = writeFile(dir_, "latin1.jsonl", "{\"text\": \"caf\xE9\"}\n{\"text\": \"ok\", \"name\": \"\xFF\"}\n");
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), (Texts{"caf\xEF\xBF\xBD", "ok"}));
    QCOMPARE(stats.invalidUtf8Records, 2u);  // counted per line, whichever field had the bad bytes
    QCOMPARE(stats.skippedMalformed, 0u);
}

void TestJsonlReader::tooManyBadLinesThrow()
{
    QByteArray content;
    for (int i = 1; i <= 300; ++i)
        content += i % 4 == 0 ? QByteArray("{\"txt\": \"typo in the key\"}\n") : QByteArray("{\"text\": \"fine\"}\n");
    CorpusSpec spec;
    spec.path = writeFile(dir_, "typo.jsonl", content);
    const QString message = messageOf<DataError>([&] { readAllTexts(spec); });
    QVERIFY2(message.startsWith(QString::fromStdString(spec.path) + ":100: too many malformed records (24 of 100;"),
             qPrintable(message));
    QVERIFY2(message.contains(":4: missing field 'text' (keys: txt)"), qPrintable(message));
}

void TestJsonlReader::onlyBadLinesFailAtTheEnd()
{
    CorpusSpec spec;
    spec.path = writeFile(dir_, "wrong-field.jsonl", "{\"body\": \"a\"}\n{\"body\": \"b\"}\n");
    QCOMPARE(messageOf<DataError>([&] { readAllTexts(spec); }),
             QString::fromStdString(spec.path) + ": no texts found (2 records: 0 texts, 2 malformed)");
    spec.field = "body";
    QCOMPARE(readAllTexts(spec), (Texts{"a", "b"}));
}

void TestJsonlReader::oversizedLineIsSkipped()
{
    QByteArray content = "{\"text\": \"before\"}\n{\"text\": \"";
    content += QByteArray(3 * 1024 * 1024, 'y');
    content += "\"}\n{\"text\": \"after\"}\n";
    CorpusSpec spec;
    spec.path = writeFile(dir_, "oversized.jsonl", content);
    spec.maxRecordBytes = 1024 * 1024;
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), (Texts{"before", "after"}));
    QCOMPARE(stats.skippedOversized, 1u);
    QVERIFY2(QString::fromStdString(stats.warnings.at(0)).endsWith(":2: record longer than 1048576 bytes skipped"),
             stats.warnings[0].c_str());
}

void TestJsonlReader::jsonArrayIsRejectedAtOpen()
{
    CorpusSpec spec;
    spec.path = writeFile(dir_, "array.json", "\n  [\n  {\"text\": \"a\"},\n  {\"text\": \"b\"}\n]\n");
    try {
        openTextReader(spec);
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QVERIFY2(QString(error.what()).contains("JSON array, not JSON Lines"), error.what());
    }
}

QTEST_APPLESS_MAIN(TestJsonlReader)
#include "tst_jsonl_reader.moc"
