// Cancelling tokenizer training (Tokenizer::train runs sentencepiece in the megatoken-spm-train
// helper process): in every stage the call ends promptly with Cancelled, the helper is gone, and
// the output prefix holds what it held before (nothing, or an earlier model) with no temporary
// left; progress runs from 0 to 1 when nothing cancels it.
#include <QtTest>

#include <sys/wait.h>

#include <QElapsedTimer>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/tokenizer/TokenizerCache.h"
#include "support/GeneratedCorpus.h"

using namespace megatoken;

namespace {

TokenizerTrainOptions options(int vocab)
{
    TokenizerTrainOptions o;
    o.vocabSize = vocab;
    o.numThreads = 2;
    return o;
}

// The test process has no children but the helpers it started: none may be left running.
bool noChildLeft()
{
    errno = 0;
    return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

QStringList leftovers(const QTemporaryDir& dir)
{
    return QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

}  // namespace

class TestTokenizerCancel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Large enough that sentencepiece takes seconds and the texts take many writes to send.
        texts_ = test::generatedSentences(150000);
        QVERIFY(noChildLeft());
    }

    void cancelEndsTrainingPromptly_data()
    {
        QTest::addColumn<QString>("when");
        QTest::newRow("before it starts") << "before";
        QTest::newRow("while the texts are sent") << "sending";
        QTest::newRow("while sentencepiece trains") << "training";
        QTest::newRow("from another thread") << "thread";
    }
    void cancelEndsTrainingPromptly()
    {
        QFETCH(QString, when);
        QTemporaryDir dir;
        const std::string prefix = dir.filePath("tokenizer").toStdString();
        Feedback feedback;
        QElapsedTimer sinceCancel;
        double cancelledAt = -1;
        const auto cancel = [&] {
            if (cancelledAt >= 0) return;
            cancelledAt = feedback.progress();
            sinceCancel.start();
            feedback.cancel();
        };
        feedback.setListener([&](double fraction, const std::string&) {
            if (when == "sending" && fraction > 0.0 && fraction < 0.1) cancel();
            if (when == "training" && fraction >= 0.3) cancel();  // sentencepiece's EM rounds began
        });
        if (when == "before") cancel();
        std::thread canceller;
        if (when == "thread")
            canceller = std::thread([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(700));
                feedback.cancel();
            });
        QElapsedTimer total;
        total.start();
        bool threw = false;
        try {
            Tokenizer::train(texts_, prefix, options(8000), &feedback);
        } catch (const Cancelled&) {
            threw = true;
        }
        if (canceller.joinable()) canceller.join();
        QVERIFY2(threw, "training ran to the end although cancelled");
        if (when == "thread") {
            qInfo("cancelled 0.7 s in: ended after %lld ms", static_cast<long long>(total.elapsed()));
            QVERIFY(total.elapsed() < 5000);
        } else {
            qInfo("cancelled at %.3f: ended %lld ms later", cancelledAt, static_cast<long long>(sinceCancel.elapsed()));
            QVERIFY(sinceCancel.elapsed() < 5000);  // a generous bound; bench/ measures the speed
        }
        QVERIFY(noChildLeft());
        QCOMPARE(leftovers(dir), QStringList());
    }

    // A cancel (or a failure) leaves an earlier model at the prefix untouched.
    void anEarlierModelSurvives()
    {
        QTemporaryDir dir;
        const std::string prefix = dir.filePath("tokenizer").toStdString();
        const std::vector<std::string> few = test::generatedSentences(2000);
        Tokenizer::train(few, prefix, options(200));
        QFile model(dir.filePath("tokenizer.model"));
        QVERIFY(model.open(QIODevice::ReadOnly));
        const QByteArray before = model.readAll();
        model.close();

        Feedback feedback;
        feedback.setListener([&](double fraction, const std::string&) {
            if (fraction >= 0.3) feedback.cancel();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, Tokenizer::train(texts_, prefix, options(8000), &feedback));
        const std::vector<std::string> two{"one", "two"};  // 300 pieces cannot be drawn from these
        QVERIFY_THROWS_EXCEPTION(TokenizerError, Tokenizer::train(two, prefix, options(300)));
        QVERIFY(model.open(QIODevice::ReadOnly));
        QCOMPARE(model.readAll(), before);
        QCOMPARE(leftovers(dir), (QStringList{"tokenizer.model", "tokenizer.vocab"}));
        QVERIFY(noChildLeft());
    }

    // Cancelled before the cache is consulted: nothing is trained, copied or cached.
    void theCacheStaysOutOfIt()
    {
        QTemporaryDir cache, dir;
        qputenv("MEGATOKEN_CACHE_DIR", cache.path().toLocal8Bit());
        Feedback feedback;
        feedback.cancel();
        const std::vector<std::string> few = test::generatedSentences(2000);
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 trainTokenizerCached(few, dir.filePath("t").toStdString(), options(200), &feedback));
        QCOMPARE(leftovers(dir), QStringList());
        QCOMPARE(leftovers(cache), QStringList());
        qunsetenv("MEGATOKEN_CACHE_DIR");
    }

    void progressRunsToOne()
    {
        QTemporaryDir dir;
        Feedback feedback;
        std::vector<double> heard;
        feedback.setListener([&](double fraction, const std::string&) { heard.push_back(fraction); });
        const std::vector<std::string> some(texts_.begin(), texts_.begin() + 20000);
        const Tokenizer tokenizer = Tokenizer::train(some, dir.filePath("t").toStdString(), options(1000), &feedback);
        QCOMPARE(tokenizer.vocabSize(), 1000);
        QVERIFY(!heard.empty());
        QCOMPARE(heard.back(), 1.0);
        // The log was followed: some fractions lie inside sentencepiece's own work.
        QVERIFY(std::any_of(heard.begin(), heard.end(), [](double f) { return f > 0.3 && f < 1.0; }));
        for (std::size_t i = 1; i < heard.size(); ++i)
            QVERIFY2(heard[i] >= heard[i - 1], qPrintable(QString("%1 after %2").arg(heard[i]).arg(heard[i - 1])));
    }

private:
    std::vector<std::string> texts_;
};

QTEST_APPLESS_MAIN(TestTokenizerCancel)
#include "tst_tokenizer_cancel.moc"
