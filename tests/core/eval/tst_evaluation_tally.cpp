// Evaluation tallies of disjoint shards add up to the tally of their union, and so to the same
// figures (a distributed run's sharded evaluation); the JSON trip between ranks is exact.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/eval/Bleu.h"
#include "core/eval/EvaluationTally.h"

using namespace megatoken;

namespace {

Prediction prediction(const std::string& input, const std::string& free)
{
    return {input, input, free, "kept pieces"};
}

EvaluationTally tally(std::vector<std::size_t> indices, std::vector<Prediction> predictions, double tokens,
                      double correct, double kept)
{
    EvaluationTally t;
    t.tokens = tokens;
    t.correctHard = correct;
    t.correctSoft = correct + 1;
    t.correctFree = correct - 1;
    t.crossEntropySum = 0.1 * tokens + 1.0 / 3.0;
    t.softKeepRatioSum = 0.7 * static_cast<double>(predictions.size());
    t.keptSum = {tokens, kept};
    t.indices = std::move(indices);
    t.predictions = std::move(predictions);
    return t;
}

}  // namespace

class TestEvaluationTally : public QObject {
    Q_OBJECT
private slots:
    void shardsAddUpToTheWhole()
    {
        const auto a = tally({0, 1},
                             {prediction("the cat sat on the mat", "the cat sat on the mat"),
                              prediction("a dog ran in the park", "a dog ran")},
                             8, 6, 4);
        const auto b =
            tally({2}, {prediction("birds fly south in the winter", "birds fly north in the winter")}, 5, 3, 2);
        EvaluationTally whole = a;
        whole.add(b);
        // Added in the other order, the predictions come out in corpus order all the same.
        EvaluationTally reversed = b;
        reversed.add(a);
        const EvalMetrics m = metricsFrom(whole), r = metricsFrom(reversed);
        QCOMPARE(m.texts, std::int64_t{3});
        QCOMPARE(m.accuracyHard, 9.0 / 13.0);
        QCOMPARE(m.accuracySoft, 11.0 / 13.0);
        QCOMPARE(m.accuracyFree, 7.0 / 13.0);
        QCOMPARE(m.gateKept, (std::vector<double>{1.0, 6.0 / 13.0}));
        QCOMPARE(m.hardKeepRatio, 6.0 / 13.0);
        QCOMPARE(m.softKeepRatio, 0.7);
        QCOMPARE(m.exactMatchFree, 1.0 / 3.0);
        QCOMPARE(m.exactMatchTeacherForced, 1.0);
        QCOMPARE(m.bleuTeacherForced, 100.0);
        const double bleu =
            corpusBleu({"the cat sat on the mat", "a dog ran", "birds fly north in the winter"},
                       {{"the cat sat on the mat", "a dog ran in the park", "birds fly south in the winter"}})
                .score;
        QCOMPARE(m.bleuFree, bleu);
        QVERIFY(bleu > 40 && bleu < 100);
        QCOMPARE(r.bleuFree, m.bleuFree);
        QCOMPARE(r.rougeLFree, m.rougeLFree);
        const auto ordered = predictionsInOrder(reversed);
        QCOMPARE(ordered.front().input, std::string("the cat sat on the mat"));
        QCOMPARE(ordered.back().input, std::string("birds fly south in the winter"));
    }

    void jsonRoundTripIsExact()
    {
        auto t = tally({5, 2}, {prediction("ä\tb", "x"), prediction("", "")}, 7, 3, 0.1 + 0.2);
        t.freeRunning = false;
        const auto back = tallyFromJson(nlohmann::json::parse(toJson(t).dump()));
        QCOMPARE(back.crossEntropySum, t.crossEntropySum);
        QCOMPARE(back.keptSum, t.keptSum);
        QCOMPARE(back.indices, t.indices);
        QCOMPARE(back.freeRunning, false);
        QCOMPARE(back.predictions[0].input, std::string("ä\tb"));
        QCOMPARE(back.predictions[1].keptPieces, std::string("kept pieces"));
    }

    void mismatchedTalliesAreRefused()
    {
        auto a = tally({0}, {prediction("a", "a")}, 1, 1, 1);
        auto b = a;
        b.keptSum.push_back(1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, a.add(b));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tallyFromJson(nlohmann::json{{"tokens", 1}}));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationTally)
#include "tst_evaluation_tally.moc"
