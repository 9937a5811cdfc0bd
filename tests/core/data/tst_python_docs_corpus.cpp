// The corpus of longer texts: paragraphs of prose from the Python documentation sources (Debian
// package python3-doc). Which paragraphs are kept, the order and deduplication, the cache and its
// key, cancellation, the error when the package is missing, selection by name, and the real corpus
// when the package is installed.
#include "core/data/CorpusSpec.h"
#include "core/data/DataError.h"
#include "core/data/PythonDocsCorpus.h"
#include "core/data/TextReader.h"
#include "core/data/Utf8.h"
#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"

#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <string>
#include <unordered_set>
#include <vector>

using namespace megatoken;
using megatoken::test::messageOf;

using Texts = std::vector<std::string>;
Q_DECLARE_METATYPE(Texts)

namespace {

namespace fs = std::filesystem;

const QString kRealSources = QString::fromUtf8(kPythonDocsDirectory.data(), int(kPythonDocsDirectory.size()));

const std::string kLongParagraph =
    "This small tree of reStructuredText files stands in for the Python documentation in the tests of the corpus, "
    "so that every rule of the extraction can be checked on a few paragraphs whose expected plain text is written "
    "out by hand in the test itself.";

// A documentation tree in miniature. Listed out of order on purpose: the corpus sorts by path.
const std::vector<std::pair<std::string, std::string>> kFixtureFiles = {
    {"tutorial/intro.rst.txt",
     ".. _tut-intro:\n\n*********************\nAn Informal Tutorial\n*********************\n\n"
     "Python is an easy to learn, powerful programming language.\n\n"
     "In the following examples, input and output are told apart by prompts::\n\n"
     "   >>> print(\"hello\")\n   hello\n\n"
     "which continues a sentence that a code block above interrupted.\n\n"
     "The :mod:`os` module is described in :ref:`os-intro`, with many functions.\n\n"
     "Short one.\n\n"
     "This paragraph appears in two files and is kept only once.\n"},
    {"library/os.rst.txt",
     ":mod:`os` --- Miscellaneous operating system interfaces\n"
     "=======================================================\n\n"
     ".. _os-intro:\n\nIntroduction\n------------\n\n"
     "This module provides a *portable* way of using operating system dependent functionality.\n\n"
     ".. function:: getcwd()\n\n"
     "   Return a string representing the current working directory of the process.\n\n"
     "   ==========  ==========\n   column one  column two\n   ==========  ==========\n\n"
     "* A list item that is long enough to count as a paragraph.\n\n"
     "``os.sep`` ``os.altsep`` ``os.pathsep`` ``os.linesep`` ``os.devnull`` are strings.\n\n"
     "This paragraph appears in two files and is kept only once.\n\n"
     "See :ref:`nowhere-at-all` for a reference that cannot be resolved here.\n"},
    {"library/empty.rst.txt", ""},
    {"index.rst.txt", "Welcome\n=======\n\nWelcome to the documentation of this small test tree, in several files.\n\n"
                      "This small tree of reStructuredText files stands in for the Python documentation in the\n"
                      "tests of the corpus, so that every rule of the extraction can be checked on a few paragraphs\n"
                      "whose expected plain text is written out by hand in the test itself.\n"},
    {"notes.txt", "Not a source file, so never read even though it is a sentence of prose.\n"},
};

const Texts kFixtureTexts = {
    "Welcome to the documentation of this small test tree, in several files.",
    kLongParagraph,
    "This module provides a portable way of using operating system dependent functionality.",
    "Return a string representing the current working directory of the process.",
    "This paragraph appears in two files and is kept only once.",
    "Python is an easy to learn, powerful programming language.",
    "The os module is described in Introduction, with many functions.",
};

QString writeFixture(const QTemporaryDir& dir, const QString& name, bool reversed = false)
{
    const fs::path root = dir.filePath(name).toStdString();
    std::vector<std::pair<std::string, std::string>> files = kFixtureFiles;
    if (reversed) std::reverse(files.begin(), files.end());  // another creation order
    for (const auto& [path, text] : files) test::writeFile(root / path, text);
    return QString::fromStdString(root.string());
}

// Limits that suit the fixture's short paragraphs.
PythonDocsOptions optionsFor(const QString& directory)
{
    PythonDocsOptions options;
    options.directory = directory.toStdString();
    options.minWords = 5;
    options.maxWords = 60;
    return options;
}

QByteArray fileBytes(const fs::path& path)
{
    QFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.readAll();
}

std::size_t wordCount(const std::string& text)
{
    return text.empty() ? 0 : std::size_t(std::count(text.begin(), text.end(), ' ')) + 1;
}

}  // namespace

class TestPythonDocsCorpus : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void keepsRunningProseOnly_data();
    void keepsRunningProseOnly();
    void loadsTheFixtureInPathOrderDeduplicated();
    void buildsAreByteIdentical();
    void cacheHitReturnsTheSameList();
    void changedKeyRebuilds_data();
    void changedKeyRebuilds();
    void corruptCacheIsRebuilt();
    void cancelWritesNoCache_data();
    void cancelWritesNoCache();
    void missingPackageSaysWhatToInstall();
    void selectableByName_data();
    void selectableByName();
    void isATextReader();
    void realCorpus();

private:
    QTemporaryDir cacheDir_;
    QTemporaryDir workDir_;
};

void TestPythonDocsCorpus::initTestCase()
{
    QVERIFY(cacheDir_.isValid());
    QVERIFY(workDir_.isValid());
    qputenv("MEGATOKEN_CACHE_DIR", cacheDir_.path().toLocal8Bit());
}

void TestPythonDocsCorpus::keepsRunningProseOnly_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<Texts>("expected");

    QTest::newRow("a sentence of five words or more")
        << "One two three four five." << Texts{"One two three four five."};
    QTest::newRow("several sentences, markup stripped")
        << "Call :func:`len` on *any* sized object. It returns an int! Really?"
        << Texts{"Call len() on any sized object. It returns an int! Really?"};
    QTest::newRow("closing quotes and brackets after the stop")
        << "He said \"this is the end.\"\n\n(And this is in brackets, too.)"
        << Texts{"He said \"this is the end.\"", "(And this is in brackets, too.)"};
    QTest::newRow("too few words") << "Four words only here." << Texts{};
    QTest::newRow("too many words")
        << "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen."
        << Texts{};
    QTest::newRow("introduces a code block") << "The example below shows how it works::\n\n   code()\n" << Texts{};
    QTest::newRow("no full stop") << "A heading-like line without any stop" << Texts{};
    QTest::newRow("continues an interrupted sentence") << "which is what the code above does too." << Texts{};
    QTest::newRow("mostly inline code") << "Use ``os.path.join(a, b)`` or ``os.sep.join([a, b])`` here." << Texts{};
    QTest::newRow("a list of names") << "Thanks to Ann Bell, Carl Dunn, Eve Fox and Gus Hall." << Texts{};
    QTest::newRow("few letters") << "Values 1, 2, 3, 4, 5 and 6 are 10% of 60." << Texts{};
    QTest::newRow("unresolved reference") << "See :ref:`elsewhere` for all the details." << Texts{};
    QTest::newRow("reference resolved within the document")
        << ".. _details:\n\nDetails\n=======\n\nSee :ref:`details` for all the details."
        << Texts{"See Details for all the details."};
    QTest::newRow("no UTF-8 repair needed, none made")
        << "Grüße aus Köln, sagte er freundlich." << Texts{"Grüße aus Köln, sagte er freundlich."};
}

void TestPythonDocsCorpus::keepsRunningProseOnly()
{
    QFETCH(QString, source);
    QFETCH(Texts, expected);
    PythonDocsOptions options;
    options.minWords = 5;
    options.maxWords = 12;
    QCOMPARE(PythonDocsCorpus::proseOf(source.toStdString(), options), expected);
}

void TestPythonDocsCorpus::loadsTheFixtureInPathOrderDeduplicated()
{
    PythonDocsOptions options = optionsFor(writeFixture(workDir_, "plain"));
    options.useCache = false;
    const PythonDocsCorpus corpus = PythonDocsCorpus::load(options);
    QCOMPARE(corpus.texts(), kFixtureTexts);
    QVERIFY(!corpus.loadedFromCache());
    QVERIFY(corpus.cacheFile().empty());
    QCOMPARE(corpus.sourceFiles(), 4u);  // notes.txt is not a source
    // 13 candidate paragraphs: 7 kept, 4 not prose (code, unresolved, ':' at the end, a
    // continuation), 1 short, 1 duplicate.
    QCOMPARE(corpus.stats().recordsSeen, 13u);
    QCOMPARE(corpus.skippedNotProse(), 4u);
    QCOMPARE(corpus.stats().skippedShort, 1u);
    QCOMPARE(corpus.stats().skippedOversized, 0u);
    QCOMPARE(corpus.stats().skippedDuplicates, 1u);
    QCOMPARE(corpus.stats().textsYielded, 7u);
}

void TestPythonDocsCorpus::buildsAreByteIdentical()
{
    // The same tree written in two creation orders, each built with a cold cache of its own.
    const QString first = writeFixture(workDir_, "order-a");
    const QString second = writeFixture(workDir_, "order-b", true);
    QTemporaryDir cacheA, cacheB, cacheC;
    qputenv("MEGATOKEN_CACHE_DIR", cacheA.path().toLocal8Bit());
    const PythonDocsCorpus a = PythonDocsCorpus::load(optionsFor(first));
    qputenv("MEGATOKEN_CACHE_DIR", cacheB.path().toLocal8Bit());
    const PythonDocsCorpus b = PythonDocsCorpus::load(optionsFor(second));
    qputenv("MEGATOKEN_CACHE_DIR", cacheC.path().toLocal8Bit());
    const PythonDocsCorpus c = PythonDocsCorpus::load(optionsFor(first));
    qputenv("MEGATOKEN_CACHE_DIR", cacheDir_.path().toLocal8Bit());

    QVERIFY(!a.loadedFromCache() && !b.loadedFromCache() && !c.loadedFromCache());
    QCOMPARE(a.texts(), kFixtureTexts);
    QCOMPARE(b.texts(), a.texts());
    const QByteArray bytes = fileBytes(a.cacheFile());
    QVERIFY(bytes.startsWith("megatoken-python-docs 7 4 13 4 1 0 1 0\n"));
    QCOMPARE(fileBytes(b.cacheFile()), bytes);
    QCOMPARE(fileBytes(c.cacheFile()), bytes);
    QCOMPARE(c.cacheFile().filename(), a.cacheFile().filename());  // same tree, same key
}

void TestPythonDocsCorpus::cacheHitReturnsTheSameList()
{
    const QString directory = writeFixture(workDir_, "cached");
    const PythonDocsCorpus first = PythonDocsCorpus::load(optionsFor(directory));
    QVERIFY(!first.loadedFromCache());
    const QString cacheFile = QString::fromStdString(first.cacheFile().string());
    QVERIFY2(cacheFile.startsWith(cacheDir_.path() + "/python-docs-v1-4-"), qPrintable(cacheFile));
    QVERIFY2(QFileInfo(cacheFile).isFile(), qPrintable(cacheFile));
    QVERIFY(QDir(cacheDir_.path()).entryList({"*.tmp-*"}, QDir::Files).isEmpty());  // renamed into place

    std::vector<double> progress;
    Feedback feedback;
    feedback.setListener([&](double fraction, const std::string&) { progress.push_back(fraction); });
    const PythonDocsCorpus second = PythonDocsCorpus::load(optionsFor(directory), &feedback);
    QVERIFY(second.loadedFromCache());
    QCOMPARE(second.cacheFile(), first.cacheFile());
    QCOMPARE(second.texts(), kFixtureTexts);
    QCOMPARE(second.stats().recordsSeen, first.stats().recordsSeen);
    QCOMPARE(second.stats().skippedDuplicates, first.stats().skippedDuplicates);
    QCOMPARE(second.skippedNotProse(), first.skippedNotProse());
    QVERIFY(!progress.empty());
    QCOMPARE(progress.back(), 1.0);
}

void TestPythonDocsCorpus::changedKeyRebuilds_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<Texts>("expected");
    Texts appended = kFixtureTexts;
    appended.push_back("A paragraph added by an upgrade of the package.");
    Texts added = kFixtureTexts;
    added.insert(added.begin() + 5, "A new page brings a new paragraph with it.");
    Texts fewer;
    for (const std::string& text : kFixtureTexts)
        if (wordCount(text) >= 10) fewer.push_back(text);
    QTest::newRow("a source grows") << "append" << appended;
    QTest::newRow("a source is added") << "add" << added;
    QTest::newRow("the limits change") << "options" << fewer;
}

void TestPythonDocsCorpus::changedKeyRebuilds()
{
    QFETCH(QString, change);
    QFETCH(Texts, expected);
    const QString directory = writeFixture(workDir_, "changing-" + change);
    PythonDocsOptions options = optionsFor(directory);
    const PythonDocsCorpus before = PythonDocsCorpus::load(options);
    QVERIFY(PythonDocsCorpus::load(options).loadedFromCache());

    const fs::path root = directory.toStdString();
    if (change == "append") {
        QFile intro(directory + "/tutorial/intro.rst.txt");
        QVERIFY(intro.open(QIODevice::Append));
        intro.write("\nA paragraph added by an upgrade of the package.\n");
    } else if (change == "add") {
        test::writeFile(root / "library/zz-new.rst.txt", "A new page brings a new paragraph with it.\n");
    } else {
        options.minWords = 10;
    }

    const PythonDocsCorpus after = PythonDocsCorpus::load(options);
    QVERIFY(!after.loadedFromCache());
    QVERIFY(after.cacheFile() != before.cacheFile());
    QCOMPARE(after.texts(), expected);
    QVERIFY(PythonDocsCorpus::load(options).loadedFromCache());
}

void TestPythonDocsCorpus::corruptCacheIsRebuilt()
{
    const QString directory = writeFixture(workDir_, "corrupt");
    const PythonDocsCorpus first = PythonDocsCorpus::load(optionsFor(directory));
    QFile cache(QString::fromStdString(first.cacheFile().string()));
    QVERIFY(cache.open(QIODevice::ReadWrite));
    QVERIFY(cache.resize(cache.size() / 2));  // as if a disk filled up mid-write
    cache.close();

    const PythonDocsCorpus second = PythonDocsCorpus::load(optionsFor(directory));
    QVERIFY(!second.loadedFromCache());
    QCOMPARE(second.texts(), kFixtureTexts);
    QVERIFY(PythonDocsCorpus::load(optionsFor(directory)).loadedFromCache());
}

void TestPythonDocsCorpus::cancelWritesNoCache_data()
{
    QTest::addColumn<double>("cancelAt");  // the progress at which the listener cancels; 0: before
    QTest::newRow("before the start") << 0.0;
    QTest::newRow("while parsing") << 0.3;
}

void TestPythonDocsCorpus::cancelWritesNoCache()
{
    QFETCH(double, cancelAt);
    const QString directory = writeFixture(workDir_, QString("cancelled-%1").arg(cancelAt * 10));
    QTemporaryDir cache;
    qputenv("MEGATOKEN_CACHE_DIR", cache.path().toLocal8Bit());
    Feedback feedback;
    if (cancelAt == 0.0)
        feedback.cancel();
    else
        feedback.setListener([&](double fraction, const std::string&) {
            if (fraction >= cancelAt) feedback.cancel();
        });
    QVERIFY_THROWS_EXCEPTION(Cancelled, PythonDocsCorpus::load(optionsFor(directory), &feedback));
    qputenv("MEGATOKEN_CACHE_DIR", cacheDir_.path().toLocal8Bit());
    QVERIFY(QDir(cache.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());
}

void TestPythonDocsCorpus::missingPackageSaysWhatToInstall()
{
    const std::string missing = workDir_.filePath("no-python-docs-here").toStdString();
    PythonDocsOptions options;
    options.directory = missing;
    try {
        PythonDocsCorpus::load(options);
        QFAIL("no DataError");
    } catch (const DataError& error) {
        QCOMPARE(error.file(), missing);
        QVERIFY2(QString(error.what()).contains("install the Debian package python3-doc"), error.what());
        QVERIFY2(QString(error.what()).contains("scripts/setup-debian.sh"), error.what());
    }

    // Through openTextReader, as data.format=python-docs with a folder.
    CorpusSpec spec;
    spec.path = missing;
    spec.format = CorpusFormat::PythonDocs;
    QVERIFY(messageOf<DataError>([&] { openTextReader(spec); }).contains("python3-doc"));

    // A folder without sources.
    const QString empty = workDir_.filePath("no-sources");
    test::writeFile(fs::path(empty.toStdString()) / "README", "nothing here\n");
    options.directory = empty.toStdString();
    const QString message = messageOf<DataError>([&] { PythonDocsCorpus::load(options); });
    QVERIFY2(message.contains("*.rst.txt") && message.contains("python3-doc"), qPrintable(message));
}

void TestPythonDocsCorpus::selectableByName_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format");
    QTest::newRow("python-docs") << "python-docs" << int(CorpusFormat::PythonDocs);
    QTest::newRow("any case") << "Python-Docs" << int(CorpusFormat::PythonDocs);
    QTest::newRow("a file of that stem is a file") << "python-docs.txt" << int(CorpusFormat::Text);
    QTest::newRow("wordnet stays the default") << "" << int(CorpusFormat::WordNet);
}

void TestPythonDocsCorpus::selectableByName()
{
    QFETCH(QString, path);
    QFETCH(int, format);
    CorpusSpec spec;
    spec.path = path.toStdString();
    QCOMPARE(int(resolveFormat(spec)), format);
    QCOMPARE(formatName(CorpusFormat::PythonDocs), std::string_view("python-docs"));
    QCOMPARE(parseCorpusFormat("Python-Docs"), std::optional<CorpusFormat>(CorpusFormat::PythonDocs));
    QVERIFY(isPythonDocsCorpusName("PYTHON-DOCS"));
    QVERIFY(!isPythonDocsCorpusName("python-doc"));
}

void TestPythonDocsCorpus::isATextReader()
{
    // The reader's own limits (32 to 120 words) keep the fixture's one long paragraph.
    CorpusSpec spec;
    spec.path = writeFixture(workDir_, "reader").toStdString();
    spec.format = CorpusFormat::PythonDocs;
    ReadStats stats;
    QCOMPARE(readAllTexts(spec, &stats), Texts{kLongParagraph});
    QCOMPARE(stats.textsYielded, 1u);
    QCOMPARE(stats.recordsSeen, 13u);

    spec.lowercase = true;
    const Texts lowered = readAllTexts(spec);
    QCOMPARE(lowered.size(), std::size_t(1));
    QVERIFY(lowered.front().rfind("this small tree of restructuredtext", 0) == 0);
}

void TestPythonDocsCorpus::realCorpus()
{
    if (!QFileInfo(kRealSources).isDir())
        QSKIP("The Python documentation is not installed (Debian package python3-doc)");
    QTemporaryDir cache;
    qputenv("MEGATOKEN_CACHE_DIR", cache.path().toLocal8Bit());
    QElapsedTimer timer;
    timer.start();
    const PythonDocsCorpus parsed = PythonDocsCorpus::load();
    const qint64 parseMs = timer.restart();
    const PythonDocsCorpus cached = PythonDocsCorpus::load();
    const qint64 cachedMs = timer.elapsed();
    qputenv("MEGATOKEN_CACHE_DIR", cacheDir_.path().toLocal8Bit());
    QVERIFY(!parsed.loadedFromCache());
    QVERIFY(cached.loadedFromCache());
    QCOMPARE(cached.texts(), parsed.texts());

    const Texts& texts = parsed.texts();
    std::size_t bytes = 0;
    for (const std::string& text : texts) {
        bytes += text.size() + 1;
        const std::size_t words = wordCount(text);
        QVERIFY2(words >= 32 && words <= 120, text.c_str());
        QVERIFY2(isValidUtf8(text) && text.find('\n') == std::string::npos, text.c_str());
    }
    qInfo("python-docs: %zu texts (%.2f MB) from %llu files, %llu paragraphs (%llu not prose, %llu short, "
          "%llu long, %llu duplicates); parsed in %lld ms, cached load %lld ms",
          texts.size(), double(bytes) / 1e6, static_cast<unsigned long long>(parsed.sourceFiles()),
          static_cast<unsigned long long>(parsed.stats().recordsSeen),
          static_cast<unsigned long long>(parsed.skippedNotProse()),
          static_cast<unsigned long long>(parsed.stats().skippedShort),
          static_cast<unsigned long long>(parsed.stats().skippedOversized),
          static_cast<unsigned long long>(parsed.stats().skippedDuplicates), parseMs, cachedMs);
    QVERIFY2(texts.size() > 5000 && texts.size() < 20000, qPrintable(QString::number(texts.size())));
    QCOMPARE(std::unordered_set<std::string>(texts.begin(), texts.end()).size(), texts.size());
}

QTEST_APPLESS_MAIN(TestPythonDocsCorpus)
#include "tst_python_docs_corpus.moc"
