// A real run through the worker thread: steps arrive as queued signals in order, the dashboard
// gets one point per step, Pause acts between steps, and Stop ends the run in whatever phase it is.
#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include "app/gui/DashboardController.h"
#include "app/gui/TrainingSession.h"
#include "core/engine/train/Trainer.h"
#include "core/runs/CheckpointFiles.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunStatus.h"
#include "support/SmallRunConfig.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"

using namespace megatoken;

class TestTrainingSession : public QObject {
    Q_OBJECT
private slots:
    void twentyStepsReachThePlotsInOrder();
    void stopEndsAfterTheCurrentStepWithACheckpoint();
    void stopInEveryPhaseEndsPromptly_data();
    void stopInEveryPhaseEndsPromptly();
    void pauseHoldsBetweenSteps();
    void secondStartIsRefusedWhileRunning();
};

void TestTrainingSession::twentyStepsReachThePlotsInOrder()
{
    QTemporaryDir runs;
    TrainingSession session;
    PlotDashboard dashboard;
    DashboardController controller(&dashboard);
    controller.setUpPlots();
    QThread* guiThread = QThread::currentThread();
    bool stepsOnGuiThread = true;
    connect(&session, &TrainingSession::runStarted, &controller, [&](const RunInfo& info) {
        controller.beginLiveRun(QString::fromStdString(info.runName), int(info.gateCount));
    });
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

void TestTrainingSession::stopEndsAfterTheCurrentStepWithACheckpoint()
{
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

void TestTrainingSession::stopInEveryPhaseEndsPromptly_data()
{
    QTest::addColumn<QString>("phase");
    QTest::addColumn<double>("after");  // Stop at the first progress of the phase past this fraction
    QTest::addColumn<bool>("started");
    QTest::newRow("reading corpus") << QString(Trainer::kPhaseReadingCorpus.data()) << 0.02 << false;
    QTest::newRow("tokenizer") << QString(Trainer::kPhaseTokenizer.data()) << 0.3 << false;
    // Encoding and building the small model take milliseconds, less than a queued signal's trip
    // to the GUI thread and back; tst_trainer_cancel_torch stops those phases directly.
    QTest::newRow("training") << QString(Trainer::kPhaseTraining.data()) << 0.05 << true;
    QTest::newRow("evaluating") << QString(Trainer::kPhaseEvaluating.data()) << 0.0 << true;
}

// Stop pressed (on the GUI thread, as the button does) while the run is in a given phase: the
// session reports finished(Stopped) promptly, returns to Idle, and the run folder holds what it
// should (the last step's checkpoint once training, nothing half-written before).
void TestTrainingSession::stopInEveryPhaseEndsPromptly()
{
    QFETCH(QString, phase);
    QFETCH(double, after);
    QFETCH(bool, started);
    QTemporaryDir runs, cache;
    qputenv("MEGATOKEN_CACHE_DIR", cache.path().toLocal8Bit());  // parse WordNet, train the tokenizer
    TrainingSession session;
    QSignalSpy finished(&session, &TrainingSession::finished);
    QSignalSpy steps(&session, &TrainingSession::stepCompleted);
    QSignalSpy progress(&session, &TrainingSession::progressChanged);
    QElapsedTimer sinceStop;
    connect(&session, &TrainingSession::progressChanged, &session, [&](double fraction, const QString& message) {
        if (sinceStop.isValid() || message != phase || !(fraction > after)) return;
        sinceStop.start();
        session.stop();
        QCOMPARE(session.state(), TrainingSession::State::Stopping);
    });
    RunConfig config = testing::smallRunConfig(runs.path(), "stop", 40);
    config.run.evalEvery = 5;
    config.data.maxTexts = 20000;  // about 200 validation texts: several evaluation batches
    config.data.validationTexts = 256;
    QVERIFY(session.start(config, false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
    qunsetenv("MEGATOKEN_CACHE_DIR");
    QVERIFY2(sinceStop.isValid(), "the phase never came");
    const qint64 ms = sinceStop.elapsed();
    qInfo("%s: finished %lld ms after Stop", qPrintable(phase), static_cast<long long>(ms));
    QVERIFY2(ms < 10000, qPrintable(QString::number(ms)));  // generous: bench/ measures the speed
    QCOMPARE(finished.at(0).at(0).toInt(), int(FinishReason::Stopped));
    QCOMPARE(session.state(), TrainingSession::State::Idle);
    QVERIFY(progress.count() > 0);

    const std::string run = QDir(runs.path()).filePath("stop").toStdString();
    const auto status = readRunStatus(run);
    QVERIFY(status);
    QCOMPARE(status->state, std::string(kRunStateStopped));
    if (!started) {
        QCOMPARE(steps.count(), 0);
        QVERIFY(latestCheckpoint(run).empty());
        QVERIFY(!QFile::exists(QString::fromStdString(run + "/metrics.csv")));
    } else {
        QVERIFY(steps.count() > 0);
        QCOMPARE(status->step, steps.count());
        QVERIFY(!latestCheckpoint(run).empty());
        QCOMPARE(int(readMetricsTable(run + "/metrics.csv").rows.size()), steps.count());
    }
}

void TestTrainingSession::pauseHoldsBetweenSteps()
{
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

void TestTrainingSession::secondStartIsRefusedWhileRunning()
{
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
