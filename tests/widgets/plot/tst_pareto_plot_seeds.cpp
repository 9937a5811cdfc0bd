// The Pareto plot of a sweep with seeds and variants: error bars of one SD across (the kept
// fraction) and up and down (the quality metric) for rows that are means over seeds, with the SDs
// of the table in keep-ratio order; none for one seed; ranges that hold the bars; hover texts with
// "± SD"; a variant's own colour and marker; the legend in the corner the data leaves free.
#include <QtTest>

#include <QImage>
#include <QTemporaryDir>

#include <cmath>
#include <limits>
#include <vector>

#include <qcustomplot.h>

#include "core/runs/SweepTable.h"
#include "widgets/plot/ParetoPlot.h"

using megatoken::ParetoPlot;
using megatoken::SweepRow;

Q_DECLARE_METATYPE(std::vector<SweepRow>)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Spread {
    double kept, bleu, rouge, accuracy;
};

SweepRow meanRow(const char* method, double target, double kept, double bleu, int seeds, Spread sd = {})
{
    SweepRow r;
    r.method = method;
    r.targetKeep = target;
    r.run = std::string(method) + "-keep" + (target < 0.3 ? "0.25" : target < 0.6 ? "0.50" : "0.75");
    r.steps = 150;
    r.texts = 200;
    r.keepRatio = kept;
    r.bleuFree = bleu;
    r.rougeLFree = bleu / 50;
    r.accuracyHard = 0.4 + kept / 2;
    r.accuracyFree = 0.3 + kept / 2;
    r.tokensPerSecondMasked = 10000;
    r.tokensPerSecondHard = 10000 / kept;
    r.seeds = seeds;
    if (seeds > 1) {
        r.sd["hard_keep"] = sd.kept;
        r.sd["bleu_free"] = sd.bleu;
        r.sd["rouge_l_free"] = sd.rouge;
        r.sd["accuracy_hard"] = sd.accuracy;
    }
    return r;
}

// learned and a variant over three seeds, random with one seed, first-k with three seeds at one
// target and one at the other. File order is not keep-ratio order.
std::vector<SweepRow> seededTable()
{
    return {
        meanRow("learned", 0.50, 0.52, 33.5, 3, {0.02, 1.5, 0.03, 0.004}),
        meanRow("learned", 0.25, 0.27, 24.0, 3, {0.03, 2.5, 0.05, 0.006}),
        meanRow("random", 0.50, 0.50, 22.0, 1),
        meanRow("first-k", 0.75, 0.75, 33.0, 3, {0.001, 0.8, 0.016, 0.002}),
        meanRow("first-k", 0.25, 0.25, 9.0, 1),
        meanRow("tau05", 0.50, 0.49, 31.0, 3, {0.04, 3.0, 0.06, 0.008}),
    };
}

QVector<double> errorsOf(const QCPErrorBars* bars)
{
    QVector<double> values;
    for (const QCPErrorBarsData& entry : *bars->data()) {
        // Symmetric: one SD each way.
        if (!(std::isnan(entry.errorMinus) && std::isnan(entry.errorPlus))) {
            if (entry.errorMinus != entry.errorPlus) return {-1};
        }
        values.append(entry.errorPlus);
    }
    return values;
}

bool sameErrors(const QVector<double>& actual, const QVector<double>& expected)
{
    if (actual.size() != expected.size()) return false;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (std::isnan(expected[i]) != std::isnan(actual[i])) return false;
        if (!std::isnan(expected[i]) && std::abs(actual[i] - expected[i]) > 1e-12) return false;
    }
    return true;
}

QString describe(const QVector<double>& values)
{
    QStringList parts;
    for (double value : values) parts << QString::number(value);
    return parts.join(QLatin1Char(' '));
}

// Pixels of color's hue, however anti-aliasing paled them: the bars and the marker.
int tinted(const QImage& image, const QColor& color)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.hsvSaturation() > 60 && std::abs(pixel.hsvHue() - color.hsvHue()) < 12) ++count;
        }
    return count;
}

int errorBarCount(const ParetoPlot& plot)
{
    int count = 0;
    for (int i = 0; i < plot.customPlot()->plottableCount(); ++i)
        count += qobject_cast<QCPErrorBars*>(plot.customPlot()->plottable(i)) ? 1 : 0;
    return count;
}

}  // namespace

class TestParetoPlotSeeds : public QObject {
    Q_OBJECT

private slots:
    void errorBarsCarryTheSd_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QVector<double>>("keepErrors");   // in keep-ratio order
        QTest::addColumn<QVector<double>>("valueErrors");  // the same

        QTest::newRow("learned, BLEU") << "bleu_free"
                                       << "learned" << QVector<double>{0.03, 0.02} << QVector<double>{2.5, 1.5};
        QTest::newRow("learned, ROUGE-L") << "rouge_l_free"
                                          << "learned" << QVector<double>{0.03, 0.02} << QVector<double>{0.05, 0.03};
        QTest::newRow("learned, hard accuracy")
            << "accuracy_hard"
            << "learned" << QVector<double>{0.03, 0.02} << QVector<double>{0.006, 0.004};
        QTest::newRow("a variant") << "bleu_free"
                                   << "tau05" << QVector<double>{0.04} << QVector<double>{3.0};
        QTest::newRow("one seed in a method with bars: none for that point")
            << "bleu_free"
            << "first-k" << QVector<double>{kNaN, 0.001} << QVector<double>{kNaN, 0.8};
        QTest::newRow("no SD of that metric: no vertical bar")
            << "accuracy_free"
            << "learned" << QVector<double>{0.03, 0.02} << QVector<double>{kNaN, kNaN};
    }

    void errorBarsCarryTheSd()
    {
        QFETCH(QString, metric);
        QFETCH(QString, method);
        QFETCH(QVector<double>, keepErrors);
        QFETCH(QVector<double>, valueErrors);
        ParetoPlot plot;
        plot.setRows(seededTable());
        QVERIFY(plot.setMetric(metric));
        QCPErrorBars* across = plot.keepErrorBars(method);
        QCPErrorBars* upDown = plot.valueErrorBars(method);
        QVERIFY(across && upDown);
        QCOMPARE(across->errorType(), QCPErrorBars::etKeyError);
        QCOMPARE(upDown->errorType(), QCPErrorBars::etValueError);
        // Bound to the method's graph, entry i to its point i.
        QCOMPARE(across->dataPlottable(), plot.methodGraph(method));
        QCOMPARE(upDown->dataPlottable(), plot.methodGraph(method));
        QCOMPARE(across->dataCount(), plot.methodGraph(method)->dataCount());
        QVERIFY2(sameErrors(errorsOf(across), keepErrors), qPrintable(describe(errorsOf(across))));
        QVERIFY2(sameErrors(errorsOf(upDown), valueErrors), qPrintable(describe(errorsOf(upDown))));
        QCOMPARE(across->pen().color(), plot.methodColor(method).darker(115));
        // Not in the legend: one entry per method (and the front) as without seeds.
        QCOMPARE(plot.customPlot()->legend->itemCount(), int(plot.methods().size()) + 1);
    }

    void oneSeedHasNoErrorBars()
    {
        ParetoPlot plot;
        plot.setRows(seededTable());
        QVERIFY(!plot.keepErrorBars("random"));
        QVERIFY(!plot.valueErrorBars("random"));
        QVERIFY(!plot.keepErrorBars("no-such-method"));
        QCOMPARE(errorBarCount(plot), 6);  // learned, first-k, tau05: two each

        // A table without seeds (every sweep before them) has none at all, and a rebuild removes
        // the old ones rather than piling them up.
        std::vector<SweepRow> single = seededTable();
        for (SweepRow& row : single) {
            row.seeds = 1;
            row.sd.clear();
        }
        plot.setRows(single);
        QCOMPARE(errorBarCount(plot), 0);
        for (const QString& method : plot.methods()) QVERIFY(!plot.keepErrorBars(method));
        plot.setRows(seededTable());
        plot.setMetric("rouge_l_free");
        QCOMPARE(errorBarCount(plot), 6);
    }

    void rangesHoldTheBars()
    {
        ParetoPlot plot;
        // One method, the SD reaching past the means.
        plot.setRows({meanRow("learned", 0.5, 0.5, 30, 3, {0.1, 8, 0, 0}),
                      meanRow("learned", 0.75, 0.7, 32, 3, {0.05, 9, 0, 0})});
        const QCPRange x = plot.customPlot()->xAxis->range();
        const QCPRange y = plot.customPlot()->yAxis->range();
        QVERIFY2(x.lower <= 0.4 && x.upper >= 0.75, qPrintable(QStringLiteral("%1..%2").arg(x.lower).arg(x.upper)));
        QVERIFY2(y.lower <= 22 && y.upper >= 41, qPrintable(QStringLiteral("%1..%2").arg(y.lower).arg(y.upper)));
    }

    void hoverShowsMeanAndSd()
    {
        ParetoPlot plot;
        plot.setRows(seededTable());
        const QString text = plot.hoverText(0);  // learned at 0.5
        QVERIFY2(text.contains(QStringLiteral("0.520 ± 0.020")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("33.5 ± 1.5")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("seeds")) && text.contains(QStringLiteral("<b>3</b>")), qPrintable(text));
        const QString single = plot.hoverText(2);  // random, one seed
        QVERIFY2(!single.contains(QStringLiteral("±")) && !single.contains(QStringLiteral("seeds")),
                 qPrintable(single));
    }

    void variantLooksUnlikeTheMethods()
    {
        ParetoPlot plot;
        plot.setRows(seededTable());
        QCOMPARE(plot.methods(), (QStringList{"learned", "random", "first-k", "tau05"}));
        const QColor variant = plot.methodColor("tau05");
        QCOMPARE(variant, QColor(0x6A, 0x3D, 0x9A));
        for (const QString& method : {"learned", "random", "first-k", "attention", "stride"}) {
            const QColor other = plot.methodColor(method);
            QVERIFY2(std::abs(other.hsvHue() - variant.hsvHue()) > 20 || other.hsvSaturation() < 40,
                     qPrintable(method));
        }
        // Its marker is a shape of its own (a pentagon), not the learned gates' circle.
        QCOMPARE(plot.methodGraph("tau05")->scatterStyle().shape(), QCPScatterStyle::ssCustom);
        QCOMPARE(plot.methodGraph("learned")->scatterStyle().shape(), QCPScatterStyle::ssCircle);
        QCOMPARE(plot.methodGraph("tau05")->scatterStyle().customPath().elementCount(), 6);  // 5 corners, closed
    }

    void legendAvoidsTheData_data()
    {
        QTest::addColumn<std::vector<SweepRow>>("rows");
        QTest::addColumn<int>("alignment");
        const int bottomRight = int(Qt::AlignBottom | Qt::AlignRight);
        const int topRight = int(Qt::AlignTop | Qt::AlignRight);
        const int bottomLeft = int(Qt::AlignBottom | Qt::AlignLeft);
        // The usual trade-off: quality rises with the keep ratio, the bottom right stays empty.
        QTest::newRow("rising") << std::vector<SweepRow>{meanRow("learned", 0.25, 0.25, 10, 1),
                                                         meanRow("learned", 0.5, 0.5, 20, 1),
                                                         meanRow("learned", 0.75, 0.75, 30, 1)}
                                << bottomRight;
        // Flat and low, with a wide bar reaching the right edge: the top right is free.
        QTest::newRow("flat with a wide bar")
            << std::vector<SweepRow>{meanRow("learned", 0.25, 0.2, 1.0, 3, {0.02, 0.2, 0, 0}),
                                     meanRow("tau05", 0.5, 0.5, 1.1, 3, {0.35, 0.3, 0, 0}),
                                     meanRow("first-k", 0.75, 0.75, 1.2, 3, {0.001, 0.4, 0, 0})}
            << topRight;
        // Points in the bottom right and the top right corners, none at the bottom left.
        QTest::newRow("both right corners taken")
            << std::vector<SweepRow>{meanRow("learned", 0.35, 0.4, 15, 1), meanRow("learned", 0.5, 0.45, 18, 1),
                                     meanRow("random", 0.5, 0.5, 30, 1),   meanRow("random", 0.75, 0.9, 31, 1),
                                     meanRow("first-k", 0.75, 0.85, 8, 1), meanRow("first-k", 0.6, 0.75, 5, 1)}
            << bottomLeft;
    }

    void legendAvoidsTheData()
    {
        QFETCH(std::vector<SweepRow>, rows);
        QFETCH(int, alignment);
        ParetoPlot plot;
        plot.resize(800, 500);
        plot.setRows(rows);
        QCOMPARE(int(plot.customPlot()->axisRect()->insetLayout()->insetAlignment(0)), alignment);
    }

    void figureDrawsTheBars()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("pareto.png");
        QString error;
        // Bars wide enough to be seen past the markers, in the learned gates' colour.
        std::vector<SweepRow> rows{meanRow("learned", 0.5, 0.5, 30, 3, {0.1, 8, 0, 0})};
        QVERIFY2(ParetoPlot::exportFigure(rows, "bleu_free", QString(), path, QSize(800, 500), &error),
                 qPrintable(error));
        QImage image;
        QVERIFY(image.load(path));
        ParetoPlot reference;
        const QColor bar = reference.methodColor("learned").darker(115);
        const int barPixels = tinted(image, bar);
        QVERIFY2(barPixels > 100, qPrintable(QString::number(barPixels)));
        rows.front().seeds = 1;
        rows.front().sd.clear();
        QVERIFY(ParetoPlot::exportFigure(rows, "bleu_free", QString(), path, QSize(800, 500), &error));
        QVERIFY(image.load(path));
        const int without = tinted(image, bar);
        QVERIFY2(without < barPixels / 2, qPrintable(QStringLiteral("%1 vs %2").arg(without).arg(barPixels)));
    }
};

QTEST_MAIN(TestParetoPlotSeeds)
#include "tst_pareto_plot_seeds.moc"
