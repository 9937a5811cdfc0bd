// megatoken::dropout: the cheap CPU mask must behave like torch::dropout (drop rate, unbiased
// expectation, gradient through the kept elements only, reproducible from the seed).
#include <QtTest>

#include "core/engine/model/Dropout.h"

using namespace megatoken;

class TestDropout : public QObject {
    Q_OBJECT
private slots:
    void identityWhenOff()
    {
        const auto x = torch::randn({7, 5});
        QVERIFY(megatoken::dropout(x, 0.3, false).equal(x));
        QVERIFY(megatoken::dropout(x, 0.0, true).equal(x));
    }

    void dropsTheRightShareWithoutBias_data()
    {
        QTest::addColumn<double>("p");
        QTest::newRow("0.1") << 0.1;
        QTest::newRow("0.5") << 0.5;
        QTest::newRow("0.9") << 0.9;
    }

    void dropsTheRightShareWithoutBias()
    {
        QFETCH(double, p);
        torch::manual_seed(4);
        const auto ones = torch::ones({1000, 1001});  // an odd count: the last 64-bit draw is partly used
        const auto out = megatoken::dropout(ones, p, true);
        const double droppedShare = out.eq(0).to(torch::kDouble).mean().item<double>();
        // 1e6 Bernoulli draws: the standard error is at most 5e-4.
        QVERIFY2(std::abs(droppedShare - p) < 3e-3,
                 qPrintable(QString("dropped %1, expected %2").arg(droppedShare).arg(p)));
        QVERIFY2(std::abs(out.mean().item<double>() - 1.0) < 3e-3 / (1.0 - p), "the expectation must stay the input's");
        const double kept = out.masked_select(out.ne(0))[0].item<double>();
        const double scale = 65536.0 / (65536.0 - std::round(p * 65536.0));
        QVERIFY2(std::abs(kept - scale) < 1e-6 * scale, "kept elements are scaled by 1 / (1 - p)");
    }

    void gradientFlowsThroughKeptElementsOnly()
    {
        torch::manual_seed(9);
        const auto x = torch::randn({64, 33}).requires_grad_(true);
        const auto out = megatoken::dropout(x, 0.25, true);
        out.sum().backward();
        const auto expected = out.detach() / x.detach();  // mask * scale
        QVERIFY(torch::allclose(x.grad(), expected, 1e-5, 1e-6));
    }

    void reproducibleFromTheSeed()
    {
        const auto x = torch::ones({100, 100});
        torch::manual_seed(1);
        const auto a = megatoken::dropout(x, 0.2, true);
        torch::manual_seed(1);
        const auto b = megatoken::dropout(x, 0.2, true);
        torch::manual_seed(2);
        const auto c = megatoken::dropout(x, 0.2, true);
        QVERIFY(a.equal(b));
        QVERIFY(!a.equal(c));
    }

    void rejectsInvalidProbabilities()
    {
        const auto x = torch::ones({3});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, megatoken::dropout(x, 1.0, true));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, megatoken::dropout(x, -0.1, true));
    }
};

QTEST_APPLESS_MAIN(TestDropout)
#include "tst_dropout_torch.moc"
