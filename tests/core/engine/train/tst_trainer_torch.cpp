#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/compression/FlopCount.h"
#include "core/config/EnumNames.h"
#include "core/config/RunConfigJson.h"
#include "core/engine/model/TokenGate.h"
#include "core/engine/train/Checkpoint.h"
#include "core/engine/train/RunLoader.h"
#include "core/engine/train/Trainer.h"
#include "core/feedback/Feedback.h"
#include "core/runs/CheckpointContainer.h"
#include "core/runs/CheckpointFiles.h"
#include "core/runs/MetricsTable.h"
#include "support/SmallRunConfig.h"

using namespace megatoken;

namespace {

// The shared small run (tests/support), with this suite's own validation size, warm-up and one
// gate after block 1, as its figures were set with.
RunConfig smallRun(const QString& runsDirectory, const std::string& name, std::int64_t steps)
{
    RunConfig c = testing::smallRunConfig(runsDirectory, name, steps);
    c.data.validationTexts = 64;
    c.model.gates = GateConfig{};
    c.optim.warmupSteps = 10;
    return c;
}

// smallRun with keep-ratio calibration and the gates dropping from step 1: the target ramps to 0.5
// over rampSteps steps.
RunConfig calibratedRun(const QString& runsDirectory, const std::string& name, std::int64_t steps,
                        std::int64_t rampSteps)
{
    RunConfig c = smallRun(runsDirectory, name, steps);
    c.model.gates.calibrationRate = 0.5;
    c.loss.warmupSteps = 0;
    c.loss.targetRampSteps = rampSteps;
    c.loss.targetKeep = 0.5;
    return c;
}

std::string lastMessage;  // the last run's finishing message, for failure reports

struct Recorder : TrainingObserver {
    std::vector<StepMetrics> steps;
    std::vector<EvalMetrics> evals;
    std::vector<std::string> logs;
    FinishReason reason = FinishReason::Failed;
    std::string message;
    std::function<void(const StepMetrics&)> onEachStep;
    std::int64_t trainTexts = -1;
    void onRunStarted(const RunInfo& info) override { trainTexts = info.trainTexts; }
    void onStep(const StepMetrics& m) override
    {
        steps.push_back(m);
        if (onEachStep) onEachStep(m);
    }
    void onEvaluation(const EvalMetrics& m) override { evals.push_back(m); }
    void onLog(const std::string& m) override { logs.push_back(m); }
    void onFinished(FinishReason r, const std::string& m) override
    {
        reason = r;
        message = m;
        lastMessage = m;
    }
};

std::vector<std::string> csvLines(const std::string& path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!std::filesystem::exists("/usr/share/wordnet/data.noun")) QSKIP("WordNet (wordnet-base) is not installed");
        QVERIFY(runs_.isValid());
    }

    void smokeRunLowersLossAndRaisesAccuracy()
    {
        Recorder recorder;
        auto config = smallRun(runs_.path(), "smoke", 200);
        config.run.evalEvery = 100;
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        QVERIFY2(trainer.run() == FinishReason::Completed, lastMessage.c_str());
        QCOMPARE(recorder.steps.size(), std::size_t{200});
        for (std::size_t i = 0; i < recorder.steps.size(); ++i) QCOMPARE(recorder.steps[i].step, std::int64_t(i + 1));
        const auto mean = [&](std::size_t from, std::size_t to, auto field) {
            double sum = 0;
            for (std::size_t i = from; i < to; ++i) sum += field(recorder.steps[i]);
            return sum / double(to - from);
        };
        const double ceStart = mean(0, 10, [](const StepMetrics& m) { return m.crossEntropy; });
        const double ceEnd = mean(190, 200, [](const StepMetrics& m) { return m.crossEntropy; });
        const double accStart = mean(0, 10, [](const StepMetrics& m) { return m.tokenAccuracy; });
        const double accEnd = mean(190, 200, [](const StepMetrics& m) { return m.tokenAccuracy; });
        qInfo("CE %.3f -> %.3f, accuracy %.3f -> %.3f", ceStart, ceEnd, accStart, accEnd);
        QVERIFY(ceEnd < ceStart * 0.7);
        QVERIFY(accEnd > accStart + 0.2);
        QCOMPARE(recorder.evals.size(), std::size_t{2});
        const std::string dir = trainer.runDirectory();
        for (const char* file : {"config.json", "metrics.csv", "eval.csv", "tokenizer.model", "predictions.tsv"})
            QVERIFY2(std::filesystem::exists(dir + "/" + file), file);
        QCOMPARE(csvLines(dir + "/metrics.csv").size(), std::size_t{201});
        QVERIFY(!latestCheckpoint(dir).empty());
    }

    void resumeContinuesExactly()
    {
        // Uninterrupted: 20 steps. Interrupted: 10 steps, then resumed to 20.
        Feedback feedback;
        Recorder straight;
        Trainer a(smallRun(runs_.path(), "straight", 20), straight, feedback);
        QVERIFY2(a.run() == FinishReason::Completed, lastMessage.c_str());

        Recorder first;
        Trainer b(smallRun(runs_.path(), "interrupted", 10), first, feedback);
        QVERIFY2(b.run() == FinishReason::Completed, lastMessage.c_str());
        Recorder second;
        Trainer c(smallRun(runs_.path(), "interrupted", 20), second, feedback, /*resume=*/true);
        QVERIFY2(c.run() == FinishReason::Completed, lastMessage.c_str());
        QCOMPARE(second.steps.size(), std::size_t{10});
        QCOMPARE(second.steps.front().step, std::int64_t{11});
        for (std::size_t i = 0; i < 10; ++i)
            QVERIFY2(std::abs(second.steps[i].loss - straight.steps[10 + i].loss) < 1e-5,
                     qPrintable(QString("step %1: %2 vs %3")
                                    .arg(11 + i)
                                    .arg(second.steps[i].loss)
                                    .arg(straight.steps[10 + i].loss)));

        // Compute counted so far comes back from the checkpoint: the resumed steps' tokens and FLOPs
        // are the uninterrupted run's.
        for (std::size_t i = 0; i < 10; ++i) {
            QCOMPARE(second.steps[i].tokensSeen, straight.steps[10 + i].tokensSeen);
            QCOMPARE(second.steps[i].trainFlops, straight.steps[10 + i].trainFlops);
        }

        // The metrics file continues: 20 rows, steps 1..20, none twice.
        const auto lines = csvLines(c.runDirectory() + "/metrics.csv");
        QCOMPARE(lines.size(), std::size_t{21});
        for (std::size_t i = 1; i < lines.size(); ++i)
            QCOMPARE(std::stoll(lines[i].substr(0, lines[i].find(','))), (long long)i);
    }

    // The compute axes: tokens seen and estimated training FLOPs add up step by step, 3x what
    // FlopCount gives for each batch's padded shape. Every text is cut to 8 pieces (EOS included)
    // and none is shorter, so every batch is 32 x 8.
    void computeIsCountedAgainstFlopCount()
    {
        Recorder recorder;
        auto config = smallRun(runs_.path(), "compute", 3);
        config.data.maxTokens = 8;
        config.data.minTokens = 8;
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        QVERIFY2(trainer.run() == FinishReason::Completed, lastMessage.c_str());
        // The model as trained (its vocabulary is the tokenizer's, 400 pieces).
        const RunConfig trained = loadConfigFile(trainer.runDirectory() + "/config.json");
        const double perStep = 3.0 * 32 * forwardFlops(trained.model, {8, 8}, 8, 8);
        QVERIFY(perStep > 1e6);
        QCOMPARE(recorder.steps.size(), std::size_t{3});
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(recorder.steps[i].tokensSeen, 256.0 * static_cast<double>(i + 1));
            QCOMPARE(recorder.steps[i].trainFlops, perStep * static_cast<double>(i + 1));
            QVERIFY(recorder.steps[i].unixTime > 1.7e9);  // after November 2023
        }
        // metrics.csv, which the dashboard's axes read, has them too.
        const MetricsTable table = readMetricsTable(trainer.runDirectory() + "/metrics.csv");
        QCOMPARE(table.values("tokens_seen"), (std::vector<double>{256, 512, 768}));
        QVERIFY(std::abs(table.values("train_flops").back() / (perStep * 3) - 1) < 1e-5);  // 6 digits in the file
        QCOMPARE(table.values("time").size(), std::size_t{3});
    }

    void stopEndsAfterTheStepWithACheckpoint()
    {
        Recorder recorder;
        auto config = smallRun(runs_.path(), "stopped", 100);
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        recorder.onEachStep = [&](const StepMetrics& m) {
            if (m.step == 5) feedback.cancel();
        };
        QVERIFY2(trainer.run() == FinishReason::Stopped, lastMessage.c_str());
        QCOMPARE(recorder.steps.size(), std::size_t{5});
        QVERIFY(latestCheckpoint(trainer.runDirectory()).find("step-00000005.pt") != std::string::npos);
    }

    void truncatedCheckpointGivesAClearError()
    {
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(smallRun(runs_.path(), "truncate", 3), recorder, feedback);
        QVERIFY2(trainer.run() == FinishReason::Completed, lastMessage.c_str());
        const std::string checkpoint = latestCheckpoint(trainer.runDirectory());
        const auto size = std::filesystem::file_size(checkpoint);
        std::filesystem::resize_file(checkpoint, size / 2);
        try {
            readCheckpointState(checkpoint);
            QFAIL("a truncated checkpoint was read");
        } catch (const CheckpointError& e) {
            const QString message = e.what();
            QVERIFY2(message.contains(QString::fromStdString(checkpoint)), qPrintable(message));
            QVERIFY2(message.contains("truncated or corrupt"), qPrintable(message));
        }
        // Resuming from it fails cleanly, through onFinished, without touching metrics.csv.
        const auto before = csvLines(trainer.runDirectory() + "/metrics.csv");
        Recorder again;
        Trainer resumed(smallRun(runs_.path(), "truncate", 6), again, feedback, true);
        QVERIFY2(resumed.run() == FinishReason::Failed, lastMessage.c_str());
        QVERIFY2(QString::fromStdString(again.message).contains("truncated or corrupt"), again.message.c_str());
        QCOMPARE(csvLines(trainer.runDirectory() + "/metrics.csv"), before);
    }

    // A bit flipped inside a saved tensor is caught by the container check (CRC-32) before
    // LibTorch reads the archive: the message names the file and the entry.
    void bitFlippedCheckpointIsRefusedByName()
    {
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(smallRun(runs_.path(), "bitflip", 3), recorder, feedback);
        QVERIFY2(trainer.run() == FinishReason::Completed, lastMessage.c_str());
        const std::string checkpoint = latestCheckpoint(trainer.runDirectory());
        QCOMPARE(checkCheckpointContainer(checkpoint).formatVersion > 0, true);  // LibTorch's own archive passes
        {
            std::fstream file(checkpoint, std::ios::in | std::ios::out | std::ios::binary);
            file.seekg(4096);  // inside the first tensor's bytes (data/0 starts after a 64-byte aligned header)
            char byte = 0;
            file.read(&byte, 1);
            byte = static_cast<char>(byte ^ 0x10);
            file.seekp(4096);
            file.write(&byte, 1);
        }
        try {
            readCheckpointState(checkpoint);
            QFAIL("a bit-flipped checkpoint was read");
        } catch (const CheckpointError& e) {
            const QString message = e.what();
            QVERIFY2(message.startsWith(QString::fromStdString(checkpoint) + ": "), qPrintable(message));
            QVERIFY2(message.contains("/data/0': CRC error"), qPrintable(message));
        }
    }

    // The gates' keep-ratio calibration is a buffer, not a parameter: it must come back from a
    // checkpoint, or a loaded model drops a different share of tokens than the trained one did.
    void calibrationComesBackFromTheCheckpoint()
    {
        const RunConfig config = calibratedRun(runs_.path(), "calibrated", 8, 4);
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        QVERIFY2(trainer.run() == FinishReason::Completed, lastMessage.c_str());
        const std::string checkpoint = latestCheckpoint(trainer.runDirectory());
        torch::serialize::InputArchive archive;
        archive.load_from(checkpoint);
        torch::Tensor saved;
        QVERIFY(archive.try_read("model/encoder.gates.0.calibration", saved, true));
        QVERIFY(saved.item<double>() != 0.0);

        LoadedRun run = loadRun(trainer.runDirectory());
        const auto gate = (*run.model)->encoder->gates[0]->as<TokenGateImpl>();
        QCOMPARE(gate->calibration.item<double>(), saved.item<double>());
    }

    // loss.controller_measure: the controller's first observation, after step 1, sets lambda for
    // step 2 to (kp + ki) * (measured - target) (dead band 0). first-k keeps round(0.5 n) of each
    // row's n droppable tokens, so the same batch measures more with EOS counted (overall) than
    // without (droppable, at least 0.5 by the rounding half up).
    void controllerMeasuresWhatTheSettingSays()
    {
        const auto lambdaAtStep2 = [&](KeepMeasure measure, double& overallAtStep1) {
            RunConfig config = calibratedRun(runs_.path(), "measure-" + std::string(enumName(measure)), 2, 0);
            config.model.gates.rule = GateRule::FirstK;
            config.loss.schedule = LambdaSchedule::Target;  // the small run weighs no compression
            config.loss.controllerDeadBand = 0.0;
            config.loss.controllerMeasure = measure;
            Recorder recorder;
            Feedback feedback;
            Trainer trainer(config, recorder, feedback);
            if (trainer.run() != FinishReason::Completed || recorder.steps.size() != 2) return std::nan("");
            overallAtStep1 = recorder.steps[0].hardKeepRatio;
            return recorder.steps[1].lambda / (config.loss.controllerKp + config.loss.controllerKi);
        };
        double overall = 0, overallAgain = 0;
        const double overallError = lambdaAtStep2(KeepMeasure::Overall, overall);
        const double droppableError = lambdaAtStep2(KeepMeasure::Droppable, overallAgain);
        qInfo("step 1: overall keep %.4f; the controller's error %.4f (overall), %.4f (droppable)", overall,
              overallError, droppableError);
        QCOMPARE(overallAgain, overall);  // the same batch and masks
        QVERIFY(std::abs(overallError - (overall - 0.5)) < 1e-9);
        QVERIFY(droppableError >= -1e-9);
        QVERIFY(droppableError < overallError - 0.01);
    }

    // A model without gates (a warm start for later gated runs) weighs no compression: the target
    // controller, which would otherwise see a keep ratio of 1 against its target and wind lambda
    // up, is left alone and every step reports lambda 0.
    void ungatedRunWeighsNoCompression()
    {
        RunConfig config = calibratedRun(runs_.path(), "ungated-lambda", 12, 0);
        config.model.gates.every = 0;
        config.loss.schedule = LambdaSchedule::Target;
        config.loss.controllerDeadBand = 0.0;
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        QVERIFY2(trainer.run() == FinishReason::Completed, lastMessage.c_str());
        QCOMPARE(recorder.steps.size(), std::size_t{12});
        for (const StepMetrics& m : recorder.steps) {
            QCOMPARE(m.lambda, 0.0);
            QCOMPARE(m.hardKeepRatio, 1.0);
        }
    }

    // Learned gates are recalibrated on training texts held out of the batches (a tenth of the
    // corpus, at most 512): gates set on texts the model trained on keep more of unseen ones. Fixed
    // rules have nothing to recalibrate and train on every text.
    void calibrationTextsAreHeldOutOfTraining_data()
    {
        QTest::addColumn<int>("rule");
        QTest::addColumn<int>("every");
        QTest::addColumn<bool>("heldOut");
        QTest::newRow("learned gates") << int(GateRule::Learned) << 2 << true;
        QTest::newRow("first-k") << int(GateRule::FirstK) << 2 << false;
        QTest::newRow("no gates (a plain autoencoder)") << int(GateRule::Learned) << 0 << false;
    }
    void calibrationTextsAreHeldOutOfTraining()
    {
        QFETCH(int, rule);
        QFETCH(int, every);
        QFETCH(bool, heldOut);
        RunConfig config =
            calibratedRun(runs_.path(), "held-out-" + std::to_string(rule) + "-" + std::to_string(every), 6, 2);
        config.model.gates.rule = GateRule(rule);
        config.model.gates.every = every;
        config.run.evalEvery = 3;
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        QVERIFY2(trainer.run() == FinishReason::Completed, lastMessage.c_str());
        const auto logged = [&](const std::string& part) {
            return std::any_of(recorder.logs.begin(), recorder.logs.end(),
                               [&](const std::string& line) { return line.find(part) != std::string::npos; });
        };
        QCOMPARE(logged(" held out to recalibrate the gates"), heldOut);
        QCOMPARE(logged("held-out training texts, logit shifts"), heldOut);
        if (!heldOut) return;
        // The log names the encoded count before holding out: count + held = encoded.
        const auto line = std::find_if(recorder.logs.begin(), recorder.logs.end(),
                                       [](const std::string& l) { return l.rfind("encoded ", 0) == 0; });
        QVERIFY(line != recorder.logs.end());
        const std::int64_t kept = std::stoll(line->substr(8));
        const std::int64_t held = std::stoll(line->substr(line->find(" truncated, ") + 12));
        QCOMPARE(recorder.trainTexts, kept);
        QCOMPARE(held, std::min<std::int64_t>(512, (kept + held) / 10));
        QVERIFY(held > 0);
    }

private:
    QTemporaryDir runs_;
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "tst_trainer_torch.moc"
