// core/runs/GroupCurve: a group's mean curve and band, step by step, by hand.
#include "core/runs/GroupCurve.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace megatoken;

class TestGroupCurve : public QObject {
    Q_OBJECT

private slots:
    // A: steps 0, 10, 20 (y 1, 2, 3). B: steps 0, 10 (still training). C: NaN at 10, 5 at 20.
    void meanBandAndCount()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<std::vector<CurvePoint>> members{
            {{0, 100, 1}, {10, 200, 2}, {20, 300, 3}},
            {{10, 210, 4}, {0, 110, 3}},  // any order
            {{10, 999, nan}, {20, 320, 5}},
        };
        const auto curve = groupCurve(members, BandKind::MinMax);
        QCOMPARE(curve.size(), std::size_t{3});
        // Step 0: A 1, B 3: mean 2, [1, 3], x (100 + 110) / 2.
        QCOMPARE(curve[0].step, 0.0);
        QCOMPARE(curve[0].x, 105.0);
        QCOMPARE(curve[0].mean, 2.0);
        QCOMPARE(curve[0].low, 1.0);
        QCOMPARE(curve[0].high, 3.0);
        QCOMPARE(curve[0].count, std::size_t{2});
        // Step 10: A 2, B 4; C's NaN is a gap, and its x is not averaged in.
        QCOMPARE(curve[1].x, 205.0);
        QCOMPARE(curve[1].mean, 3.0);
        QCOMPARE(curve[1].count, std::size_t{2});
        // Step 20: A 3, C 5.
        QCOMPARE(curve[2].x, 310.0);
        QCOMPARE(curve[2].mean, 4.0);
        QCOMPARE(curve[2].min, 3.0);
        QCOMPARE(curve[2].max, 5.0);
        QVERIFY(std::abs(curve[2].sd - std::sqrt(2.0)) < 1e-12);  // ((3-4)^2 + (5-4)^2) / (2 - 1)

        // +-SD at step 20: 4 +- sqrt(2).
        const auto sd = groupCurve(members, BandKind::StandardDeviation);
        QVERIFY(std::abs(sd[2].low - (4.0 - std::sqrt(2.0))) < 1e-12);
        QVERIFY(std::abs(sd[2].high - (4.0 + std::sqrt(2.0))) < 1e-12);
    }

    void lastPointAtAStepCounts()
    {
        const auto curve = groupCurve({{{5, 5, 3}, {5, 5, 7}}, {{5, 5, 1}}}, BandKind::MinMax);
        QCOMPARE(curve.size(), std::size_t{1});
        QCOMPARE(curve[0].mean, 4.0);  // (7 + 1) / 2
        QCOMPARE(curve[0].high, 7.0);
    }

    void oneMemberHasNoBand()
    {
        const auto curve = groupCurve({{{1, 1, 0.5}, {2, 2, 0.75}}}, BandKind::ConfidenceInterval);
        QCOMPARE(curve.size(), std::size_t{2});
        QCOMPARE(curve[1].low, 0.75);
        QCOMPARE(curve[1].high, 0.75);
        QVERIFY(groupCurve({}, BandKind::MinMax).empty());
    }
};

QTEST_GUILESS_MAIN(TestGroupCurve)
#include "tst_group_curve.moc"
