#include <QtTest>

#include "core/data/EncodedCorpus.h"
#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"
#include "core/tokenizer/Tokenizer.h"

using namespace megatoken;

// Texts become ids that always end with EOS; long texts are cut so that EOS still fits.
class TestEncodedCorpus : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        std::vector<std::string> texts;
        const char* words[] = {"the", "cat", "sat", "on", "a", "mat", "green", "dog", "ran", "far", "away", "home"};
        for (int i = 0; i < 2000; ++i) {
            std::string text;
            for (int w = 0; w < 3 + i % 9; ++w) text += std::string(w ? " " : "") + words[(i * 7 + w * 3) % 12];
            texts.push_back(text);
        }
        tokenizer_.emplace(Tokenizer::train(texts, dir_.filePath("tok").toStdString(), [] {
            TokenizerTrainOptions o;
            o.vocabSize = 40;
            return o;
        }()));
    }

    void truncatesAndAppendsEos_data()
    {
        QTest::addColumn<int>("maxTokens");
        QTest::addColumn<int>("minTokens");
        QTest::newRow("roomy") << 64 << 2;
        QTest::newRow("tight") << 4 << 2;
        QTest::newRow("minimum") << 2 << 2;
    }
    void truncatesAndAppendsEos()
    {
        QFETCH(int, maxTokens);
        QFETCH(int, minTokens);
        const std::vector<std::string> texts{"the green cat sat on a mat", "dog", "the dog ran far away home"};
        EncodeOptions options;
        options.maxTokens = static_cast<std::size_t>(maxTokens);
        options.minTokens = static_cast<std::size_t>(minTokens);
        const auto corpus = encodeTexts(*tokenizer_, texts, options);
        QCOMPARE(corpus.size() + corpus.skippedShort, texts.size());
        std::uint64_t truncated = 0;
        for (std::size_t i = 0; i < corpus.size(); ++i) {
            const auto& ids = corpus.sequences[i];
            QVERIFY(ids.size() <= options.maxTokens);
            QCOMPARE(ids.back(), tokenizer_->eosId());
            const auto full = tokenizer_->encode(corpus.texts[i]);
            if (full.size() + 1 > options.maxTokens) {
                ++truncated;
                QVERIFY(std::equal(ids.begin(), ids.end() - 1, full.begin()));  // a prefix of the text
            } else {
                QCOMPARE(ids.size(), full.size() + 1);
            }
        }
        QCOMPARE(corpus.truncated, truncated);
    }

    void skipsShortTexts()
    {
        EncodeOptions options;
        options.minTokens = 3;  // "dog" + EOS is 2 tokens
        const auto corpus = encodeTexts(*tokenizer_, {"dog", "the cat sat"}, options);
        QCOMPARE(corpus.size(), std::size_t{1});
        QCOMPARE(corpus.skippedShort, std::uint64_t{1});
        QCOMPARE(corpus.texts.front(), std::string("the cat sat"));
    }

    void rejectsMaxTokensBelowTwo()
    {
        EncodeOptions options;
        options.maxTokens = 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, encodeTexts(*tokenizer_, {"the cat"}, options));
    }

    // A cancel during encoding ends it within 256 texts with Cancelled; progress runs to 1 otherwise.
    void cancelStopsEncoding()
    {
        const std::vector<std::string> texts(20000, "the green cat sat on a mat");
        Feedback feedback;
        std::size_t reports = 0;
        feedback.setListener([&](double fraction, const std::string&) {
            ++reports;
            if (fraction >= 0.25) feedback.cancel();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, encodeTexts(*tokenizer_, texts, EncodeOptions{}, &feedback));
        QVERIFY(feedback.progress() >= 0.25 && feedback.progress() < 0.25 + 2.0 * 256 / 20000);
        QVERIFY(reports > 1);

        Feedback whole;
        QCOMPARE(encodeTexts(*tokenizer_, texts, EncodeOptions{}, &whole).size(), texts.size());
        QCOMPARE(whole.progress(), 1.0);
    }

private:
    QTemporaryDir dir_;
    std::optional<Tokenizer> tokenizer_;
};

QTEST_APPLESS_MAIN(TestEncodedCorpus)
#include "tst_encoded_corpus.moc"
