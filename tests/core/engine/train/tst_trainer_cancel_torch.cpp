// Stopping a run through its Feedback in every phase: reading the corpus (WordNet parsed, not
// cached), training the tokenizer (not cached), encoding, building the model, training, and
// evaluating (with free-running decoding). Each run ends promptly as Stopped, through the one
// finish: before the first step nothing is half-written (no checkpoint, no metrics, no tokenizer
// temporaries, no helper process) and status.json says so; after it, the checkpoint of the last
// step and every metrics row are kept.
#include <QtTest>

#include <sys/wait.h>

#include <QElapsedTimer>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/engine/train/Trainer.h"
#include "core/feedback/Feedback.h"
#include "core/runs/CheckpointFiles.h"
#include "core/runs/RunStatus.h"
#include "support/SmallRunConfig.h"

using namespace megatoken;
namespace fs = std::filesystem;

namespace {

struct Recorder : TrainingObserver {
    std::int64_t steps = 0;
    int evaluations = 0, checkpoints = 0, started = 0;
    FinishReason reason = FinishReason::Failed;
    std::string message;
    void onRunStarted(const RunInfo&) override { ++started; }
    void onStep(const StepMetrics&) override { ++steps; }
    void onEvaluation(const EvalMetrics&) override { ++evaluations; }
    void onCheckpoint(std::int64_t, const std::string&) override { ++checkpoints; }
    void onFinished(FinishReason r, const std::string& m) override
    {
        reason = r;
        message = m;
    }
};

std::size_t lineCount(const fs::path& path)
{
    std::ifstream in(path);
    std::size_t lines = 0;
    for (std::string line; std::getline(in, line);) ++lines;
    return lines;
}

bool noChildLeft()
{
    errno = 0;
    return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

}  // namespace

class TestTrainerCancel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!fs::exists("/usr/share/wordnet/data.noun")) QSKIP("WordNet (wordnet-base) is not installed");
        QVERIFY(runs_.isValid());
    }

    void stopInEveryPhase_data()
    {
        QTest::addColumn<QString>("phase");
        QTest::addColumn<double>("after");  // cancel at the first report of phase past this fraction
        QTest::addColumn<bool>("started");
        QTest::newRow("reading corpus") << QString(Trainer::kPhaseReadingCorpus.data()) << 0.02 << false;
        QTest::newRow("tokenizer") << QString(Trainer::kPhaseTokenizer.data()) << 0.3 << false;
        QTest::newRow("encoding") << QString(Trainer::kPhaseEncoding.data()) << 0.8 << false;
        QTest::newRow("model") << QString(Trainer::kPhaseModel.data()) << 0.9 << false;
        QTest::newRow("training") << QString(Trainer::kPhaseTraining.data()) << 0.05 << true;
        QTest::newRow("evaluating") << QString(Trainer::kPhaseEvaluating.data()) << 0.0 << true;
    }
    void stopInEveryPhase()
    {
        QFETCH(QString, phase);
        QFETCH(double, after);
        QFETCH(bool, started);
        // A fresh cache: the WordNet corpus is parsed and the tokenizer trained, not reused.
        QTemporaryDir cache;
        qputenv("MEGATOKEN_CACHE_DIR", cache.path().toLocal8Bit());
        const std::string name = "stop-" + phase.toStdString();
        RunConfig config = testing::smallRunConfig(runs_.path(), name, 40);
        config.run.evalEvery = 5;
        config.data.maxTexts = 20000;  // about 200 validation texts: several evaluation batches
        config.data.validationTexts = 256;

        Recorder recorder;
        Feedback feedback;
        QElapsedTimer sinceCancel;
        // Cancelled from the listener, on the training thread, inside the phase (past `after`).
        feedback.setListener([&](double fraction, const std::string& message) {
            if (sinceCancel.isValid() || message != phase.toStdString() || !(fraction > after)) return;
            sinceCancel.start();
            feedback.cancel();
        });
        Trainer trainer(config, recorder, feedback);
        const FinishReason reason = trainer.run();
        QVERIFY2(sinceCancel.isValid(), "the phase never came");
        const qint64 ms = sinceCancel.elapsed();
        qInfo("%s: stopped %lld ms after the cancel, %lld steps", qPrintable(phase), static_cast<long long>(ms),
              static_cast<long long>(recorder.steps));
        QVERIFY2(reason == FinishReason::Stopped, recorder.message.c_str());
        QCOMPARE(recorder.reason, FinishReason::Stopped);
        QVERIFY2(ms < 10000, qPrintable(QString::number(ms)));  // generous: bench/ measures the speed
        QVERIFY(noChildLeft());

        const fs::path run = trainer.runDirectory();
        const auto status = readRunStatus(run.string());
        QVERIFY(status);
        QCOMPARE(status->state, std::string(kRunStateStopped));
        for (const auto& entry : fs::directory_iterator(run))  // no temporary, no tokenizer staging
            QVERIFY2(entry.path().filename().string()[0] != '.' &&
                         entry.path().string().find(".tmp-") == std::string::npos,
                     entry.path().c_str());
        if (!started) {
            QCOMPARE(recorder.started, 0);
            QCOMPARE(recorder.steps, std::int64_t{0});
            QCOMPARE(status->message, std::string("stopped before the first step"));
            QVERIFY(!fs::exists(run / "metrics.csv"));
            QVERIFY(latestCheckpoint(run.string()).empty());
            return;
        }
        // Started: the last step's checkpoint and every row are there, nothing more.
        QVERIFY(recorder.steps > 0);
        QCOMPARE(status->step, recorder.steps);
        QCOMPARE(status->message, "stopped at step " + std::to_string(recorder.steps));
        char checkpoint[64];
        std::snprintf(checkpoint, sizeof checkpoint, "step-%08lld.pt", static_cast<long long>(recorder.steps));
        QVERIFY2(latestCheckpoint(run.string()).find(checkpoint) != std::string::npos,
                 latestCheckpoint(run.string()).c_str());
        QCOMPARE(lineCount(run / "metrics.csv"), static_cast<std::size_t>(recorder.steps) + 1);
        QCOMPARE(lineCount(run / "eval.csv"), static_cast<std::size_t>(recorder.evaluations) + 1);
        if (phase == QString(Trainer::kPhaseEvaluating.data()))  // the stopped evaluation left no row
            QCOMPARE(recorder.evaluations, static_cast<int>(recorder.steps / 5) - 1);
    }

    // A resumed run stopped before its first step keeps its earlier status and checkpoint.
    void aStoppedResumeKeepsTheEarlierState()
    {
        Feedback first;
        Recorder recorder;
        Trainer trainer(testing::smallRunConfig(runs_.path(), "resumed", 6), recorder, first);
        QCOMPARE(trainer.run(), FinishReason::Completed);
        const std::string checkpoint = latestCheckpoint(trainer.runDirectory());

        Feedback feedback;
        feedback.setListener([&](double, const std::string& message) {
            if (message == Trainer::kPhaseReadingCorpus) feedback.cancel();
        });
        Recorder again;
        Trainer resumed(testing::smallRunConfig(runs_.path(), "resumed", 12), again, feedback, /*resume=*/true);
        QCOMPARE(resumed.run(), FinishReason::Stopped);
        QCOMPARE(again.message, std::string("stopped before the first step"));
        QCOMPARE(readRunStatus(trainer.runDirectory())->state, std::string(kRunStateCompleted));
        QCOMPARE(latestCheckpoint(trainer.runDirectory()), checkpoint);
        QCOMPARE(lineCount(fs::path(trainer.runDirectory()) / "metrics.csv"), std::size_t{7});
    }

    // A pause holds between steps; a cancel while paused ends the run without a resume.
    void cancelWhilePausedStops()
    {
        Feedback feedback;
        struct PausingRecorder : Recorder {
            Trainer* trainer = nullptr;
            void onStep(const StepMetrics& m) override
            {
                Recorder::onStep(m);
                if (m.step == 2) trainer->requestPause();
            }
        } recorder;
        Trainer trainer(testing::smallRunConfig(runs_.path(), "paused", 100), recorder, feedback);
        recorder.trainer = &trainer;
        std::thread canceller([&] {
            while (!trainer.isPaused()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            feedback.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(trainer.run(), FinishReason::Stopped);
        canceller.join();
        QCOMPARE(recorder.steps, std::int64_t{2});
        QCOMPARE(recorder.checkpoints, 1);
    }

private:
    QTemporaryDir runs_;
};

QTEST_APPLESS_MAIN(TestTrainerCancel)
#include "tst_trainer_cancel_torch.moc"
