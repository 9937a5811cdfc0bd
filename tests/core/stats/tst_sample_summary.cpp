// core/stats/SampleSummary: mean, sample SD, min-max, Student's t and the three bands, by hand.
#include "core/stats/SampleSummary.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace megatoken;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

class TestSampleSummary : public QObject {
    Q_OBJECT

private slots:
    // {1, 2, 4}: mean 7/3, squares 16/9 + 1/9 + 25/9 = 42/9, SD sqrt(42/9 / 2) = 1.5275252.
    void summaryOfThree()
    {
        const std::vector<double> values{1, 2, 4};
        const SampleSummary s = summarize(values);
        QCOMPARE(s.count, std::size_t{3});
        QVERIFY(std::abs(s.mean - 7.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(s.sd - 1.5275252316519465) < 1e-12);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.max, 4.0);
    }

    void nanAndSmallSamples()
    {
        // A NaN is not skipped: the summary says the sample has a hole.
        const SampleSummary withNaN = summarize(std::vector<double>{1, kNaN, 3});
        QCOMPARE(withNaN.count, std::size_t{3});
        QVERIFY(std::isnan(withNaN.mean) && std::isnan(withNaN.sd) && std::isnan(withNaN.min));
        const SampleSummary two = summarize(std::vector<double>{1, 3});
        QCOMPARE(two.mean, 2.0);
        QVERIFY(std::abs(two.sd - std::sqrt(2.0)) < 1e-12);
        const std::vector<double> one{5};
        QVERIFY(std::isnan(summarize(one).sd));
        QCOMPARE(summarize(one).mean, 5.0);
        QVERIFY(std::isnan(summarize(std::vector<double>{}).mean));
        // An infinity is a value (a diverged seed must show), not a hole.
        QVERIFY(std::isinf(summarize(std::vector<double>{1, std::numeric_limits<double>::infinity()}).max));
    }

    // Published quantiles of Student's t (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    void studentT_data()
    {
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("dof");
        QTest::addColumn<double>("expected");
        QTest::newRow("0.975, 1") << 0.975 << 1.0 << 12.706204736;
        QTest::newRow("0.975, 2") << 0.975 << 2.0 << 4.302652730;
        QTest::newRow("0.975, 9") << 0.975 << 9.0 << 2.262157163;
        QTest::newRow("0.95, 30") << 0.95 << 30.0 << 1.697260887;
        QTest::newRow("0.5, 4") << 0.5 << 4.0 << 0.0;
    }
    void studentT()
    {
        QFETCH(double, p);
        QFETCH(double, dof);
        QFETCH(double, expected);
        QVERIFY2(std::abs(studentTQuantile(p, dof) - expected) < 1e-8,
                 qPrintable(QString::number(studentTQuantile(p, dof), 'g', 12)));
    }

    void studentTDomain()
    {
        QVERIFY_THROWS_EXCEPTION(std::domain_error, studentTQuantile(0.975, 0));
        QVERIFY_THROWS_EXCEPTION(std::domain_error, studentTQuantile(1.0, 3));
        QVERIFY_THROWS_EXCEPTION(std::domain_error, studentTQuantile(kNaN, 3));
    }

    // The bands of {1, 2, 4}: min-max [1, 4]; +-SD [0.8058081, 3.8608586]; 95% CI of the mean
    // 7/3 +- t(0.975, 2) 1.5275252 / sqrt(3) = 7/3 +- 3.7945830.
    void bands_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::newRow("min-max") << "min-max" << 1.0 << 4.0;
        QTest::newRow("sd") << "sd" << 0.805808101681387 << 3.8608585649852802;
        QTest::newRow("ci95") << "ci95" << -1.4612497004061313 << 6.127916367072798;
    }
    void bands()
    {
        QFETCH(QString, kind);
        QFETCH(double, low);
        QFETCH(double, high);
        const BandKind parsed = bandKindFromName(kind.toStdString());
        QCOMPARE(QString::fromUtf8(bandKindName(parsed).data()), kind);
        const Band band = bandOf(summarize(std::vector<double>{1, 2, 4}), parsed);
        QVERIFY(std::abs(band.low - low) < 1e-9);
        QVERIFY(std::abs(band.high - high) < 1e-9);
        // One value: no spread in any kind.
        const Band single = bandOf(summarize(std::vector<double>{5}), parsed);
        QCOMPARE(single.low, 5.0);
        QCOMPARE(single.high, 5.0);
    }

    void unknownBandName() { QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bandKindFromName("iqr")); }
};

QTEST_GUILESS_MAIN(TestSampleSummary)
#include "tst_sample_summary.moc"
