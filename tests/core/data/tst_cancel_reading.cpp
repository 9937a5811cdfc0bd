// Cancelling corpus reading through a Feedback: every format stops within a chunk of input with
// Cancelled, reports its progress on the way, and a cancelled WordNet parse leaves no cache behind.
#include "core/data/CorpusSpec.h"
#include "core/data/EncodedCorpus.h"
#include "core/data/SplitReader.h"
#include "core/data/TextReader.h"
#include "core/data/WordNetCorpus.h"
#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"

#include "support/GeneratedCorpus.h"
#include "support/TestFiles.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace megatoken;
using megatoken::test::writeFile;

namespace {

constexpr std::uint64_t kMiB = 1u << 20;

// About `bytes` of generated sentences as a file of the given format (by extension).
std::string writeCorpus(const QTemporaryDir& dir, const QString& extension, std::uint64_t bytes)
{
    QByteArray content;
    if (extension == "csv") content = "id,text\n";
    if (extension == "tsv") content = "id\ttext\n";
    std::size_t id = 0;
    while (static_cast<std::uint64_t>(content.size()) < bytes) {
        for (const std::string& sentence : test::generatedSentences(1000, ++id)) {
            const QByteArray text = QByteArray::fromStdString(sentence);
            if (extension == "csv")
                content += QByteArray::number(qulonglong(id)) + ",\"" + text + "\"\n";
            else if (extension == "tsv")
                content += QByteArray::number(qulonglong(id)) + '\t' + text + '\n';
            else if (extension == "jsonl")
                content += "{\"text\": \"" + text + "\"}\n";
            else
                content += text + '\n';
        }
    }
    return writeFile(dir, "corpus." + extension, content);
}

CorpusSpec specFor(const std::string& path)
{
    CorpusSpec spec;
    spec.path = path;
    spec.column = "text";
    return spec;
}

}  // namespace

class TestCancelReading : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cancelStopsWithinAChunk_data();
    void cancelStopsWithinAChunk();
    void aCancelledFeedbackReadsNothing_data();
    void aCancelledFeedbackReadsNothing();
    void splitReadingStopsToo();
    void cancelledWordNetParseWritesNoCache();

private:
    QTemporaryDir dir_;
    QTemporaryDir cacheDir_;
};

void TestCancelReading::initTestCase()
{
    QVERIFY(dir_.isValid() && cacheDir_.isValid());
    qputenv("MEGATOKEN_CACHE_DIR", cacheDir_.path().toLocal8Bit());
}

void TestCancelReading::cancelStopsWithinAChunk_data()
{
    QTest::addColumn<QString>("extension");
    for (const char* extension : {"txt", "csv", "tsv", "jsonl"}) QTest::newRow(extension) << extension;
}

// A reader cancelled (from its own progress report) at 30% of an 8 MiB file throws Cancelled from
// next() before it has read another whole chunk (1 MiB).
void TestCancelReading::cancelStopsWithinAChunk()
{
    QFETCH(QString, extension);
    const std::string path = writeCorpus(dir_, extension, 8 * kMiB);
    const auto size = static_cast<double>(std::filesystem::file_size(path));
    Feedback feedback;
    double cancelledAt = -1;
    std::vector<double> heard;
    feedback.setListener([&](double fraction, const std::string&) {
        heard.push_back(fraction);
        if (fraction >= 0.3 && cancelledAt < 0) {
            cancelledAt = fraction;
            feedback.cancel();
        }
    });
    const auto reader = openTextReader(specFor(path), &feedback);
    std::string text;
    std::size_t texts = 0;
    try {
        while (reader->next(text)) ++texts;
        QFAIL("read to the end although cancelled");
    } catch (const Cancelled&) {
    }
    QVERIFY(cancelledAt >= 0.3);
    QVERIFY(texts > 0);
    const double readAfterCancel = static_cast<double>(reader->stats().bytesRead) - cancelledAt * size;
    QVERIFY2(readAfterCancel <= static_cast<double>(kMiB), qPrintable(QString::number(readAfterCancel)));
    QVERIFY(heard.back() < 1.0);
    for (std::size_t i = 1; i < heard.size(); ++i) QVERIFY(heard[i] > heard[i - 1]);
}

void TestCancelReading::aCancelledFeedbackReadsNothing_data()
{
    QTest::addColumn<QString>("extension");
    for (const char* extension : {"txt", "csv", "jsonl", "wordnet"}) QTest::newRow(extension) << extension;
}

void TestCancelReading::aCancelledFeedbackReadsNothing()
{
    QFETCH(QString, extension);
    const CorpusSpec spec = extension == "wordnet" ? specFor(MEGATOKEN_TEST_DATA_DIR "/wordnet-mini")
                                                   : specFor(writeCorpus(dir_, extension, 64 * 1024));
    Feedback feedback;
    feedback.cancel();
    QVERIFY_THROWS_EXCEPTION(Cancelled, readAllTexts(spec, nullptr, &feedback));
    // A sub-range of a cancelled run is cancelled too.
    Feedback reading(feedback, 0.0, 0.3);
    QVERIFY_THROWS_EXCEPTION(Cancelled, readAllTexts(spec, nullptr, &reading));
}

void TestCancelReading::splitReadingStopsToo()
{
    const CorpusSpec spec = specFor(writeCorpus(dir_, "txt", 4 * kMiB));
    Feedback feedback;
    feedback.setListener([&](double fraction, const std::string&) {
        if (fraction >= 0.5) feedback.cancel();
    });
    QVERIFY_THROWS_EXCEPTION(Cancelled, readSplitTexts(spec, Split::Test, 0, &feedback));
    // Uncancelled, the same call reads the split to the end and reports 1.
    Feedback whole;
    QVERIFY(!readSplitTexts(spec, Split::Test, 0, &whole).empty());
    QCOMPARE(whole.progress(), 1.0);
}

void TestCancelReading::cancelledWordNetParseWritesNoCache()
{
    // A copy, so that the cache key is this test's own.
    const QString directory = dir_.filePath("wordnet");
    QDir().mkpath(directory);
    for (const char* file : {"data.noun", "data.verb", "data.adj", "data.adv"})
        QVERIFY(QFile::copy(QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/wordnet-mini/") + file, directory + '/' + file));
    WordNetOptions options;
    options.directory = directory.toStdString();
    Feedback feedback;
    feedback.setListener([&](double fraction, const std::string&) {
        if (fraction > 0.0) feedback.cancel();  // after the first file's chunk
    });
    QVERIFY_THROWS_EXCEPTION(Cancelled, WordNetCorpus::load(options, &feedback));
    QVERIFY(QDir(cacheDir_.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());

    Feedback whole;
    const WordNetCorpus corpus = WordNetCorpus::load(options, &whole);
    QVERIFY(!corpus.texts().empty());
    QCOMPARE(whole.progress(), 1.0);
    QCOMPARE(QDir(cacheDir_.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 1);
}

QTEST_APPLESS_MAIN(TestCancelReading)
#include "tst_cancel_reading.moc"
