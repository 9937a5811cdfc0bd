// Parallel coordinates: where each run sits on each axis, tick labels, gaps, highlighting, clicks.
#include "widgets/plot/ParallelCoordinatesPlot.h"

#include <QtTest>
#include <QtWidgets>

#include <qcustomplot.h>

#include <cmath>
#include <limits>

using namespace megatoken;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Four runs: a numeric axis with a gap, a categorical axis with a gap, a constant axis, and a
// categorical axis of numbers (sorted as numbers: 9 before 10).
std::vector<ParallelAxis> axes()
{
    return {{"accuracy", false, {0.5, 0.3, kNaN, 0.4}, {}},
            {"gates.merge", true, {}, {"similar", "none", "", "left"}},
            {"optim.steps", false, {2000, 2000, 2000, 2000}, {}},
            {"vocab", true, {}, {"10", "9", "10", "9"}}};
}

QCPCurve* curveOfRow(QCustomPlot* plot, int row)
{
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* curve = qobject_cast<QCPCurve*>(plot->plottable(i)); curve && curve->property("row").toInt() == row)
            return curve;
    return nullptr;
}

}  // namespace

class TestParallelCoordinatesPlot : public QObject {
    Q_OBJECT

private slots:
    // The same data again (the run table refreshes on every live step) keeps the drawn curves;
    // other data (a NaN that became a value) rebuilds them.
    void sameDataIsNotRebuilt()
    {
        ParallelCoordinatesPlot plot;
        const QStringList names{"a", "b", "c", "d"};
        plot.setData(axes(), names);
        QCPCurve* before = curveOfRow(plot.customPlot(), 0);
        QVERIFY(before);
        before->setProperty("drawnBefore", true);  // a rebuilt curve would not carry it
        plot.setData(axes(), names);
        QVERIFY(curveOfRow(plot.customPlot(), 0)->property("drawnBefore").toBool());
        auto changed = axes();
        changed[0].values[2] = 0.45;
        plot.setData(changed, names);
        QCOMPARE(plot.customPlot()->plottableCount(), 4);
        QVERIFY(std::isfinite(plot.position(2, 0)));
    }

    void positions_data()
    {
        QTest::addColumn<int>("axis");
        QTest::addColumn<QList<double>>("expected");  // -1: a gap
        QTest::addColumn<QStringList>("ticks");
        // (v - 0.3) / (0.5 - 0.3): 1, 0, gap, 0.5.
        QTest::newRow("numeric") << 0 << QList<double>{1.0, 0.0, -1.0, 0.5} << QStringList{"0.3", "0.5"};
        // Sorted left, none, similar at 0, 0.5, 1.
        QTest::newRow("categorical") << 1 << QList<double>{1.0, 0.5, -1.0, 0.0}
                                     << QStringList{"left", "none", "similar"};
        QTest::newRow("constant") << 2 << QList<double>{0.5, 0.5, 0.5, 0.5} << QStringList{"2000"};
        QTest::newRow("numbers as categories") << 3 << QList<double>{1.0, 0.0, 1.0, 0.0} << QStringList{"9", "10"};
    }
    void positions()
    {
        QFETCH(int, axis);
        QFETCH(QList<double>, expected);
        QFETCH(QStringList, ticks);
        ParallelCoordinatesPlot plot;
        plot.setData(axes(), {"a", "b", "c", "d"});
        QCOMPARE(plot.axisCount(), 4);
        for (int row = 0; row < 4; ++row) {
            const double position = plot.position(row, axis);
            if (expected[row] < 0)
                QVERIFY(std::isnan(position));
            else
                QVERIFY2(std::abs(position - expected[row]) < 1e-12, qPrintable(QString::number(position)));
        }
        QCOMPARE(plot.tickLabels(axis), ticks);
        // One line per run, through every axis; NaN makes the gap.
        auto* curve = curveOfRow(plot.customPlot(), 2);
        QVERIFY(curve);
        QCOMPARE(curve->dataCount(), 4);
        QCOMPARE(curve->name(), QStringLiteral("c"));
    }

    void highlightingAndClicks()
    {
        ParallelCoordinatesPlot plot;
        plot.setData(axes(), {"a", "b", "c", "d"});
        QCOMPARE(curveOfRow(plot.customPlot(), 0)->pen().widthF(), 1.6);
        plot.setHighlightedRows({1, 3});
        QCOMPARE(plot.highlightedRows(), (QSet<int>{1, 3}));
        QCOMPARE(curveOfRow(plot.customPlot(), 1)->pen().widthF(), 3.0);
        QCOMPARE(curveOfRow(plot.customPlot(), 1)->layer()->name(), QStringLiteral("highlight"));
        QCOMPARE(curveOfRow(plot.customPlot(), 0)->pen().widthF(), 1.6);
        QCOMPARE(curveOfRow(plot.customPlot(), 0)->pen().color(), QColor(0xB0, 0xB0, 0xB0, 140));
        QCOMPARE(curveOfRow(plot.customPlot(), 0)->layer()->name(), QStringLiteral("main"));

        QSignalSpy clicked(&plot, &ParallelCoordinatesPlot::rowClicked);
        QMouseEvent ctrlClick(QEvent::MouseButtonRelease, QPointF(1, 1), QPointF(1, 1), Qt::LeftButton, Qt::LeftButton,
                              Qt::ControlModifier);
        emit plot.customPlot()->plottableClick(curveOfRow(plot.customPlot(), 2), 0, &ctrlClick);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked[0][0].toInt(), 2);
        QCOMPARE(clicked[0][1].toBool(), true);
    }
};

QTEST_MAIN(TestParallelCoordinatesPlot)
#include "tst_parallel_coordinates_plot.moc"
