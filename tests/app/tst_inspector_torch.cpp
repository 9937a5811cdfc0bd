// The inspector end to end: a model whose gate scores are set by hand gives the expected keep
// scores, dropped flags, counts and colours; snapshots of a live run arrive after one step and
// inspect like checkpoints; Unicode text survives; the panel answers through its thread.
#include <QtTest>

#include <QDir>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cmath>
#include <sstream>

#include "app/gui/InspectionToGrid.h"
#include "app/gui/InspectorPanel.h"
#include "app/gui/TrainingSession.h"
#include "core/config/RunConfigJson.h"
#include "core/engine/inspect/Inspector.h"
#include "core/engine/model/TokenGate.h"
#include "core/engine/train/RunLoader.h"
#include "core/engine/train/Trainer.h"
#include "core/feedback/Feedback.h"
#include "core/feedback/ModelSnapshot.h"
#include "support/SmallRunConfig.h"
#include "widgets/inspect/AttentionHeatmap.h"
#include "widgets/inspect/ColorMap.h"
#include "widgets/inspect/CrossAttentionView.h"
#include "widgets/inspect/TokenGridWidget.h"

using namespace megatoken;

namespace {

struct Silent : TrainingObserver {};

// A copy of the run's model with every gate's score fixed: projection weight 0, bias b, so every
// token (but EOS, never dropped) gets alpha = sigmoid(b / tau + beta).
ModelSnapshot withFixedGateScores(const QString& runDirectory, const std::vector<double>& biases)
{
    LoadedRun run = loadRun(runDirectory.toStdString());
    auto& model = *run.model;
    {
        torch::NoGradGuard noGrad;
        for (std::size_t g = 0; g < biases.size(); ++g) {
            auto gate = model->encoder->gates[g]->as<TokenGateImpl>();
            gate->projection->weight.zero_();
            gate->projection->bias.fill_(biases[g]);
            if (gate->calibration.defined()) gate->calibration.zero_();
        }
    }
    ModelSnapshot snapshot;
    snapshot.step = run.step;
    snapshot.runDirectory = runDirectory.toStdString();
    snapshot.configJson = toJson(run.config).dump();
    snapshot.tokenizerModel = run.tokenizer->serializedModel();
    torch::serialize::OutputArchive archive;
    model->save(archive);
    std::ostringstream bytes;
    archive.save_to(bytes);
    snapshot.weights = bytes.str();
    return snapshot;
}

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

}  // namespace

class TestInspector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void handSetGateScores_data();
    void handSetGateScores();
    void unicodeTextRoundTrips();
    void crossAttentionViewCombinesSelectedPieces();
    void liveSnapshotArrivesAfterOneStep();
    void panelInspectsThroughItsThread();

private:
    QTemporaryDir runs_;
    QString run_;
};

void TestInspector::initTestCase()
{
    RunConfig config = testing::smallRunConfig(runs_.path(), "inspected", 30);
    Silent silent;
    Feedback feedback;
    Trainer trainer(config, silent, feedback);
    QCOMPARE(trainer.run(), FinishReason::Completed);
    run_ = QDir(runs_.path()).filePath("inspected");
}

void TestInspector::handSetGateScores_data()
{
    QTest::addColumn<double>("bias1");
    QTest::addColumn<double>("bias2");
    QTest::addColumn<bool>("droppedAtFirst");
    QTest::addColumn<bool>("droppedAtSecond");
    // beta = 3, tau = 1 (the tiny defaults): alpha = sigmoid(b + 3); dropped when ln alpha <= -1,
    // i.e. alpha <= 0.368.
    QTest::newRow("all kept") << 2.0 << 2.0 << false << false;                   // alpha 0.993
    QTest::newRow("just above the threshold") << -3.5 << 2.0 << false << false;  // alpha 0.378
    QTest::newRow("dropped at gate 1") << -5.0 << 2.0 << true << false;          // alpha 0.119
    QTest::newRow("dropped at gate 2") << 2.0 << -5.0 << false << true;
}

void TestInspector::handSetGateScores()
{
    QFETCH(double, bias1);
    QFETCH(double, bias2);
    QFETCH(bool, droppedAtFirst);
    QFETCH(bool, droppedAtSecond);
    const auto inspector = Inspector::fromSnapshot(withFixedGateScores(run_, {bias1, bias2}));
    const Inspection inspection = inspector->inspect("a green cat sat on the mat");
    const int n = static_cast<int>(inspection.pieces.size());
    QVERIFY(n >= 5);
    QCOMPARE(int(inspection.gateBlocks.size()), 2);

    const double alpha1 = sigmoid(bias1 + 3.0), alpha2 = sigmoid(bias2 + 3.0);
    for (int i = 0; i < n; ++i) {
        const auto& piece = inspection.pieces[static_cast<std::size_t>(i)];
        const bool eos = i == n - 1;
        QCOMPARE_LE(std::abs(std::exp(piece.logAlpha[0]) - (eos ? 1.0 : alpha1)), 1e-5);
        QCOMPARE_LE(std::abs(std::exp(piece.logAlpha[1]) - (eos ? 1.0 : alpha2)), 1e-5);
        const int expectedDrop = eos ? -1 : droppedAtFirst ? 0 : droppedAtSecond ? 1 : -1;
        QCOMPARE(piece.droppedAtGate, expectedDrop);
    }
    const int keptAfterFirst = droppedAtFirst ? 1 : n;
    const int keptAfterSecond = droppedAtFirst || droppedAtSecond ? 1 : n;
    QCOMPARE(inspection.keptCount[0], keptAfterFirst);
    QCOMPARE(inspection.keptCount[1], keptAfterSecond);
    QCOMPARE(int(inspection.megatokens.size()), keptAfterSecond);

    // What the grid draws: viridis(alpha), dropped cells from the dropping gate on, the counts.
    const TokenGridData grid = toTokenGridData(inspection);
    QCOMPARE(keptCount(grid.gateRows[0]), keptAfterFirst);
    QCOMPARE(keptCount(grid.gateRows[1]), keptAfterSecond);
    TokenGridWidget widget;
    widget.setData(grid);
    // Kept cells show viridis(alpha); dropped ones are greyed from the gate that dropped them on.
    const bool dropped1 = droppedAtFirst, dropped2 = droppedAtFirst || droppedAtSecond;
    QCOMPARE(widget.cellColor(1, 0) == viridis(alpha1), !dropped1);
    QCOMPARE(widget.cellColor(2, 0) == viridis(alpha2), !dropped2);
    if (dropped1) QCOMPARE(widget.cellColor(1, 0), widget.cellColor(2, 0));  // the same grey on both rows
    QCOMPARE(grid.gateRows[1].cells[0].dropped, droppedAtFirst || droppedAtSecond);
    QCOMPARE(grid.gateRows[0].cells[0].droppedHere, droppedAtFirst);
    QVERIFY(widget.cellToolTip(1, 0).contains(QString::number(alpha1, 'f', 3)));

    // The decoder's cross-attention behind the free-running reconstruction: one row per output
    // piece and block and head, each a distribution over the input pieces in which a dropped piece
    // gets nothing; when only EOS survives, every output piece reads EOS alone.
    const CrossAttention& cross = inspection.crossAttention;
    QCOMPARE(cross.inputLength, static_cast<std::int64_t>(n));
    QCOMPARE(cross.blocks, static_cast<std::int64_t>(loadRun(run_.toStdString()).config.model.decoderLayers));
    QVERIFY(cross.outputLength >= 1);
    QCOMPARE(static_cast<std::int64_t>(cross.outputPieces.size()), cross.outputLength);
    for (std::int64_t b = 0; b < cross.blocks; ++b) {
        for (std::int64_t h = 0; h < cross.heads; ++h) {
            for (std::int64_t o = 0; o < cross.outputLength; ++o) {
                double sum = 0;
                for (std::int64_t i = 0; i < cross.inputLength; ++i) {
                    const double w = cross.at(b, h, o, i);
                    sum += w;
                    if (inspection.pieces[static_cast<std::size_t>(i)].droppedAtGate >= 0) QCOMPARE_LE(w, 1e-6);
                }
                QCOMPARE_LE(std::abs(sum - 1.0), 1e-5);
                if (dropped2) QCOMPARE_LE(std::abs(cross.at(b, h, o, n - 1) - 1.0), 1e-5);
            }
        }
    }
    // The view: the mean over the selected output pieces, dropped pieces grey.
    CrossAttentionView view;
    QStringList outputs, inputs;
    for (const auto& piece : cross.outputPieces) outputs << QString::fromStdString(piece);
    QVector<bool> droppedInputs;
    for (const auto& piece : inspection.pieces) {
        inputs << QString::fromStdString(piece.display);
        droppedInputs << (piece.droppedAtGate >= 0);
    }
    QVector<double> weights;
    for (std::int64_t o = 0; o < cross.outputLength; ++o)
        for (std::int64_t i = 0; i < cross.inputLength; ++i) weights << cross.weight(-1, -1, o, i);
    view.setData(outputs, inputs, droppedInputs, weights);
    QCOMPARE(view.selectedOutputs(), QList<int>{0});
    if (dropped2) {
        QCOMPARE_LE(std::abs(view.combinedWeights()[n - 1] - 1.0), 1e-5);
        QCOMPARE(view.inputColor(n - 1), viridis(1.0));
        QCOMPARE(view.inputColor(0), QColor(225, 225, 225));
        QVERIFY(view.inputToolTip(0).contains(QStringLiteral("dropped")));
    }
}

// Several output pieces at once: the strip shows the mean of their rows.
void TestInspector::crossAttentionViewCombinesSelectedPieces()
{
    CrossAttentionView view;
    QSignalSpy changed(&view, &CrossAttentionView::selectionChanged);
    // 3 output pieces reading 3 input pieces, the last input dropped.
    view.setData({"a", "b", "c"}, {"x", "y", "z"}, {false, false, true}, {0.75, 0.25, 0, 0.25, 0.75, 0, 0.5, 0.5, 0});
    QCOMPARE(view.combinedWeights(), (QVector<double>{0.75, 0.25, 0}));
    view.selectOutputs({0, 1});
    QCOMPARE(view.selectedOutputs(), (QList<int>{0, 1}));
    QCOMPARE(view.combinedWeights(), (QVector<double>{0.5, 0.5, 0}));
    QVERIFY(changed.count() >= 1);
    QCOMPARE(view.inputColor(0), viridis(1.0));  // scaled to the strongest
    QVERIFY(view.inputToolTip(1).contains(QStringLiteral("0.500")));
    QVERIFY(view.summary().contains(QStringLiteral("a b")));
    view.selectOutputs({0, 1, 2});
    QCOMPARE(view.combinedWeights()[0], 0.5);
    view.selectOutputs({});
    QCOMPARE(view.combinedWeights(), (QVector<double>{0, 0, 0}));
    // New data keeps a selection that still fits.
    view.selectOutputs({1});
    view.setData({"a", "b"}, {"x", "y", "z"}, {false, false, true}, {1, 0, 0, 0, 1, 0});
    QCOMPARE(view.selectedOutputs(), QList<int>{1});
    QCOMPARE(view.combinedWeights(), (QVector<double>{0, 1, 0}));
}

void TestInspector::unicodeTextRoundTrips()
{
    const auto inspector = Inspector::fromRun(run_.toStdString());
    const std::string text = "café naïve 猫 🙂 — the end";
    const Inspection inspection = inspector->inspect(text);
    QVERIFY(inspection.pieces.size() >= 4);
    QString joined;
    for (const auto& piece : inspection.pieces) joined += QString::fromStdString(piece.display);
    QVERIFY2(joined.contains(QStringLiteral("caf")), qPrintable(joined));
    QTemporaryDir out;
    TokenGridWidget widget;
    widget.setData(toTokenGridData(inspection));
    QString error;
    QVERIFY2(widget.exportJson(out.filePath("u.json"), &error), qPrintable(error));
    QVERIFY2(widget.exportCsv(out.filePath("u.csv"), &error), qPrintable(error));
    QVERIFY(widget.exportImage(out.filePath("u.png"), &error));
    QFile json(out.filePath("u.json"));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonDocument document = QJsonDocument::fromJson(json.readAll());
    QCOMPARE(document["pieces"].toArray().size(), int(inspection.pieces.size()));
}

void TestInspector::liveSnapshotArrivesAfterOneStep()
{
    QTemporaryDir runs;
    TrainingSession session;
    QSignalSpy steps(&session, &TrainingSession::stepCompleted);
    QSignalSpy snapshots(&session, &TrainingSession::snapshotReady);
    QSignalSpy finished(&session, &TrainingSession::finished);
    std::int64_t requestedAt = -1;
    connect(&session, &TrainingSession::stepCompleted, &session, [&](const StepMetrics& m) {
        if (m.step == 10) {
            requestedAt = m.step;
            session.requestSnapshot();
        }
    });
    QVERIFY(session.start(testing::smallRunConfig(runs.path(), "live", 25), false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
    QCOMPARE(snapshots.count(), 1);
    const auto snapshot = snapshots.at(0).at(0).value<std::shared_ptr<const ModelSnapshot>>();
    // Asked for while step 11 was computing (or just after step 10): taken right after that step.
    QVERIFY2(snapshot->step >= requestedAt && snapshot->step <= requestedAt + 1,
             qPrintable(QString::number(snapshot->step)));
    // The step after the snapshot took no longer than a couple of ordinary steps.
    std::vector<double> gaps;
    for (int i = 1; i < steps.count(); ++i)
        gaps.push_back(steps.at(i).at(0).value<StepMetrics>().wallSeconds -
                       steps.at(i - 1).at(0).value<StepMetrics>().wallSeconds);
    const double snapshotGap = gaps[static_cast<std::size_t>(snapshot->step)];  // from step s to s+1
    std::vector<double> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    qInfo("step time: median %.1f ms; the step after the snapshot %.1f ms; snapshot %zu bytes",
          sorted[sorted.size() / 2] * 1e3, snapshotGap * 1e3, snapshot->weights.size());
    const auto inspector = Inspector::fromSnapshot(*snapshot);
    QVERIFY(!inspector->inspect("a green cat").pieces.empty());
    QCOMPARE(inspector->step(), snapshot->step);
}

void TestInspector::panelInspectsThroughItsThread()
{
    InspectorPanel panel(nullptr);
    QSignalSpy loaded(&panel, &InspectorPanel::modelChanged);
    QSignalSpy shown(&panel, &InspectorPanel::inspectionShown);
    QSignalSpy batch(&panel, &InspectorPanel::batchShown);
    panel.useRun(run_);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    QVERIFY(panel.modelDescription().contains("inspected"));
    panel.setText(QStringLiteral("green cat sat on the mat"));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
    QCOMPARE(panel.grid()->data().pieces.size(), int(panel.lastInspection().pieces.size()));
    QCOMPARE(panel.grid()->data().gateRows.size(), 2);
    QVERIFY(panel.heatmap()->rows() == int(panel.lastInspection().pieces.size()));
    QCOMPARE(panel.crossHeatmap()->rows(), int(panel.lastInspection().crossAttention.outputLength));
    QCOMPARE(panel.crossHeatmap()->columns(), int(panel.lastInspection().pieces.size()));

    // The strictest threshold keeps only pieces with alpha > 0.99: fewer than before, EOS always.
    const int keptBefore = panel.lastInspection().keptCount.back();
    panel.setThreshold(-0.01);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 60000);
    QCOMPARE(panel.lastInspection().threshold, -0.01);
    QCOMPARE_LE(panel.lastInspection().keptCount.back(), keptBefore);
    QCOMPARE(panel.lastInspection().pieces.back().droppedAtGate, -1);

    panel.batchTable();
    QMetaObject::invokeMethod(&panel, "sampleBatch");
    QTRY_COMPARE_WITH_TIMEOUT(batch.count(), 1, 120000);
    QCOMPARE(panel.batchTable()->rowCount(), batch.at(0).at(0).toInt());
    QVERIFY(panel.batchTable()->rowCount() > 0);
}

QTEST_MAIN(TestInspector)
#include "tst_inspector_torch.moc"
