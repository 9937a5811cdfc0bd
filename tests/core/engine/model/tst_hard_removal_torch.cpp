// Hard removal must be a pure speed-up: gathering the kept tokens (with their original positions)
// gives the same outputs as masking the dropped ones, for the learned gates and every rule.
#include <QtTest>

#include "core/engine/model/FixedRuleGate.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/engine/model/TokenGate.h"
#include "support/SmallModel.h"

using namespace megatoken;

namespace {

// The shared small model (gates after blocks 1 and 3: blocks 2 and 3 run on the shorter sequence),
// with the gate mechanisms of docs/gate-mechanisms.md named in `mechanisms` (comma-separated:
// quantile, multiplicative, mrt5, softmax1, merge=similar|left|segment).
ModelConfig config(GateRule rule, const QString& mechanisms = {})
{
    ModelConfig c = testing::smallModelConfig();
    c.gates.rule = rule;
    for (const QString& m : mechanisms.split(',', Qt::SkipEmptyParts)) {
        if (m == "quantile") c.gates.keep = GateKeep::Quantile;
        if (m == "multiplicative") c.gates.mask = GateMask::Multiplicative;
        if (m == "softmax1") c.softmax1 = true;
        if (m == "mrt5") {
            c.gates.form = GateForm::MrT5;
            c.gates.threshold = c.gates.mrt5K / 2;
        }
        if (m == "merge=similar") c.gates.merge = GateMerge::Similar;
        if (m == "merge=left") c.gates.merge = GateMerge::Left;
        if (m == "merge=segment") c.gates.merge = GateMerge::Segment;
    }
    return c;
}

// Six rows of 2..14 tokens + EOS, padded: lengths differ so rows keep different counts.
torch::Tensor batchIds()
{
    return testing::paddedBatch({14, 3, 9, 1, 12, 6}, 7);
}

// Learned gates that drop about half of the tokens: a projection with real spread and a bias at
// the threshold's logit (ln sigmoid(z) = -1 at z = -0.54).
void spreadLearnedGates(MegatokenModel& model)
{
    torch::NoGradGuard noGrad;
    for (const auto& gate : *model->encoder->gates) {
        auto* learned = gate->as<TokenGate>();
        learned->projection->weight.normal_(0.0, 3.0 / std::sqrt(32.0));
        learned->projection->bias.fill_(-0.54);
    }
}

}  // namespace

class TestHardRemoval : public QObject {
    Q_OBJECT
private slots:
    void equalsThresholdMasking_data()
    {
        QTest::addColumn<int>("rule");
        QTest::addColumn<double>("keep");
        QTest::addColumn<bool>("oneText");  // batch 1 takes its own, padding-free path
        QTest::addColumn<QString>("mechanisms");
        QTest::newRow("learned") << int(GateRule::Learned) << 0.5 << false << QString();
        QTest::newRow("first-k 0.5") << int(GateRule::FirstK) << 0.5 << false << QString();
        QTest::newRow("first-k 0.2") << int(GateRule::FirstK) << 0.2 << false << QString();
        QTest::newRow("attention 0.5") << int(GateRule::AttentionReceived) << 0.5 << false << QString();
        QTest::newRow("stride 0.5") << int(GateRule::StridePool) << 0.5 << false << QString();
        QTest::newRow("stride 0.3") << int(GateRule::StridePool) << 0.3 << false << QString();
        QTest::newRow("learned, one text") << int(GateRule::Learned) << 0.5 << true << QString();
        QTest::newRow("attention, one text") << int(GateRule::AttentionReceived) << 0.3 << true << QString();
        // The gate mechanisms (docs/gate-mechanisms.md), alone and combined.
        QTest::newRow("quantile 0.5") << int(GateRule::Learned) << 0.5 << false << QString("quantile");
        QTest::newRow("quantile 0.2") << int(GateRule::Learned) << 0.2 << false << QString("quantile");
        QTest::newRow("multiplicative") << int(GateRule::Learned) << 0.5 << false << QString("multiplicative");
        QTest::newRow("softmax1") << int(GateRule::Learned) << 0.5 << false << QString("softmax1");
        QTest::newRow("mrt5") << int(GateRule::Learned) << 0.5 << false << QString("mrt5");
        QTest::newRow("mrt5 + softmax1") << int(GateRule::Learned) << 0.5 << false << QString("mrt5,softmax1");
        QTest::newRow("merge similar") << int(GateRule::Learned) << 0.5 << false << QString("merge=similar");
        QTest::newRow("merge left") << int(GateRule::Learned) << 0.5 << false << QString("merge=left");
        QTest::newRow("merge segment") << int(GateRule::Learned) << 0.5 << false << QString("merge=segment");
        QTest::newRow("merge segment, first-k") << int(GateRule::FirstK) << 0.3 << false << QString("merge=segment");
        QTest::newRow("merge similar, one text") << int(GateRule::Learned) << 0.5 << true << QString("merge=similar");
        QTest::newRow("quantile + multiplicative + merge left")
            << int(GateRule::Learned) << 0.3 << false << QString("quantile,multiplicative,merge=left");
        QTest::newRow("mrt5 + multiplicative + merge segment")
            << int(GateRule::Learned) << 0.5 << false << QString("mrt5,multiplicative,merge=segment,softmax1");
        QTest::newRow("multiplicative, one text") << int(GateRule::Learned) << 0.5 << true << QString("multiplicative");
    }

    void equalsThresholdMasking()
    {
        QFETCH(int, rule);
        QFETCH(double, keep);
        QFETCH(bool, oneText);
        QFETCH(QString, mechanisms);
        torch::manual_seed(1);
        MegatokenModel model(config(static_cast<GateRule>(rule), mechanisms));
        if (rule == int(GateRule::Learned)) spreadLearnedGates(model);
        model->encoder->setKeepTarget(keep);
        model->eval();
        torch::NoGradGuard noGrad;
        const auto ids = oneText ? batchIds().narrow(0, 0, 1) : batchIds();

        const auto masked = model->forward(ids, MaskMode::Threshold);
        const auto removed = model->forward(ids, MaskMode::HardRemoval);

        // Something was really removed, and rows kept different numbers of tokens.
        const auto keptMasked = masked.encoder.gates.back().kept;
        const auto counts = keptMasked.sum(1);
        QVERIFY(removed.encoder.hidden.size(1) < ids.size(1));
        QCOMPARE(removed.encoder.hidden.size(1), counts.max().item<std::int64_t>());
        if (!oneText) QVERIFY(counts.min().item<std::int64_t>() < counts.max().item<std::int64_t>());

        // The same decisions at every gate, in the input's coordinates.
        QCOMPARE(removed.encoder.gates.size(), masked.encoder.gates.size());
        for (std::size_t g = 0; g < masked.encoder.gates.size(); ++g)
            QVERIFY(torch::equal(removed.encoder.gates[g].kept, masked.encoder.gates[g].kept));

        // The kept tokens' encoder states, found through their original positions.
        const auto& positions = removed.encoder.positions;
        const auto gathered = masked.encoder.hidden.gather(1, positions.unsqueeze(-1).expand({-1, -1, 32}));
        const auto slotIsKept = torch::arange(positions.size(1)).unsqueeze(0).lt(counts.unsqueeze(1));
        const double hiddenDiff =
            (gathered - removed.encoder.hidden).abs().amax(-1).masked_select(slotIsKept).max().item<double>();
        QVERIFY2(hiddenDiff < 1e-4, qPrintable(QString("encoder states differ by %1").arg(hiddenDiff)));

        // The decoder's outputs at every position.
        const double logitDiff = (masked.logits - removed.logits).abs().max().item<double>();
        QVERIFY2(logitDiff < 1e-4, qPrintable(QString("logits differ by %1").arg(logitDiff)));
        qInfo("%s: kept %lld of %lld; encoder states differ by %.3g, logits by %.3g", QTest::currentDataTag(),
              static_cast<long long>(counts.sum().item<std::int64_t>()),
              static_cast<long long>(ids.ne(0).sum().item<std::int64_t>()), hiddenDiff, logitDiff);

        // Free-running decoding reads the same memory, so it produces the same text.
        QVERIFY(torch::equal(model->greedyDecode(masked.encoder, 16), model->greedyDecode(removed.encoder, 16)));
    }

    void ruleKeepsItsShareOfEveryRow_data()
    {
        QTest::addColumn<int>("rule");
        QTest::newRow("random") << int(GateRule::Random);
        QTest::newRow("first-k") << int(GateRule::FirstK);
        QTest::newRow("attention") << int(GateRule::AttentionReceived);
        QTest::newRow("stride") << int(GateRule::StridePool);
    }

    void ruleKeepsItsShareOfEveryRow()
    {
        QFETCH(int, rule);
        torch::manual_seed(2);
        MegatokenModel model(config(static_cast<GateRule>(rule)));
        model->encoder->setKeepTarget(0.25);  // two gates: each keeps round(0.5 * n)
        model->eval();
        torch::NoGradGuard noGrad;
        const auto ids = batchIds();
        const auto out = model->forward(ids, MaskMode::Threshold);
        const auto droppable = ids.ne(0) & ids.ne(1);
        const auto first = out.encoder.gates[0].kept & droppable;
        const auto second = out.encoder.gates[1].kept & droppable;
        // Row lengths 14, 3, 9, 1, 12, 6: round(n/2) (at least 1), then half of that again.
        const std::vector<std::int64_t> afterFirst{7, 2, 5, 1, 6, 3};
        const std::vector<std::int64_t> afterSecond{4, 1, 3, 1, 3, 2};
        for (std::int64_t r = 0; r < 6; ++r) {
            QCOMPARE(first[r].sum().item<std::int64_t>(), afterFirst[static_cast<std::size_t>(r)]);
            QCOMPARE(second[r].sum().item<std::int64_t>(), afterSecond[static_cast<std::size_t>(r)]);
        }
        // EOS is never dropped.
        QVERIFY(out.encoder.gates[1].kept.masked_select(ids.eq(1)).all().item<bool>());
        if (rule == int(GateRule::FirstK)) {
            // Truncation: row 0 keeps its first 4 tokens.
            QCOMPARE(second[0].narrow(0, 0, 4).sum().item<std::int64_t>(), std::int64_t{4});
        }
        if (rule == int(GateRule::StridePool)) {
            // Segments of row 0 (14 tokens into 7): the kept ones are every second token's partner.
            const std::vector<std::int64_t> kept0{1, 3, 5, 7, 9, 11, 13};
            for (auto t : kept0) QVERIFY(first[0][t].item<bool>());
        }
    }

    void stridePoolingAveragesEachSegment()
    {
        FixedRuleGate gate(GateRule::StridePool);
        gate->setKeepTarget(0.5);
        // One row: 4 droppable tokens with values 1, 3, 5, 7, then EOS.
        auto hidden = torch::tensor({1.0f, 3.0f, 5.0f, 7.0f, 100.0f}).view({1, 5, 1});
        const auto neverDrop = torch::tensor({false, false, false, false, true}).unsqueeze(0);
        const auto alive = torch::ones({1, 5}, torch::kBool);
        const auto decision = gate->forward(hidden, neverDrop, alive);
        const auto h = decision.hidden.view({5});
        QCOMPARE(h[1].item<float>(), 2.0f);    // mean of 1 and 3
        QCOMPARE(h[3].item<float>(), 6.0f);    // mean of 5 and 7
        QCOMPARE(h[4].item<float>(), 100.0f);  // EOS untouched
        QCOMPARE(decision.logAlpha[0][0].item<double>(), FixedRuleGateImpl::kDroppedLogAlpha);
        QCOMPARE(decision.logAlpha[0][1].item<double>(), 0.0);
    }

    void attentionRuleKeepsTheMostAttended()
    {
        FixedRuleGate gate(GateRule::AttentionReceived);
        gate->setKeepTarget(0.5);
        // 4 droppable tokens + EOS; every query puts its attention on tokens 2 and 0.
        auto attention = torch::zeros({1, 1, 5, 5});
        attention.select(3, 2).fill_(0.6);
        attention.select(3, 0).fill_(0.3);
        attention.select(3, 4).fill_(0.1);
        const auto neverDrop = torch::tensor({false, false, false, false, true}).unsqueeze(0);
        const auto alive = torch::ones({1, 5}, torch::kBool);
        const auto decision = gate->forward(torch::zeros({1, 5, 4}), neverDrop, alive, attention);
        const auto kept = decision.logAlpha.eq(0).view({5});
        QVERIFY(kept[0].item<bool>());
        QVERIFY(!kept[1].item<bool>());
        QVERIFY(kept[2].item<bool>());
        QVERIFY(!kept[3].item<bool>());
    }
};

QTEST_APPLESS_MAIN(TestHardRemoval)
#include "tst_hard_removal_torch.moc"
