#include <QtTest>

#include <cmath>

#include "core/engine/model/AttentionBias.h"

namespace bias = megatoken::bias;

// The gate mask on the post's 4-token example: row and column of each token get ln alpha,
// the diagonal stays 0, and the masks of successive gates add up.
class TestAttentionBias : public QObject {
    Q_OBJECT
private slots:
    void gateMaskMatchesThePost_data()
    {
        QTest::addColumn<QVector<double>>("alphas");
        QTest::newRow("first token dropped") << QVector<double>{1e-12, 1.0, 1.0, 1.0};
        QTest::newRow("mixed") << QVector<double>{0.9, 0.2, 0.5, 1.0};
    }
    void gateMaskMatchesThePost()
    {
        QFETCH(QVector<double>, alphas);
        const auto logAlpha =
            torch::tensor(std::vector<double>(alphas.begin(), alphas.end()), torch::kFloat).log().unsqueeze(0);
        const auto mask = bias::gatePairs(logAlpha);
        QCOMPARE(mask.sizes().vec(), (std::vector<int64_t>{1, 1, 4, 4}));
        for (int j = 0; j < 4; ++j)
            for (int k = 0; k < 4; ++k) {
                const double expected = j == k ? 0.0 : std::log(alphas[j]) + std::log(alphas[k]);
                QVERIFY2(
                    std::abs(mask[0][0][j][k].item<double>() - expected) < 1e-4,
                    qPrintable(
                        QString("(%1,%2): %3 vs %4").arg(j).arg(k).arg(mask[0][0][j][k].item<double>()).arg(expected)));
            }
    }

    void twoGatesAccumulate()
    {
        const auto first = torch::tensor({0.5, 1.0, 0.25, 1.0}, torch::kFloat).log().unsqueeze(0);
        const auto second = torch::tensor({0.5, 0.5, 1.0, 1.0}, torch::kFloat).log().unsqueeze(0);
        const auto summed = bias::gatePairs(first) + bias::gatePairs(second);
        const auto accumulated = bias::gatePairs(first + second);
        QVERIFY(torch::allclose(summed, accumulated, 1e-5, 1e-6));
        // Token 0 at entry (0, 2): ln .5 + ln .25 (gate 1) + ln .5 + ln 1 (gate 2).
        QVERIFY(std::abs(summed[0][0][0][2].item<double>() - (std::log(0.5) + std::log(0.25) + std::log(0.5))) < 1e-5);
        QCOMPARE(summed[0][0][2][2].item<double>(), 0.0);
    }

    void paddingMasksKeysOnly()
    {
        const auto pad = torch::tensor({false, false, true}).unsqueeze(0);
        const auto b = bias::padding(pad);
        QCOMPARE(b.sizes().vec(), (std::vector<int64_t>{1, 1, 1, 3}));
        QCOMPARE(b[0][0][0][1].item<double>(), 0.0);
        QCOMPARE(b[0][0][0][2].item<double>(), bias::kMasked);
    }

    void windowedCausalSeesOnlyTheWindow_data()
    {
        QTest::addColumn<int>("window");
        QTest::newRow("window 5") << 5;
        QTest::newRow("window 1") << 1;
        QTest::newRow("unlimited (0): full causal, as T5") << 0;
    }

    void windowedCausalSeesOnlyTheWindow()
    {
        QFETCH(int, window);
        const auto b = bias::windowedCausal(8, window, torch::kCPU)[0][0];
        for (int q = 0; q < 8; ++q)
            for (int k = 0; k < 8; ++k) {
                const bool visible = k <= q && (window == 0 || k >= q - window);
                QCOMPARE(b[q][k].item<double>(), visible ? 0.0 : bias::kMasked);
            }
    }

    void thresholdAndStraightThrough()
    {
        const auto logAlpha = torch::tensor({-0.5, -1.0, -2.0, 0.0}, torch::kFloat).requires_grad_(true);
        const auto hard = bias::thresholdLogAlpha(logAlpha, -1.0);
        QCOMPARE(hard[0].item<double>(), -0.5);
        QCOMPARE(hard[1].item<double>(), bias::kMasked);  // <= threshold is dropped
        QCOMPARE(hard[2].item<double>(), bias::kMasked);
        const auto st = bias::straightThroughLogAlpha(logAlpha, -1.0);
        QCOMPARE(st[2].item<double>(), -1e4);
        QCOMPARE(st[0].item<double>(), -0.5);
        st.sum().backward();
        QVERIFY(torch::allclose(logAlpha.grad(), torch::ones({4})));  // the soft gradient
    }
};

QTEST_APPLESS_MAIN(TestAttentionBias)
#include "tst_attention_bias_torch.moc"
