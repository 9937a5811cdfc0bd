// Recalibration in evaluation mode (GateRecalibration.h): after it, each calibrated learned gate
// keeps its share of the target of the droppable tokens it sees without dropout and noise, the
// model's mode is as it was, and gates it must not touch keep their offsets.
#include <QtTest>

#include <numeric>
#include <random>

#include "core/data/LengthBucketedBatches.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/engine/model/TokenGate.h"
#include "core/engine/train/GateRecalibration.h"
#include "support/SmallModel.h"

using namespace megatoken;

namespace {

// 200 texts of 3 to 20 random pieces, each ending with EOS (1).
EncodedCorpus randomCorpus()
{
    EncodedCorpus corpus;
    std::mt19937 generator(7);
    std::uniform_int_distribution<int> length(3, 20), piece(2, 59);
    for (int t = 0; t < 200; ++t) {
        std::vector<std::int32_t> ids;
        for (int i = length(generator); i > 0; --i) ids.push_back(piece(generator));
        ids.push_back(1);
        corpus.sequences.push_back(ids);
        corpus.texts.emplace_back();
    }
    return corpus;
}

// Per gate, the share of the droppable tokens reaching it that it keeps, in evaluation mode.
std::vector<double> keptShares(MegatokenModel& model, const EncodedCorpus& corpus)
{
    torch::NoGradGuard noGrad;
    model->eval();
    std::vector<double> kept(model->encoder->gateCount(), 0.0), reaching(kept.size(), 0.0);
    for (std::size_t begin = 0; begin < corpus.size(); begin += 50) {
        Batch batch;
        for (std::size_t i = begin; i < std::min(corpus.size(), begin + 50); ++i) batch.push_back(i);
        std::int64_t longest = 0;
        for (auto i : batch)
            longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(corpus.sequences[i].size()));
        auto ids = torch::zeros({static_cast<std::int64_t>(batch.size()), longest}, torch::kLong);
        for (std::size_t r = 0; r < batch.size(); ++r)
            for (std::size_t k = 0; k < corpus.sequences[batch[r]].size(); ++k)
                ids[static_cast<std::int64_t>(r)][static_cast<std::int64_t>(k)] = corpus.sequences[batch[r]][k];
        const auto out = model->encode(ids, MaskMode::Threshold);
        auto alive = ids.ne(0) & ids.ne(1);  // droppable: not padding, not EOS
        for (std::size_t g = 0; g < out.gates.size(); ++g) {
            const auto keptHere = out.gates[g].kept & alive;
            reaching[g] += alive.sum().item<double>();
            kept[g] += keptHere.sum().item<double>();
            alive = keptHere;
        }
    }
    for (std::size_t g = 0; g < kept.size(); ++g) kept[g] /= std::max(1.0, reaching[g]);
    return kept;
}

}  // namespace

class TestGateRecalibration : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::manual_seed(0); }

    void keepsTheTargetInEvaluationMode_data()
    {
        QTest::addColumn<double>("target");
        QTest::newRow("keep 0.5") << 0.5;
        QTest::newRow("keep 0.3") << 0.3;
    }

    void keepsTheTargetInEvaluationMode()
    {
        QFETCH(double, target);
        ModelConfig config = testing::smallModelConfig();
        config.dropout = 0.3;  // training mode and evaluation differ, as in a real run
        config.gates.source = GateSource::Projection;
        config.gates.noise = GateNoise::Logistic;
        config.gates.noiseScale = 2.0;
        config.gates.calibrationRate = 0.1;
        MegatokenModel model(config);
        model->encoder->setKeepTarget(target);
        const EncodedCorpus corpus = randomCorpus();
        std::vector<std::size_t> texts(corpus.size());
        std::iota(texts.begin(), texts.end(), std::size_t{0});
        model->train();
        const auto shifts = recalibrateGates(model, corpus, texts, 32, torch::kCPU);
        QVERIFY(model->is_training());  // the mode it was in
        QCOMPARE(shifts.size(), std::size_t{2});
        QVERIFY(shifts[0] != 0.0 && shifts[1] != 0.0);
        const double share = std::sqrt(target);  // KeepRatioTarget::perGate for two gates
        const auto kept = keptShares(model, corpus);
        for (double k : kept) QVERIFY2(std::abs(k - share) < 0.01, qPrintable(QString::number(k)));
        // Twice changes nothing: the offsets already hit the target.
        const auto again = recalibrateGates(model, corpus, texts, 32, torch::kCPU);
        for (double shift : again) QCOMPARE_LE(std::abs(shift), 1e-6);
    }

    void leavesOtherGatesAlone()
    {
        ModelConfig config = testing::smallModelConfig();
        config.gates.source = GateSource::Projection;
        config.gates.calibrationRate = 0.0;  // not calibrated
        MegatokenModel model(config);
        model->encoder->setKeepTarget(0.5);
        const EncodedCorpus corpus = randomCorpus();
        const auto shifts = recalibrateGates(model, corpus, {0, 1, 2, 3}, 2, torch::kCPU);
        for (double shift : shifts) QCOMPARE(shift, 0.0);
        config.gates.calibrationRate = 0.1;
        MegatokenModel warm(config);
        warm->encoder->setKeepTarget(1.0);  // warm-up: nothing to drop yet
        for (double shift : recalibrateGates(warm, corpus, {0, 1, 2, 3}, 2, torch::kCPU)) QCOMPARE(shift, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestGateRecalibration)
#include "tst_gate_recalibration_torch.moc"
