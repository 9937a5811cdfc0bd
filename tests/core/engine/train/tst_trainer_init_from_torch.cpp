// train --init-from (run.init_from, issue 14): gates trained on top of a pretrained T5 imported
// from a Hugging Face folder. A CPU smoke test on the small v1.1 fixture (tests/data/t5/) with the
// flan-t5-small preset's gates and training settings.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/config/ConfigValidation.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "core/engine/train/HfImport.h"
#include "core/engine/train/RunLoader.h"
#include "core/engine/train/Trainer.h"
#include "core/feedback/Feedback.h"
#include "core/runs/CheckpointFiles.h"
#include "support/ErrorMessage.h"

using namespace megatoken;
namespace fs = std::filesystem;

namespace {

struct Recorder : TrainingObserver {
    std::vector<StepMetrics> steps;
    std::vector<std::string> logs;
    FinishReason reason = FinishReason::Failed;
    std::string message;
    void onStep(const StepMetrics& m) override { steps.push_back(m); }
    void onLog(const std::string& line) override { logs.push_back(line); }
    void onFinished(FinishReason r, const std::string& m) override
    {
        reason = r;
        message = m;
    }
    bool logged(const std::string& text) const
    {
        for (const auto& line : logs)
            if (line.find(text) != std::string::npos) return true;
        return false;
    }
};

RunConfig flanOnFixture(const QString& runs, const std::string& importedRun)
{
    RunConfig c = preset("flan-t5-small");
    c.run.initFrom = importedRun;
    c.run.runsDirectory = runs.toStdString();
    c.run.name = "gated";
    c.run.threads = 2;
    c.run.evalEvery = 0;
    c.run.checkpointEvery = 0;
    c.data.maxTexts = 300;
    c.data.maxTokens = 24;
    c.data.batchSize = 8;
    c.data.validationTexts = 8;
    c.optim.steps = 6;
    return c;
}

}  // namespace

class TestTrainerInitFrom : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        imported_ = dir_.path().toStdString() + "/runs/flan-fixture";
        fs::create_directories(dir_.path().toStdString() + "/runs");
        importHfFolder(std::string(MEGATOKEN_TEST_DATA_DIR) + "/t5/t5-v1_1", imported_);
    }

    void trainsGatesOnThePretrainedModel()
    {
        const RunConfig config = flanOnFixture(dir_.path() + "/runs", imported_);
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        QCOMPARE(trainer.run(), FinishReason::Completed);
        QCOMPARE(recorder.steps.size(), std::size_t{6});
        QVERIFY(recorder.logged("init-from: loaded the pretrained weights"));
        QVERIFY(recorder.logged("gates opened"));
        // The gates start open: the first step keeps (almost) every token, hard and soft.
        QVERIFY2(recorder.steps.front().hardKeepRatio > 0.9,
                 qPrintable(QString::number(recorder.steps.front().hardKeepRatio)));
        for (const auto& step : recorder.steps) QVERIFY(std::isfinite(step.loss));

        // The run is the pretrained model's shape with the preset's gates: blocks 0 and 2 of 3.
        const std::string runDir = trainer.runDirectory();
        LoadedRun run = loadRun(runDir);
        QCOMPARE(run.step, std::int64_t{6});
        QCOMPARE(run.config.model.vocabSize, std::int64_t{256});  // not the tokenizer's 200
        QCOMPARE(run.config.model.encoderLayers, std::int64_t{3});
        QCOMPARE(run.config.model.gateCount(), 2);
        QCOMPARE(run.config.model.decoderWindow, std::int64_t{5});
        QCOMPARE(run.config.run.initFrom, imported_);
        QCOMPARE(run.tokenizer->vocabSize(), 200);
        QVERIFY(fs::exists(runDir + "/tokenizer.model"));
        // The saved config reproduces the run: train --config with it starts from the same weights.
        QCOMPARE(loadConfigFile(runDir + "/config.json").run.initFrom, imported_);

        // And it goes back out as a Hugging Face folder.
        const std::string out = dir_.path().toStdString() + "/exported";
        exportHfRun(runDir, out);
        QVERIFY(fs::exists(out + "/model.safetensors"));
        std::ifstream in(out + "/config.json");
        const auto hf = nlohmann::json::parse(in);
        QCOMPARE(hf["megatoken"]["run"]["init_from"].get<std::string>(), imported_);
    }

    // gates.reset_element0 would zero element 0 of the pretrained hidden states: refused.
    void resetElement0IsRefused()
    {
        RunConfig config = flanOnFixture(dir_.path() + "/runs", imported_);
        config.model.gates.resetElement0 = true;
        const auto issues = validate(config);
        QCOMPARE(issues.size(), std::size_t{1});
        QCOMPARE(issues.front().key, std::string("gates.reset_element0"));
    }

    void missingRunIsAClearError()
    {
        RunConfig config = flanOnFixture(dir_.path() + "/runs", dir_.path().toStdString() + "/no-such-run");
        config.run.name = "missing";
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        QCOMPARE(trainer.run(), FinishReason::Failed);
        QVERIFY2(recorder.message.find("no-such-run: no such run directory") != std::string::npos,
                 recorder.message.c_str());
    }

    // --init-from the Hugging Face folder itself (the obvious mistake): refused before the corpus
    // is read or the run directory made, with the way out.
    void hfFolderIsRefusedBeforeAnythingIsMade()
    {
        QTemporaryDir runs;
        RunConfig config = flanOnFixture(runs.path(), std::string(MEGATOKEN_TEST_DATA_DIR) + "/t5/t5-v1_1");
        config.run.name = "wrong";
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(config, recorder, feedback);
        QCOMPARE(trainer.run(), FinishReason::Failed);
        QVERIFY2(recorder.message.find("import it first with `megatoken import-hf") != std::string::npos,
                 recorder.message.c_str());
        QVERIFY(!recorder.logged("reading corpus"));
        QVERIFY(!fs::exists(runs.path().toStdString() + "/wrong"));
    }

private:
    QTemporaryDir dir_;
    std::string imported_;
};

QTEST_GUILESS_MAIN(TestTrainerInitFrom)
#include "tst_trainer_init_from_torch.moc"
