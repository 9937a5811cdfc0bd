// CSV and TSV: RFC 4180 quoting, Python-csv leniency, column choice, line numbers in messages,
// malformed rows and the malformed budget, oversized records and chunk boundaries.
#include "core/data/CsvTextReader.h"
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

Texts readWith(const CorpusSpec& spec, char delimiter, std::size_t chunkBytes, ReadStats* stats = nullptr)
{
    CsvTextReader reader(spec, delimiter, {}, chunkBytes);
    Texts texts;
    std::string text;
    while (reader.next(text)) texts.push_back(text);
    if (stats) *stats = reader.stats();
    return texts;
}

}  // namespace

class TestCsvReader : public QObject {
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void lineNumbersSurviveMultiLineRecords();
    void unterminatedQuoteNamesWhereItOpened();
    void unknownColumnListsTheColumns_data();
    void unknownColumnListsTheColumns();
    void headerOnlyFileFailsAtOpen_data();
    void headerOnlyFileFailsAtOpen();
    void malformedRowsAreSkippedAndCounted();
    void tooManyMalformedRowsThrow_data();
    void tooManyMalformedRowsThrow();
    void headerlessFile();
    void oversizedRecordIsSkippedWithoutStoringIt();
    void manyMultiLineRecordsAcrossChunks();
    void invalidUtf8InAFieldIsReplaced();

private:
    QTemporaryDir dir_;
    int fileCounter_ = 0;
};

void TestCsvReader::parses_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("tabs");
    QTest::addColumn<Texts>("expected");

    QTest::newRow("simple") << QByteArray("label,text\n1,hello\n2,world\n") << "text" << false
                            << Texts{"hello", "world"};
    QTest::newRow("default column is text") << QByteArray("text,label\nhello,1\n") << "" << false << Texts{"hello"};
    QTest::newRow("only column") << QByteArray("review\nhello\n") << "" << false << Texts{"hello"};
    QTest::newRow("column by index") << QByteArray("label,text\n1,hello\n") << "0" << false << Texts{"1"};
    QTest::newRow("column name ignores case and spaces")
        << QByteArray("label, Text \n1,hello\n") << "TEXT" << false << Texts{"hello"};
    QTest::newRow("comma inside quotes") << QByteArray("label,text\n1,\"a, b, c\"\n") << "text" << false
                                         << Texts{"a, b, c"};
    QTest::newRow("doubled quotes") << QByteArray("label,text\n1,\"she said \"\"hi\"\"\"\n") << "text" << false
                                    << Texts{"she said \"hi\""};
    QTest::newRow("newline inside quotes") << QByteArray("label,text\n1,\"line one\nline two\"\n2,x\n") << "text"
                                           << false << Texts{"line one\nline two", "x"};
    QTest::newRow("CRLF everywhere") << QByteArray("label,text\r\n1,\"a\r\nb\"\r\n2,c\r\n") << "text" << false
                                     << Texts{"a\nb", "c"};
    QTest::newRow("lone CR line ends") << QByteArray("label,text\r1,a\r2,\"b\rc\"\r") << "text" << false
                                       << Texts{"a", "b\nc"};
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBFtext,label\nhi,1\n") << "text" << false << Texts{"hi"};
    QTest::newRow("empty quoted field is skipped")
        << QByteArray("label,text\n1,\"\"\n2,x\n") << "text" << false << Texts{"x"};
    QTest::newRow("quote inside unquoted field")
        << QByteArray("label,text\n1,a 5\" screen\n") << "text" << false << Texts{"a 5\" screen"};
    QTest::newRow("text after closing quote")
        << QByteArray("label,text\n1,\"abc\"def\n") << "text" << false << Texts{"abcdef"};
    QTest::newRow("quoted header") << QByteArray("\"label\",\"text\"\n1,x\n") << "text" << false << Texts{"x"};
    QTest::newRow("no final newline") << QByteArray("label,text\n1,a\n2,b") << "text" << false << Texts{"a", "b"};
    QTest::newRow("closing quote at end of file") << QByteArray("label,text\n1,\"a\"") << "text" << false << Texts{"a"};
    QTest::newRow("blank lines are not rows")
        << QByteArray("label,text\n\n1,a\n\r\n\n2,b\n\n") << "text" << false << Texts{"a", "b"};
    QTest::newRow("extra fields are fine")
        << QByteArray("label,text\n1,a,extra,more\n") << "text" << false << Texts{"a"};
    QTest::newRow("fields are trimmed") << QByteArray("label,text\n1,\"  padded \n\"\n") << "text" << false
                                        << Texts{"padded"};
    QTest::newRow("tsv") << QByteArray("label\ttext\n1\thello, world\n2\t\"tab\tinside\"\n") << "text" << true
                         << Texts{"hello, world", "tab\tinside"};
    QTest::newRow("tsv multi-line") << QByteArray("text\tlabel\n\"a\nb\"\t1\n") << "text" << true << Texts{"a\nb"};
}

void TestCsvReader::parses()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, column);
    QFETCH(bool, tabs);
    QFETCH(Texts, expected);

    CorpusSpec spec;
    spec.path = writeFile(dir_, QString("case%1.%2").arg(++fileCounter_).arg(tabs ? "tsv" : "csv"), content);
    spec.column = column.toStdString();
    QCOMPARE(readAllTexts(spec), expected);  // through the factory: format by extension

    // Tiny chunks put a chunk boundary at every possible place: inside quotes, between the
    // quotes of a doubled quote, between '\r' and '\n', inside the byte order mark's neighbour.
    for (std::size_t chunkBytes : {4, 5, 7, 11}) QCOMPARE(readWith(spec, tabs ? '\t' : ',', chunkBytes), expected);
}

void TestCsvReader::lineNumbersSurviveMultiLineRecords()
{
    CorpusSpec spec;
    spec.path = writeFile(dir_, "lines.csv",
                          "label,text\n"                 // 1
                          "1,\"three\nline\nreview\"\n"  // 2-4
                          "2\n"                          // 5: too few fields
                          "3,\"two\r\nlines\"\r\n"       // 6-7
                          "4\n"                          // 8: too few fields
                          "5,ok\n");                     // 9
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), (Texts{"three\nline\nreview", "two\nlines", "ok"}));
    QCOMPARE(stats.skippedMalformed, 2u);
    QCOMPARE(stats.recordsSeen, 5u);
    QCOMPARE(stats.warnings.size(), std::size_t(2));
    const QString path = QString::fromStdString(spec.path);
    QCOMPARE(QString::fromStdString(stats.warnings[0]), path + ":5: row has 1 field(s), expected 2");
    QCOMPARE(QString::fromStdString(stats.warnings[1]), path + ":8: row has 1 field(s), expected 2");
}

void TestCsvReader::unterminatedQuoteNamesWhereItOpened()
{
    CorpusSpec spec;
    spec.path = writeFile(dir_, "unterminated.csv", "label,text\n1,ok\n2,\"never closed\nstill going\nand on\n");
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), (Texts{"ok"}));
    QCOMPARE(stats.skippedMalformed, 1u);
    QCOMPARE(QString::fromStdString(stats.warnings.at(0)),
             QString::fromStdString(spec.path) + ":5: unterminated quoted field (opened at line 3)");
}

void TestCsvReader::unknownColumnListsTheColumns_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("problem");
    QTest::newRow("unknown name") << "review"
                                  << ":1: unknown column 'review'; available columns: 0 'label', 1 'body', 2 'stars'";
    QTest::newRow("index out of range")
        << "3"
        << ":1: column index 3 is out of range; available columns: 0 'label', 1 'body', 2 'stars'";
    QTest::newRow("no text column") << ""
                                    << ":1: no column named 'text'; choose the text column; "
                                       "available columns: 0 'label', 1 'body', 2 'stars'";
}

void TestCsvReader::unknownColumnListsTheColumns()
{
    QFETCH(QString, column);
    QFETCH(QString, problem);
    CorpusSpec spec;
    spec.path = writeFile(dir_, "columns.csv", "label,body,stars\n1,hello,5\n");
    spec.column = column.toStdString();
    QCOMPARE(messageOf<DataError>([&] { readAllTexts(spec); }), QString::fromStdString(spec.path) + problem);
}

void TestCsvReader::headerOnlyFileFailsAtOpen_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("header") << QByteArray("label,text");
    QTest::newRow("header and newline") << QByteArray("label,text\r\n");
    QTest::newRow("header and blank lines") << QByteArray("label,text\n\n\n");
}

void TestCsvReader::headerOnlyFileFailsAtOpen()
{
    QFETCH(QByteArray, content);
    CorpusSpec spec;
    spec.path = writeFile(dir_, QString("header%1.csv").arg(++fileCounter_), content);
    try {
        openTextReader(spec);
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QCOMPARE(error.file(), spec.path);
        QCOMPARE(QString(error.what()), QString::fromStdString(spec.path) +
                                            ": no data rows, only a header (available columns: 0 'label', 1 'text')");
    }
}

void TestCsvReader::malformedRowsAreSkippedAndCounted()
{
    // 5 bad rows in 150: under both the absolute and the relative limit.
    QByteArray content = "label,text\n";
    for (int i = 0; i < 150; ++i)
        content += i % 30 == 7 ? QByteArray("only-one-field\n") : "1,row " + QByteArray::number(i) + '\n';
    CorpusSpec spec;
    spec.path = writeFile(dir_, "some-bad.csv", content);
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats).size(), std::size_t(145));
    QCOMPARE(stats.skippedMalformed, 5u);
    QCOMPARE(stats.recordsSeen, 150u);
    QCOMPARE(stats.warnings.size(), std::size_t(5));
    QVERIFY2(QString::fromStdString(stats.warnings[0]).endsWith(":9: row has 1 field(s), expected 2"),
             stats.warnings[0].c_str());
}

void TestCsvReader::tooManyMalformedRowsThrow_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("badEvery");
    QTest::addColumn<int>("maxMalformed");
    QTest::addColumn<QString>("expectedStart");
    QTest::newRow("over the share") << 200 << 5 << 1000 << ":101: too many malformed records (19 of 100;";
    QTest::newRow("over the count") << 50 << 10 << 3 << ":41: too many malformed records (4 of 40;";
    QTest::newRow("zero tolerated") << 50 << 10 << 0 << ":11: too many malformed records (1 of 10;";
}

void TestCsvReader::tooManyMalformedRowsThrow()
{
    QFETCH(int, rows);
    QFETCH(int, badEvery);
    QFETCH(int, maxMalformed);
    QFETCH(QString, expectedStart);
    QByteArray content = "label,text\n";
    for (int i = 1; i <= rows; ++i)
        content += i % badEvery == 0 ? QByteArray("bad\n") : "1,row " + QByteArray::number(i) + '\n';
    CorpusSpec spec;
    spec.path = writeFile(dir_, QString("bad%1.csv").arg(++fileCounter_), content);
    spec.maxMalformed = std::uint64_t(maxMalformed);
    const QString message = messageOf<DataError>([&] { readAllTexts(spec); });
    QVERIFY2(message.startsWith(QString::fromStdString(spec.path) + expectedStart), qPrintable(message));
    QVERIFY2(message.contains("row has 1 field(s), expected 2"), qPrintable(message));  // the first problems
}

void TestCsvReader::headerlessFile()
{
    // The Yelp review CSV: "label","text" rows with no header.
    CorpusSpec spec;
    spec.path = writeFile(dir_, "yelp.csv", "\"5\",\"great \"\"pizza\"\"\"\n\"1\",\"cold\\nfood\"\n");
    spec.hasHeader = false;
    spec.column = "1";
    QCOMPARE(readAllTexts(spec), (Texts{"great \"pizza\"", "cold\\nfood"}));

    spec.column = "text";
    QCOMPARE(messageOf<DataError>([&] { readAllTexts(spec); }),
             QString::fromStdString(spec.path) +
                 ": without a header row the column must be a 0-based index, not 'text'");
    spec.column = "2";
    QVERIFY(
        messageOf<DataError>([&] { readAllTexts(spec); }).contains("no texts found (2 records: 0 texts, 2 malformed)"));
}

void TestCsvReader::oversizedRecordIsSkippedWithoutStoringIt()
{
    QByteArray content = "label,text\n1,short\n2,\"";
    for (int i = 0; i < 500; ++i) content += "a long multi-line review, line " + QByteArray::number(i) + "\n";
    content += "\"\n3,after\n4\n";
    CorpusSpec spec;
    spec.path = writeFile(dir_, "oversized.csv", content);
    spec.maxRecordBytes = 4096;
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), (Texts{"short", "after"}));
    QCOMPARE(stats.skippedOversized, 1u);
    QCOMPARE(stats.skippedMalformed, 1u);
    QCOMPARE(stats.warnings.size(), std::size_t(2));
    const QString path = QString::fromStdString(spec.path);
    QCOMPARE(QString::fromStdString(stats.warnings[0]), path + ":3: record longer than 4096 bytes skipped");
    // Line 3 + 500 lines + the closing line: "3,after" is on line 504, "4" on 505.
    QCOMPARE(QString::fromStdString(stats.warnings[1]), path + ":505: row has 1 field(s), expected 2");
}

void TestCsvReader::manyMultiLineRecordsAcrossChunks()
{
    // Over 3 MiB, so records straddle the real 1 MiB chunk boundaries.
    constexpr int kRecords = 60000;
    QByteArray content = "id,text,stars\r\n";
    for (int i = 0; i < kRecords; ++i)
        content += QByteArray::number(i) + ",\"review " + QByteArray::number(i) +
                   ": \"\"good\"\", cheap\r\nsecond line\",4\r\n";
    QVERIFY(content.size() > 3 * 1024 * 1024);
    CorpusSpec spec;
    spec.path = writeFile(dir_, "many.csv", content);
    ReadStats stats;
    const Texts texts = readAllTexts(spec, &stats);
    QCOMPARE(texts.size(), std::size_t(kRecords));
    for (int i = 0; i < kRecords; ++i)
        QCOMPARE(texts[i], "review " + std::to_string(i) + ": \"good\", cheap\nsecond line");
    QCOMPARE(stats.bytesRead, std::uint64_t(content.size()));
    QVERIFY(stats.warnings.empty());
}

void TestCsvReader::invalidUtf8InAFieldIsReplaced()
{
    CorpusSpec spec;
    spec.path = writeFile(dir_, "latin1.csv", "label,text\n1,\"caf\xE9\"\n2,fine\n");
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), (Texts{"caf\xEF\xBF\xBD", "fine"}));
    QCOMPARE(stats.invalidUtf8Records, 1u);
    QVERIFY2(QString::fromStdString(stats.warnings.at(0)).contains(":2: invalid UTF-8"), stats.warnings[0].c_str());
}

QTEST_APPLESS_MAIN(TestCsvReader)
#include "tst_csv_reader.moc"
