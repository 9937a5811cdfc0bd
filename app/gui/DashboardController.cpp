#include "app/gui/DashboardController.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <stdexcept>

#include "core/runs/MetricsTable.h"
#include "core/runs/RunFileError.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"

namespace megatoken {
namespace {

// Tableau 10: distinct, colour-blind-friendly enough, familiar from matplotlib and TensorBoard.
const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                           QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                           QColor(0x17, 0xbe, 0xcf)};
constexpr int kPaletteSize = sizeof kPalette / sizeof kPalette[0];

QString seriesId(const QString& run, const QString& metric) { return run + QLatin1Char('|') + metric; }

// Values shown in percent so that BLEU (0..100) shares its plot with ROUGE-L and exact match.
double displayScale(const QString& metric) {
    return metric == QLatin1String("validation/rougeL_free") || metric == QLatin1String("validation/exact_free") ? 100.0 : 1.0;
}

}  // namespace

DashboardController::DashboardController(PlotDashboard* dashboard, QObject* parent)
    : QObject(parent), dashboard_(dashboard) {}

QStringList DashboardController::plotIds() {
    return {QStringLiteral("accuracy"), QStringLiteral("gates"), QStringLiteral("keep"), QStringLiteral("loss"),
            QStringLiteral("lambda"), QStringLiteral("quality"), QStringLiteral("learning_rate"),
            QStringLiteral("throughput")};
}

void DashboardController::setUpPlots() {
    if (plotsReady_) return;
    plotsReady_ = true;
    // Each legend sits where its curves rarely go: accuracy rises, keep ratios and losses fall.
    const auto add = [this](const char* id, const QString& title, const QString& yLabel, Qt::Alignment legend) {
        MetricPlot* plot = dashboard_->addPlot(QString::fromLatin1(id), title, yLabel);
        plot->setLegendAlignment(legend);
        return plot;
    };
    add("accuracy", tr("Token accuracy"), tr("accuracy"), Qt::AlignBottom | Qt::AlignRight)->setYRange(0, 1);
    add("gates", tr("Compression per gate"), tr("ratio"), Qt::AlignBottom | Qt::AlignLeft)->setYRange(0, 1);
    add("keep", tr("Overall keep ratio"), tr("kept fraction"), Qt::AlignBottom | Qt::AlignLeft)->setYRange(0, 1);
    add("loss", tr("Loss"), tr("loss"), Qt::AlignTop | Qt::AlignRight);
    add("lambda", tr("Compression weight λ"), tr("λ"), Qt::AlignTop | Qt::AlignLeft);
    add("quality", tr("Free-running reconstruction"), tr("score (0–100)"), Qt::AlignBottom | Qt::AlignRight);
    add("learning_rate", tr("Learning rate"), tr("lr"), Qt::AlignBottom | Qt::AlignRight);
    add("throughput", tr("Throughput"), tr("non-pad tokens/s"), Qt::AlignBottom | Qt::AlignRight);
}

QVector<DashboardController::SeriesSpec> DashboardController::seriesFor(int gateCount) {
    QVector<SeriesSpec> specs = {
        {QStringLiteral("accuracy"), QStringLiteral("train/accuracy"), tr("train (training mask)"), Qt::SolidLine},
        {QStringLiteral("accuracy"), QStringLiteral("validation/accuracy_hard"), tr("val. hard mask"), Qt::SolidLine},
        {QStringLiteral("accuracy"), QStringLiteral("validation/accuracy_soft"), tr("val. soft mask"), Qt::DashLine},
        {QStringLiteral("accuracy"), QStringLiteral("validation/accuracy_free"), tr("val. free-running"), Qt::DotLine},
    };
    for (int g = 1; g <= gateCount; ++g) {
        specs.push_back({QStringLiteral("gates"), QStringLiteral("train/R_%1").arg(g), tr("R(s) gate %1 (soft)").arg(g), Qt::SolidLine});
        specs.push_back({QStringLiteral("gates"), QStringLiteral("train/kept_%1").arg(g), tr("kept after gate %1 (hard)").arg(g), Qt::DashLine});
    }
    specs += {
        {QStringLiteral("keep"), QStringLiteral("train/hard_keep"), tr("train, hard"), Qt::SolidLine},
        {QStringLiteral("keep"), QStringLiteral("train/soft_keep"), tr("train, soft L(S)/L(0)"), Qt::DashLine},
        {QStringLiteral("keep"), QStringLiteral("validation/hard_keep"), tr("val., hard"), Qt::DotLine},
        {QStringLiteral("loss"), QStringLiteral("train/loss"), tr("total"), Qt::SolidLine},
        {QStringLiteral("loss"), QStringLiteral("train/ce"), tr("cross-entropy"), Qt::DashLine},
        {QStringLiteral("loss"), QStringLiteral("train/compression"), tr("compression mean R²"), Qt::DotLine},
        {QStringLiteral("lambda"), QStringLiteral("train/lambda"), tr("λ"), Qt::SolidLine},
        {QStringLiteral("quality"), QStringLiteral("validation/bleu_free"), tr("BLEU"), Qt::SolidLine},
        {QStringLiteral("quality"), QStringLiteral("validation/rougeL_free"), tr("ROUGE-L ×100"), Qt::DashLine},
        {QStringLiteral("quality"), QStringLiteral("validation/exact_free"), tr("exact match %"), Qt::DotLine},
        {QStringLiteral("learning_rate"), QStringLiteral("train/lr"), tr("learning rate"), Qt::SolidLine},
        {QStringLiteral("throughput"), QStringLiteral("train/tokens_per_s"), tr("tokens/s"), Qt::SolidLine},
    };
    return specs;
}

void DashboardController::clearRuns(bool overlay) {
    dashboard_->clearData();
    runNames_.clear();
    liveRun_.clear();
    liveGates_ = 0;
    lastWall_ = 0;
    overlay_ = overlay;
}

QColor DashboardController::colorFor(const QString& runName, int seriesIndex, int seriesCount) const {
    if (overlay_) return kPalette[runNames_.indexOf(runName) % kPaletteSize];
    Q_UNUSED(seriesCount);
    return kPalette[seriesIndex % kPaletteSize];
}

void DashboardController::addRunSeries(const QString& runName, int gateCount) {
    setUpPlots();
    if (!runNames_.contains(runName)) runNames_.push_back(runName);
    const auto specs = seriesFor(gateCount);
    // Colours restart in every plot, so a plot's series are told apart at a glance.
    QHash<QString, int> indexInPlot;
    for (const auto& spec : specs) {
        MetricPlot* plot = dashboard_->plot(spec.plot);
        if (!plot) continue;
        const int index = indexInPlot[spec.plot]++;
        const QString label = overlay_ ? runName + QStringLiteral(": ") + spec.label : spec.label;
        // In the gates plot a gate's soft and hard lines share a colour.
        const int colourIndex = spec.plot == QLatin1String("gates") ? index / 2 : index;
        const Qt::PenStyle style = overlay_ || spec.plot == QLatin1String("gates") ? spec.style : Qt::SolidLine;
        plot->addSeries(seriesId(runName, spec.metric), label, colorFor(runName, colourIndex, specs.size()), style);
    }
}

void DashboardController::append(const QString& runName, const QString& metric, double step, double wall, double value) {
    if (!std::isfinite(value)) return;
    for (const auto& plotId : dashboard_->plotIds()) {
        MetricPlot* plot = dashboard_->plot(plotId);
        const QString id = seriesId(runName, metric);
        if (plot && plot->hasSeries(id)) plot->appendPoint(id, step, wall, value * displayScale(metric));
    }
}

void DashboardController::beginLiveRun(const QString& runName, int gateCount) {
    liveRun_ = runName;
    liveGates_ = gateCount;
    addRunSeries(runName, gateCount);
}

void DashboardController::addStep(const StepMetrics& m) {
    if (liveRun_.isEmpty()) return;
    const double step = static_cast<double>(m.step), wall = m.wallSeconds;
    lastWall_ = wall;
    append(liveRun_, QStringLiteral("train/accuracy"), step, wall, m.tokenAccuracy);
    append(liveRun_, QStringLiteral("train/loss"), step, wall, m.loss);
    append(liveRun_, QStringLiteral("train/ce"), step, wall, m.crossEntropy);
    append(liveRun_, QStringLiteral("train/compression"), step, wall, m.compressionLoss);
    append(liveRun_, QStringLiteral("train/lambda"), step, wall, m.lambda);
    append(liveRun_, QStringLiteral("train/soft_keep"), step, wall, m.softKeepRatio);
    append(liveRun_, QStringLiteral("train/hard_keep"), step, wall, m.hardKeepRatio);
    append(liveRun_, QStringLiteral("train/lr"), step, wall, m.learningRate);
    append(liveRun_, QStringLiteral("train/tokens_per_s"), step, wall, m.tokensPerSecond);
    for (std::size_t g = 0; g < m.gateRatios.size(); ++g)
        append(liveRun_, QStringLiteral("train/R_%1").arg(g + 1), step, wall, m.gateRatios[g]);
    for (std::size_t g = 0; g < m.gateKept.size(); ++g)
        append(liveRun_, QStringLiteral("train/kept_%1").arg(g + 1), step, wall, m.gateKept[g]);
}

void DashboardController::addEvaluation(const EvalMetrics& m) {
    if (liveRun_.isEmpty()) return;
    const double step = static_cast<double>(m.step), wall = lastWall_;
    append(liveRun_, QStringLiteral("validation/accuracy_hard"), step, wall, m.accuracyHard);
    append(liveRun_, QStringLiteral("validation/accuracy_soft"), step, wall, m.accuracySoft);
    append(liveRun_, QStringLiteral("validation/accuracy_free"), step, wall, m.accuracyFree);
    append(liveRun_, QStringLiteral("validation/hard_keep"), step, wall, m.hardKeepRatio);
    append(liveRun_, QStringLiteral("validation/bleu_free"), step, wall, m.bleuFree);
    append(liveRun_, QStringLiteral("validation/rougeL_free"), step, wall, m.rougeLFree);
    append(liveRun_, QStringLiteral("validation/exact_free"), step, wall, m.exactMatchFree);
}

bool DashboardController::addRunFromDirectory(const QString& runDirectory, QString* error) {
    const QString name = QFileInfo(runDirectory).fileName();
    const QDir dir(runDirectory);
    MetricsTable train, validation;
    try {
        train = readMetricsTable(dir.filePath(QStringLiteral("metrics.csv")).toStdString());
        if (dir.exists(QStringLiteral("eval.csv")))
            validation = readMetricsTable(dir.filePath(QStringLiteral("eval.csv")).toStdString());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    int gates = 0;
    while (train.column("R_" + std::to_string(gates + 1)) >= 0) ++gates;
    addRunSeries(name, gates);

    const auto steps = train.values("step");
    const auto walls = train.values("wall_s");
    // Evaluations happen at a step: take that step's wall time so the wall-time axis lines up.
    auto wallAtStep = [&](double step) {
        auto it = std::lower_bound(steps.begin(), steps.end(), step);
        if (it == steps.end()) return walls.empty() ? 0.0 : walls.back();
        return walls[static_cast<std::size_t>(it - steps.begin())];
    };
    const auto load = [&](const MetricsTable& table, const QString& prefix, const QVector<double>& x, const QVector<double>& w) {
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const QString metric = prefix + QString::fromStdString(table.columns[c]);
            const QString id = seriesId(name, metric);
            const double scale = displayScale(metric);
            for (const auto& plotId : dashboard_->plotIds()) {
                MetricPlot* plot = dashboard_->plot(plotId);
                if (!plot || !plot->hasSeries(id)) continue;
                QVector<double> xs, ws, vs;
                for (std::size_t r = 0; r < table.rows.size(); ++r) {
                    const double v = table.rows[r][c];
                    if (!std::isfinite(v)) continue;
                    xs.push_back(x[static_cast<int>(r)]);
                    ws.push_back(w[static_cast<int>(r)]);
                    vs.push_back(v * scale);
                }
                plot->appendPoints(id, xs, ws, vs);
            }
        }
    };
    load(train, QStringLiteral("train/"), QVector<double>(steps.begin(), steps.end()), QVector<double>(walls.begin(), walls.end()));
    const auto evalSteps = validation.values("step");
    QVector<double> evalWalls;
    for (double s : evalSteps) evalWalls.push_back(wallAtStep(s));
    load(validation, QStringLiteral("validation/"), QVector<double>(evalSteps.begin(), evalSteps.end()), evalWalls);
    return true;
}

}  // namespace megatoken
