// The Pareto view of a sweep: a series per method, the front over all of them, metric
// switching, hover texts and the PNG/SVG/PDF exports.
#include <QtTest>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <cmath>
#include <limits>
#include <vector>

#include <qcustomplot.h>

#include "core/runs/SweepTable.h"
#include "widgets/plot/ParetoPlot.h"

using megatoken::ParetoPlot;
using megatoken::SweepRow;
// The quality metrics by their metric schema names.
const QString kBleu = QStringLiteral("bleu_free");
const QString kRouge = QStringLiteral("rouge_l_free");
const QString kAccuracyHard = QStringLiteral("accuracy_hard");
const QString kAccuracyFree = QStringLiteral("accuracy_free");

Q_DECLARE_METATYPE(std::vector<SweepRow>)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SweepRow row(const char* method, double target, double kept, double bleu, double rouge = 0, double accuracyHard = 0,
             double accuracyFree = 0)
{
    SweepRow r;
    r.method = method;
    r.targetKeep = target;
    r.run = std::string(method) + "-" + QString::number(target, 'f', 2).toStdString();
    r.steps = 2000;
    r.texts = 500;
    r.keepRatio = kept;
    r.bleuFree = bleu;
    r.rougeLFree = rouge;
    r.accuracyHard = accuracyHard;
    r.accuracyFree = accuracyFree;
    r.tokensPerSecondMasked = 10000;
    r.tokensPerSecondHard = 10000 / std::max(kept, 0.1);
    return r;
}

// Five methods at three targets; the learned gates beat every baseline at equal keep ratio.
std::vector<SweepRow> fiveMethods()
{
    return {
        row("learned", 0.25, 0.27, 24.0, 0.55, 0.71, 0.60),   row("learned", 0.50, 0.52, 33.5, 0.66, 0.83, 0.72),
        row("learned", 0.75, 0.74, 37.0, 0.70, 0.90, 0.78),   row("random", 0.25, 0.25, 12.0, 0.38, 0.52, 0.41),
        row("random", 0.50, 0.50, 22.0, 0.52, 0.69, 0.58),    row("random", 0.75, 0.75, 31.0, 0.63, 0.82, 0.70),
        row("first-k", 0.25, 0.25, 9.0, 0.33, 0.48, 0.37),    row("first-k", 0.50, 0.50, 25.0, 0.55, 0.72, 0.61),
        row("first-k", 0.75, 0.75, 33.0, 0.64, 0.84, 0.72),   row("attention", 0.25, 0.26, 16.0, 0.44, 0.60, 0.49),
        row("attention", 0.50, 0.51, 24.5, 0.57, 0.75, 0.63), row("attention", 0.75, 0.76, 32.0, 0.66, 0.86, 0.74),
        row("stride", 0.25, 0.25, 11.0, 0.36, 0.50, 0.40),    row("stride", 0.50, 0.50, 20.0, 0.50, 0.68, 0.57),
        row("stride", 0.75, 0.75, 30.0, 0.62, 0.81, 0.69),
    };
}

QVector<double> ys(const QVector<QPointF>& points)
{
    QVector<double> values;
    for (const QPointF& point : points) values.append(point.y());
    return values;
}

QVector<double> xs(const QVector<QPointF>& points)
{
    QVector<double> values;
    for (const QPointF& point : points) values.append(point.x());
    return values;
}

bool samePoints(const QVector<QPointF>& actual, const QVector<QPointF>& expected)
{
    if (actual.size() != expected.size()) return false;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (std::abs(actual[i].x() - expected[i].x()) > 1e-12 || std::abs(actual[i].y() - expected[i].y()) > 1e-12)
            return false;
    }
    return true;
}

QString describe(const QVector<QPointF>& points)
{
    QStringList parts;
    for (const QPointF& point : points) parts << QStringLiteral("(%1, %2)").arg(point.x()).arg(point.y());
    return parts.join(QLatin1Char(' '));
}

bool hasInk(const QImage& image)
{
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            if (qGray(image.pixel(x, y)) < 128) return true;
        }
    }
    return false;
}

// Whether some pixel is close to color: the markers of that method were drawn.
bool hasColor(const QImage& image, const QColor& color)
{
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - color.red()) + std::abs(pixel.green() - color.green()) +
                    std::abs(pixel.blue() - color.blue()) <
                12)
                return true;
        }
    }
    return false;
}

}  // namespace

class TestParetoPlot : public QObject {
    Q_OBJECT

private slots:
    void seriesPerMethod_data();
    void seriesPerMethod();
    void methodLinesFollowKeepRatio();
    void frontOfHandMadeTable_data();
    void frontOfHandMadeTable();
    void metricSwitchingChangesValues_data();
    void metricSwitchingChangesValues();
    void metricKeysRoundTrip_data();
    void metricKeysRoundTrip();
    void rangesHoldEveryPointWithMargins_data();
    void rangesHoldEveryPointWithMargins();
    void hoverNamesThePoint();
    void highlightRingsOneRow();
    void titleAddsAndRemovesRow();
    void legendHidesNoMarker_data();
    void legendHidesNoMarker();
    void exportsValidFiles_data();
    void exportsValidFiles();
    void exportRejectsBadTarget();
    void figureTextFollowsSize_data();
    void figureTextFollowsSize();
    void shortPlotTakesTheShortAxisTitle();
    void tickLabelsReadAsTheirTicks_data();
    void tickLabelsReadAsTheirTicks();

private:
    QTemporaryDir dir_;
};

void TestParetoPlot::seriesPerMethod_data()
{
    QTest::addColumn<std::vector<SweepRow>>("rows");
    QTest::addColumn<QStringList>("methods");
    QTest::addColumn<QList<int>>("counts");

    QTest::newRow("five methods, three targets")
        << fiveMethods() << QStringList{"learned", "random", "first-k", "attention", "stride"}
        << QList<int>{3, 3, 3, 3, 3};
    QTest::newRow("unknown methods after the known, alphabetically")
        << std::vector<SweepRow>{row("zeta", 0.5, 0.5, 10), row("stride", 0.5, 0.5, 12), row("alpha", 0.5, 0.4, 9),
                                 row("learned", 0.5, 0.5, 20), row("alpha", 0.3, 0.3, 5)}
        << QStringList{"learned", "stride", "alpha", "zeta"} << QList<int>{1, 1, 2, 1};
    QTest::newRow("a NaN score is not drawn")
        << std::vector<SweepRow>{row("learned", 0.25, 0.3, kNaN), row("learned", 0.5, 0.5, 30),
                                 row("random", 0.5, kNaN, 20)}
        << QStringList{"learned", "random"} << QList<int>{1, 0};
    QTest::newRow("empty table") << std::vector<SweepRow>{} << QStringList{} << QList<int>{};
}

void TestParetoPlot::seriesPerMethod()
{
    QFETCH(std::vector<SweepRow>, rows);
    QFETCH(QStringList, methods);
    QFETCH(QList<int>, counts);
    ParetoPlot plot;
    plot.setRows(rows);
    QCOMPARE(plot.methods(), methods);
    QCOMPARE(plot.rows().size(), rows.size());
    for (int i = 0; i < methods.size(); ++i) {
        QCPGraph* graph = plot.methodGraph(methods[i]);
        QVERIFY(graph);
        QCOMPARE(graph->name(), methods[i]);
        QCOMPARE(graph->dataCount(), counts[i]);
        QCOMPARE(int(plot.methodPoints(methods[i]).size()), counts[i]);
    }
    QVERIFY(!plot.methodGraph(QStringLiteral("no-such-method")));
    // One legend entry per method and one for the front, when it has a line (two points or more).
    const int frontEntries = plot.frontPoints().size() >= 2 ? 1 : 0;
    QCOMPARE(plot.customPlot()->legend->itemCount(), int(methods.size()) + frontEntries);
    QCOMPARE(plot.customPlot()->legend->visible(), !methods.isEmpty());
    // Every method has its own colour.
    QSet<QRgb> colours;
    for (const QString& method : methods) {
        QCOMPARE(plot.methodGraph(method)->pen().color(), plot.methodColor(method));
        colours.insert(plot.methodColor(method).rgb());
    }
    QCOMPARE(colours.size(), methods.size());

    // Replacing the rows replaces the series.
    plot.setRows({row("attention", 0.5, 0.5, 20)});
    QCOMPARE(plot.methods(), QStringList{QStringLiteral("attention")});
    QCOMPARE(plot.customPlot()->graphCount(), 3);  // attention, the front, the highlight
}

void TestParetoPlot::methodLinesFollowKeepRatio()
{
    // Rows in file order (targets descending); the line must still run left to right.
    ParetoPlot plot;
    plot.setRows({row("learned", 0.75, 0.74, 37), row("learned", 0.25, 0.27, 24), row("learned", 0.5, 0.52, 33.5)});
    QCOMPARE(plot.methodPoints(QStringLiteral("learned")), (QVector<QPointF>{{0.27, 24}, {0.52, 33.5}, {0.74, 37}}));
    QCOMPARE(plot.methodGraph(QStringLiteral("learned"))->lineStyle(), QCPGraph::lsLine);
    QCOMPARE(plot.frontGraph()->pen().style(), Qt::DashLine);
}

void TestParetoPlot::frontOfHandMadeTable_data()
{
    QTest::addColumn<std::vector<SweepRow>>("rows");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QVector<QPointF>>("front");

    // At 0.25 random (12) is the best of three; attention at 0.26 and learned at 0.27 each do
    // better; at 0.50 first-k (25) edges out learned's 24 at 0.27; learned wins from 0.52 on.
    QTest::newRow("five methods, BLEU") << fiveMethods() << kBleu
                                        << QVector<QPointF>{{0.25, 12.0}, {0.26, 16.0}, {0.27, 24.0},
                                                            {0.50, 25.0}, {0.52, 33.5}, {0.74, 37.0}};
    QTest::newRow("five methods, hard-mask accuracy")
        << fiveMethods() << kAccuracyHard << QVector<QPointF>{{0.25, 0.52}, {0.26, 0.60}, {0.27, 0.71}, {0.50, 0.72},
                                                              {0.51, 0.75}, {0.52, 0.83}, {0.74, 0.90}};
    QTest::newRow("dominated points stay off")
        << std::vector<SweepRow>{row("learned", 0.3, 0.3, 30), row("random", 0.3, 0.35, 20),
                                 row("stride", 0.5, 0.5, 29), row("first-k", 0.7, 0.7, 31)}
        << kBleu << QVector<QPointF>{{0.3, 30.0}, {0.7, 31.0}};
    QTest::newRow("equal keep ratio: the better one")
        << std::vector<SweepRow>{row("random", 0.5, 0.5, 20), row("learned", 0.5, 0.5, 28)} << kBleu
        << QVector<QPointF>{{0.5, 28.0}};
    QTest::newRow("NaN rows are skipped")
        << std::vector<SweepRow>{row("learned", 0.25, kNaN, 40), row("learned", 0.5, 0.5, kNaN),
                                 row("random", 0.6, 0.6, 15)}
        << kBleu << QVector<QPointF>{{0.6, 15.0}};
    QTest::newRow("empty") << std::vector<SweepRow>{} << kBleu << QVector<QPointF>{};
}

void TestParetoPlot::frontOfHandMadeTable()
{
    QFETCH(std::vector<SweepRow>, rows);
    QFETCH(QString, metric);
    QFETCH(QVector<QPointF>, front);
    ParetoPlot plot;
    plot.setMetric(metric);
    plot.setRows(rows);
    QVERIFY2(samePoints(plot.frontPoints(), front), qPrintable(describe(plot.frontPoints())));
    QCOMPARE(plot.frontGraph()->lineStyle(), QCPGraph::lsStepLeft);
    // The legend names the front only when there is a line to see (two points or more).
    QCOMPARE(plot.customPlot()->legend->hasItemWithPlottable(plot.frontGraph()), front.size() >= 2);
}

void TestParetoPlot::metricSwitchingChangesValues_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QVector<double>>("learnedValues");
    QTest::addColumn<QString>("labelPart");
    QTest::addColumn<double>("scale");
    QTest::newRow("BLEU") << kBleu << QVector<double>{24.0, 33.5, 37.0} << "BLEU" << 100.0;
    QTest::newRow("ROUGE-L") << kRouge << QVector<double>{0.55, 0.66, 0.70} << "ROUGE-L" << 1.0;
    QTest::newRow("hard-mask accuracy") << kAccuracyHard << QVector<double>{0.71, 0.83, 0.90} << "hard mask" << 1.0;
    QTest::newRow("free-running accuracy")
        << kAccuracyFree << QVector<double>{0.60, 0.72, 0.78} << "free-running token accuracy" << 1.0;
}

void TestParetoPlot::metricSwitchingChangesValues()
{
    QFETCH(QString, metric);
    QFETCH(QVector<double>, learnedValues);
    QFETCH(QString, labelPart);
    QFETCH(double, scale);
    ParetoPlot plot;
    QCOMPARE(plot.metric(), kBleu);  // the default
    plot.setRows(fiveMethods());
    QSignalSpy changed(&plot, &ParetoPlot::metricChanged);
    plot.setMetric(metric);
    QCOMPARE(changed.count(), metric == kBleu ? 0 : 1);
    QCOMPARE(plot.metric(), metric);
    QCOMPARE(ys(plot.methodPoints(QStringLiteral("learned"))), learnedValues);
    // The keep ratios do not move with the metric.
    QCOMPARE(xs(plot.methodPoints(QStringLiteral("learned"))), (QVector<double>{0.27, 0.52, 0.74}));
    QVERIFY2(plot.customPlot()->yAxis->label().contains(labelPart), qPrintable(plot.customPlot()->yAxis->label()));
    const QCPRange y = plot.customPlot()->yAxis->range();
    QVERIFY(y.lower >= 0);
    QVERIFY(y.upper <= scale * 1.05);
    for (const QString& method : plot.methods()) {
        for (const QPointF& point : plot.methodPoints(method)) QVERIFY(y.contains(point.y()));
    }
    plot.setMetric(metric);  // unchanged: no signal
    QCOMPARE(changed.count(), metric == kBleu ? 0 : 1);
}

void TestParetoPlot::metricKeysRoundTrip_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("metric");  // empty: unknown
    QTest::newRow("bleu") << "bleu" << kBleu;
    QTest::newRow("rouge") << "rouge" << kRouge;
    QTest::newRow("accuracy-hard") << "accuracy-hard" << kAccuracyHard;
    QTest::newRow("accuracy-free") << "accuracy-free" << kAccuracyFree;
    QTest::newRow("upper case") << "BLEU" << kBleu;
    QTest::newRow("schema name") << "rouge_l_free" << kRouge;
    QTest::newRow("schema name, upper case") << "ACCURACY_HARD" << kAccuracyHard;
    QTest::newRow("not a quality axis") << "hard_keep" << QString();
    QTest::newRow("unknown") << "perplexity" << QString();
    QTest::newRow("empty") << "" << QString();
}

void TestParetoPlot::metricKeysRoundTrip()
{
    QFETCH(QString, key);
    QFETCH(QString, metric);
    const auto parsed = ParetoPlot::metricFromKey(key);
    QCOMPARE(parsed.has_value(), !metric.isEmpty());
    if (parsed) {
        QCOMPARE(*parsed, metric);
        QVERIFY(ParetoPlot::metrics().contains(*parsed));
        QVERIFY(!ParetoPlot::metricName(*parsed).isEmpty());
    }
    // The schema's Pareto metrics, BLEU first (the default).
    QCOMPARE(ParetoPlot::metrics(), (QStringList{kBleu, kRouge, kAccuracyHard, kAccuracyFree}));
    QCOMPARE(ParetoPlot::metrics().front(), kBleu);
}

void TestParetoPlot::rangesHoldEveryPointWithMargins_data()
{
    QTest::addColumn<std::vector<SweepRow>>("rows");
    QTest::addColumn<double>("xLower");
    QTest::addColumn<double>("xUpper");
    QTest::newRow("five methods") << fiveMethods() << 0.0 << 0.9;
    QTest::newRow("high keep ratios only")
        << std::vector<SweepRow>{row("learned", 0.8, 0.8, 38), row("learned", 0.9, 0.92, 40)} << 0.6 << 1.04;
    QTest::newRow("one point") << std::vector<SweepRow>{row("learned", 0.5, 0.5, 30)} << 0.0 << 0.7;
    QTest::newRow("nothing") << std::vector<SweepRow>{} << 0.0 << 1.0;
}

// The search's first table (BLEU 46-60 over keep 0.53-0.57) put ticks 2.5 apart, printed
// without decimals as 48, 50, 53, 55, 58: every label must read back as its tick.
void TestParetoPlot::tickLabelsReadAsTheirTicks_data()
{
    QTest::addColumn<std::vector<SweepRow>>("rows");
    QTest::newRow("BLEU 46-60") << std::vector<SweepRow>{
        row("learned", 0.5, 0.563, 46.9), row("learned", 0.5, 0.567, 60.2), row("stride", 0.5, 0.532, 48.8),
        row("stride", 0.5, 0.532, 60.3)};
    QTest::newRow("keep 0.52-0.53") << std::vector<SweepRow>{row("first-k", 0.5, 0.521, 40.0),
                                                             row("stride", 0.5, 0.5265, 41.0)};
}

void TestParetoPlot::tickLabelsReadAsTheirTicks()
{
    QFETCH(std::vector<SweepRow>, rows);
    ParetoPlot plot;
    plot.resize(800, 500);
    plot.setRows(rows);
    plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
    for (QCPAxis* axis : {plot.customPlot()->xAxis, plot.customPlot()->yAxis}) {
        const QVector<double> ticks = axis->tickVector();
        const QVector<QString> labels = axis->tickVectorLabels();
        QVERIFY(ticks.size() >= 3);
        QCOMPARE(labels.size(), ticks.size());
        for (int i = 0; i < ticks.size(); ++i) {
            bool ok = false;
            const double value = QLocale::c().toDouble(labels[i], &ok);
            QVERIFY2(ok && std::abs(value - ticks[i]) <= 1e-9 * std::max(1.0, std::abs(ticks[i])),
                     qPrintable(labels[i] + QStringLiteral(" for the tick at ") + QString::number(ticks[i], 'g', 17)));
        }
    }
}

void TestParetoPlot::rangesHoldEveryPointWithMargins()
{
    QFETCH(std::vector<SweepRow>, rows);
    QFETCH(double, xLower);
    QFETCH(double, xUpper);
    ParetoPlot plot;
    plot.setRows(rows);
    const QCPRange x = plot.customPlot()->xAxis->range();
    const QCPRange y = plot.customPlot()->yAxis->range();
    QVERIFY2(x.lower >= xLower - 1e-9 && x.upper <= xUpper + 1e-9,
             qPrintable(QStringLiteral("%1..%2").arg(x.lower).arg(x.upper)));
    QVERIFY(x.size() > 0 && y.size() > 0);
    for (const auto& r : rows) {
        // Inside, and not on the edge: a marker there would be cut in half.
        QVERIFY(r.keepRatio > x.lower && r.keepRatio < x.upper);
        QVERIFY(r.bleuFree > y.lower && r.bleuFree < y.upper);
    }
    QCOMPARE(plot.customPlot()->xAxis->label(), QStringLiteral("kept fraction of tokens"));
}

void TestParetoPlot::hoverNamesThePoint()
{
    ParetoPlot plot;
    plot.resize(800, 500);
    plot.setRows(fiveMethods());
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.customPlot()->replot();

    const auto& rows = plot.rows();
    const int index = 1;  // learned at 0.50
    const QPointF pixel(plot.customPlot()->xAxis->coordToPixel(rows[index].keepRatio),
                        plot.customPlot()->yAxis->coordToPixel(rows[index].bleuFree));
    QCOMPARE(plot.rowAt(pixel), index);
    QCOMPARE(plot.rowAt(pixel + QPointF(4, -3)), index);
    QCOMPARE(plot.rowAt(QPointF(2, 2)), -1);  // the corner holds no point

    const QString text = plot.hoverText(index);
    for (const QString& part : {QStringLiteral("learned"), QStringLiteral("0.50"), QStringLiteral("0.520"),
                                QStringLiteral("33.5"), QStringLiteral("learned-0.50"), QStringLiteral("BLEU")})
        QVERIFY2(text.contains(part), qPrintable(text + QStringLiteral(" lacks ") + part));
    plot.setMetric(kRouge);
    QVERIFY(plot.hoverText(index).contains(QStringLiteral("0.660")));
    QVERIFY(plot.hoverText(-1).isEmpty());
    QVERIFY(plot.hoverText(int(rows.size())).isEmpty());
}

void TestParetoPlot::highlightRingsOneRow()
{
    ParetoPlot plot;
    plot.setRows(fiveMethods());
    QCOMPARE(plot.highlightedRow(), -1);
    plot.setHighlightedRow(4);  // random at 0.50
    QCOMPARE(plot.highlightedRow(), 4);
    plot.setMetric(kAccuracyFree);  // the ring follows the metric
    plot.setHighlightedRow(99);
    QCOMPARE(plot.highlightedRow(), -1);
    plot.setHighlightedRow(14);
    plot.setRows({row("learned", 0.5, 0.5, 30)});  // gone with its row
    QCOMPARE(plot.highlightedRow(), -1);
}

void TestParetoPlot::titleAddsAndRemovesRow()
{
    ParetoPlot plot;
    const int rows = plot.customPlot()->plotLayout()->rowCount();
    plot.setTitle(QStringLiteral("Sweep 12"));
    QCOMPARE(plot.title(), QStringLiteral("Sweep 12"));
    QCOMPARE(plot.customPlot()->plotLayout()->rowCount(), rows + 1);
    plot.setTitle(QStringLiteral("Sweep 13"));
    QCOMPARE(plot.customPlot()->plotLayout()->rowCount(), rows + 1);
    plot.setTitle(QString());
    QCOMPARE(plot.title(), QString());
    QCOMPARE(plot.customPlot()->plotLayout()->rowCount(), rows);
}

void TestParetoPlot::legendHidesNoMarker_data()
{
    QTest::addColumn<std::vector<SweepRow>>("rows");
    QTest::addColumn<bool>("outside");
    // A trade-off: high keep ratios score high, so the bottom right is empty.
    QTest::newRow("trade-off: bottom right") << fiveMethods() << false;
    // Markers in every corner the legend could take: it stands right of the axes.
    std::vector<SweepRow> crowded = fiveMethods();
    for (const SweepRow& r :
         {row("left", 0.30, 0.27, 6.0), row("left", 0.50, 0.74, 6.5), row("left", 0.70, 0.75, 38.0),
          row("right", 0.30, 0.26, 7.0), row("right", 0.50, 0.76, 7.5), row("right", 0.70, 0.76, 36.5)})
        crowded.push_back(r);
    QTest::newRow("every corner taken: outside") << crowded << true;
}

void TestParetoPlot::legendHidesNoMarker()
{
    QFETCH(std::vector<SweepRow>, rows);
    QFETCH(bool, outside);
    ParetoPlot plot;
    plot.resize(900, 560);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    QCustomPlot* custom = plot.customPlot();
    const int columns = custom->plotLayout()->columnCount();
    // Twice: the second placement measures the legend in the laid-out plot.
    for (int pass = 0; pass < 2; ++pass) {
        plot.setRows(rows);
        custom->replot(QCustomPlot::rpImmediateRefresh);
    }
    QCOMPARE(plot.legendOutside(), outside);
    QCOMPARE(custom->plotLayout()->columnCount(), columns + (outside ? 1 : 0));
    const QRect legend = custom->legend->outerRect();
    QVERIFY(legend.width() > 0 && legend.height() > 0);
    for (const SweepRow& r : rows) {
        const QPoint marker(qRound(custom->xAxis->coordToPixel(r.keepRatio)),
                            qRound(custom->yAxis->coordToPixel(r.bleuFree)));
        QVERIFY2(!legend.contains(marker),
                 qPrintable(
                     QStringLiteral("%1 at %2 under the legend").arg(QString::fromStdString(r.run)).arg(r.keepRatio)));
    }
    if (outside) {
        // Outside, the legend is as tall as its entries, at the top, not stretched over the plot.
        QVERIFY(legend.height() < custom->axisRect()->outerRect().height() / 2);
        QVERIFY(legend.left() >= custom->axisRect()->outerRect().right() - 1);
        // A table with room inside brings it back in, and the column goes.
        plot.setRows(fiveMethods());
        QVERIFY(!plot.legendOutside());
        QCOMPARE(custom->plotLayout()->columnCount(), columns);
        QVERIFY(custom->axisRect()->insetLayout()->elements(false).contains(custom->legend));
    }
}

void TestParetoPlot::exportsValidFiles_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("title");
    QTest::newRow("png") << "pareto.png" << QSize(1200, 750) << "";
    QTest::newRow("png with title, odd size") << "pareto-title.png" << QSize(1001, 641) << "BLEU against kept tokens";
    QTest::newRow("svg") << "pareto.svg" << QSize(1200, 750) << "";
    QTest::newRow("svg with title") << "pareto-title.svg" << QSize(900, 600) << "Sweep 7";
    QTest::newRow("pdf") << "pareto.pdf" << QSize(1200, 750) << "";
}

void TestParetoPlot::exportsValidFiles()
{
    QFETCH(QString, fileName);
    QFETCH(QSize, size);
    QFETCH(QString, title);
    QVERIFY(dir_.isValid());
    ParetoPlot plot;
    plot.setRows(fiveMethods());
    plot.setTitle(title);
    const QString path = dir_.filePath(fileName);
    QString error;
    QVERIFY2(plot.exportImage(path, size.width(), size.height(), &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();

    const QString suffix = QFileInfo(path).suffix();
    if (suffix == QLatin1String("png")) {
        QImage image;
        QVERIFY(image.load(path, "PNG"));
        QCOMPARE(image.size(), size);
        QVERIFY(hasInk(image));
        QVERIFY(hasColor(image, plot.methodColor(QStringLiteral("learned"))));
        QVERIFY(hasColor(image, plot.methodColor(QStringLiteral("first-k"))));
    } else if (suffix == QLatin1String("pdf")) {
        QVERIFY(bytes.startsWith("%PDF"));
    } else {
        QXmlStreamReader xml(bytes);
        QString text;
        bool sawRoot = false;
        while (!xml.atEnd()) {
            const auto token = xml.readNext();
            if (token == QXmlStreamReader::StartElement && !sawRoot) {
                QCOMPARE(xml.name(), QLatin1String("svg"));
                QCOMPARE(xml.attributes().value(QLatin1String("viewBox")).toString(),
                         QStringLiteral("0 0 %1 %2").arg(size.width()).arg(size.height()));
                sawRoot = true;
            } else if (token == QXmlStreamReader::Characters) {
                text += xml.text();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawRoot);
        for (const QString& name :
             plot.methods() + QStringList{QStringLiteral("Pareto front"), QStringLiteral("kept fraction of tokens")})
            QVERIFY2(text.contains(name), qPrintable(name));
        if (!title.isEmpty()) QVERIFY(text.contains(title));
    }
}

void TestParetoPlot::exportRejectsBadTarget()
{
    ParetoPlot plot;
    plot.setRows(fiveMethods());
    QString error;
    const QString jpeg = dir_.filePath(QStringLiteral("pareto.jpg"));
    QVERIFY(!plot.exportImage(jpeg, 800, 600, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(jpeg)) && error.contains(QStringLiteral("unknown image format")),
             qPrintable(error));
    const QString missing = dir_.filePath(QStringLiteral("no/such/folder/pareto.png"));
    QVERIFY(!plot.exportImage(missing, 800, 600, &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    QVERIFY(!plot.exportImage(dir_.filePath(QStringLiteral("zero.png")), 0, 600, &error));
    QVERIFY(!QFile::exists(jpeg));
}

void TestParetoPlot::figureTextFollowsSize_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("pointSize");
    QTest::newRow("1200 x 750") << QSize(1200, 750) << 12.0;
    QTest::newRow("1600 x 1000") << QSize(1600, 1000) << 16.0;
    QTest::newRow("wide and low: the height decides") << QSize(4000, 500) << 8.0;
    QTest::newRow("tiny: clamped") << QSize(300, 200) << 8.0;
}

void TestParetoPlot::figureTextFollowsSize()
{
    QFETCH(QSize, size);
    QFETCH(double, pointSize);
    QCOMPARE(ParetoPlot::figurePointSize(size), pointSize);

    const QString path = dir_.filePath(QStringLiteral("figure-%1x%2.png").arg(size.width()).arg(size.height()));
    QString error;
    QVERIFY2(ParetoPlot::exportFigure(fiveMethods(), kAccuracyHard, QStringLiteral("Sweep"), path, size, &error),
             qPrintable(error));
    QImage image;
    QVERIFY(image.load(path));
    QCOMPARE(image.size(), size);
    QVERIFY(hasInk(image));
    QVERIFY(!ParetoPlot::exportFigure(fiveMethods(), kBleu, QString(), dir_.filePath("figure.gif"), size, &error));
    QVERIFY2(error.contains(QStringLiteral("figure.gif")), qPrintable(error));

    // A widget's text follows its font, and so do the markers.
    ParetoPlot plot;
    plot.setRows(fiveMethods());
    QFont font = plot.font();
    font.setPointSizeF(pointSize);
    plot.setFont(font);
    QCOMPARE(plot.customPlot()->xAxis->tickLabelFont().pointSizeF(), std::max(8.0, pointSize));
    QCOMPARE(plot.methods().size(), 5);
}

// A plot too short for "teacher-forced token accuracy, hard mask (0–1)" beside its y axis (the
// Sweep tab above its table) would cut it off: it titles the axis "acc. hard (0–1)" instead.
void TestParetoPlot::shortPlotTakesTheShortAxisTitle()
{
    ParetoPlot plot;
    plot.resize(900, 600);
    plot.setRows(fiveMethods());
    plot.setMetric(kAccuracyHard);
    QCOMPARE(plot.customPlot()->yAxis->label(), QStringLiteral("teacher-forced token accuracy, hard mask (0–1)"));
    plot.resize(900, 250);
    plot.show();  // a hidden widget gets its resize event when shown
    QTRY_COMPARE(plot.customPlot()->yAxis->label(), QStringLiteral("acc. hard (0–1)"));
    plot.resize(900, 700);
    QTRY_COMPARE(plot.customPlot()->yAxis->label(), QStringLiteral("teacher-forced token accuracy, hard mask (0–1)"));
    // BLEU's label is short enough for either.
    plot.setMetric(kBleu);
    QCOMPARE(plot.customPlot()->yAxis->label(), QStringLiteral("free-running BLEU (0–100)"));
}

QTEST_MAIN(TestParetoPlot)
#include "tst_pareto_plot.moc"
