// Training and evaluation finish whatever the texts are (issue 13, fault 2): a text made only of
// characters the tokenizer normalises away (zero-width spaces) decodes to an empty reference,
// which BLEU counts as a reference of length 0 (sacreBLEU 2.2+), not as an error that ends the run
// at its first evaluation before any checkpoint.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/engine/train/Trainer.h"
#include "core/feedback/Feedback.h"
#include "core/runs/CheckpointFiles.h"
#include "core/runs/MetricsTable.h"
#include "support/SmallRunConfig.h"

using namespace megatoken;

namespace {

struct Recorder : TrainingObserver {
    std::vector<EvalMetrics> evals;
    FinishReason reason = FinishReason::Failed;
    std::string message;
    void onEvaluation(const EvalMetrics& m) override { evals.push_back(m); }
    void onFinished(FinishReason r, const std::string& m) override
    {
        reason = r;
        message = m;
    }
};

}  // namespace

class TestTrainerOddText : public QObject {
    Q_OBJECT

private slots:
    void zeroWidthSpaceTextsDoNotStopEvaluation()
    {
        QTemporaryDir folder;
        const std::string corpus = folder.path().toStdString() + "/odd.txt";
        {
            std::ofstream out(corpus, std::ios::binary);
            // Every other text is k zero-width spaces (U+200B), k = 1, 2, ...: distinct texts, so
            // the hash split puts some in validation. With data.min_tokens=1 they are kept (the
            // EOS is one token) and decode to "".
            for (int i = 0; i < 1000; ++i) {
                if (i % 2 == 0)
                    for (int k = 0; k <= i / 2; ++k) out << "\xe2\x80\x8b";
                else
                    out << "a plain text number " << i << " about cats and dogs";
                out << '\n';
            }
        }
        RunConfig c = testing::smallRunConfig(folder.path(), "odd", 10);
        c.data.corpus = corpus;
        c.data.format = "text";
        c.data.minTokens = 1;
        c.data.maxTexts = 0;
        c.data.validationTexts = 0;  // all of them
        c.tokenizer.vocabSize = 64;
        c.run.evalEvery = 5;
        c.run.checkpointEvery = 5;
        Recorder recorder;
        Feedback feedback;
        Trainer trainer(c, recorder, feedback);
        QVERIFY2(trainer.run() == FinishReason::Completed, recorder.message.c_str());
        QCOMPARE(recorder.evals.size(), std::size_t{2});
        for (const EvalMetrics& m : recorder.evals) {
            QVERIFY(m.texts > 0);
            QVERIFY2(std::isfinite(m.bleuFree) && m.bleuFree >= 0 && m.bleuFree <= 100,
                     std::to_string(m.bleuFree).c_str());
            QVERIFY2(std::isfinite(m.bleuTeacherForced), std::to_string(m.bleuTeacherForced).c_str());
        }
        QVERIFY(latestCheckpoint(trainer.runDirectory()).find("step-00000010.pt") != std::string::npos);
        // The validation texts include empty inputs (the zero-width ones): predictions.tsv's
        // input column is empty on those rows.
        std::ifstream predictions(trainer.runDirectory() + "/predictions.tsv");
        int emptyInputs = 0;
        for (std::string line; std::getline(predictions, line);) emptyInputs += line.rfind('\t', 0) == 0;
        QVERIFY2(emptyInputs > 0, "no empty reference in validation: the test does not test what it says");
        const MetricsTable evalTable = readMetricsTable(trainer.runDirectory() + "/eval.csv");
        QCOMPARE(evalTable.rows.size(), std::size_t{2});
    }
};

QTEST_GUILESS_MAIN(TestTrainerOddText)
#include "tst_trainer_odd_text_torch.moc"
