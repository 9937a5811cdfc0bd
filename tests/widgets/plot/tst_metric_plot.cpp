#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

#include <qcustomplot.h>

#include "widgets/plot/EmaSmoother.h"
#include "widgets/plot/MetricPlot.h"

using megatoken::MetricPlot;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QVector<double> graphKeys(const QCPGraph* graph)
{
    QVector<double> keys;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) keys.append(it->key);
    return keys;
}

QVector<double> graphValues(const QCPGraph* graph)
{
    QVector<double> values;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) values.append(it->value);
    return values;
}

bool sameValues(const QVector<double>& actual, const std::vector<double>& expected)
{
    if (actual.size() != static_cast<qsizetype>(expected.size())) return false;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const double e = expected[static_cast<std::size_t>(i)];
        if (std::isnan(e) ? !std::isnan(actual[i]) : std::abs(actual[i] - e) > 1e-12) return false;
    }
    return true;
}

// A noisy decaying loss, deterministic.
double lossAt(int series, int step)
{
    return 4.0 * std::exp(-step / 20000.0) + 0.3 + 0.2 * std::sin(step * 0.37 + series) + 0.05 * series;
}

}  // namespace

class TestMetricPlot : public QObject {
    Q_OBJECT

private slots:
    void seriesAreAddedOnceAndCountPoints();
    void removeAndClearDropSeriesAndGraphs();
    void titleAndLabels();
    void bulkAppendEqualsPointwise();
    void smoothingRecomputeEqualsDebiasedEma_data();
    void smoothingRecomputeEqualsDebiasedEma();
    void zeroSmoothingDrawsRawAlone();
    void xAxisSwitchUsesWallSeconds();
    void computeAndClockAxesLeaveOutPointsWithoutAKey();
    void bandFillsBetweenItsBoundsAndFollowsTheSeries();
    void nonFiniteKeysAreDroppedValuesKept();
    void nonFiniteValuesBreakBothLinesAndAreMarked_data();
    void nonFiniteValuesBreakBothLinesAndAreMarked();
    void sparseSeriesGetDots();
    void tickLabelsReadTheSameInEveryLocale();
    void logYWithNonPositiveValuesDoesNotBreak();
    void autoRangeFollowsDataUntilUserZooms();
    void yRangeHintIsIncluded();
    void legendToggleHidesBothGraphs();
    void legendClickTogglesSeries();
    void legendSitsBelowTheAxesInColumnsThatFit();
    void overlaidRunsShareOneLegendEntryPerMetric();
    void hoverTextListsVisibleSeries();
    void manyPointsAppendedOneByOneCoalesceReplots();
};

void TestMetricPlot::seriesAreAddedOnceAndCountPoints()
{
    MetricPlot plot;
    plot.addSeries(QStringLiteral("train"), QStringLiteral("train loss"), Qt::blue);
    plot.addSeries(QStringLiteral("val"), QStringLiteral("validation loss"), Qt::red, Qt::DashLine);
    plot.addSeries(QStringLiteral("train"), QStringLiteral("training loss"), Qt::darkBlue);  // idempotent
    QCOMPARE(plot.seriesIds(), (QStringList{QStringLiteral("train"), QStringLiteral("val")}));
    QCOMPARE(plot.customPlot()->graphCount(), 6);         // raw, smoothed and non-finite markers each
    QCOMPARE(plot.customPlot()->legend->itemCount(), 2);  // only the smoothed ones
    QCOMPARE(plot.seriesLabel(QStringLiteral("train")), QStringLiteral("training loss"));
    QCOMPARE(plot.smoothedGraph(QStringLiteral("train"))->name(), QStringLiteral("training loss"));
    QCOMPARE(plot.smoothedGraph(QStringLiteral("val"))->pen().style(), Qt::DashLine);
    QVERIFY(plot.hasSeries(QStringLiteral("val")));
    QVERIFY(!plot.hasSeries(QStringLiteral("test")));

    for (int step = 1; step <= 10; ++step) plot.appendPoint(QStringLiteral("train"), step, step * 0.5, 1.0 / step);
    plot.appendPoint(QStringLiteral("val"), 10, 5, 0.2);
    plot.appendPoint(QStringLiteral("missing"), 10, 5, 0.2);  // ignored
    QCOMPARE(plot.pointCount(QStringLiteral("train")), 10);
    QCOMPARE(plot.pointCount(QStringLiteral("val")), 1);
    QCOMPARE(plot.pointCount(QStringLiteral("missing")), 0);
    QCOMPARE(plot.rawGraph(QStringLiteral("train"))->dataCount(), 10);
    QCOMPARE(plot.smoothedGraph(QStringLiteral("train"))->dataCount(), 10);
    QVERIFY(plot.rawGraph(QStringLiteral("train"))->adaptiveSampling());
    QVERIFY(plot.smoothedGraph(QStringLiteral("train"))->adaptiveSampling());
}

void TestMetricPlot::removeAndClearDropSeriesAndGraphs()
{
    MetricPlot plot;
    plot.addSeries(QStringLiteral("a"), QStringLiteral("A"), Qt::blue);
    plot.addSeries(QStringLiteral("b"), QStringLiteral("B"), Qt::red);
    plot.appendPoint(QStringLiteral("a"), 1, 1, 1);
    plot.removeSeries(QStringLiteral("a"));
    plot.removeSeries(QStringLiteral("unknown"));
    QCOMPARE(plot.seriesIds(), QStringList{QStringLiteral("b")});
    QCOMPARE(plot.customPlot()->graphCount(), 3);
    QCOMPARE(plot.customPlot()->legend->itemCount(), 1);
    plot.clear();
    QVERIFY(plot.seriesIds().isEmpty());
    QCOMPARE(plot.customPlot()->graphCount(), 0);
    QCOMPARE(plot.customPlot()->legend->itemCount(), 0);
}

void TestMetricPlot::titleAndLabels()
{
    MetricPlot plot;
    QCOMPARE(plot.title(), QString());
    QCOMPARE(plot.customPlot()->plotLayout()->rowCount(), 2);  // the axes, the legend below them
    plot.setTitle(QStringLiteral("Keep ratio"));
    plot.setTitle(QStringLiteral("Keep ratio per gate"));
    QCOMPARE(plot.title(), QStringLiteral("Keep ratio per gate"));
    QCOMPARE(plot.customPlot()->plotLayout()->rowCount(), 3);  // one title row, reused
    plot.setTitle(QString());
    QCOMPARE(plot.title(), QString());
    QCOMPARE(plot.customPlot()->plotLayout()->rowCount(), 2);  // no empty row left behind
    QVERIFY(plot.customPlot()->axisRect() != nullptr);
    plot.setYLabel(QStringLiteral("kept fraction"));
    QCOMPARE(plot.yLabel(), QStringLiteral("kept fraction"));
    QCOMPARE(plot.customPlot()->xAxis->label(), QStringLiteral("step"));
}

void TestMetricPlot::bulkAppendEqualsPointwise()
{
    MetricPlot bulk;
    MetricPlot pointwise;
    QVector<double> steps, walls, values;
    for (int i = 0; i < 50; ++i) {
        steps << i * 10;
        walls << i * 1.5;
        values << std::cos(i * 0.3);
    }
    bulk.addSeries(QStringLiteral("s"), QStringLiteral("S"), Qt::blue);
    pointwise.addSeries(QStringLiteral("s"), QStringLiteral("S"), Qt::blue);
    // Two chunks, as when a finished run is loaded and then continues.
    bulk.appendPoints(QStringLiteral("s"), steps.mid(0, 20), walls.mid(0, 20), values.mid(0, 20));
    bulk.appendPoints(QStringLiteral("s"), steps.mid(20), walls.mid(20), values.mid(20));
    for (int i = 0; i < steps.size(); ++i) pointwise.appendPoint(QStringLiteral("s"), steps[i], walls[i], values[i]);

    QCOMPARE(bulk.pointCount(QStringLiteral("s")), 50);
    QCOMPARE(bulk.smoothedValues(QStringLiteral("s")), pointwise.smoothedValues(QStringLiteral("s")));
    QCOMPARE(graphKeys(bulk.smoothedGraph(QStringLiteral("s"))), steps);
    QCOMPARE(graphValues(bulk.rawGraph(QStringLiteral("s"))), values);
}

void TestMetricPlot::smoothingRecomputeEqualsDebiasedEma_data()
{
    QTest::addColumn<double>("weight");
    QTest::newRow("0.0") << 0.0;
    QTest::newRow("0.3") << 0.3;
    QTest::newRow("0.9") << 0.9;
    QTest::newRow("0.999") << 0.999;
}

void TestMetricPlot::smoothingRecomputeEqualsDebiasedEma()
{
    QFETCH(double, weight);
    MetricPlot plot;
    QCOMPARE(plot.smoothing(), 0.6);
    plot.addSeries(QStringLiteral("loss"), QStringLiteral("loss"), Qt::blue);
    std::vector<double> values;
    for (int step = 0; step < 300; ++step) {
        // A NaN now and then, as a diverged step would log: passed through, not folded in.
        const double value = step % 97 == 50 ? kNaN : lossAt(0, step * 100);
        values.push_back(value);
        plot.appendPoint(QStringLiteral("loss"), step, step * 0.1, value);
    }
    QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("loss")), megatoken::debiasedEma(values, 0.6)));

    plot.setSmoothing(weight);
    QCOMPARE(plot.smoothing(), weight);
    const std::vector<double> expected = megatoken::debiasedEma(values, weight);
    QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("loss")), expected));
    QVERIFY(sameValues(graphValues(plot.smoothedGraph(QStringLiteral("loss"))), expected));

    // Points appended after the change continue the same average.
    values.push_back(0.42);
    plot.appendPoint(QStringLiteral("loss"), 300, 30, 0.42);
    QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("loss")), megatoken::debiasedEma(values, weight)));
}

void TestMetricPlot::zeroSmoothingDrawsRawAlone()
{
    MetricPlot plot;
    plot.addSeries(QStringLiteral("acc"), QStringLiteral("accuracy"), QColor(10, 120, 200));
    QVERIFY(plot.rawGraph(QStringLiteral("acc"))->visible());
    QCOMPARE(plot.rawGraph(QStringLiteral("acc"))->pen().color().alpha(), 60);
    plot.setSmoothing(0.0);
    QVERIFY(!plot.rawGraph(QStringLiteral("acc"))->visible());
    QCOMPARE(plot.smoothedGraph(QStringLiteral("acc"))->pen().color(), QColor(10, 120, 200));  // full colour
    plot.setSmoothing(0.5);
    QVERIFY(plot.rawGraph(QStringLiteral("acc"))->visible());
}

void TestMetricPlot::bandFillsBetweenItsBoundsAndFollowsTheSeries()
{
    MetricPlot plot;
    plot.setSmoothing(0);
    const QString id = QStringLiteral("group|validation/accuracy_hard");
    plot.addSeries(id, QStringLiteral("3 seeds"), QColor(0x1f, 0x77, 0xb4));
    const QVector<double> steps{100, 200, 300};
    const QVector<double> walls{10, 20, 30};
    plot.appendPoints(id, steps, walls, {0.5, 0.6, 0.7});
    QVERIFY(!plot.hasBand(id));
    plot.setBand(id, {0.4, 0.5, 0.65}, {0.6, 0.7, 0.9});
    QVERIFY(plot.hasBand(id));
    QCOMPARE(plot.customPlot()->graphCount(), 5);         // raw, smoothed, markers, two band edges
    QCOMPARE(plot.customPlot()->legend->itemCount(), 1);  // the band is not in the legend
    const QCPGraph* band = plot.bandGraph(id);
    QVERIFY(band->channelFillGraph());
    QCOMPARE(band->brush().color().alpha(), 45);
    QCOMPARE(band->brush().color().rgb(), QColor(0x1f, 0x77, 0xb4).rgb());
    QCOMPARE(graphKeys(band), steps);
    QVERIFY(sameValues(graphValues(band), {0.6, 0.7, 0.9}));
    QVERIFY(sameValues(graphValues(band->channelFillGraph()), {0.4, 0.5, 0.65}));
    QVERIFY(plot.hoverText(200).contains(QStringLiteral("band 0.5 to 0.7")));

    // The automatic range holds the band, not only the mean: 0.4..0.9 with a 5% margin.
    plot.resetView();
    QCOMPARE(plot.customPlot()->yAxis->range().lower, 0.4 - 0.025);
    QCOMPARE(plot.customPlot()->yAxis->range().upper, 0.9 + 0.025);

    // The band moves with the x axis, and hides with its series.
    plot.setXAxis(MetricPlot::XAxis::WallTime);
    QCOMPARE(graphKeys(plot.bandGraph(id)), walls);
    plot.setSeriesVisible(id, false);
    QVERIFY(!plot.bandGraph(id)->visible());
    QVERIFY(!plot.bandGraph(id)->channelFillGraph()->visible());
    plot.setSeriesVisible(id, true);
    QVERIFY(plot.bandGraph(id)->visible());

    // Smoothed bound by bound with the curve's debiased EMA; NaN leaves a gap.
    plot.setBand(id, {0.4, kNaN, 0.65}, {0.6, 0.7, 0.9});
    plot.setSmoothing(0.5);
    megatoken::EmaSmoother low(0.5), high(0.5);
    const double low0 = low.add(0.4), low2 = low.add(0.65);
    const double high0 = high.add(0.6), high1 = high.add(0.7), high2 = high.add(0.9);
    QVERIFY(sameValues(plot.smoothedBandLow(id), {low0, kNaN, low2}));
    QVERIFY(sameValues(plot.smoothedBandHigh(id), {high0, high1, high2}));
    QVERIFY(sameValues(graphValues(plot.bandGraph(id)), {high0, high1, high2}));

    // Bounds of the wrong length are cut or padded, with a warning; empty ones remove the band.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("setBand: 2/2 bounds for the 3 points")));
    plot.setBand(id, {0.1, 0.2}, {0.3, 0.4});
    QCOMPARE(plot.smoothedBandLow(id).size(), 3);
    QVERIFY(std::isnan(plot.smoothedBandLow(id)[2]));
    plot.setBand(id, {}, {});
    QVERIFY(!plot.hasBand(id));
    QCOMPARE(plot.customPlot()->graphCount(), 3);
    plot.removeSeries(id);
    QCOMPARE(plot.customPlot()->graphCount(), 0);
}

void TestMetricPlot::computeAndClockAxesLeaveOutPointsWithoutAKey()
{
    MetricPlot plot;
    plot.setSmoothing(0);
    const QString id = QStringLiteral("loss");
    plot.addSeries(id, QStringLiteral("loss"), Qt::blue);
    // A run resumed from a checkpoint written before tokens were counted: the first two points have
    // no tokens, FLOPs or clock time.
    QVector<MetricPlot::XValues> xs(4);
    for (int i = 0; i < 4; ++i) {
        xs[i].step = 10.0 * (i + 1);
        xs[i].wall = 2.0 * (i + 1);
        if (i >= 2) {
            xs[i].tokens = 640.0 * (i + 1);
            xs[i].flops = 1e12 * (i + 1);
            xs[i].clock = 1.8e9 + i;
        }
    }
    plot.appendPoints(id, xs, {4.0, 3.0, 2.0, 1.0});
    QVERIFY(plot.hasXValues(id, MetricPlot::XAxis::Tokens));
    plot.setXAxis(MetricPlot::XAxis::Tokens);
    QCOMPARE(plot.customPlot()->xAxis->label(), QStringLiteral("training tokens seen"));
    QCOMPARE(graphKeys(plot.rawGraph(id)), (QVector<double>{1920, 2560}));
    QVERIFY(sameValues(graphValues(plot.rawGraph(id)), {2.0, 1.0}));
    QVERIFY2(plot.hoverText(2000).contains(QStringLiteral("1920 tokens")), qPrintable(plot.hoverText(2000)));
    QCOMPARE(plot.customPlot()->xAxis->range().lower, 1920.0);  // refit to the keys it has
    plot.setXAxis(MetricPlot::XAxis::Flops);
    QCOMPARE(plot.customPlot()->xAxis->label(), QStringLiteral("estimated training FLOPs"));
    QCOMPARE(graphKeys(plot.rawGraph(id)), (QVector<double>{3e12, 4e12}));
    // Fifteen-digit FLOPs read with SI prefixes ("3T", "3.5T"), in every locale.
    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    const QVector<QString> labels = plot.customPlot()->xAxis->tickVectorLabels();
    QVERIFY(!labels.isEmpty());
    for (const QString& label : labels) QVERIFY2(label.endsWith(QLatin1Char('T')), qPrintable(label));
    plot.setXAxis(MetricPlot::XAxis::ClockTime);
    QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerDateTime>(plot.customPlot()->xAxis->ticker()));
    // Streamed points land on the current axis, or on none when they lack its key.
    MetricPlot::XValues next;
    next.step = 50;
    next.wall = 10;
    plot.appendPoint(id, next, 0.5);
    QCOMPARE(plot.rawGraph(id)->dataCount(), 2);
    plot.setXAxis(MetricPlot::XAxis::Step);
    QCOMPARE(graphKeys(plot.rawGraph(id)), (QVector<double>{10, 20, 30, 40, 50}));
    // A series with no key at all on an axis.
    plot.addSeries(QStringLiteral("old"), QStringLiteral("old"), Qt::red);
    plot.appendPoints(QStringLiteral("old"), {1, 2}, {1, 2}, {1.0, 2.0});
    QVERIFY(!plot.hasXValues(QStringLiteral("old"), MetricPlot::XAxis::Flops));
    QVERIFY(plot.hasXValues(QStringLiteral("old"), MetricPlot::XAxis::WallTime));
}

void TestMetricPlot::xAxisSwitchUsesWallSeconds()
{
    MetricPlot plot;
    QSignalSpy viewSpy(&plot, &MetricPlot::viewChanged);
    plot.addSeries(QStringLiteral("loss"), QStringLiteral("loss"), Qt::blue);
    const QVector<double> steps{100, 200, 300, 400};
    const QVector<double> walls{12.5, 20.0, 31.25, 40.0};
    plot.appendPoints(QStringLiteral("loss"), steps, walls, {3.0, 2.5, 2.0, 1.8});
    QCOMPARE(plot.customPlot()->xAxis->label(), QStringLiteral("step"));
    QCOMPARE(graphKeys(plot.rawGraph(QStringLiteral("loss"))), steps);

    plot.setXAxis(MetricPlot::XAxis::WallTime);
    QCOMPARE(plot.xAxis(), MetricPlot::XAxis::WallTime);
    QCOMPARE(plot.customPlot()->xAxis->label(), QStringLiteral("training time (s)"));
    QCOMPARE(graphKeys(plot.rawGraph(QStringLiteral("loss"))), walls);
    QCOMPARE(graphKeys(plot.smoothedGraph(QStringLiteral("loss"))), walls);
    // The view was refit to the new keys.
    QCOMPARE(plot.customPlot()->xAxis->range().lower, 12.5);
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 40.0);
    QVERIFY(viewSpy.count() >= 1);

    // Points streamed in while on wall time land at their wall time.
    plot.appendPoint(QStringLiteral("loss"), 500, 52.5, 1.7);
    QCOMPARE(graphKeys(plot.rawGraph(QStringLiteral("loss"))).last(), 52.5);
    QVERIFY(plot.hoverText(50).contains(QStringLiteral("52.5 s")));

    plot.setXAxis(MetricPlot::XAxis::Step);
    QCOMPARE(graphKeys(plot.rawGraph(QStringLiteral("loss"))), (QVector<double>{100, 200, 300, 400, 500}));
}

void TestMetricPlot::nonFiniteKeysAreDroppedValuesKept()
{
    MetricPlot plot;
    plot.addSeries(QStringLiteral("s"), QStringLiteral("S"), Qt::blue);
    plot.appendPoint(QStringLiteral("s"), kNaN, 1, 1);
    plot.appendPoint(QStringLiteral("s"), 1, std::numeric_limits<double>::infinity(), 1);
    QCOMPARE(plot.pointCount(QStringLiteral("s")), 0);
    plot.appendPoint(QStringLiteral("s"), 1, 1, std::numeric_limits<double>::infinity());
    plot.appendPoint(QStringLiteral("s"), 2, 2, 0.5);
    QCOMPARE(plot.pointCount(QStringLiteral("s")), 2);
    QVERIFY(std::isinf(plot.rawValues(QStringLiteral("s"))[0]));
    // Drawn as a gap rather than an infinite coordinate.
    QVERIFY(std::isnan(graphValues(plot.rawGraph(QStringLiteral("s")))[0]));
    QCOMPARE(graphValues(plot.smoothedGraph(QStringLiteral("s")))[1], 0.5);
}

void TestMetricPlot::nonFiniteValuesBreakBothLinesAndAreMarked_data()
{
    QTest::addColumn<bool>("bulk");
    QTest::newRow("point by point (live)") << false;
    QTest::newRow("bulk (a replayed run)") << true;
}

void TestMetricPlot::nonFiniteValuesBreakBothLinesAndAreMarked()
{
    QFETCH(bool, bulk);
    const double inf = std::numeric_limits<double>::infinity();
    // A loss that diverges at steps 3-4 (NaN), spikes to +inf at 6 and -inf at 7, and recovers.
    const QVector<double> steps{1, 2, 3, 4, 5, 6, 7, 8};
    const QVector<double> values{4.0, 3.0, kNaN, kNaN, 2.5, inf, -inf, 2.0};
    MetricPlot plot;
    plot.setSmoothing(0.5);
    plot.addSeries(QStringLiteral("loss"), QStringLiteral("loss"), Qt::blue);
    if (bulk) {
        plot.appendPoints(QStringLiteral("loss"), steps, steps, values);
    } else {
        for (int i = 0; i < steps.size(); ++i) plot.appendPoint(QStringLiteral("loss"), steps[i], steps[i], values[i]);
    }
    // Both lines break at every non-finite value: no straight line drawn across a diverged step.
    const QVector<double> raw = graphValues(plot.rawGraph(QStringLiteral("loss")));
    const QVector<double> smoothed = graphValues(plot.smoothedGraph(QStringLiteral("loss")));
    for (const int i : {2, 3, 5, 6}) {
        QVERIFY2(std::isnan(raw[i]), qPrintable(QString::number(i)));
        QVERIFY2(std::isnan(smoothed[i]), qPrintable(QString::number(i)));
    }
    // The smoothed curve resumes from the finite values alone: debiased EMA(0.5) of 4, 3, 2.5 is
    // (0.25 * 4 + 0.5 * 3 + 2.5) / (1 + 0.5 + 0.25) ... weights 0.25, 0.5, 1 over 1.75.
    QVERIFY(std::abs(smoothed[4] - (0.25 * 4 + 0.5 * 3 + 1 * 2.5) / 1.75) < 1e-12);
    // A triangle at each, at the height of the last finite value before it.
    const QCPGraph* markers = plot.anomalyGraph(QStringLiteral("loss"));
    QVERIFY(markers);
    QCOMPARE(graphKeys(markers), (QVector<double>{3, 4, 6, 7}));
    QCOMPARE(graphValues(markers), (QVector<double>{3.0, 3.0, 2.5, 2.5}));
    QCOMPARE(markers->scatterStyle().shape(), QCPScatterStyle::ssTriangle);
    // The tooltip names the value.
    QVERIFY2(plot.hoverText(3).contains(QStringLiteral("NaN")), qPrintable(plot.hoverText(3)));
    QVERIFY2(plot.hoverText(6).contains(QStringLiteral("∞")), qPrintable(plot.hoverText(6)));
    // On the wall-time axis the markers follow.
    plot.setXAxis(MetricPlot::XAxis::WallTime);
    QCOMPARE(graphKeys(markers), (QVector<double>{3, 4, 6, 7}));
}

void TestMetricPlot::sparseSeriesGetDots()
{
    MetricPlot plot;
    plot.addSeries(QStringLiteral("eval"), QStringLiteral("val."), Qt::red);
    plot.appendPoint(QStringLiteral("eval"), 100, 10, 0.42);
    // One evaluation: a line through one point draws nothing, so a dot shows it.
    QCOMPARE(plot.smoothedGraph(QStringLiteral("eval"))->scatterStyle().shape(), QCPScatterStyle::ssDisc);
    QVector<double> steps, values;
    for (int i = 0; i < 100; ++i) {
        steps.append(200 + i);
        values.append(0.5);
    }
    plot.appendPoints(QStringLiteral("eval"), steps, steps, values);
    QCOMPARE(plot.smoothedGraph(QStringLiteral("eval"))->scatterStyle().shape(), QCPScatterStyle::ssNone);
}

// The suites also run under de_DE and ru_RU: tick labels stay "0.5" and "5·10^-5" there.
void TestMetricPlot::tickLabelsReadTheSameInEveryLocale()
{
    MetricPlot plot;
    plot.resize(500, 300);
    plot.addSeries(QStringLiteral("lr"), QStringLiteral("lr"), Qt::blue);
    plot.appendPoints(QStringLiteral("lr"), {1, 2, 3}, {1, 2, 3}, {0.25, 0.5, 0.75});
    plot.resetView();
    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    QVERIFY(plot.customPlot()->yAxis->tickVectorLabels().contains(QStringLiteral("0.5")));
    plot.setLogY(true);
    plot.removeSeries(QStringLiteral("lr"));
    plot.addSeries(QStringLiteral("lr"), QStringLiteral("lr"), Qt::blue);
    plot.appendPoints(QStringLiteral("lr"), {1, 2}, {1, 2}, {1e-6, 1e-3});
    plot.resetView();
    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    for (const QString& label : plot.customPlot()->yAxis->tickVectorLabels())
        QVERIFY2(!label.contains(QLatin1Char(',')) && !label.contains(QLatin1Char('E')), qPrintable(label));
}

void TestMetricPlot::logYWithNonPositiveValuesDoesNotBreak()
{
    MetricPlot plot;
    plot.resize(600, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.addSeries(QStringLiteral("kl"), QStringLiteral("KL"), Qt::darkGreen);
    const QVector<double> values{0.0, -1.0, 0.001, 0.1, 10.0, 0.0, 100.0};
    for (int i = 0; i < values.size(); ++i) plot.appendPoint(QStringLiteral("kl"), i, i, values[i]);
    plot.setLogY(true);
    QVERIFY(plot.logY());
    QCOMPARE(plot.customPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(!plot.customPlot()->yAxis->ticker().dynamicCast<QCPAxisTickerLog>().isNull());
    plot.resetView();
    const QCPRange range = plot.customPlot()->yAxis->range();
    QVERIFY2(range.lower > 0 && range.lower <= 0.001 && range.upper >= 100,
             qPrintable(QStringLiteral("y range %1..%2").arg(range.lower).arg(range.upper)));
    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    QVERIFY(!plot.toPixmap(400, 300).isNull());

    // Only non-positive data: the range stays positive and drawing still works.
    MetricPlot zeros;
    zeros.addSeries(QStringLiteral("z"), QStringLiteral("zero"), Qt::red);
    zeros.setLogY(true);
    zeros.appendPoints(QStringLiteral("z"), {1, 2, 3}, {1, 2, 3}, {0.0, 0.0, -2.0});
    zeros.resetView();
    QVERIFY(zeros.customPlot()->yAxis->range().lower > 0);
    QVERIFY(!zeros.toPixmap(300, 200).isNull());

    plot.setLogY(false);
    QCOMPARE(plot.customPlot()->yAxis->scaleType(), QCPAxis::stLinear);
    QVERIFY(plot.customPlot()->yAxis->range().lower <= -1.0);
}

void TestMetricPlot::autoRangeFollowsDataUntilUserZooms()
{
    MetricPlot plot;
    plot.resize(600, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    QSignalSpy viewSpy(&plot, &MetricPlot::viewChanged);
    plot.addSeries(QStringLiteral("s"), QStringLiteral("S"), Qt::blue);
    for (int i = 0; i <= 100; ++i) plot.appendPoint(QStringLiteral("s"), i, i, i * 0.01);
    QTRY_COMPARE(plot.customPlot()->xAxis->range().upper, 100.0);
    QCOMPARE(plot.customPlot()->xAxis->range().lower, 0.0);
    QVERIFY(plot.followsData());
    QCOMPARE(viewSpy.count(), 0);  // following the data is not a view change

    // The user pans (any range change we did not make counts as the user's).
    plot.customPlot()->xAxis->setRange(20, 40);
    QVERIFY(!plot.followsData());
    QCOMPARE(viewSpy.count(), 1);
    for (int i = 101; i <= 200; ++i) plot.appendPoint(QStringLiteral("s"), i, i, i * 0.01);
    QTest::qWait(100);
    QCOMPARE(plot.customPlot()->xAxis->range().lower, 20.0);
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 40.0);

    plot.resetView();
    QVERIFY(plot.followsData());
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 200.0);
    QCOMPARE(viewSpy.count(), 2);
}

void TestMetricPlot::yRangeHintIsIncluded()
{
    MetricPlot plot;
    plot.addSeries(QStringLiteral("acc"), QStringLiteral("accuracy"), Qt::blue);
    plot.appendPoints(QStringLiteral("acc"), {1, 2, 3}, {1, 2, 3}, {0.50, 0.55, 0.60});
    plot.resetView();
    QVERIFY(plot.customPlot()->yAxis->range().lower > 0.4);
    plot.setYRange(0, 1);
    plot.resetView();
    QVERIFY(plot.customPlot()->yAxis->range().lower <= 0.0);
    QVERIFY(plot.customPlot()->yAxis->range().upper >= 1.0);
}

void TestMetricPlot::legendToggleHidesBothGraphs()
{
    MetricPlot plot;
    QSignalSpy spy(&plot, &MetricPlot::seriesVisibilityChanged);
    plot.addSeries(QStringLiteral("train"), QStringLiteral("train"), Qt::blue);
    plot.addSeries(QStringLiteral("val"), QStringLiteral("val"), Qt::red);
    plot.appendPoints(QStringLiteral("train"), {0, 10}, {0, 1}, {1.0, 2.0});
    plot.appendPoints(QStringLiteral("val"), {0, 1000}, {0, 100}, {50.0, 60.0});
    plot.resetView();
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 1000.0);

    plot.setSeriesVisible(QStringLiteral("val"), false);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("val"));
    QCOMPARE(spy.at(0).at(1).toBool(), false);
    QVERIFY(!plot.isSeriesVisible(QStringLiteral("val")));
    QVERIFY(!plot.rawGraph(QStringLiteral("val"))->visible());
    QVERIFY(!plot.smoothedGraph(QStringLiteral("val"))->visible());
    QVERIFY(plot.rawGraph(QStringLiteral("train"))->visible());
    // Still in the legend, greyed, so it can be clicked back on.
    QCPPlottableLegendItem* item =
        plot.customPlot()->legend->itemWithPlottable(plot.smoothedGraph(QStringLiteral("val")));
    QVERIFY(item);
    QCOMPARE(item->textColor(), QColor(170, 170, 170));
    // Hidden series leave the automatic range.
    plot.resetView();
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 10.0);
    QVERIFY(!plot.hoverText(5).contains(QStringLiteral("val")));

    plot.setSeriesVisible(QStringLiteral("val"), false);  // no change, no signal
    QCOMPARE(spy.count(), 1);
    plot.setSeriesVisible(QStringLiteral("val"), true);
    QCOMPARE(spy.count(), 2);
    QVERIFY(plot.rawGraph(QStringLiteral("val"))->visible());
    QVERIFY(plot.smoothedGraph(QStringLiteral("val"))->visible());
    QCOMPARE(item->textColor(), QColor(Qt::black));
}

void TestMetricPlot::legendClickTogglesSeries()
{
    MetricPlot plot;
    plot.resize(700, 450);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    QSignalSpy spy(&plot, &MetricPlot::seriesVisibilityChanged);
    plot.addSeries(QStringLiteral("train"), QStringLiteral("train loss"), Qt::blue);
    plot.appendPoints(QStringLiteral("train"), {0, 1, 2}, {0, 1, 2}, {3.0, 2.0, 1.0});
    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);  // lays out the legend

    QCPPlottableLegendItem* item =
        plot.customPlot()->legend->itemWithPlottable(plot.smoothedGraph(QStringLiteral("train")));
    QVERIFY(item);
    const QPoint centre = item->outerRect().center();
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::NoModifier, centre);
    QCOMPARE(spy.count(), 1);
    QVERIFY(!plot.isSeriesVisible(QStringLiteral("train")));
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::NoModifier, centre);
    QCOMPARE(spy.count(), 2);
    QVERIFY(plot.isSeriesVisible(QStringLiteral("train")));
}

void TestMetricPlot::legendSitsBelowTheAxesInColumnsThatFit()
{
    MetricPlot plot;
    plot.resize(900, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    for (const char* name : {"train", "val. hard mask", "val. soft mask", "val. free-running"}) {
        plot.addSeries(QLatin1String(name), QLatin1String(name), Qt::blue);
        plot.appendPoints(QLatin1String(name), {0, 1}, {0, 1}, {0.5, 0.6});
    }
    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    // Outside the axes: nothing inside them, and the legend starts below the axis rect.
    QCOMPARE(plot.customPlot()->axisRect()->insetLayout()->elementCount(), 0);
    QVERIFY(plot.customPlot()->legend->outerRect().top() >= plot.customPlot()->axisRect()->outerRect().bottom());
    QCOMPARE(plot.legendEntries(),
             (QStringList{QStringLiteral("train"), QStringLiteral("val. hard mask"), QStringLiteral("val. soft mask"),
                          QStringLiteral("val. free-running")}));
    const int wide = plot.legendColumns();
    QVERIFY2(wide >= 3, qPrintable(QString::number(wide)));
    plot.resize(260, 400);
    QTRY_VERIFY(plot.legendColumns() < wide);
    QVERIFY(plot.legendColumns() >= 1);
    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    QVERIFY(plot.customPlot()->legend->outerRect().width() <= 260);
}

void TestMetricPlot::overlaidRunsShareOneLegendEntryPerMetric()
{
    MetricPlot plot;
    plot.resize(700, 450);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.addSeries(QStringLiteral("a|train"), QStringLiteral("a: train"), Qt::blue, Qt::SolidLine,
                   QStringLiteral("train"));
    plot.addSeries(QStringLiteral("b|train"), QStringLiteral("b: train"), Qt::red, Qt::SolidLine,
                   QStringLiteral("train"));
    plot.addSeries(QStringLiteral("a|val"), QStringLiteral("a: val"), Qt::blue, Qt::DashLine, QStringLiteral("val"));
    plot.addSeries(QStringLiteral("b|val"), QStringLiteral("b: val"), Qt::red, Qt::DashLine, QStringLiteral("val"));
    for (const char* id : {"a|train", "b|train", "a|val", "b|val"})
        plot.appendPoints(QLatin1String(id), {0, 1, 2}, {0, 1, 2}, {3.0, 2.0, 1.0});
    QCOMPARE(plot.legendEntries(), (QStringList{QStringLiteral("train"), QStringLiteral("val")}));
    QCOMPARE(plot.customPlot()->graphCount(), 4 * 3 + 2);  // a data-less graph per shared entry
    // Each run's full label is still in the hover text.
    QVERIFY(plot.hoverText(1).contains(QStringLiteral("b: val")));

    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    QCPAbstractLegendItem* val = plot.customPlot()->legend->item(1);
    auto* valItem = qobject_cast<QCPPlottableLegendItem*>(val);
    QVERIFY(valItem);
    QCOMPARE(qobject_cast<QCPGraph*>(valItem->plottable())->pen().style(), Qt::DashLine);
    QCOMPARE(qobject_cast<QCPGraph*>(valItem->plottable())->pen().color(), QColor(90, 90, 90));
    // A click hides both runs' curves of that metric, a second click shows them again.
    const QPoint centre = val->outerRect().center();
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::NoModifier, centre);
    QVERIFY(!plot.isSeriesVisible(QStringLiteral("a|val")));
    QVERIFY(!plot.isSeriesVisible(QStringLiteral("b|val")));
    QVERIFY(plot.isSeriesVisible(QStringLiteral("a|train")));
    QCOMPARE(valItem->textColor(), QColor(170, 170, 170));
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::NoModifier, centre);
    QVERIFY(plot.isSeriesVisible(QStringLiteral("a|val")));
    QVERIFY(plot.isSeriesVisible(QStringLiteral("b|val")));

    // The entry goes with its last series.
    plot.removeSeries(QStringLiteral("a|train"));
    QCOMPARE(plot.legendEntries(), (QStringList{QStringLiteral("train"), QStringLiteral("val")}));
    plot.removeSeries(QStringLiteral("b|train"));
    QCOMPARE(plot.legendEntries(), QStringList{QStringLiteral("val")});
    plot.clear();
    QCOMPARE(plot.customPlot()->graphCount(), 0);
    QVERIFY(plot.legendEntries().isEmpty());
}

void TestMetricPlot::hoverTextListsVisibleSeries()
{
    MetricPlot plot;
    plot.addSeries(QStringLiteral("train"), QStringLiteral("train <loss>"), Qt::blue);
    plot.addSeries(QStringLiteral("val"), QStringLiteral("val loss"), Qt::red);
    QVERIFY(plot.hoverText(5).isEmpty());
    plot.setSmoothing(0.5);
    // Smoothed with w = 0.5 over 4, 2: 4, then (1 + 1) / 0.75 = 2.6667.
    plot.appendPoints(QStringLiteral("train"), {100, 200}, {1, 2}, {4.0, 2.0});
    plot.appendPoints(QStringLiteral("val"), {100}, {1}, {3.5});
    const QString text = plot.hoverText(190);
    QVERIFY2(text.contains(QStringLiteral("step 200")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("train &lt;loss&gt;")), qPrintable(text));  // escaped label
    QVERIFY2(text.contains(QStringLiteral("2.6667")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("(raw 2)")), qPrintable(text));
    // val has nothing at 200: its last value, saying where it is from.
    QVERIFY2(text.contains(QStringLiteral("3.5")) && text.contains(QStringLiteral("at 100")), qPrintable(text));

    plot.setSmoothing(0.0);
    QVERIFY(!plot.hoverText(190).contains(QStringLiteral("raw")));
}

void TestMetricPlot::manyPointsAppendedOneByOneCoalesceReplots()
{
    constexpr int kSeries = 8;
    constexpr int kPoints = 100000;
    MetricPlot plot;
    plot.resize(1000, 600);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    const QColor colors[kSeries] = {Qt::blue,     Qt::red,        Qt::darkGreen, Qt::magenta,
                                    Qt::darkCyan, Qt::darkYellow, Qt::black,     Qt::gray};
    for (int s = 0; s < kSeries; ++s)
        plot.addSeries(QStringLiteral("s%1").arg(s), QStringLiteral("series %1").arg(s), colors[s]);
    QCoreApplication::processEvents();
    QTest::qWait(100);
    QSignalSpy replots(plot.customPlot(), &QCustomPlot::afterReplot);

    QElapsedTimer timer;
    timer.start();
    for (int step = 0; step < kPoints; ++step) {
        for (int s = 0; s < kSeries; ++s)
            plot.appendPoint(QStringLiteral("s%1").arg(s), step, step * 0.05, lossAt(s, step));
    }
    const qint64 appendMs = timer.elapsed();
    qInfo("appended %d points one by one (%d series x %d) in %lld ms (%.2f us per point)", kSeries * kPoints, kSeries,
          kPoints, static_cast<long long>(appendMs), appendMs * 1000.0 / (kSeries * kPoints));

    QCOMPARE(replots.count(), 0);  // nothing drawn while appending
    QTRY_VERIFY(replots.count() >= 1);
    QTest::qWait(200);  // any stray replot would show up here
    qInfo("replots after %d appends: %d", kSeries * kPoints, static_cast<int>(replots.count()));
    QCOMPARE(replots.count(), 1);  // one coalescing window, one replot

    for (int s = 0; s < kSeries; ++s) {
        const QString id = QStringLiteral("s%1").arg(s);
        QCOMPARE(plot.pointCount(id), kPoints);
        QCOMPARE(plot.rawGraph(id)->dataCount(), kPoints);
        QCOMPARE(plot.smoothedGraph(id)->dataCount(), kPoints);
    }
    QCOMPARE(plot.customPlot()->xAxis->range().upper, double(kPoints - 1));

    // Streaming: a batch every ~5 ms for ~0.5 s. Replots stay bounded by the coalescing window
    // (one per 33 ms), not by the number of appends.
    replots.clear();
    QElapsedTimer streaming;
    streaming.start();
    int step = kPoints;
    int appends = 0;
    while (streaming.elapsed() < 500) {
        for (int i = 0; i < 20; ++i, ++step) {
            for (int s = 0; s < kSeries; ++s, ++appends)
                plot.appendPoint(QStringLiteral("s%1").arg(s), step, step * 0.05, lossAt(s, step));
        }
        QTest::qWait(5);
    }
    QTest::qWait(100);
    const qint64 streamMs = streaming.elapsed();
    qInfo("streaming: %d appends over %lld ms gave %d replots", appends, static_cast<long long>(streamMs),
          static_cast<int>(replots.count()));
    QVERIFY(replots.count() >= 1);
    QVERIFY2(replots.count() <= streamMs / 33 + 2, qPrintable(QStringLiteral("%1 replots").arg(replots.count())));
    QVERIFY(replots.count() * 100 < appends);

    // A full, immediate replot of all 16 graphs of 100k+ points each.
    plot.resetView();
    QElapsedTimer replotTimer;
    replotTimer.start();
    constexpr int kReplots = 5;
    for (int i = 0; i < kReplots; ++i) plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    qInfo("full replot, %d series x %d points at 1000x600: %.1f ms (QCustomPlot's own figure %.1f ms)", kSeries,
          plot.pointCount(QStringLiteral("s0")), replotTimer.elapsed() / double(kReplots),
          plot.customPlot()->replotTime(true));

    // Zoomed into a tenth of the x range (what a user does), the visible slice only is drawn.
    plot.customPlot()->xAxis->setRange(40000, 50000);
    replotTimer.restart();
    for (int i = 0; i < kReplots; ++i) plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    qInfo("zoomed replot (10k of the steps visible): %.1f ms", replotTimer.elapsed() / double(kReplots));

    plot.setSmoothing(0.9);
    replotTimer.restart();
    plot.setSmoothing(0.95);
    qInfo("recomputing smoothing of %d points: %lld ms", kSeries * plot.pointCount(QStringLiteral("s0")),
          static_cast<long long>(replotTimer.elapsed()));
}

QTEST_MAIN(TestMetricPlot)
#include "tst_metric_plot.moc"
