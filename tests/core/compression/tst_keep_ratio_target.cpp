// The keep-ratio budget: the ramp of the overall target over training and each gate's share.
#include "core/compression/KeepRatioTarget.h"
#include "core/compression/LambdaController.h"

#include <QtTest>

#include <cmath>

using namespace megatoken;

class TestKeepRatioTarget : public QObject {
    Q_OBJECT

private slots:
    void at_data()
    {
        QTest::addColumn<qint64>("warmup");
        QTest::addColumn<qint64>("ramp");
        QTest::addColumn<double>("targetKeep");
        QTest::addColumn<qint64>("step");
        QTest::addColumn<double>("expected");

        // Warm-up 250, ramp 600 steps to 0.5: 1 through the warm-up, then 1 - 0.5 * (step - 250) / 600.
        QTest::newRow("before warm-up ends") << qint64(250) << qint64(600) << 0.5 << qint64(0) << 1.0;
        QTest::newRow("warm-up's last step") << qint64(250) << qint64(600) << 0.5 << qint64(250) << 1.0;
        QTest::newRow("a quarter of the ramp") << qint64(250) << qint64(600) << 0.5 << qint64(400) << 0.875;
        QTest::newRow("half the ramp") << qint64(250) << qint64(600) << 0.5 << qint64(550) << 0.75;
        QTest::newRow("ramp's end") << qint64(250) << qint64(600) << 0.5 << qint64(850) << 0.5;
        QTest::newRow("long after") << qint64(250) << qint64(600) << 0.5 << qint64(100000) << 0.5;
        // No ramp: the target holds from the first step.
        QTest::newRow("no ramp") << qint64(250) << qint64(0) << 0.3 << qint64(0) << 0.3;
    }

    void at()
    {
        QFETCH(qint64, warmup);
        QFETCH(qint64, ramp);
        QFETCH(double, targetKeep);
        QFETCH(qint64, step);
        QFETCH(double, expected);
        LossConfig loss;
        loss.warmupSteps = warmup;
        loss.targetRampSteps = ramp;
        loss.targetKeep = targetKeep;
        const KeepRatioTarget target(loss);
        QCOMPARE(target.at(step), expected);
        QCOMPARE(target.final(), targetKeep);
        // The controller steers to the same setpoint: one source for the ramp.
        QCOMPARE(LambdaController(loss).targetAt(step), expected);
    }

    void perGate_data()
    {
        QTest::addColumn<double>("overall");
        QTest::addColumn<int>("gates");
        QTest::addColumn<double>("expected");

        QTest::newRow("no gates") << 0.25 << 0 << 1.0;
        QTest::newRow("one gate keeps it all") << 0.25 << 1 << 0.25;
        QTest::newRow("two gates: square root") << 0.25 << 2 << 0.5;
        QTest::newRow("three gates: cube root") << 0.125 << 3 << 0.5;
        QTest::newRow("keep everything") << 1.0 << 4 << 1.0;
        QTest::newRow("above 1 clamps") << 1.5 << 2 << 1.0;
        QTest::newRow("0 clamps to 1e-6") << 0.0 << 2 << 1e-3;
    }

    void perGate()
    {
        QFETCH(double, overall);
        QFETCH(int, gates);
        QFETCH(double, expected);
        const double share = KeepRatioTarget::perGate(overall, static_cast<std::size_t>(gates));
        QVERIFY2(std::abs(share - expected) < 1e-12, qPrintable(QString::number(share, 'g', 17)));
    }
};

QTEST_APPLESS_MAIN(TestKeepRatioTarget)
#include "tst_keep_ratio_target.moc"
