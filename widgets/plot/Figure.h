#pragma once

#include <QColor>
#include <QPair>
#include <QString>
#include <QVector>

#include <limits>

namespace megatoken {

// A plot as data: what a MetricPlot, a ParetoPlot or the whole dashboard shows, with the numbers
// behind it, for writers that are not QCustomPlot (PgfplotsWriter.h). Units are the plot's own
// (steps, tokens, a metric's scale); nothing here is in pixels.

struct FigureSeries {
    enum class Kind {
        Line,         // a curve through (x, y); a NaN y breaks it
        FadedLine,    // the raw curve behind a smoothed one: thin, faded, not in the legend
        Marks,        // markers at (x, y), with symmetric error bars where xError / yError are given
        Band,         // a filled area between low and high at each x (a run group's spread)
        LegendEntry,  // no data: a legend line in the colour and pen style, standing for series
                      // that share it (one metric of several overlaid runs)
    };
    Kind kind = Kind::Line;
    QString label;  // the legend text; empty: not in the legend
    QColor color;
    Qt::PenStyle style = Qt::SolidLine;
    // Marks only: pgfplots' name of the marker ("*", "square*", "diamond*", "triangle*", ...).
    QString mark = QStringLiteral("*");
    bool dots = false;    // Line: a dot at each point too (a sparse series, such as evaluations)
    bool joined = false;  // Marks: a line through the markers as well
    QVector<double> x, y;
    QVector<double> xError, yError;  // Marks: one SD each way per point; empty: no bars
    QVector<double> low, high;       // Band: the bounds at each x; NaN leaves a gap
};

struct FigureAxes {
    QString title;
    QString xLabel;
    QString yLabel;
    bool logX = false;
    bool logY = false;
    // The visible range; NaN: pgfplots chooses from the data.
    double xMin = std::numeric_limits<double>::quiet_NaN();
    double xMax = std::numeric_limits<double>::quiet_NaN();
    double yMin = std::numeric_limits<double>::quiet_NaN();
    double yMax = std::numeric_limits<double>::quiet_NaN();
    QVector<FigureSeries> series;
};

struct Figure {
    QVector<FigureAxes> axes;  // one, or a grid of them read row by row
    int columns = 1;
    // What each colour stands for when several runs share the plots (PlotDashboard's series key):
    // a line of coloured squares and names under the figure. Empty: none.
    QVector<QPair<QString, QColor>> key;
    QString caption;  // a line under the figure; may be empty
};

}  // namespace megatoken
