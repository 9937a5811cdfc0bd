// The default corpus: WordNet gloss parsing, deduplication, the cache, and the real corpus
// when the wordnet-base package is installed.
#include "core/data/DataError.h"
#include "core/data/Split.h"
#include "core/data/TextReader.h"
#include "core/data/WordNetCorpus.h"
#include "core/feedback/Feedback.h"

#include <QtTest>

#include <cctype>
#include <string>
#include <unordered_set>
#include <vector>

using namespace megatoken;

using Texts = std::vector<std::string>;
Q_DECLARE_METATYPE(Texts)

namespace {

const QString kFixture = QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/wordnet-mini");
const QString kRealWordNet = QStringLiteral("/usr/share/wordnet");

// The fixture's texts as computed independently (with Python) when the fixture was made.
Texts expectedFixtureTexts()
{
    QFile file(kFixture + "/expected-texts.txt");
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(file.fileName()));
    Texts texts;
    for (const QByteArray& line : file.readAll().split('\n'))
        if (!line.isEmpty()) texts.push_back(line.toStdString());
    return texts;
}

// A writable copy of the fixture, to change it under the cache's feet.
QString copyFixture(const QTemporaryDir& dir, const QString& name)
{
    const QString target = dir.filePath(name);
    QDir().mkpath(target);
    for (const char* file : {"data.noun", "data.verb", "data.adj", "data.adv"})
        if (!QFile::copy(kFixture + '/' + file, target + '/' + file)) qFatal("cannot copy the fixture");
    return target;
}

WordNetOptions optionsFor(const QString& directory)
{
    WordNetOptions options;
    options.directory = directory.toStdString();
    return options;
}

}  // namespace

class TestWordNetCorpus : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void parsesGlossLines_data();
    void parsesGlossLines();
    void loadsTheFixtureDeduplicated();
    void cacheHitReturnsTheSameList();
    void cacheRefreshesWhenWordNetChanges();
    void corruptCacheIsRebuilt();
    void lowercaseAndMinChars();
    void isATextReader();
    void missingWordNetSaysWhatToInstall();
    void realCorpus();

private:
    QTemporaryDir cacheDir_;
    QTemporaryDir workDir_;
};

void TestWordNetCorpus::initTestCase()
{
    QVERIFY(cacheDir_.isValid());
    qputenv("MEGATOKEN_CACHE_DIR", cacheDir_.path().toLocal8Bit());
}

void TestWordNetCorpus::parsesGlossLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<Texts>("expected");
    QTest::newRow("licence") << "  1 This software and database is being provided to you, the LICENSEE, by  "
                             << Texts{};
    QTest::newRow("gloss only") << "00001740 02 r 01 a_cappella 0 000 | without musical accompaniment  "
                                << Texts{"without musical accompaniment"};
    QTest::newRow("examples are unquoted")
        << "00058743 04 n 02 escape 0 flight 1 001 @ 00046177 n 0000 | the act of escaping physically; "
           "\"he made his escape\"; \"his flight was an indication of his guilt\"  "
        << Texts{"the act of escaping physically", "he made his escape", "his flight was an indication of his guilt"};
    QTest::newRow("pointer symbols with ';' before the bar")
        << "00034924 00 s 01 activated 0 002 & 00034710 a 0000 ;c 08199025 n 0000 | (military) set up; "
           "\"a newly activated unit\"  "
        << Texts{"(military) set up", "a newly activated unit"};
    QTest::newRow("empty parts dropped") << "00000001 00 a 01 x 0 000 | one;; \"\" ; two;  " << Texts{"one", "two"};
    QTest::newRow("no gloss") << "00000001 00 a 01 x 0 000" << Texts{};
}

void TestWordNetCorpus::parsesGlossLines()
{
    QFETCH(QString, line);
    QFETCH(Texts, expected);
    Texts texts;
    WordNetCorpus::appendGlossTexts(line.toStdString(), texts);
    QCOMPARE(texts, expected);
}

void TestWordNetCorpus::loadsTheFixtureDeduplicated()
{
    WordNetOptions options = optionsFor(kFixture);
    options.useCache = false;
    const WordNetCorpus corpus = WordNetCorpus::load(options);
    QCOMPARE(corpus.texts(), expectedFixtureTexts());
    QCOMPARE(corpus.texts().size(), std::size_t(42));
    QCOMPARE(corpus.stats().recordsSeen, 15u);  // synset lines, licence lines excluded
    QCOMPARE(corpus.stats().skippedDuplicates, 4u);
    QCOMPARE(corpus.stats().textsYielded, 42u);
    QVERIFY(!corpus.loadedFromCache());
    QVERIFY(corpus.cacheFile().empty());
    for (const std::string& text : corpus.texts()) QVERIFY2(text.find('"') == std::string::npos, text.c_str());
}

void TestWordNetCorpus::cacheHitReturnsTheSameList()
{
    const QString directory = copyFixture(workDir_, "cached");
    const WordNetCorpus first = WordNetCorpus::load(optionsFor(directory));
    QVERIFY(!first.loadedFromCache());
    QVERIFY(!first.cacheFile().empty());
    const QString cacheFile = QString::fromStdString(first.cacheFile().string());
    QVERIFY2(QFileInfo(cacheFile).isFile(), qPrintable(cacheFile));
    QVERIFY2(cacheFile.startsWith(cacheDir_.path() + "/wordnet-glosses-v1-"), qPrintable(cacheFile));
    QVERIFY(QDir(cacheDir_.path()).entryList({"*.tmp-*"}, QDir::Files).isEmpty());  // renamed into place

    std::vector<double> progress;
    Feedback feedback;
    feedback.setListener([&](double fraction, const std::string&) { progress.push_back(fraction); });
    const WordNetCorpus second = WordNetCorpus::load(optionsFor(directory), &feedback);
    QVERIFY(second.loadedFromCache());
    QCOMPARE(second.texts(), first.texts());
    QCOMPARE(second.texts(), expectedFixtureTexts());
    QCOMPARE(second.stats().recordsSeen, first.stats().recordsSeen);
    QCOMPARE(second.stats().skippedDuplicates, first.stats().skippedDuplicates);
    QVERIFY(!progress.empty());
    QCOMPARE(progress.back(), 1.0);
}

void TestWordNetCorpus::cacheRefreshesWhenWordNetChanges()
{
    const QString directory = copyFixture(workDir_, "changing");
    const WordNetCorpus before = WordNetCorpus::load(optionsFor(directory));
    QVERIFY(WordNetCorpus::load(optionsFor(directory)).loadedFromCache());

    QFile adverbs(directory + "/data.adv");
    QVERIFY(adverbs.open(QIODevice::Append));
    adverbs.write("00099999 02 r 01 anew 0 000 | in a new way; \"she started anew\"  \n");
    adverbs.close();

    const WordNetCorpus after = WordNetCorpus::load(optionsFor(directory));
    QVERIFY(!after.loadedFromCache());
    QVERIFY(after.cacheFile() != before.cacheFile());
    QCOMPARE(after.texts().size(), before.texts().size() + 2);
    QCOMPARE(after.texts().back(), std::string("she started anew"));
}

void TestWordNetCorpus::corruptCacheIsRebuilt()
{
    const QString directory = copyFixture(workDir_, "corrupt");
    const WordNetCorpus first = WordNetCorpus::load(optionsFor(directory));
    QFile cache(QString::fromStdString(first.cacheFile().string()));
    QVERIFY(cache.open(QIODevice::ReadWrite));
    QVERIFY(cache.resize(cache.size() / 2));  // as if a disk filled up mid-write
    cache.close();

    const WordNetCorpus second = WordNetCorpus::load(optionsFor(directory));
    QVERIFY(!second.loadedFromCache());
    QCOMPARE(second.texts(), expectedFixtureTexts());
    QVERIFY(WordNetCorpus::load(optionsFor(directory)).loadedFromCache());
}

void TestWordNetCorpus::lowercaseAndMinChars()
{
    WordNetOptions options = optionsFor(kFixture);
    options.lowercase = true;
    options.minChars = 20;
    const WordNetCorpus corpus = WordNetCorpus::load(options);
    Texts expected;
    for (std::string text : expectedFixtureTexts()) {
        if (text.size() < 20) continue;
        for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
        expected.push_back(text);
    }
    QCOMPARE(corpus.texts(), expected);
    QVERIFY(corpus.stats().skippedShort > 0);
}

void TestWordNetCorpus::isATextReader()
{
    CorpusSpec spec;
    spec.path = kFixture.toStdString();  // a directory: the WordNet format
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), expectedFixtureTexts());
    QCOMPARE(stats.textsYielded, 42u);

    spec.format = CorpusFormat::WordNet;
    const auto reader = openTextReader(spec);
    std::string text;
    QVERIFY(reader->next(text));
    QCOMPARE(text, expectedFixtureTexts().front());
}

void TestWordNetCorpus::missingWordNetSaysWhatToInstall()
{
    const std::string missing = workDir_.filePath("no-wordnet-here").toStdString();
    try {
        WordNetCorpus::load(optionsFor(QString::fromStdString(missing)));
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QCOMPARE(error.file(), missing);
        QVERIFY2(QString(error.what()).contains("install the Debian package wordnet-base"), error.what());
    }

    // A directory without the data files names the first missing one.
    const QString empty = workDir_.filePath("empty-wordnet");
    QDir().mkpath(empty);
    CorpusSpec spec;
    spec.path = empty.toStdString();
    try {
        openTextReader(spec);
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QCOMPARE(QString::fromStdString(error.file()), empty + "/data.noun");
        QVERIFY2(QString(error.what()).contains("wordnet-base"), error.what());
    }
}

void TestWordNetCorpus::realCorpus()
{
    if (!QFileInfo(kRealWordNet + "/data.noun").isFile())
        QSKIP("WordNet is not installed (Debian package wordnet-base)");
    QElapsedTimer timer;
    timer.start();
    const WordNetCorpus parsed = WordNetCorpus::load(optionsFor(kRealWordNet));
    const qint64 parseMs = timer.restart();
    const WordNetCorpus cached = WordNetCorpus::load(optionsFor(kRealWordNet));
    const qint64 cachedMs = timer.elapsed();
    QVERIFY(cached.loadedFromCache());
    QCOMPARE(cached.texts(), parsed.texts());

    const std::size_t count = parsed.texts().size();
    qInfo("WordNet: %zu texts from %llu synsets (%llu duplicates dropped); parsed in %lld ms, cached load %lld ms",
          count, static_cast<unsigned long long>(parsed.stats().recordsSeen),
          static_cast<unsigned long long>(parsed.stats().skippedDuplicates), parseMs, cachedMs);
    QVERIFY2(count > 150000 && count < 220000, qPrintable(QString::number(count)));
    QCOMPARE(std::unordered_set<std::string>(parsed.texts().begin(), parsed.texts().end()).size(), count);

    const SplitTexts split = splitTexts(parsed.texts());
    const double validation = double(split.validation.size()) / count;
    const double test = double(split.test.size()) / count;
    qInfo("WordNet split: %zu train, %zu validation, %zu test", split.train.size(), split.validation.size(),
          split.test.size());
    QVERIFY2(qAbs(validation - 0.01) < 0.002 && qAbs(test - 0.01) < 0.002,
             qPrintable(QString("%1 %2").arg(validation).arg(test)));
}

QTEST_APPLESS_MAIN(TestWordNetCorpus)
#include "tst_wordnet_corpus.moc"
