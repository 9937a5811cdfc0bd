#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

#include "widgets/plot/EmaSmoother.h"

using megatoken::debiasedEma;
using megatoken::EmaSmoother;

using Values = std::vector<double>;
Q_DECLARE_METATYPE(Values)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// NaN == NaN for these tests: a passed-through NaN must come back as NaN.
bool sameValue(double actual, double expected)
{
    if (std::isnan(expected)) return std::isnan(actual);
    if (std::isinf(expected)) return actual == expected;
    return std::abs(actual - expected) < 1e-9;
}

QString describe(const Values& values)
{
    QStringList parts;
    for (double v : values) parts << QString::number(v, 'g', 12);
    return parts.join(QStringLiteral(", "));
}

}  // namespace

class TestEmaSmoother : public QObject {
    Q_OBJECT

private slots:
    void smoothsAsTensorBoard_data();
    void smoothsAsTensorBoard();
    void weightZeroIsIdentity();
    void nonFiniteValuesPassThroughUnfolded();
    void resetStartsOver();
    void weightIsClamped_data();
    void weightIsClamped();
};

void TestEmaSmoother::smoothsAsTensorBoard_data()
{
    QTest::addColumn<double>("weight");
    QTest::addColumn<Values>("values");
    QTest::addColumn<Values>("expected");

    // w = 0.6 over 1, 2, 3, 4; last_n = 0.6 last_{n-1} + 0.4 v_n, debiased = last_n / (1 - 0.6^n):
    //   n=1: last = 0.4                        / 0.4    = 1
    //   n=2: last = 0.24  + 0.8 = 1.04         / 0.64   = 1.625
    //   n=3: last = 0.624 + 1.2 = 1.824        / 0.784  = 2.326530612244898 (= 114/49)
    //   n=4: last = 1.0944 + 1.6 = 2.6944      / 0.8704 = 3.095588235294118 (= 421/136)
    QTest::newRow("w=0.6 ramp") << 0.6 << Values{1, 2, 3, 4} << Values{1.0, 1.625, 114.0 / 49.0, 421.0 / 136.0};
    // A constant is its own average from the first point on: what the debiasing is for (a plain
    // EMA started at 0 would give 0.1, 0.19, 0.271 for w = 0.9).
    QTest::newRow("w=0.9 constant") << 0.9 << Values{5, 5, 5} << Values{5, 5, 5};
    // w = 0.5 over 4, 0: last = 2 / 0.5 = 4, then last = 1 + 0 = 1 / 0.75 = 1.333...
    QTest::newRow("w=0.5 step down") << 0.5 << Values{4, 0} << Values{4, 4.0 / 3.0};
    // w = 0.25 over 0, 8, -8: last 0 -> 0/0.75 = 0; 0 + 6 = 6 / 0.9375 = 6.4;
    //   1.5 - 6 = -4.5 / (1 - 0.015625) = -4.571428571428571 (= -32/7)
    QTest::newRow("w=0.25 signs") << 0.25 << Values{0, 8, -8} << Values{0, 6.4, -32.0 / 7.0};
}

void TestEmaSmoother::smoothsAsTensorBoard()
{
    QFETCH(double, weight);
    QFETCH(Values, values);
    QFETCH(Values, expected);

    EmaSmoother smoother(weight);
    Values incremental;
    for (double v : values) incremental.push_back(smoother.add(v));
    const Values batch = debiasedEma(values, weight);

    QCOMPARE(incremental.size(), expected.size());
    QCOMPARE(batch.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QVERIFY2(sameValue(incremental[i], expected[i]),
                 qPrintable(
                     QStringLiteral("add(): got [%1], expected [%2]").arg(describe(incremental), describe(expected))));
        QVERIFY2(sameValue(batch[i], expected[i]),
                 qPrintable(
                     QStringLiteral("debiasedEma: got [%1], expected [%2]").arg(describe(batch), describe(expected))));
    }
}

void TestEmaSmoother::weightZeroIsIdentity()
{
    const Values values{0.3, -7.25, 1e-12, 4e9, 0.1};
    const Values smoothed = debiasedEma(values, 0.0);
    QCOMPARE(smoothed.size(), values.size());
    for (std::size_t i = 0; i < values.size(); ++i) QCOMPARE(smoothed[i], values[i]);  // bit-exact, not just close
}

void TestEmaSmoother::nonFiniteValuesPassThroughUnfolded()
{
    // w = 0.5 over 2, NaN, inf, 4: the NaN and inf come back as they are, and 4 is averaged with
    // 2 alone: last = 1 / 0.5 = 2, then 0.5 + 2 = 2.5 / 0.75 = 3.333...
    const Values smoothed = debiasedEma({2, kNaN, kInf, 4}, 0.5);
    QCOMPARE(smoothed.size(), std::size_t(4));
    QCOMPARE(smoothed[0], 2.0);
    QVERIFY(std::isnan(smoothed[1]));
    QCOMPARE(smoothed[2], kInf);
    QVERIFY(sameValue(smoothed[3], 10.0 / 3.0));

    // A NaN first value does not count as the start either.
    EmaSmoother smoother(0.9);
    QVERIFY(std::isnan(smoother.add(kNaN)));
    QCOMPARE(smoother.add(-kInf), -kInf);
    QVERIFY(sameValue(smoother.add(7.5), 7.5));
}

void TestEmaSmoother::resetStartsOver()
{
    EmaSmoother smoother(0.6);
    smoother.add(100);
    smoother.add(50);
    smoother.reset();
    QCOMPARE(smoother.weight(), 0.6);
    // After reset the ramp gives exactly the fresh figures of the first data row.
    QVERIFY(sameValue(smoother.add(1), 1.0));
    QVERIFY(sameValue(smoother.add(2), 1.625));
}

void TestEmaSmoother::weightIsClamped_data()
{
    QTest::addColumn<double>("requested");
    QTest::addColumn<double>("expected");
    QTest::newRow("negative") << -0.5 << 0.0;
    QTest::newRow("one") << 1.0 << EmaSmoother::kMaxWeight;
    QTest::newRow("above one") << 3.0 << EmaSmoother::kMaxWeight;
    QTest::newRow("NaN") << kNaN << 0.0;
    QTest::newRow("inside") << 0.95 << 0.95;
}

void TestEmaSmoother::weightIsClamped()
{
    QFETCH(double, requested);
    QFETCH(double, expected);
    EmaSmoother smoother(requested);
    QCOMPARE(smoother.weight(), expected);
    // Whatever the weight, a constant stays itself (no 0/0 at weight 1).
    for (int i = 0; i < 5; ++i) QVERIFY(sameValue(smoother.add(2.5), 2.5));
}

QTEST_APPLESS_MAIN(TestEmaSmoother)
#include "tst_ema_smoother.moc"
