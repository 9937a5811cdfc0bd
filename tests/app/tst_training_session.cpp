// A real run through the worker thread: steps arrive as queued signals in order, the dashboard
// gets one point per step, and Pause and Stop act between steps.
#include <QtTest>

#include <QDir>
#include <QTemporaryDir>

#include "app/gui/DashboardController.h"
#include "app/gui/TrainingSession.h"
#include "core/runs/MetricsTable.h"
#include "support/SmallRunConfig.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"

using namespace megatoken;

class TestTrainingSession : public QObject {
    Q_OBJECT
private slots:
    void twentyStepsReachThePlotsInOrder();
    void stopEndsAfterTheCurrentStepWithACheckpoint();
    void pauseHoldsBetweenSteps();
    void secondStartIsRefusedWhileRunning();
};

void TestTrainingSession::twentyStepsReachThePlotsInOrder() {
    QTemporaryDir runs;
    TrainingSession session;
    PlotDashboard dashboard;
    DashboardController controller(&dashboard);
    controller.setUpPlots();
    QThread* guiThread = QThread::currentThread();
    bool stepsOnGuiThread = true;
    connect(&session, &TrainingSession::runStarted, &controller,
            [&](const RunInfo& info) { controller.beginLiveRun(QString::fromStdString(info.runName), int(info.gateCount)); });
    connect(&session, &TrainingSession::stepCompleted, &controller, [&](const StepMetrics& m) {
        stepsOnGuiThread = stepsOnGuiThread && QThread::currentThread() == guiThread;
        controller.addStep(m);
    });
    QSignalSpy steps(&session, &TrainingSession::stepCompleted);
    QSignalSpy finished(&session, &TrainingSession::finished);

    RunConfig config = testing::smallRunConfig(runs.path(), "twenty", 20);
    QVERIFY(session.start(config, false));
    QCOMPARE(session.state(), TrainingSession::State::Running);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
    QCOMPARE(finished.at(0).at(0).toInt(), int(FinishReason::Completed));
    QCOMPARE(session.state(), TrainingSession::State::Idle);
    QVERIFY(stepsOnGuiThread);

    QCOMPARE(steps.count(), 20);
    for (int i = 0; i < steps.count(); ++i) {
        const auto m = steps.at(i).at(0).value<StepMetrics>();
        QCOMPARE(m.step, i + 1);
        QCOMPARE(m.totalSteps, 20);
        QVERIFY(std::isfinite(m.loss));
        QCOMPARE(int(m.gateRatios.size()), 2);
    }
    const QString series = QStringLiteral("twenty|train/accuracy");
    QVERIFY(dashboard.plot(QStringLiteral("accuracy"))->hasSeries(series));
    QCOMPARE(dashboard.plot(QStringLiteral("accuracy"))->pointCount(series), 20);
    QCOMPARE(dashboard.plot(QStringLiteral("gates"))->pointCount(QStringLiteral("twenty|train/R_2")), 20);
    // The metrics file holds the same 20 steps.
    const auto table = readMetricsTable(QDir(runs.path()).filePath("twenty/metrics.csv").toStdString());
    QCOMPARE(int(table.rows.size()), 20);
}

void TestTrainingSession::stopEndsAfterTheCurrentStepWithACheckpoint() {
    QTemporaryDir runs;
    TrainingSession session;
    QSignalSpy steps(&session, &TrainingSession::stepCompleted);
    QSignalSpy finished(&session, &TrainingSession::finished);
    QSignalSpy checkpoints(&session, &TrainingSession::checkpointWritten);
    connect(&session, &TrainingSession::stepCompleted, &session, [&](const StepMetrics& m) {
        if (m.step == 3) session.stop();
    });
    QVERIFY(session.start(testing::smallRunConfig(runs.path(), "stopped", 100000), false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
    QCOMPARE(finished.at(0).at(0).toInt(), int(FinishReason::Stopped));
    // The stop is seen between steps: at most the step in flight completes after it.
    QVERIFY2(steps.count() >= 3 && steps.count() <= 5, qPrintable(QString::number(steps.count())));
    QCOMPARE(checkpoints.count(), 1);
    QVERIFY(QFile::exists(checkpoints.at(0).at(1).toString()));
    const auto table = readMetricsTable(QDir(runs.path()).filePath("stopped/metrics.csv").toStdString());
    QCOMPARE(int(table.rows.size()), steps.count());
}

void TestTrainingSession::pauseHoldsBetweenSteps() {
    QTemporaryDir runs;
    TrainingSession session;
    QSignalSpy steps(&session, &TrainingSession::stepCompleted);
    QSignalSpy finished(&session, &TrainingSession::finished);
    connect(&session, &TrainingSession::stepCompleted, &session, [&](const StepMetrics& m) {
        if (m.step == 2) session.pause();
    });
    QVERIFY(session.start(testing::smallRunConfig(runs.path(), "paused", 8), false));
    QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 2, 180000);
    QCOMPARE(session.state(), TrainingSession::State::Paused);
    QTest::qWait(300);  // the step in flight may still land
    const int whilePaused = steps.count();
    QTest::qWait(1500);
    QCOMPARE(steps.count(), whilePaused);
    session.resume();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
    QCOMPARE(steps.count(), 8);
    QCOMPARE(finished.at(0).at(0).toInt(), int(FinishReason::Completed));
}

void TestTrainingSession::secondStartIsRefusedWhileRunning() {
    QTemporaryDir runs;
    TrainingSession session;
    QSignalSpy finished(&session, &TrainingSession::finished);
    QVERIFY(session.start(testing::smallRunConfig(runs.path(), "first", 100000), false));
    QString error;
    QVERIFY(!session.start(testing::smallRunConfig(runs.path(), "second", 5), false, &error));
    QVERIFY(error.contains("already"));
    QVERIFY(session.stopAndWait(120000));
    QCOMPARE(session.state(), TrainingSession::State::Idle);
    QCOMPARE(finished.count(), 1);
}

QTEST_MAIN(TestTrainingSession)
#include "tst_training_session.moc"
