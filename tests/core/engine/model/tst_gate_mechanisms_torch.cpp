// The gate mechanisms from the related work (docs/gate-mechanisms.md), each against values
// computed by hand on a small example: quantile keep, the multiplicative mask, softmax1, MrT5's
// delete gate and its attention-score regulariser, merging, the prior losses, and a gate after the
// last encoder block.
#include <QtTest>

#include <cmath>

#include "core/engine/model/AttentionBias.h"
#include "core/engine/model/AttentionSoftmax.h"
#include "core/engine/model/KeepSelection.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/engine/model/TokenGate.h"
#include "core/engine/model/TokenMerge.h"
#include "core/engine/train/CompressionLoss.h"
#include "support/SmallModel.h"

using namespace megatoken;

namespace {

bool near(double actual, double expected, double tolerance = 1e-5)
{
    return std::abs(actual - expected) <= tolerance;
}

#define QVERIFY_NEAR(actual, expected)                                                                                 \
    QVERIFY2(near((actual), (expected)),                                                                               \
             qPrintable(QString("%1 = %2, expected %3").arg(#actual).arg(actual, 0, 'g', 9).arg(expected, 0, 'g', 9)))

torch::Tensor logSigmoid(const torch::Tensor& z)
{
    return torch::log_sigmoid(z);
}

}  // namespace

class TestGateMechanisms : public QObject {
    Q_OBJECT
private slots:
    // gates.keep=quantile on one gate: rows of 5, 3 and 1 droppable tokens (then EOS, then padding).
    void quantileKeepsCeilRhoNOfEveryRow()
    {
        const auto logits = torch::tensor({{0.1f, 2.0f, -1.0f, 0.5f, 3.0f, 0.0f},
                                           {1.0f, -2.0f, 0.0f, 0.0f, 0.0f, 0.0f},
                                           {-5.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f}})
                                .requires_grad_(true);
        // EOS at 5, 3 and 1; padding after it.
        const auto neverDrop = torch::tensor({{false, false, false, false, false, true},
                                              {false, false, false, true, true, true},
                                              {false, true, true, true, true, true}});
        const auto droppable = neverDrop.logical_not();
        const auto selected = quantileKeep(logits, droppable, neverDrop, 0.5, logSigmoid);
        // ceil(0.5 * 5) = 3, ceil(0.5 * 3) = 2, ceil(0.5 * 1) = 1.
        const auto counts = selected.keep.sum(1);
        QCOMPARE(counts[0].item<std::int64_t>(), std::int64_t{3});
        QCOMPARE(counts[1].item<std::int64_t>(), std::int64_t{2});
        QCOMPARE(counts[2].item<std::int64_t>(), std::int64_t{1});
        // Row 0 keeps its three largest logits 3.0, 2.0, 0.5 (positions 4, 1, 3); tau = 0.5.
        QVERIFY(torch::equal(selected.keep[0], torch::tensor({false, true, false, true, true, false})));
        QVERIFY_NEAR(selected.tau[0][0].item<double>(), 0.5);
        // Row 1 keeps 1.0 and 0.0 (positions 0, 2); tau = 0.0.
        QVERIFY(torch::equal(selected.keep[1], torch::tensor({true, false, true, false, false, false})));
        // Forward: 0 where kept, EOS and padding; kDroppedLogAlpha where dropped.
        QCOMPARE(selected.logAlpha[0][0].item<double>(), kDroppedLogAlpha);
        QCOMPARE(selected.logAlpha[0][1].item<double>(), 0.0);
        QCOMPARE(selected.logAlpha[0][5].item<double>(), 0.0);
        // Soft: ln sigmoid(0.1 - 0.5) = -ln(1 + e^0.4) = -0.9130153.
        QVERIFY_NEAR(selected.soft[0][0].item<double>(), -0.9130153);
        // Straight-through: the gradient is the soft one's, d ln sigmoid(z)/dz = sigmoid(-z) =
        // sigmoid(0.4) = 0.5986877 at the dropped token 0; EOS and padding get none.
        selected.logAlpha.sum().backward();
        QVERIFY_NEAR(logits.grad()[0][0].item<double>(), 0.5986877);
        QCOMPARE(logits.grad()[0][5].item<double>(), 0.0);
        // rho = 0.3: ceil(1.5) = 2, ceil(0.9) = 1, ceil(0.3) = 1; rho = 1 keeps all.
        const auto fewer = quantileKeepCount(droppable, 0.3);
        QVERIFY(torch::equal(fewer, torch::tensor({2, 1, 1}, torch::kLong)));
        QVERIFY(torch::equal(quantileKeepCount(droppable, 1.0), torch::tensor({5, 3, 1}, torch::kLong)));
        // 0.3 * 10 is 3.0000000000000004 in binary: still 3.
        QCOMPARE(quantileKeepCount(torch::ones({1, 10}, torch::kBool), 0.3)[0].item<std::int64_t>(), std::int64_t{3});
    }

    // The whole model with quantile gates: every row keeps exactly ceil(rho n) at every gate.
    void quantileModelKeepsExactRatio()
    {
        ModelConfig c = testing::smallModelConfig();
        c.gates.keep = GateKeep::Quantile;
        torch::manual_seed(3);
        MegatokenModel model(c);
        model->encoder->setKeepTarget(0.25);  // two gates: rho = 0.5 each
        model->eval();
        torch::NoGradGuard noGrad;
        const auto ids = testing::paddedBatch({14, 3, 9, 1, 12, 6}, 7);
        const auto out = model->encode(ids, MaskMode::Threshold);
        const auto droppable = ids.ne(0) & ids.ne(1);
        // ceil(n / 2) of 14, 3, 9, 1, 12, 6, then ceil of half of that again.
        const std::vector<std::int64_t> afterFirst{7, 2, 5, 1, 6, 3};
        const std::vector<std::int64_t> afterSecond{4, 1, 3, 1, 3, 2};
        for (std::int64_t r = 0; r < 6; ++r) {
            const auto u = static_cast<std::size_t>(r);
            QCOMPARE((out.gates[0].kept[r] & droppable[r]).sum().item<std::int64_t>(), afterFirst[u]);
            QCOMPARE((out.gates[1].kept[r] & droppable[r]).sum().item<std::int64_t>(), afterSecond[u]);
        }
        QVERIFY(out.gates[1].kept.masked_select(ids.eq(1)).all().item<bool>());  // EOS stays
        // The trace carries the soft values (ln sigmoid(z - tau)), not the hard forward.
        QVERIFY(out.gates[0].logAlpha.masked_select(droppable).lt(0).all().item<bool>());
    }

    // gates.mask=multiplicative: one query, three keys with logits l = (0, ln 2, 0), values
    // v = (1, 5, 3); key 1 dropped: M = (1, 0, 1) forward, the soft alpha's gradient.
    void multiplicativeMaskHandExample()
    {
        const auto scores = torch::tensor({0.0, std::log(2.0), 0.0}, torch::kDouble).view({1, 3});
        const auto value = torch::tensor({1.0, 5.0, 3.0}, torch::kDouble).view({3, 1});
        const auto alpha = torch::tensor({0.9, 0.2, 0.8}, torch::kDouble).requires_grad_(true);
        const auto hard = torch::tensor({1.0, 0.0, 1.0}, torch::kDouble);
        const auto mask = (hard + (alpha - alpha.detach())).view({1, 3});
        const auto weights = attentionSoftmax(scores, mask, /*plusOne=*/false);
        const auto output = torch::matmul(weights, value);  // [1, 1]
        // Forward as the hard mask: e = (1, 2, 1), Z = 1 + 1 = 2, A = (0.5, 0, 0.5), o = (1 + 3) / 2 = 2;
        // the same as the additive hard mask (kMasked on key 1).
        QVERIFY_NEAR(weights[0][0].item<double>(), 0.5);
        QCOMPARE(weights[0][1].item<double>(), 0.0);
        QVERIFY_NEAR(output.item<double>(), 2.0);
        const auto additive = torch::softmax(scores + torch::tensor({0.0, bias::kMasked, 0.0}, torch::kDouble), -1);
        QVERIFY(torch::allclose(weights.detach(), additive));
        // d o / d m_j = e^{l_j} (v_j - o) / Z: for the dropped key 1, 2 * (5 - 2) / 2 = 3 (non-zero);
        // for key 0, 1 * (1 - 2) / 2 = -0.5; for key 2, 1 * (3 - 2) / 2 = 0.5.
        output.sum().backward();
        QVERIFY_NEAR(alpha.grad()[1].item<double>(), 3.0);
        QVERIFY_NEAR(alpha.grad()[0].item<double>(), -0.5);
        QVERIFY_NEAR(alpha.grad()[2].item<double>(), 0.5);
        // Self-attention's key mask keeps the diagonal at 1: for m = (1, 0, 1), row 1 is (1, 1, 1).
        const auto scale = bias::selfKeyScale(torch::tensor({1.0f, 0.0f, 1.0f}).view({1, 3}));
        QVERIFY(torch::equal(scale[0][0][1], torch::ones({3})));
        QVERIFY(torch::equal(scale[0][0][0], torch::tensor({1.0f, 0.0f, 1.0f})));
    }

    // A dropped key far above the kept ones (60 nats, float32 as in training): the forward is
    // unchanged and its straight-through gradient is that of a key kDroppedKeyExponentCap = 10 nats
    // above: e^10 (v_1 - o) / Z = 22026.47 * (5 - 2) / 2 = 33039.7, finite (uncapped: 1.7e26,
    // whose square overflows a float32 gradient norm).
    void multiplicativeDroppedKeyGradientIsBounded()
    {
        const auto scores = torch::tensor({0.0f, 60.0f, 0.0f}).view({1, 3});
        const auto value = torch::tensor({1.0f, 5.0f, 3.0f}).view({3, 1});
        const auto alpha = torch::tensor({0.9f, 0.2f, 0.8f}).requires_grad_(true);
        const auto hard = torch::tensor({1.0f, 0.0f, 1.0f});
        const auto mask = (hard + (alpha - alpha.detach())).view({1, 3});
        const auto weights = attentionSoftmax(scores, mask, /*plusOne=*/false);
        QVERIFY_NEAR(weights[0][0].item<double>(), 0.5);
        QCOMPARE(weights[0][1].item<double>(), 0.0);
        torch::matmul(weights, value).sum().backward();
        const double expected = std::exp(kDroppedKeyExponentCap) * (5.0 - 2.0) / 2.0;
        QVERIFY2(std::abs(alpha.grad()[1].item<double>() - expected) / expected < 1e-5,
                 qPrintable(QString::number(alpha.grad()[1].item<double>())));
        QVERIFY(std::isfinite(alpha.grad().pow(2).sum().item<float>()));
    }

    // The Attention module: a 0/1 key scale gives the additive hard mask's output.
    void multiplicativeAttentionEqualsHardMask()
    {
        torch::manual_seed(5);
        Attention attention(8, 2, 4, /*cross=*/false, /*scaled=*/false, 0.0, AttentionKernel::Explicit);
        attention->eval();
        const auto x = torch::randn({2, 5, 8});
        const auto keep = torch::tensor({{1.f, 0.f, 1.f, 1.f, 0.f}, {0.f, 1.f, 1.f, 0.f, 1.f}});
        const auto scaled = attention->forward(x, {}, {}, bias::selfKeyScale(keep));
        const auto hard =
            bias::gatePairs(torch::where(keep.gt(0), torch::zeros_like(keep), torch::full_like(keep, -1e9)));
        // The additive hard mask also hides a dropped token's row; compare the kept queries only.
        const auto masked = attention->forward(x, {}, hard);
        const auto kept = keep.gt(0).unsqueeze(-1);
        QVERIFY((scaled - masked).abs().masked_select(kept).max().item<double>() < 1e-6);
    }

    // model.softmax1: exp(s_i) / (1 + sum_j exp(s_j)).
    void softmax1HandValues()
    {
        // s = (0, ln 3): (1, 3) / (1 + 1 + 3) = (0.2, 0.6).
        const auto a = attentionSoftmax(torch::tensor({0.0, std::log(3.0)}, torch::kDouble).view({1, 2}), {}, true);
        QVERIFY_NEAR(a[0][0].item<double>(), 0.2);
        QVERIFY_NEAR(a[0][1].item<double>(), 0.6);
        // Large logits stay finite: s = (100, 100): e^100 / (1 + 2 e^100) = 0.5 (to 1e-43).
        const auto b = attentionSoftmax(torch::tensor({100.0f, 100.0f}).view({1, 2}), {}, true);
        QVERIFY_NEAR(b[0][0].item<double>(), 0.5);
        // With a key mask: s = (0, ln 3, ln 2), M = (1, 0, 1): (1, 0, 2) / (1 + 1 + 2) = (0.25, 0, 0.5).
        const auto c = attentionSoftmax(torch::tensor({0.0, std::log(3.0), std::log(2.0)}, torch::kDouble).view({1, 3}),
                                        torch::tensor({1.0, 0.0, 1.0}, torch::kDouble).view({1, 3}), true);
        QVERIFY_NEAR(c[0][0].item<double>(), 0.25);
        QCOMPARE(c[0][1].item<double>(), 0.0);
        QVERIFY_NEAR(c[0][2].item<double>(), 0.5);
    }

    // MrT5's attention-score regulariser: mean(clamp(s, min=5)) - 5.
    void attentionScorePenaltyHandValue()
    {
        // s = (1, 7, 5, 9): clamped (5, 7, 5, 9), mean 6.5, minus 5 = 1.5.
        QVERIFY_NEAR(attentionScorePenalty(torch::tensor({{1.0f, 7.0f}, {5.0f, 9.0f}})).item<double>(), 1.5);
        // Through the encoder: on when tracked, off otherwise.
        torch::manual_seed(4);
        MegatokenModel model(testing::smallModelConfig());
        const auto ids = testing::paddedBatch({5, 3}, 2);
        QVERIFY(!model->encode(ids, MaskMode::Threshold).scorePenalty.defined());
        model->encoder->setTrackScorePenalty(true);
        const auto penalty = model->encode(ids, MaskMode::Threshold).scorePenalty;
        QVERIFY(penalty.defined() && penalty.item<double>() >= 0.0);
    }

    // gates.form=mrt5: G = k sigmoid(-(E0 / tau + beta)), k = -30, here tau = 1, beta = 0, E0 read
    // directly: E0 = ln 3 -> -30 / (1 + 3) = -7.5; E0 = 0 -> -15; E0 = -ln 3 -> -30 * 3/4 = -22.5;
    // EOS 0. With the threshold k/2 = -15: kept, dropped (at the threshold), dropped, kept.
    void mrt5GateHandValues()
    {
        GateConfig config;
        config.form = GateForm::MrT5;
        config.source = GateSource::Element0;
        config.tau = 1.0;
        config.beta = 0.0;
        config.noise = GateNoise::None;
        config.calibrationRate = 0.0;
        config.threshold = -15.0;
        TokenGate gate(config, 2, 1e-6);
        const auto hidden =
            torch::tensor({std::log(3.0f), 0.0f, 0.0f, 0.0f, -std::log(3.0f), 0.0f, 7.0f, 0.0f}).view({1, 4, 2});
        const auto neverDrop = torch::tensor({false, false, false, true}).unsqueeze(0);
        const auto g = gate->forward(hidden, neverDrop);
        QVERIFY_NEAR(g[0][0].item<double>(), -7.5);
        QVERIFY_NEAR(g[0][1].item<double>(), -15.0);
        QVERIFY_NEAR(g[0][2].item<double>(), -22.5);
        QCOMPARE(g[0][3].item<double>(), 0.0);
        const auto kept = g.gt(config.threshold);
        QVERIFY(torch::equal(kept[0], torch::tensor({true, false, false, true})));
        // A key (column) bias only: every query row gets the same G_k, the diagonal included.
        const auto columns = bias::gateColumns(g);
        QCOMPARE(columns.sizes().vec(), (std::vector<std::int64_t>{1, 1, 1, 4}));
    }

    // gates.merge on one row of 6 tokens (EOS last), tokens 1, 4 and 5 kept, 0, 2, 3 dropped here.
    void mergeWeightsAndSizes_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("left") << int(GateMerge::Left);
        QTest::newRow("segment") << int(GateMerge::Segment);
    }

    void mergeWeightsAndSizes()
    {
        QFETCH(int, mode);
        // Values 1..6 (D = 1), sizes (1, 1, 2, 1, 1, 1): token 2 already stands for two tokens.
        const auto hidden = torch::tensor({1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f}).view({1, 6, 1});
        const auto sizes = torch::tensor({1.0f, 1.0f, 2.0f, 1.0f, 1.0f, 1.0f}).view({1, 6});
        const auto alive = torch::ones({1, 6}, torch::kBool);
        const auto kept = torch::tensor({false, true, false, false, true, true}).view({1, 6});
        const auto merged = mergeDropped(static_cast<GateMerge>(mode), hidden, sizes, alive, kept);
        const auto h = merged.hidden.view({6});
        const auto s = merged.sizes.view({6});
        if (mode == int(GateMerge::Left)) {
            // Token 0 has no kept token to its left: the first kept one, 1. Tokens 2 and 3 go left to 1.
            // Token 1: (1*1 + 1*2 + 2*3 + 1*4) / (1 + 1 + 2 + 1) = 13 / 5 = 2.6, size 5; token 4 alone.
            QVERIFY(torch::equal(merged.target[0], torch::tensor({1, 1, 1, 1, 4, 5}, torch::kLong)));
            QVERIFY_NEAR(h[1].item<double>(), 2.6);
            QVERIFY_NEAR(s[1].item<double>(), 5.0);
            QVERIFY_NEAR(h[4].item<double>(), 5.0);
            QVERIFY_NEAR(s[4].item<double>(), 1.0);
        } else {
            // Runs pool into the next kept token: 0 -> 1, (2, 3) -> 4.
            // Token 1: (1 + 2) / 2 = 1.5, size 2; token 4: (2*3 + 4 + 5) / (2 + 1 + 1) = 15 / 4 = 3.75, size 4.
            QVERIFY(torch::equal(merged.target[0], torch::tensor({1, 1, 4, 4, 4, 5}, torch::kLong)));
            QVERIFY_NEAR(h[1].item<double>(), 1.5);
            QVERIFY_NEAR(s[1].item<double>(), 2.0);
            QVERIFY_NEAR(h[4].item<double>(), 3.75);
            QVERIFY_NEAR(s[4].item<double>(), 4.0);
        }
        QVERIFY_NEAR(h[5].item<double>(), 6.0);  // EOS: nothing joined it
        QVERIFY_NEAR(h[0].item<double>(), 1.0);  // dropped tokens keep their own state
        // Proportional attention: ln size as the key bias, 0 on padding (size 0).
        const auto bias = proportionalAttentionBias(torch::tensor({2.0f, 1.0f, 0.0f}).view({1, 3})).view({3});
        QVERIFY_NEAR(bias[0].item<double>(), std::log(2.0));
        QCOMPARE(bias[1].item<double>(), 0.0);
        QCOMPARE(bias[2].item<double>(), 0.0);
    }

    // gates.merge=similar: cosine similarity on the hidden states. Kept: t1 = (1, 0), t4 = (0, 1),
    // EOS t5 = (-1, -1). Dropped: t0 = (2, 0.1) -> t1 (cos 0.999 vs 0.050); t2 = (0.1, 3) -> t4;
    // t3 = (1, 1.2): cos with t1 = 1 / 1.562 = 0.640, with t4 = 1.2 / 1.562 = 0.768 -> t4.
    // t1 = ((1, 0) + (2, 0.1)) / 2 = (1.5, 0.05), size 2; t4 = ((0, 1) + (0.1, 3) + (1, 1.2)) / 3
    // = (0.366667, 1.733333), size 3.
    void mergeSimilarHandExample()
    {
        const auto hidden =
            torch::tensor({2.0f, 0.1f, 1.0f, 0.0f, 0.1f, 3.0f, 1.0f, 1.2f, 0.0f, 1.0f, -1.0f, -1.0f}).view({1, 6, 2});
        const auto sizes = torch::ones({1, 6});
        const auto alive = torch::ones({1, 6}, torch::kBool);
        const auto kept = torch::tensor({false, true, false, false, true, true}).view({1, 6});
        const auto merged = mergeDropped(GateMerge::Similar, hidden, sizes, alive, kept);
        QVERIFY(torch::equal(merged.target[0], torch::tensor({1, 1, 4, 4, 4, 5}, torch::kLong)));
        QVERIFY_NEAR(merged.hidden[0][1][0].item<double>(), 1.5);
        QVERIFY_NEAR(merged.hidden[0][1][1].item<double>(), 0.05);
        QVERIFY_NEAR(merged.sizes[0][1].item<double>(), 2.0);
        QVERIFY_NEAR(merged.hidden[0][4][0].item<double>(), 1.1 / 3.0);
        QVERIFY_NEAR(merged.hidden[0][4][1].item<double>(), 5.2 / 3.0);
        QVERIFY_NEAR(merged.sizes[0][4].item<double>(), 3.0);
    }

    // The encoder records which kept token absorbed each dropped one (for the inspector):
    // with merge=left every token dropped at a gate points to the nearest kept token on its left
    // (or the row's first kept one), and to nothing otherwise.
    void encoderRecordsMerges()
    {
        ModelConfig c = testing::smallModelConfig();
        c.gates.merge = GateMerge::Left;
        c.gates.rule = GateRule::FirstK;  // keeps the first tokens: every dropped one has a kept one to its left
        torch::manual_seed(9);
        MegatokenModel model(c);
        model->encoder->setKeepTarget(0.25);
        model->eval();
        torch::NoGradGuard noGrad;
        const auto ids = testing::paddedBatch({8, 5}, 3);
        const auto out = model->encode(ids, MaskMode::Threshold);
        const auto& first = out.gates[0];
        QVERIFY(first.mergedInto.defined());
        // Row 0: 8 droppable tokens, first-k keeps round(0.5 * 8) = 4 (positions 0..3) and EOS (8);
        // positions 4..7 all join position 3.
        QVERIFY(torch::equal(first.mergedInto[0], torch::tensor({-1, -1, -1, -1, 3, 3, 3, 3, -1}, torch::kLong)));
        // Row 1: 5 droppable, keeps round(2.5) = 3 (0..2): 3 and 4 join 2; EOS (5) and padding nothing.
        QVERIFY(torch::equal(first.mergedInto[1], torch::tensor({-1, -1, -1, 2, 2, -1, -1, -1, -1}, torch::kLong)));
    }

    // loss.prior on one gate with keep target p = 0.5. Row 0: alpha (0.5, 0.25), EOS: n = 2,
    // k = 0.75. Row 1: alpha 1 on its one droppable token, EOS, padding: n = 1, k = 1.
    //  binomial, row 0: lgamma(3) = 0.6931472, lgamma(1.75) = -0.0844011, lgamma(2.25) = 0.1248717,
    //    k ln p + (n - k) ln(1 - p) = 2 ln 0.5 = -1.3862944; ln P = 0.6931472 + 0.0844011
    //    - 0.1248717 - 1.3862944 = -0.7336178; / n = 0.3668089.
    //  binomial, row 1: -(lgamma(2) - lgamma(2) - lgamma(1) + ln 0.5) = ln 2 = 0.6931472.
    //  mean over rows: (0.3668089 + 0.6931472) / 2 = 0.5299780.
    //  keep_mse: row 0 (0.75 / 2 - 0.5)^2 = 0.015625, row 1 (1 - 0.5)^2 = 0.25; mean 0.1328125.
    void priorLossHandValues()
    {
        EncoderOutput encoded;
        encoded.hidden = torch::zeros({2, 3, 4});
        encoded.padMask = torch::tensor({{false, false, false}, {false, false, true}});
        GateTrace gate;
        gate.logAlpha = torch::log(torch::tensor({{0.5f, 0.25f, 1.0f}, {1.0f, 1.0f, 1.0f}}));
        gate.droppable = torch::tensor({{true, true, false}, {true, false, false}});
        gate.keepTarget = 0.5;
        encoded.gates.push_back(gate);
        QVERIFY_NEAR(priorLoss(encoded, LossPrior::Binomial).item<double>(), 0.5299780);
        QVERIFY_NEAR(priorLoss(encoded, LossPrior::KeepMse).item<double>(), 0.1328125);
        QVERIFY(!priorLoss(encoded, LossPrior::None).defined());
        // Two identical gates average to the same value.
        encoded.gates.push_back(gate);
        QVERIFY_NEAR(priorLoss(encoded, LossPrior::Binomial).item<double>(), 0.5299780);
    }

    // Deciding late: gates.first = encoder_layers - 1, gates.every = 1 puts one gate after the last
    // block. No encoder block sees a gate mask (the states equal those of the model without
    // gates), and only the decoder's cross-attention bias carries the decision.
    void gateAfterLastBlockMasksOnlyTheMemory()
    {
        ModelConfig gated = testing::smallModelConfig();
        gated.gates.first = gated.encoderLayers - 1;
        gated.gates.every = 1;
        gated.gates.merge = GateMerge::None;  // dropping: merged states would differ by design
        ModelConfig plain = gated;
        plain.gates.every = 0;
        torch::manual_seed(6);
        MegatokenModel withGate(gated);
        MegatokenModel without(plain);
        {
            torch::NoGradGuard noGrad;
            const auto source = withGate->named_parameters();
            for (auto& p : without->named_parameters()) p.value().copy_(source[p.key()]);
            for (const auto& gate : *withGate->encoder->gates) {
                auto* learned = gate->as<TokenGate>();
                learned->projection->weight.normal_(0.0, 3.0 / std::sqrt(32.0));
                learned->projection->bias.fill_(-3.5);  // beta 3 + (-3.5): about half dropped
            }
        }
        QCOMPARE(withGate->encoder->gateCount(), std::size_t{1});
        withGate->eval();
        without->eval();
        torch::NoGradGuard noGrad;
        const auto ids = testing::paddedBatch({9, 4, 12}, 8);
        const auto a = withGate->encode(ids, MaskMode::Threshold);
        const auto b = without->encode(ids, MaskMode::Threshold);
        QVERIFY(torch::equal(a.hidden, b.hidden));
        const auto kept = a.gates.back().kept;
        const auto dropped = ids.ne(0) & kept.logical_not();
        QVERIFY(dropped.any().item<bool>());
        const auto cross = a.crossBias.view({ids.size(0), ids.size(1)});
        QVERIFY(cross.masked_select(dropped).le(-1e8).all().item<bool>());
        QVERIFY(cross.masked_select(kept).gt(-1e8).all().item<bool>());
        QVERIFY(b.crossBias.view({ids.size(0), ids.size(1)}).masked_select(ids.ne(0)).eq(0).all().item<bool>());
    }
};

QTEST_APPLESS_MAIN(TestGateMechanisms)
#include "tst_gate_mechanisms_torch.moc"
