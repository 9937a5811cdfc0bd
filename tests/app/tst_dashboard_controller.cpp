// The dashboard's two paths, both read through the metric schema: a run replayed from its files
// shows the same series with the same values as the live steps that wrote them, and a run folder
// written before the schema (eval.csv's rougeL_free, exact_free) opens with all its curves.
#include <QtTest>

#include <QDir>
#include <QTemporaryDir>
#include <qcustomplot.h>

#include <cmath>
#include <limits>

#include "app/gui/DashboardController.h"
#include "core/config/ConfigOverride.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "core/io/NumberFormat.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsLog.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"

using namespace megatoken;

namespace {

const QString kOldRun = QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/runs/before-schema");

QVector<double> graphKeysOf(const QCPGraph* graph)
{
    QVector<double> keys;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) keys.append(it->key);
    return keys;
}

// Every series of every plot: "plot id" -> series ids.
QList<QPair<QString, QString>> allSeries(const PlotDashboard& dashboard)
{
    QList<QPair<QString, QString>> series;
    for (const QString& plotId : dashboard.plotIds())
        for (const QString& id : dashboard.plot(plotId)->seriesIds()) series.append({plotId, id});
    return series;
}

// A step whose every plotted value is exact in 6 significant digits and differs per step.
StepMetrics step(int n)
{
    StepMetrics m;
    m.step = n;
    m.totalSteps = 4;
    m.loss = 8 - n * 0.5;
    m.crossEntropy = 7 - n * 0.5;
    m.compressionLoss = 0.75 - n * 0.0625;
    m.lambda = n * 0.25;
    m.tokenAccuracy = n * 0.125;
    m.gateRatios = {1 - n * 0.0625, 1 - n * 0.125};
    m.gateKept = {1 - n * 0.03125, 1 - n * 0.0625};
    m.softKeepRatio = 1 - n * 0.09375;
    m.hardKeepRatio = m.gateKept.back();
    m.learningRate = n * 0.00025;
    m.tokensPerSecond = 1000 + n;
    m.wallSeconds = n * 1.5;
    return m;
}

EvalMetrics evaluation(int n)
{
    EvalMetrics m;
    m.step = n;
    m.texts = 64;
    m.accuracyHard = 0.25 * n / 2;
    m.accuracySoft = 0.375 * n / 2;
    m.accuracyFree = 0.125 * n / 2;
    m.bleuFree = 12.5 * n;
    m.rougeLFree = 0.0625 * n;
    m.exactMatchFree = 0.03125 * n;
    m.gateKept = {0.875, 0.75};
    m.hardKeepRatio = 0.75;
    m.softKeepRatio = 0.8125;
    return m;
}

// A live run shown on a dashboard and, step for step, written to <runDir>/metrics.csv and eval.csv
// by MetricsLog, so a test can replay the files beside the live curves.
struct LiveAndLogged {
    LiveAndLogged(DashboardController& controller, const QString& runDir)
        : controller(controller), log(runDir.toStdString(), 2)
    {
        controller.clearRuns(/*overlay=*/true);
        controller.beginLiveRun(QStringLiteral("live"), 2);
        log.open(false, 0);
    }
    void addStep(const StepMetrics& m)
    {
        controller.addStep(m);
        log.appendStep(m);
    }
    void addEvaluation(const EvalMetrics& m)
    {
        controller.addEvaluation(m);
        log.appendEval(m);
    }
    DashboardController& controller;
    MetricsLog log;
};

}  // namespace

class TestDashboardController : public QObject {
    Q_OBJECT
private slots:
    void replayShowsWhatTheLiveRunShowed();
    void oldRunOpensWithEveryCurve_data();
    void oldRunOpensWithEveryCurve();
    void plotsAndSeriesComeFromTheSchema();
    void divergedStepsAreMarkedLiveAndReplayed();
    void seedsDrawAsOneCurveWithABand();
    void computeAxesPlaceEveryPointAndNameOlderRuns();
    void pgfplotsTablesEqualTheRunFiles_data();
    void pgfplotsTablesEqualTheRunFiles();
};

// Three seeds of one configuration and a run at another target keep ratio, grouped by seed: one
// curve for the three (their mean, min-max band), the fourth alone. Values by hand.
void TestDashboardController::pgfplotsTablesEqualTheRunFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("column");
    QTest::newRow("metrics.csv loss") << "metrics.csv"
                                      << "loss";
    QTest::newRow("metrics.csv kept_2") << "metrics.csv"
                                        << "kept_2";
    QTest::newRow("eval.csv accuracy_hard") << "eval.csv"
                                            << "accuracy_hard";
    QTest::newRow("eval.csv bleu_free") << "eval.csv"
                                        << "bleu_free";
}

// The whole dashboard exported as a pgfplots document (smoothing off, so the plotted line is the
// data): some table in it holds a run file's column exactly, step by step.
void TestDashboardController::pgfplotsTablesEqualTheRunFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, column);
    QFile csv(QDir(kOldRun).filePath(file));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const int index = static_cast<int>(lines.front().split(QLatin1Char(',')).indexOf(column));
    QVERIFY(index > 0);
    QString expected = QStringLiteral("x y\n");
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(QLatin1Char(','));
        // The file's text, read and written back in the shortest exact form ("1e-05" stays).
        const auto number = [](const QString& text) {
            return QString::fromStdString(numberText(QLocale::c().toDouble(text)));
        };
        expected += number(cells[0]) + QLatin1Char(' ') + number(cells[index]) + QLatin1Char('\n');
    }

    PlotDashboard dashboard;
    DashboardController controller(&dashboard);
    dashboard.setSmoothing(0.0);
    QString error;
    QVERIFY2(controller.addRunFromDirectory(kOldRun, &error), qPrintable(error));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dashboard.tex"));
    QVERIFY2(dashboard.exportFigure(path, QSize(1200, 800), PublicationStyle{}, &error), qPrintable(error));
    QFile tex(path);
    QVERIFY(tex.open(QIODevice::ReadOnly));
    const QString document = QString::fromUtf8(tex.readAll());
    QVERIFY2(document.contains(QStringLiteral("] {\n") + expected + QStringLiteral("};")),
             qPrintable(expected.left(200)));
}

void TestDashboardController::seedsDrawAsOneCurveWithABand()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const auto makeRun = [&](const QString& name, const std::vector<std::string>& overrides, double shift) {
        const QString dir = QDir(tmp.path()).filePath(name);
        QDir().mkpath(dir);
        RunConfig config = preset("tiny");
        applyOverrides(config, overrides);
        saveConfigFile(config, QDir(dir).filePath(QStringLiteral("config.json")).toStdString());
        MetricsLog log(dir.toStdString(), 2);
        log.open(false, 0);
        for (int n = 1; n <= 4; ++n) {
            StepMetrics m = step(n);
            m.tokenAccuracy += shift;
            log.appendStep(m);
        }
        EvalMetrics e = evaluation(4);
        e.accuracyHard += shift;
        log.appendEval(e);
        return dir;
    };
    const QStringList dirs{makeRun(QStringLiteral("s0"), {"optim.seed=1"}, 0),
                           makeRun(QStringLiteral("s1"), {"optim.seed=2"}, 0.0625),
                           makeRun(QStringLiteral("s2"), {"optim.seed=3"}, 0.125),
                           makeRun(QStringLiteral("other"), {"optim.seed=1", "loss.target_keep=0.25"}, 0.5)};
    PlotDashboard dashboard;
    dashboard.setSmoothing(0);
    DashboardController controller(&dashboard);

    // Off: four runs, four curves.
    controller.clearRuns(true);
    QStringList problems;
    QCOMPARE(controller.addRunsFromDirectories(dirs, &problems), dirs);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    QCOMPARE(controller.groupCount(), 4);
    QCOMPARE(dashboard.plot(QStringLiteral("accuracy"))->seriesIds().size(), 4 * 4);

    controller.setGrouping({QStringLiteral("optim.seed")}, BandKind::MinMax);
    controller.clearRuns(true);
    QCOMPARE(controller.addRunsFromDirectories(dirs, &problems), dirs);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    QCOMPARE(controller.groupCount(), 2);
    MetricPlot* accuracy = dashboard.plot(QStringLiteral("accuracy"));
    const QString group = QStringLiteral("loss.target_keep=0.5 (3 runs)|");
    QVERIFY2(accuracy->hasSeries(group + QStringLiteral("train/accuracy")),
             qPrintable(accuracy->seriesIds().join(' ')));
    QVERIFY(accuracy->hasSeries(QStringLiteral("other|train/accuracy")));
    QVERIFY(!accuracy->hasSeries(QStringLiteral("s0|train/accuracy")));
    // Step n: the seeds' accuracies n/8, n/8 + 1/16, n/8 + 1/8: mean n/8 + 1/16, band [n/8, n/8 + 1/8].
    const QString train = group + QStringLiteral("train/accuracy");
    QCOMPARE(accuracy->rawValues(train), (QVector<double>{0.1875, 0.3125, 0.4375, 0.5625}));
    QCOMPARE(accuracy->smoothedBandLow(train), (QVector<double>{0.125, 0.25, 0.375, 0.5}));
    QCOMPARE(accuracy->smoothedBandHigh(train), (QVector<double>{0.25, 0.375, 0.5, 0.625}));
    QVERIFY(!accuracy->hasBand(QStringLiteral("other|train/accuracy")));
    // The evaluation at step 4: 0.5, 0.5625, 0.625.
    const QString hard = group + QStringLiteral("validation/accuracy_hard");
    QCOMPARE(accuracy->rawValues(hard), QVector<double>{0.5625});
    QCOMPARE(accuracy->smoothedBandLow(hard), QVector<double>{0.5});
    QCOMPARE(accuracy->smoothedBandHigh(hard), QVector<double>{0.625});
    QVERIFY(accuracy->seriesLabel(train).startsWith(QStringLiteral("loss.target_keep=0.5 (3 runs): ")));

    // +-1 SD instead: SD of three values 1/16 apart is 1/16.
    controller.setGrouping({QStringLiteral("optim.seed")}, BandKind::StandardDeviation);
    controller.clearRuns(true);
    controller.addRunsFromDirectories(dirs);
    QCOMPARE(dashboard.plot(QStringLiteral("accuracy"))->smoothedBandLow(train).front(), 0.125);
    QCOMPARE(dashboard.plot(QStringLiteral("accuracy"))->smoothedBandHigh(train).front(), 0.25);

    // One group alone is named by what grouped it, not by its first run; a run named twice counts
    // once; a band of a 0..1 metric stays inside 0..1. Step 1's training accuracies here are
    // 0.005, 0.005, 0.325: mean 0.111667, SD 0.184752, and the 95% interval of the mean
    // +-t(0.975, 2) SD / sqrt(3) = +-0.458950 would reach -0.347: clamped to 0.
    const QStringList skewed{makeRun(QStringLiteral("k0"), {"optim.seed=1"}, -0.12),
                             makeRun(QStringLiteral("k1"), {"optim.seed=2"}, -0.12),
                             makeRun(QStringLiteral("k2"), {"optim.seed=3"}, 0.2)};
    controller.setGrouping({QStringLiteral("optim.seed")}, BandKind::ConfidenceInterval);
    controller.clearRuns(true);
    QCOMPARE(controller.addRunsFromDirectories({skewed[0], skewed[1], skewed[2], skewed[1]}), skewed);
    QCOMPARE(controller.groupCount(), 1);
    const QString alone = QStringLiteral("grouped by optim.seed (3 runs)|train/accuracy");
    accuracy = dashboard.plot(QStringLiteral("accuracy"));
    QVERIFY2(accuracy->hasSeries(alone), qPrintable(accuracy->seriesIds().join(' ')));
    QVERIFY(std::abs(accuracy->rawValues(alone).front() - 0.111667) < 1e-6);
    QCOMPARE(accuracy->smoothedBandLow(alone).front(), 0.0);
    QVERIFY(std::abs(accuracy->smoothedBandHigh(alone).front() - 0.570616) < 1e-5);

    // An unreadable run is named and the rest still draw.
    QStringList withMissing = dirs;
    withMissing << QDir(tmp.path()).filePath(QStringLiteral("missing"));
    problems.clear();
    controller.clearRuns(true);
    QCOMPARE(controller.addRunsFromDirectories(withMissing, &problems), dirs);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.front().contains(QStringLiteral("missing")), qPrintable(problems.front()));
}

// Tokens seen, FLOPs and clock time from a new run's metrics.csv place its points (evaluations at
// their step's position); a run written before they were recorded is named as off those axes.
void TestDashboardController::computeAxesPlaceEveryPointAndNameOlderRuns()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = QDir(tmp.path()).filePath(QStringLiteral("new"));
    QDir().mkpath(dir);
    {
        MetricsLog log(dir.toStdString(), 2);
        log.open(false, 0);
        for (int n = 1; n <= 4; ++n) {
            StepMetrics m = step(n);
            m.tokensSeen = 1000.0 * n;
            m.trainFlops = 2.5e12 * n;
            m.unixTime = 1.8e9 + 10.0 * n;
            log.appendStep(m);
        }
        log.appendEval(evaluation(2));
    }
    PlotDashboard dashboard;
    DashboardController controller(&dashboard);
    controller.clearRuns(true);
    QCOMPARE(controller.addRunsFromDirectories({dir, kOldRun}), (QStringList{dir, kOldRun}));
    MetricPlot* loss = dashboard.plot(QStringLiteral("loss"));
    MetricPlot* accuracy = dashboard.plot(QStringLiteral("accuracy"));
    QVERIFY(dashboard.axisNote().isEmpty());  // steps: every run

    dashboard.setXAxis(MetricPlot::XAxis::Tokens);
    QCOMPARE(graphKeysOf(loss->rawGraph(QStringLiteral("new|train/loss"))), (QVector<double>{1000, 2000, 3000, 4000}));
    QCOMPARE(graphKeysOf(accuracy->rawGraph(QStringLiteral("new|validation/accuracy_hard"))), QVector<double>{2000});
    QCOMPARE(loss->rawGraph(QStringLiteral("before-schema|train/loss"))->dataCount(), 0);
    QVERIFY2(dashboard.axisNote().contains(QStringLiteral("before-schema")), qPrintable(dashboard.axisNote()));
    QVERIFY(!dashboard.axisNote().contains(QStringLiteral("new,")));

    dashboard.setXAxis(MetricPlot::XAxis::Flops);
    QCOMPARE(graphKeysOf(loss->rawGraph(QStringLiteral("new|train/loss"))),
             (QVector<double>{2.5e12, 5e12, 7.5e12, 1e13}));
    dashboard.setXAxis(MetricPlot::XAxis::ClockTime);
    QCOMPARE(graphKeysOf(loss->rawGraph(QStringLiteral("new|train/loss"))).front(), 1.8e9 + 10);
    QVERIFY(!dashboard.axisNote().isEmpty());

    // Back on steps and relative time both runs draw again and the note goes.
    dashboard.setXAxis(MetricPlot::XAxis::WallTime);
    QCOMPARE(loss->rawGraph(QStringLiteral("before-schema|train/loss"))->dataCount(), 100);
    QVERIFY(dashboard.axisNote().isEmpty());
}

void TestDashboardController::divergedStepsAreMarkedLiveAndReplayed()
{
    // A loss of NaN at step 3 and +inf at step 4: both points reach the plot (a gap and a
    // marker each), live and read back from metrics.csv, rather than being dropped (which drew a
    // straight line across them).
    QTemporaryDir temp;
    const QString runDir = QDir(temp.path()).filePath(QStringLiteral("diverged"));
    QVERIFY(QDir().mkpath(runDir));
    PlotDashboard dashboard;
    DashboardController controller(&dashboard);
    {
        LiveAndLogged run(controller, runDir);
        for (int n = 1; n <= 5; ++n) {
            StepMetrics m = step(n);
            if (n == 3) m.loss = std::numeric_limits<double>::quiet_NaN();
            if (n == 4) m.loss = std::numeric_limits<double>::infinity();
            run.addStep(m);
        }
    }
    QString error;
    QVERIFY2(controller.addRunFromDirectory(runDir, &error), qPrintable(error));
    int checked = 0;
    for (const auto& [plotId, id] : allSeries(dashboard)) {
        if (!id.endsWith(QStringLiteral("/loss"))) continue;
        MetricPlot* plot = dashboard.plot(plotId);
        const QVector<double> values = plot->rawValues(id);
        QCOMPARE(values.size(), 5);
        QVERIFY2(std::isnan(values[2]), qPrintable(id));
        QVERIFY2(std::isinf(values[3]), qPrintable(id));
        QCOMPARE(plot->anomalyGraph(id)->dataCount(), 2);
        ++checked;
    }
    QCOMPARE(checked, 2);  // live and replayed
}

void TestDashboardController::replayShowsWhatTheLiveRunShowed()
{
    QTemporaryDir temp;
    const QString runDir = QDir(temp.path()).filePath(QStringLiteral("replayed"));
    QVERIFY(QDir().mkpath(runDir));
    PlotDashboard dashboard;
    DashboardController controller(&dashboard);
    {
        LiveAndLogged run(controller, runDir);
        for (int n = 1; n <= 4; ++n) {
            run.addStep(step(n));
            if (n % 2 == 0) run.addEvaluation(evaluation(n));
        }
    }
    QString error;
    QVERIFY2(controller.addRunFromDirectory(runDir, &error), qPrintable(error));

    int compared = 0;
    for (const auto& [plotId, id] : allSeries(dashboard)) {
        if (!id.startsWith(QStringLiteral("live|"))) continue;
        const QString replayed = QStringLiteral("replayed|") + id.mid(5);
        MetricPlot* plot = dashboard.plot(plotId);
        QVERIFY2(plot->hasSeries(replayed), qPrintable(replayed));
        QVERIFY2(plot->pointCount(id) > 0, qPrintable(id));
        QCOMPARE(plot->rawValues(replayed), plot->rawValues(id));
        ++compared;
    }
    QCOMPARE(compared, 20);  // 16 series, and R and kept of two gates
    // ROUGE-L shares the 0..100 quality plot with BLEU: shown times 100, live and replayed.
    QCOMPARE(dashboard.plot(QStringLiteral("quality"))->rawValues(QStringLiteral("replayed|validation/rouge_l_free")),
             (QVector<double>{12.5, 25}));
}

void TestDashboardController::oldRunOpensWithEveryCurve_data()
{
    QTest::addColumn<QString>("plot");
    QTest::addColumn<QString>("series");
    QTest::addColumn<int>("points");
    QTest::addColumn<double>("last");  // the last value as drawn
    // One row per series the dashboard shows for a run with two gates.
    QTest::newRow("train accuracy") << "accuracy"
                                    << "train/accuracy" << 100 << 0.482143;
    QTest::newRow("accuracy_hard") << "accuracy"
                                   << "validation/accuracy_hard" << 1 << 0.420406;
    QTest::newRow("accuracy_soft") << "accuracy"
                                   << "validation/accuracy_soft" << 1 << 0.420406;
    QTest::newRow("accuracy_free") << "accuracy"
                                   << "validation/accuracy_free" << 1 << 0.373076;
    QTest::newRow("R_1") << "gates"
                         << "train/R_1" << 100 << 0.989405;
    QTest::newRow("kept_1") << "gates"
                            << "train/kept_1" << 100 << 0.995536;
    QTest::newRow("R_2") << "gates"
                         << "train/R_2" << 100 << 0.989571;
    QTest::newRow("kept_2") << "gates"
                            << "train/kept_2" << 100 << 0.993304;
    QTest::newRow("train hard_keep") << "keep"
                                     << "train/hard_keep" << 100 << 0.993304;
    QTest::newRow("train soft_keep") << "keep"
                                     << "train/soft_keep" << 100 << 0.979088;
    QTest::newRow("validation hard_keep") << "keep"
                                          << "validation/hard_keep" << 1 << 1.0;
    QTest::newRow("loss") << "loss"
                          << "train/loss" << 100 << 3.52018;
    QTest::newRow("ce") << "loss"
                        << "train/ce" << 100 << 3.52018;
    QTest::newRow("compression") << "loss"
                                 << "train/compression" << 100 << 0.97912;
    QTest::newRow("lambda") << "lambda"
                            << "train/lambda" << 100 << 0.0;
    QTest::newRow("BLEU") << "quality"
                          << "validation/bleu_free" << 1 << 4.14895;
    QTest::newRow("ROUGE-L, rougeL_free in the file") << "quality"
                                                      << "validation/rouge_l_free" << 1 << 31.5324;
    QTest::newRow("exact match, exact_free in the file") << "quality"
                                                         << "validation/exact_match_free" << 1 << 0.585938;
    QTest::newRow("learning rate") << "learning_rate"
                                   << "train/lr" << 100 << 0.001;
    QTest::newRow("throughput") << "throughput"
                                << "train/tokens_per_s" << 100 << 4080.32;
}

void TestDashboardController::oldRunOpensWithEveryCurve()
{
    QFETCH(QString, plot);
    QFETCH(QString, series);
    QFETCH(int, points);
    QFETCH(double, last);
    PlotDashboard dashboard;
    DashboardController controller(&dashboard);
    QString error;
    QVERIFY2(controller.addRunFromDirectory(kOldRun, &error), qPrintable(error));
    const QString id = QStringLiteral("before-schema|") + series;
    QVERIFY2(dashboard.plot(plot)->hasSeries(id), qPrintable(id));
    QCOMPARE(dashboard.plot(plot)->pointCount(id), points);
    QVERIFY2(qFuzzyCompare(dashboard.plot(plot)->rawValues(id).back() + 1, last + 1),
             qPrintable(QString::number(dashboard.plot(plot)->rawValues(id).back())));
    // No series of the run is left empty: every curve the dashboard offers has its points.
    int seriesCount = 0;
    for (const auto& [plotId, seriesId] : allSeries(dashboard)) {
        QVERIFY2(dashboard.plot(plotId)->pointCount(seriesId) > 0, qPrintable(seriesId));
        ++seriesCount;
    }
    QCOMPARE(seriesCount, 20);
}

void TestDashboardController::plotsAndSeriesComeFromTheSchema()
{
    QStringList ids;
    for (MetricPlotGroup group : metricPlotGroups()) ids << QString::fromLatin1(metricPlotGroupId(group).data());
    QCOMPARE(DashboardController::plotIds(), ids);
    PlotDashboard dashboard;
    DashboardController controller(&dashboard);
    controller.beginLiveRun(QStringLiteral("r"), 2);
    QCOMPARE(dashboard.plotIds(), ids);
    // Within a plot: training curves first, a gate's two curves together, the schema's legends.
    QCOMPARE(dashboard.plot(QStringLiteral("gates"))->seriesIds(),
             (QStringList{"r|train/R_1", "r|train/kept_1", "r|train/R_2", "r|train/kept_2"}));
    QCOMPARE(dashboard.plot(QStringLiteral("keep"))->seriesIds(),
             (QStringList{"r|train/hard_keep", "r|train/soft_keep", "r|validation/hard_keep"}));
    QCOMPARE(dashboard.plot(QStringLiteral("gates"))->seriesLabel(QStringLiteral("r|train/kept_2")),
             QStringLiteral("kept after gate 2 (hard)"));
    QCOMPARE(dashboard.plot(QStringLiteral("quality"))->seriesLabel(QStringLiteral("r|validation/rouge_l_free")),
             QStringLiteral("ROUGE-L ×100"));
}

QTEST_MAIN(TestDashboardController)
#include "tst_dashboard_controller.moc"
