#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

#include "core/data/DataError.h"
#include "core/eval/TextScores.h"
#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

using namespace megatoken;
using megatoken::test::messageOf;
using megatoken::test::writeFile;

#define VERIFY_NEAR(actual, expected)                                                                                  \
    QVERIFY2(std::abs((actual) - (expected)) < 1e-9, qPrintable(QStringLiteral("%1 = %2, expected %3")                 \
                                                                    .arg(QLatin1String(#actual))                       \
                                                                    .arg((actual), 0, 'f', 12)                         \
                                                                    .arg((expected), 0, 'f', 12)))

Q_DECLARE_METATYPE(megatoken::BleuOptions)

class TestTextScores : public QObject {
    Q_OBJECT
private slots:
    // Expected: sacreBLEU 2.6.0's BLEU(...).get_signature() after a corpus_score with that many
    // reference streams.
    void signature_data()
    {
        QTest::addColumn<BleuOptions>("options");
        QTest::addColumn<int>("streams");
        QTest::addColumn<QString>("expected");
        BleuOptions lowercaseNone;
        lowercaseNone.lowercase = true;
        lowercaseNone.tokenizer = BleuTokenizer::None;
        BleuOptions floor;
        floor.smoothing = BleuSmoothing::Floor;
        BleuOptions addK;
        addK.smoothing = BleuSmoothing::AddK;
        BleuOptions effective;
        effective.effectiveOrder = true;
        QTest::newRow("defaults") << BleuOptions{} << 1 << "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0";
        QTest::newRow("lowercase, tok none, 2 refs")
            << lowercaseNone << 2 << "nrefs:2|case:lc|eff:no|tok:none|smooth:exp|version:2.6.0";
        QTest::newRow("floor") << floor << 1 << "nrefs:1|case:mixed|eff:no|tok:13a|smooth:floor[0.10]|version:2.6.0";
        QTest::newRow("add-k") << addK << 1 << "nrefs:1|case:mixed|eff:no|tok:13a|smooth:add-k[1.00]|version:2.6.0";
        QTest::newRow("effective order") << effective << 1
                                         << "nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0";
    }

    void signature()
    {
        QFETCH(BleuOptions, options);
        QFETCH(int, streams);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(sacreBleuSignature(options, static_cast<std::size_t>(streams))), expected);
    }

    // sacreBLEU's README example, as sacreBLEU prints it.
    void scoreText()
    {
        const std::vector<std::string> hyps{"The dog bit the man.", "It wasn't surprising.",
                                            "The man had just bitten him."};
        const std::vector<std::vector<std::string>> refs{
            {"The dog bit the man.", "It was not unexpected.", "The man bit him first."},
            {"The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."}};
        QCOMPARE(
            QString::fromStdString(sacreBleuScoreText(corpusBleu(hyps, refs))),
            QStringLiteral("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)"));
    }

    // Expected: sacreBLEU 2.6.0 and rouge_score 0.1.2 on the same texts (each line right-stripped,
    // as sacreBLEU's command line does; ROUGE through scorer.score_multi, then the mean).
    void twoReferenceStreams()
    {
        const std::vector<std::string> hyps{"The cat sat on the mat.", "A dog barked \u00a0"};
        const std::vector<std::vector<std::string>> refs{{"The cat sat on a mat.", "a DOG barked"},
                                                         {"the cat is on the mat.", "the dog barked"}};
        const TextScores mixed = scoreTexts(hyps, refs);
        VERIFY_NEAR(std::round(mixed.bleu.score * 100) / 100, 71.58);
        QCOMPARE(QString::fromStdString(mixed.bleuSignature),
                 QStringLiteral("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"));
        VERIFY_NEAR(mixed.rouge.rouge1.fmeasure, 0.9166666666666667);
        VERIFY_NEAR(mixed.rouge.rouge2.precision, 0.8);
        VERIFY_NEAR(mixed.rouge.rougeLsum.recall, 0.9166666666666667);
        QCOMPARE(mixed.exactMatches, std::size_t{0});
        QCOMPARE(mixed.segments, std::size_t{2});
        QCOMPARE(mixed.referenceStreams, std::size_t{2});

        TextScoreOptions lowercase;
        lowercase.lowercase = true;
        const TextScores lc = scoreTexts(hyps, refs, lowercase);
        VERIFY_NEAR(std::round(lc.bleu.score * 100) / 100, 80.34);
        QCOMPARE(QString::fromStdString(lc.bleuSignature),
                 QStringLiteral("nrefs:2|case:lc|eff:no|tok:13a|smooth:exp|version:2.6.0"));
        // "A dog barked" (its no-break space stripped) equals "a DOG barked" once lowercased.
        QCOMPARE(lc.exactMatches, std::size_t{1});
        VERIFY_NEAR(lc.exactMatch, 0.5);
    }

    // rouge_score's score_multi: each type from the best target. Here the second target for all.
    void rougeMultiPicksTheBestTarget()
    {
        const RougeScores s = rougeMulti({"the cat sat on the mat", "a dog ran fast"}, "a dog ran on the mat");
        VERIFY_NEAR(s.rouge1.precision, 0.5);
        VERIFY_NEAR(s.rouge1.recall, 0.75);
        VERIFY_NEAR(s.rouge1.fmeasure, 0.6);
        VERIFY_NEAR(s.rouge2.fmeasure, 0.5);
        VERIFY_NEAR(s.rougeL.fmeasure, 0.6);
    }

    // Python's str.lower() (full Unicode mapping): Greek final sigma, Cyrillic.
    void unicodeLowercaseExactMatch()
    {
        TextScoreOptions lowercase;
        lowercase.lowercase = true;
        const TextScores s =
            scoreTexts({"ΣΊΣΥΦΟΣ", "ПРИВЕТ мир", "Straße"}, {{"σίσυφος", "привет МИР", "STRASSE"}}, lowercase);
        // "STRASSE".lower() is "strasse", not "straße": no match there.
        QCOMPARE(s.exactMatches, std::size_t{2});
        QCOMPARE(scoreTexts({"ΣΊΣΥΦΟΣ"}, {{"σίσυφος"}}).exactMatches, std::size_t{0});
    }

    // sacreBLEU 2.2+: an empty reference is a reference of length 0, never an error.
    void emptyReferences()
    {
        const TextScores s = scoreTexts({"a b c", ""}, {{"", ""}});
        QCOMPARE(s.bleu.referenceLength, std::size_t{0});
        VERIFY_NEAR(s.bleu.score, 0.0);
        QCOMPARE(s.exactMatches, std::size_t{1});  // "" equals ""
    }

    void filesOfDifferentLengthsNameBoth()
    {
        QTemporaryDir dir;
        const std::string hyp = writeFile(dir, "hyp.txt", "a\nb\nc\n");
        const std::string ref = writeFile(dir, "ref.txt", "a\nb\n");
        const QString message = messageOf<DataError>([&] { scoreFiles(hyp, {ref}); });
        QVERIFY2(message.contains("ref.txt: 2 lines") && message.contains("hyp.txt has 3 lines"), qPrintable(message));
    }

    void filesScoreLikeTexts()
    {
        QTemporaryDir dir;
        const std::string hyp = writeFile(dir, "hyp.txt", "The cat sat on the mat.\r\nA dog barked \xC2\xA0\n");
        const std::string ref1 = writeFile(dir, "r1.txt", "The cat sat on a mat.\na DOG barked");
        const std::string ref2 = writeFile(dir, "r2.txt", "the cat is on the mat.\nthe dog barked\n");
        const TextScores s = scoreFiles(hyp, {ref1, ref2});
        VERIFY_NEAR(std::round(s.bleu.score * 100) / 100, 71.58);
        QCOMPARE(s.segments, std::size_t{2});
    }
};

QTEST_GUILESS_MAIN(TestTextScores)
#include "tst_text_scores.moc"
