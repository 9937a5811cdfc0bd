#include <QtTest>

#include "core/runs/EtaEstimator.h"

using namespace megatoken;

class TestEtaEstimator : public QObject {
    Q_OBJECT
private slots:
    void format_data();
    void format();
    void rateFromTheWindow();
    void unknownUntilTwoSteps();
    void restartsWhenStepsGoBack();
    void forgetsAPauseOnceItLeavesTheWindow();
};

void TestEtaEstimator::format_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown") << -1.0 << QStringLiteral("–");
    QTest::newRow("seconds") << 12.4 << QStringLiteral("12 s");
    QTest::newRow("minutes") << 245.0 << QStringLiteral("4:05");
    QTest::newRow("hours") << 3723.0 << QStringLiteral("1:02:03");
}

void TestEtaEstimator::format()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(EtaEstimator::format(seconds)), text);
}

void TestEtaEstimator::rateFromTheWindow()
{
    EtaEstimator eta(4);
    // 2 s per step at first, then 0.5 s per step: the window of 4 keeps only the fast ones.
    double wall = 0;
    for (int step = 1; step <= 3; ++step) eta.addStep(step, wall += 2.0);
    for (int step = 4; step <= 10; ++step) eta.addStep(step, wall += 0.5);
    QCOMPARE(eta.stepsPerSecond(), 2.0);
    QCOMPARE(eta.secondsLeft(110), 50.0);
}

void TestEtaEstimator::unknownUntilTwoSteps()
{
    EtaEstimator eta;
    QCOMPARE(eta.secondsLeft(100), -1.0);
    eta.addStep(1, 1.0);
    QCOMPARE(eta.secondsLeft(100), -1.0);
    eta.addStep(2, 2.0);
    QCOMPARE(eta.secondsLeft(100), 98.0);
}

void TestEtaEstimator::restartsWhenStepsGoBack()
{
    EtaEstimator eta;
    eta.addStep(10, 10.0);
    eta.addStep(11, 11.0);
    eta.addStep(5, 100.0);  // a new run
    QCOMPARE(eta.stepsPerSecond(), 0.0);
}

void TestEtaEstimator::forgetsAPauseOnceItLeavesTheWindow()
{
    // 1 s per step, a 600 s stop (SIGSTOP, a laptop's sleep) after step 100, then 1 s per step
    // again. At step 200 the CLI's earlier ETA, the mean since the first step, said 401 s for the
    // last 100 steps (799 s / 199 steps * 100 steps); the window says 100 s.
    EtaEstimator eta;  // the default window, 50 steps: the CLI's and the GUI's
    double wall = 0;
    for (int step = 1; step <= 100; ++step) eta.addStep(step, wall += 1.0);
    wall += 600.0;
    eta.addStep(101, wall += 1.0);
    QVERIFY(eta.secondsLeft(300) > 1000.0);  // just after the pause the window still holds it
    for (int step = 102; step <= 200; ++step) eta.addStep(step, wall += 1.0);
    QCOMPARE(eta.stepsPerSecond(), 1.0);
    QCOMPARE(eta.secondsLeft(300), 100.0);
}

QTEST_MAIN(TestEtaEstimator)
#include "tst_eta_estimator.moc"
