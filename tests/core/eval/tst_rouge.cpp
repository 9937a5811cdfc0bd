#include <QtTest>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/eval/Rouge.h"
#include "core/eval/RougeTokenizer.h"

using megatoken::RougeScore;
using megatoken::RougeScores;

// qFuzzyCompare is relative and useless near 0, where several of these scores are.
#define VERIFY_NEAR(actual, expected)                                                                                  \
    QVERIFY2(std::abs((actual) - (expected)) < 1e-4, qPrintable(QStringLiteral("%1 = %2, expected %3")                 \
                                                                    .arg(QLatin1String(#actual))                       \
                                                                    .arg((actual), 0, 'f', 6)                          \
                                                                    .arg((expected), 0, 'f', 6)))

namespace {

RougeScore pick(const RougeScores& scores, const QString& type)
{
    if (type == QLatin1String("rouge1")) return scores.rouge1;
    if (type == QLatin1String("rouge2")) return scores.rouge2;
    if (type == QLatin1String("rougeL")) return scores.rougeL;
    if (type == QLatin1String("rougeLsum")) return scores.rougeLsum;
    qFatal("unknown ROUGE type %s", qPrintable(type));
}

}  // namespace

class TestRouge : public QObject {
    Q_OBJECT
private slots:
    // Expected values are rouge_score's RougeScorer(..., use_stemmer=False).score(target,
    // prediction), each small enough to check by hand from the row's comment.
    void score_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("prediction");
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("precision");
        QTest::addColumn<double>("recall");
        QTest::addColumn<double>("fmeasure");

        // rouge_score's own test vectors. 1 of 1 predicted unigrams, 1 of 3 target ones.
        QTest::newRow("rouge1, prediction a prefix") << "testing one two"
                                                     << "testing"
                                                     << "rouge1" << 1.0 << 1.0 / 3 << 0.5;
        // Bigrams: target {testing one, one two}, prediction {testing one}.
        QTest::newRow("rouge2, prediction a prefix") << "testing one two"
                                                     << "testing one"
                                                     << "rouge2" << 1.0 << 0.5 << 2.0 / 3;
        // LCS 2: P = 2/2, R = 2/3.
        QTest::newRow("rougeL, prediction a prefix") << "testing one two"
                                                     << "testing one"
                                                     << "rougeL" << 1.0 << 2.0 / 3 << 0.8;
        // LCS with line 1 covers target w1 w2, with line 2 w1 w3 w5: union of 4 of 5 target tokens,
        // against 10 prediction tokens.
        QTest::newRow("rougeLsum, union LCS") << "w1 w2 w3 w4 w5"
                                              << "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5"
                                              << "rougeLsum" << 0.4 << 0.8 << 0.8 * 0.4 * 2 / 1.2;
        // Reordered sentences: one LCS over the whole text finds only half, the summary-level
        // LCS matches each sentence with its counterpart.
        QTest::newRow("rougeL, swapped sentences") << "a b c\nd e f"
                                                   << "d e f\na b c"
                                                   << "rougeL" << 0.5 << 0.5 << 0.5;
        QTest::newRow("rougeLsum, swapped sentences") << "a b c\nd e f"
                                                      << "d e f\na b c"
                                                      << "rougeLsum" << 1.0 << 1.0 << 1.0;
        // LCS "the cat on the mat" = 5 of 6; bigram overlap the cat, on the, the mat = 3 of 5.
        QTest::newRow("rougeL, moved word") << "the cat sat on the mat"
                                            << "the cat on the mat sat"
                                            << "rougeL" << 5.0 / 6 << 5.0 / 6 << 5.0 / 6;
        QTest::newRow("rouge2, moved word") << "the cat sat on the mat"
                                            << "the cat on the mat sat"
                                            << "rouge2" << 0.6 << 0.6 << 0.6;
        // Clipping: "the" is credited once however often the target repeats it.
        QTest::newRow("rouge1, clipped") << "the the the"
                                         << "the"
                                         << "rouge1" << 1.0 << 1.0 / 3 << 0.5;
        QTest::newRow("identical, rouge1") << "The cat sat."
                                           << "The cat sat."
                                           << "rouge1" << 1.0 << 1.0 << 1.0;
        QTest::newRow("identical, rouge2") << "The cat sat."
                                           << "The cat sat."
                                           << "rouge2" << 1.0 << 1.0 << 1.0;
        QTest::newRow("identical, rougeL") << "The cat sat."
                                           << "The cat sat."
                                           << "rougeL" << 1.0 << 1.0 << 1.0;
        QTest::newRow("identical, rougeLsum") << "The cat sat."
                                              << "The cat sat."
                                              << "rougeLsum" << 1.0 << 1.0 << 1.0;
        // Case and punctuation are not part of the tokens.
        QTest::newRow("case folding and punctuation") << "Hello, World!"
                                                      << "hello world"
                                                      << "rouge2" << 1.0 << 1.0 << 1.0;
        for (const char* type : {"rouge1", "rouge2", "rougeL", "rougeLsum"}) {
            QTest::addRow("empty prediction, %s", type) << "a b c"
                                                        << "" << type << 0.0 << 0.0 << 0.0;
            QTest::addRow("empty target, %s", type) << ""
                                                    << "a b c" << type << 0.0 << 0.0 << 0.0;
            QTest::addRow("punctuation only, %s", type) << "..."
                                                        << "!!!" << type << 0.0 << 0.0 << 0.0;
        }
        // Non-ASCII letters are separators: "Straße café 2024" is stra / e / caf / 2024, so only
        // "2024" matches: P = 1/3, R = 1/4.
        QTest::newRow("non-ASCII letters dropped") << QString::fromUtf8("Straße café 2024") << "strasse cafe 2024"
                                                   << "rouge1" << 1.0 / 3 << 0.25 << 2.0 / 7;
    }
    void score()
    {
        QFETCH(QString, target);
        QFETCH(QString, prediction);
        QFETCH(QString, type);
        QFETCH(double, precision);
        QFETCH(double, recall);
        QFETCH(double, fmeasure);

        const RougeScore score = pick(megatoken::rouge(target.toStdString(), prediction.toStdString()), type);
        VERIFY_NEAR(score.precision, precision);
        VERIFY_NEAR(score.recall, recall);
        VERIFY_NEAR(score.fmeasure, fmeasure);
    }

    void tokenize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("lowercase, punctuation dropped") << "Hello, World!" << QStringList{"hello", "world"};
        QTest::newRow("apostrophe and hyphen split")
            << "It wasn't a well-known fact" << QStringList{"it", "wasn", "t", "a", "well", "known", "fact"};
        QTest::newRow("digits kept, decimal point splits")
            << "3.14 and 1,000" << QStringList{"3", "14", "and", "1", "000"};
        QTest::newRow("non-ASCII letters separate")
            << QString::fromUtf8("naïve café") << QStringList{"na", "ve", "caf"};
        // Python's lower() turns these two into ASCII before the filter runs.
        QTest::newRow("Kelvin sign lowercases to k") << QString::fromUtf8("5\u212A") << QStringList{"5k"};
        QTest::newRow("dotted capital I lowercases to i + combining dot")
            << QString::fromUtf8("\u0130stanbul") << QStringList{"i", "stanbul"};
        QTest::newRow("punctuation only") << "?!..." << QStringList{};
        QTest::newRow("empty") << "" << QStringList{};
    }
    void tokenize()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        QStringList actual;
        for (const std::string& token : megatoken::rougeTokenize(text.toStdString()))
            actual << QString::fromStdString(token);
        QCOMPARE(actual, tokens);
    }

    void corpusMeanAveragesEachPair()
    {
        // Pair 1 scores 1 everywhere; pair 2 is the rouge1 prefix case (P 1, R 1/3, F 1/2).
        const RougeScores mean =
            megatoken::rougeCorpusMean({"the cat sat", "testing one two"}, {"the cat sat", "testing"});
        VERIFY_NEAR(mean.rouge1.precision, 1.0);
        VERIFY_NEAR(mean.rouge1.recall, (1.0 + 1.0 / 3) / 2);
        VERIFY_NEAR(mean.rouge1.fmeasure, 0.75);
        // rouge2 of pair 2 is 0 (no predicted bigram).
        VERIFY_NEAR(mean.rouge2.fmeasure, 0.5);

        const RougeScores empty = megatoken::rougeCorpusMean({}, {});
        VERIFY_NEAR(empty.rougeLsum.fmeasure, 0.0);
    }

    void corpusMeanRejectsMismatchedLengths()
    {
        try {
            megatoken::rougeCorpusMean({"a", "b"}, {"a"});
            QFAIL("no std::invalid_argument thrown");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("2 targets but 1 predictions")),
                     error.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestRouge)
#include "tst_rouge.moc"
