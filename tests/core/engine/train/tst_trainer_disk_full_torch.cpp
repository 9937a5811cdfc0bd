// A full disk during training, made without a mount: RLIMIT_FSIZE (tests/support/FileSizeLimit.h)
// makes every write(2) past the limit fail with EFBIG, as ENOSPC would on a full disk. Whatever
// write fails (a checkpoint, a metrics row, predictions.tsv, all of them), the run ends Failed with
// a message naming the file and the system's reason, status.json says so when it can be written,
// no temporary is left, metrics.csv keeps whole rows only, the previous checkpoint still loads, and
// a resume once there is room again continues from it with every step once.
#include <QtTest>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

#include "core/engine/train/RunLoader.h"
#include "core/engine/train/Trainer.h"
#include "core/feedback/Feedback.h"
#include "core/runs/CheckpointFiles.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunStatus.h"
#include "support/FileSizeLimit.h"
#include "support/SmallRunConfig.h"

using namespace megatoken;
namespace fs = std::filesystem;

namespace {

// Which write the disk fills up at.
enum class Fault {
    Checkpoint,   // step 20's checkpoint (step 10's was written)
    MetricsRow,   // step 16's metrics.csv row
    Predictions,  // predictions.tsv of step 20's evaluation
    EveryFile,    // from step 16 on nothing can be written, status.json included
};

constexpr std::int64_t kSteps = 30;
constexpr std::int64_t kCheckpointEvery = 10;

struct Recorder : TrainingObserver {
    std::vector<std::int64_t> steps;
    std::vector<std::string> logs;
    FinishReason reason = FinishReason::Completed;
    std::string message;
    std::function<void(std::int64_t)> afterStep;
    std::function<void(std::int64_t, const std::string&)> afterCheckpoint;
    void onStep(const StepMetrics& m) override
    {
        steps.push_back(m.step);
        if (afterStep) afterStep(m.step);
    }
    void onLog(const std::string& m) override { logs.push_back(m); }
    void onCheckpoint(std::int64_t step, const std::string& path) override
    {
        if (afterCheckpoint) afterCheckpoint(step, path);
    }
    void onFinished(FinishReason r, const std::string& m) override
    {
        reason = r;
        message = m;
    }
};

std::uint64_t sizeOf(const fs::path& file)
{
    std::error_code error;
    const auto size = fs::file_size(file, error);
    return error ? 0 : size;
}

QString efbig()
{
    return QString::fromLocal8Bit(std::strerror(EFBIG));
}

// The temporaries an atomic write would leave behind in the run or its checkpoints.
QStringList temporariesIn(const fs::path& run)
{
    QStringList found;
    for (const fs::path& folder : {run, run / "checkpoints"}) {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(folder, error))
            if (entry.path().filename().string().find(".tmp-") != std::string::npos)
                found << QString::fromStdString(entry.path().string());
    }
    return found;
}

// metrics.csv: every line has the header's number of cells, and the steps are 1, 2, ..., n.
bool wholeContiguousRows(const fs::path& file, std::int64_t& last, QString& problem)
{
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.empty() || text.back() != '\n') {
        problem = "the file does not end with a whole line";
        return false;
    }
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);
    const auto cells = [](const std::string& l) { return std::count(l.begin(), l.end(), ',') + 1; };
    const auto columns = cells(line);
    last = 0;
    while (std::getline(lines, line)) {
        if (cells(line) != columns) {
            problem = QString::fromStdString("a torn row: " + line);
            return false;
        }
        if (std::stoll(line.substr(0, line.find(','))) != last + 1) {
            problem = QString::fromStdString("step out of order: " + line);
            return false;
        }
        ++last;
    }
    return true;
}

}  // namespace

Q_DECLARE_METATYPE(Fault)

class TestTrainerDiskFull : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!fs::exists("/usr/share/wordnet/data.noun")) QSKIP("WordNet (wordnet-base) is not installed");
        QVERIFY(runs_.isValid());
    }

    void failedWriteStopsTheRunAndTheCheckpointSurvives_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<QString>("file");      // the file the message names, in the run
        QTest::addColumn<int>("stoppedAfter");  // the last step recorded (in metrics.csv, to the observer)
        QTest::addColumn<bool>("statusWritable");
        QTest::newRow("checkpoint") << Fault::Checkpoint << "checkpoints/step-00000020.pt" << 20 << true;
        QTest::newRow("metrics row") << Fault::MetricsRow << "metrics.csv" << 15 << true;
        QTest::newRow("predictions") << Fault::Predictions << "predictions.tsv" << 20 << true;
        QTest::newRow("every file") << Fault::EveryFile << "metrics.csv" << 15 << false;
    }

    void failedWriteStopsTheRunAndTheCheckpointSurvives()
    {
        QFETCH(Fault, fault);
        QFETCH(QString, file);
        QFETCH(int, stoppedAfter);
        QFETCH(bool, statusWritable);
        RunConfig config = testing::smallRunConfig(runs_.path(), "full-" + std::to_string(int(fault)), kSteps);
        config.run.checkpointEvery = kCheckpointEvery;
        if (fault == Fault::Predictions) {
            config.run.evalEvery = 10;
            // predictions.tsv must outgrow metrics.csv (19 rows by then, tokens and FLOPs included).
            config.data.maxTexts = 8000;  // a validation split of more than 128 texts
            config.data.validationTexts = 128;
        }
        const fs::path run = fs::path(runs_.path().toStdString()) / config.run.name;

        // The disk fills up at the moment the fault asks for; the limit goes when the run ends.
        std::optional<testing::FileSizeLimit> limit;
        std::uint64_t checkpointSize = 0;
        Recorder recorder;
        recorder.afterCheckpoint = [&](std::int64_t step, const std::string& path) {
            checkpointSize = sizeOf(path);
            if (fault == Fault::Checkpoint && step == kCheckpointEvery) limit.emplace(checkpointSize / 2);
        };
        recorder.afterStep = [&](std::int64_t step) {
            if (fault == Fault::MetricsRow && step == 15) limit.emplace(sizeOf(run / "metrics.csv") + 30);
            if (fault == Fault::Predictions && step == 19) limit.emplace(sizeOf(run / "metrics.csv") + 400);
            if (fault == Fault::EveryFile && step == 15) limit.emplace(0);
        };
        Feedback feedback;
        {
            Trainer trainer(config, recorder, feedback);
            trainer.run();
        }
        const bool limited = limit && limit->active();
        limit.reset();
        QVERIFY(limited);
        if (fault == Fault::Checkpoint) QVERIFY2(checkpointSize / 2 > 64 * 1024, "the checkpoint is too small");
        if (fault == Fault::Predictions)
            QVERIFY2(sizeOf(run / "predictions.tsv") > sizeOf(run / "metrics.csv") + 400,
                     qPrintable(QStringLiteral("step 10's predictions.tsv (%1 bytes) must be larger than the limit "
                                               "(metrics.csv %2 + 400)")
                                    .arg(sizeOf(run / "predictions.tsv"))
                                    .arg(sizeOf(run / "metrics.csv"))));

        // Failed, naming the file and the system's reason, and where a resume continues from.
        QCOMPARE(recorder.reason, FinishReason::Failed);
        const QString message = QString::fromStdString(recorder.message);
        const QString path = QString::fromStdString((run / file.toStdString()).string());
        QVERIFY2(message.startsWith(path + ": write error (" + efbig() + ")"), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("training stopped after step %1").arg(stoppedAfter)),
                 qPrintable(message));
        QVERIFY2(message.contains("a resume continues from the checkpoint of step 10"), qPrintable(message));
        QCOMPARE(recorder.steps.back(), std::int64_t{stoppedAfter});

        // status.json tells run browsers, when it can be written; when it cannot, the log says so
        // and the message above still reached the observer.
        const auto status = readRunStatus(run.string());
        QVERIFY(status);
        if (statusWritable) {
            QCOMPARE(status->state, std::string(kRunStateFailed));
            QCOMPARE(status->message, recorder.message);
        } else {
            QCOMPARE(status->state, std::string(kRunStateRunning));  // the last one written, at step 10
            const QString statusFile = QString::fromStdString(runStatusPath(run.string()));
            QVERIFY2(std::any_of(recorder.logs.begin(), recorder.logs.end(),
                                 [&](const std::string& log) {
                                     return QString::fromStdString(log).contains(statusFile + ": write error");
                                 }),
                     "the failed status.json is logged");
        }

        // Nothing half-written: no temporaries, metrics.csv whole rows, step 10's checkpoint the
        // newest and loadable.
        QVERIFY2(temporariesIn(run).isEmpty(), qPrintable(temporariesIn(run).join(", ")));
        std::int64_t lastRow = 0;
        QString problem;
        QVERIFY2(wholeContiguousRows(run / "metrics.csv", lastRow, problem), qPrintable(problem));
        QCOMPARE(lastRow, std::int64_t{stoppedAfter});
        QCOMPARE(latestCheckpoint(run.string()), (run / "checkpoints" / "step-00000010.pt").string());
        const LoadedRun loaded = loadRun(run.string());
        QCOMPARE(loaded.step, std::int64_t{10});

        // Room again: the resume continues from step 10 to the end, every step once.
        Recorder resumed;
        Trainer trainer(config, resumed, feedback, /*resume=*/true);
        QVERIFY2(trainer.run() == FinishReason::Completed, resumed.message.c_str());
        QCOMPARE(resumed.steps.front(), std::int64_t{11});
        QVERIFY2(wholeContiguousRows(run / "metrics.csv", lastRow, problem), qPrintable(problem));
        QCOMPARE(lastRow, kSteps);
        QCOMPARE(readRunStatus(run.string())->state, std::string(kRunStateCompleted));
    }

    // A stop writes the checkpoint of its last step; when the disk is full that fails, and the
    // message keeps why the run ended first, then the file, then where a resume continues from.
    void stopWhoseCheckpointCannotBeWrittenFailsNamingTheFile()
    {
        RunConfig config = testing::smallRunConfig(runs_.path(), "full-stop", kSteps);
        config.run.checkpointEvery = kCheckpointEvery;
        const fs::path run = fs::path(runs_.path().toStdString()) / config.run.name;
        std::optional<testing::FileSizeLimit> limit;
        std::uint64_t checkpointSize = 0;
        Feedback feedback;
        Recorder recorder;
        recorder.afterCheckpoint = [&](std::int64_t, const std::string& path) { checkpointSize = sizeOf(path); };
        recorder.afterStep = [&](std::int64_t step) {
            if (step != 15) return;
            limit.emplace(checkpointSize / 2);
            feedback.cancel();
        };
        {
            Trainer trainer(config, recorder, feedback);
            trainer.run();
        }
        limit.reset();
        QCOMPARE(recorder.reason, FinishReason::Failed);
        const QString message = QString::fromStdString(recorder.message);
        const QString checkpoint = QString::fromStdString((run / "checkpoints" / "step-00000015.pt").string());
        QVERIFY2(message.startsWith("stopped at step 15; its checkpoint could not be written: " + checkpoint +
                                    ": write error (" + efbig() + ")"),
                 qPrintable(message));
        QVERIFY2(message.contains("a resume continues from the checkpoint of step 10"), qPrintable(message));
        const auto status = readRunStatus(run.string());
        QVERIFY(status);
        QCOMPARE(status->state, std::string(kRunStateFailed));
        QCOMPARE(status->message, recorder.message);
        QVERIFY2(temporariesIn(run).isEmpty(), qPrintable(temporariesIn(run).join(", ")));
        QCOMPARE(loadRun(run.string()).step, std::int64_t{10});
    }

private:
    QTemporaryDir runs_;
};

QTEST_APPLESS_MAIN(TestTrainerDiskFull)
#include "tst_trainer_disk_full_torch.moc"
