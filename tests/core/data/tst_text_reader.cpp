// The plain text reader, and what all file readers share: opening errors, format detection,
// trimming and filtering, UTF-8 repair, oversized records and progress reporting.
#include "core/data/DataError.h"
#include "core/data/TextReader.h"
#include "core/feedback/Feedback.h"

#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

#include <QtTest>

#include <unistd.h>

#include <string>
#include <vector>

using namespace megatoken;
using megatoken::test::messageOf;
using megatoken::test::writeFile;

namespace {

CorpusSpec textSpec(const std::string& path)
{
    CorpusSpec spec;
    spec.path = path;
    return spec;
}

std::vector<std::string> readAll(const CorpusSpec& spec, ReadStats* stats = nullptr)
{
    return readAllTexts(spec, stats);
}

using Texts = std::vector<std::string>;

}  // namespace

class TestTextReader : public QObject {
    Q_OBJECT

private slots:
    void readsOneTextPerLine();
    void lowercaseAndMinChars();
    void formatByExtension_data();
    void formatByExtension();
    void unknownExtensionIsAnError();
    void openErrors_data();
    void openErrors();
    void unreadableFile();
    void whitespaceOnlyFileFailsAtTheEnd();
    void invalidUtf8IsReplacedAndCounted();
    void hugeLineIsSkippedWithoutLoadingIt();
    void progressReachesTotalBytes();
    void readAllTextsStopsAtMaxTexts();

private:
    QTemporaryDir dir_;
};

void TestTextReader::readsOneTextPerLine()
{
    const std::string path = writeFile(dir_, "plain.txt", "first line\r\n\r\n  second line  \n\t\nthird line");
    ReadStats stats;
    QCOMPARE(readAll(textSpec(path), &stats), (Texts{"first line", "second line", "third line"}));
    QCOMPARE(stats.recordsSeen, 3u);
    QCOMPARE(stats.textsYielded, 3u);
    QCOMPARE(stats.bytesRead, stats.totalBytes);
    QCOMPARE(stats.totalBytes, std::uint64_t(QFileInfo(QString::fromStdString(path)).size()));
    QVERIFY(stats.warnings.empty());
}

void TestTextReader::lowercaseAndMinChars()
{
    const std::string path = writeFile(dir_, "short.txt", "Hello World\nab\n\xC3\x89t\xC3\xA9 ok\nXYZ\n");
    CorpusSpec spec = textSpec(path);
    spec.lowercase = true;
    spec.minChars = 4;
    ReadStats stats;
    // "été ok" has 6 code points but 8 bytes: minChars counts characters.
    QCOMPARE(readAll(spec, &stats), (Texts{"hello world", "\xC3\xA9t\xC3\xA9 ok"}));
    QCOMPARE(stats.skippedShort, 2u);
    QCOMPARE(stats.recordsSeen, 4u);
}

void TestTextReader::formatByExtension_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format");
    QTest::newRow("txt") << "/data/a.txt" << int(CorpusFormat::Text);
    QTest::newRow("TXT") << "/data/A.TXT" << int(CorpusFormat::Text);
    QTest::newRow("csv") << "/data/a.csv" << int(CorpusFormat::Csv);
    QTest::newRow("tsv") << "/data/a.tsv" << int(CorpusFormat::Tsv);
    QTest::newRow("jsonl") << "/data/a.jsonl" << int(CorpusFormat::Jsonl);
    QTest::newRow("json") << "/data/a.json" << int(CorpusFormat::Jsonl);
    QTest::newRow("empty: default corpus") << "" << int(CorpusFormat::WordNet);
    QTest::newRow("wordnet") << "wordnet" << int(CorpusFormat::WordNet);
    QTest::newRow("directory") << QDir::tempPath() << int(CorpusFormat::WordNet);
}

void TestTextReader::formatByExtension()
{
    QFETCH(QString, path);
    QFETCH(int, format);
    CorpusSpec spec = textSpec(path.toStdString());
    QCOMPARE(int(resolveFormat(spec)), format);
    spec.format = CorpusFormat::Tsv;  // an explicit format wins
    QCOMPARE(resolveFormat(spec), CorpusFormat::Tsv);
    QCOMPARE(parseCorpusFormat(formatName(CorpusFormat(format))), std::optional<CorpusFormat>(CorpusFormat(format)));
}

void TestTextReader::unknownExtensionIsAnError()
{
    try {
        resolveFormat(textSpec("/data/reviews.parquet"));
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QCOMPARE(error.file(), std::string("/data/reviews.parquet"));
        QVERIFY2(QString(error.what()).contains(".parquet"), error.what());
    }
}

void TestTextReader::openErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");  // null: do not create
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("problem");
    QTest::newRow("missing file") << "missing.txt" << QByteArray() << int(CorpusFormat::Auto) << "no such file";
    QTest::newRow("empty txt") << "empty.txt" << QByteArray("") << int(CorpusFormat::Auto) << "file is empty";
    QTest::newRow("empty csv") << "empty.csv" << QByteArray("") << int(CorpusFormat::Auto) << "file is empty";
    QTest::newRow("empty jsonl") << "empty.jsonl" << QByteArray("") << int(CorpusFormat::Auto) << "file is empty";
    QTest::newRow("directory as text") << "." << QByteArray() << int(CorpusFormat::Text)
                                       << "is a directory, expected a file";
}

void TestTextReader::openErrors()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(int, format);
    QFETCH(QString, problem);
    const std::string path = content.isNull() ? dir_.filePath(name).toStdString() : writeFile(dir_, name, content);
    CorpusSpec spec = textSpec(path);
    spec.format = CorpusFormat(format);
    try {
        openTextReader(spec);
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QCOMPARE(error.file(), path);
        QCOMPARE(error.line(), 0u);
        QCOMPARE(QString(error.what()), QString::fromStdString(path) + ": " + problem);
    }
}

void TestTextReader::unreadableFile()
{
    if (::geteuid() == 0) QSKIP("root can read any file");
    const std::string path = writeFile(dir_, "secret.txt", "text\n");
    QFile::setPermissions(QString::fromStdString(path), QFileDevice::WriteOwner);
    try {
        openTextReader(textSpec(path));
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QVERIFY2(QString(error.what()).contains("cannot open: Permission denied"), error.what());
    }
}

void TestTextReader::whitespaceOnlyFileFailsAtTheEnd()
{
    const std::string path = writeFile(dir_, "blank.txt", "\n  \n\t\r\n");
    const auto reader = openTextReader(textSpec(path));
    std::string text;
    try {
        reader->next(text);
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QVERIFY2(QString(error.what()).startsWith(QString::fromStdString(path) + ": no texts found"), error.what());
    }
}

void TestTextReader::invalidUtf8IsReplacedAndCounted()
{
    const std::string path = writeFile(dir_, "latin1.txt", "caf\xE9 au lait\nfine\n\xFF\xFE broken\n");
    ReadStats stats;
    const Texts texts = readAll(textSpec(path), &stats);
    QCOMPARE(texts, (Texts{"caf\xEF\xBF\xBD au lait", "fine", "\xEF\xBF\xBD\xEF\xBF\xBD broken"}));
    QCOMPARE(stats.invalidUtf8Records, 2u);
    QCOMPARE(stats.warnings.size(), std::size_t(2));
    QVERIFY2(QString::fromStdString(stats.warnings[1]).startsWith(QString::fromStdString(path) + ":3: invalid UTF-8"),
             stats.warnings[1].c_str());
}

void TestTextReader::hugeLineIsSkippedWithoutLoadingIt()
{
    // 40 MB on one line, well past the 16 MiB default limit.
    QByteArray content = "before\n";
    content += QByteArray(40 * 1000 * 1000, 'x');
    content += "\nafter\nlast";
    const std::string path = writeFile(dir_, "huge.txt", content);
    content.clear();

    ReadStats stats;
    QCOMPARE(readAll(textSpec(path), &stats), (Texts{"before", "after", "last"}));
    QCOMPARE(stats.skippedOversized, 1u);
    QCOMPARE(stats.recordsSeen, 4u);
    QCOMPARE(stats.warnings.size(), std::size_t(1));
    QVERIFY2(
        QString::fromStdString(stats.warnings[0]).startsWith(QString::fromStdString(path) + ":2: record longer than"),
        stats.warnings[0].c_str());

    // A line exactly at the limit is kept; one byte more is not.
    CorpusSpec spec = textSpec(writeFile(dir_, "limit.txt", "12345\r\n123456\n1234"));
    spec.maxRecordBytes = 5;
    QCOMPARE(readAll(spec, &stats), (Texts{"12345", "1234"}));
    QCOMPARE(stats.skippedOversized, 1u);
}

void TestTextReader::progressReachesTotalBytes()
{
    QByteArray content;
    for (int i = 0; content.size() < 5 * 1024 * 1024 + 123; ++i)
        content += "progress line number " + QByteArray::number(i) + '\n';
    const std::string path = writeFile(dir_, "progress.txt", content);

    std::vector<double> calls;
    Feedback feedback;
    feedback.setListener([&](double fraction, const std::string&) { calls.push_back(fraction); });
    const auto reader = openTextReader(textSpec(path), &feedback);
    std::string text;
    std::size_t count = 0;
    while (reader->next(text)) ++count;
    QCOMPARE(count, std::size_t(content.count('\n')));
    QVERIFY(!calls.empty());
    QCOMPARE(calls.back(), 1.0);
    QCOMPARE(reader->stats().bytesRead, std::uint64_t(content.size()));
    QVERIFY2(calls.size() <= 7, qPrintable(QString::number(calls.size())));  // about one per MiB
    for (std::size_t i = 1; i < calls.size(); ++i) QVERIFY(calls[i] > calls[i - 1]);
}

void TestTextReader::readAllTextsStopsAtMaxTexts()
{
    const std::string path = writeFile(dir_, "many.txt", "a\nb\nc\nd\n");
    ReadStats stats;
    QCOMPARE(readAllTexts(textSpec(path), &stats, {}, 2), (Texts{"a", "b"}));
    QCOMPARE(stats.textsYielded, 2u);
}

QTEST_APPLESS_MAIN(TestTextReader)
#include "tst_text_reader.moc"
