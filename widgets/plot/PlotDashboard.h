#pragma once

#include "widgets/plot/MetricPlot.h"

#include <QColor>
#include <QImage>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QCPPainter;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QSlider;

namespace megatoken {

// A grid of MetricPlots under one row of controls they all share: smoothing, x axis (step or
// wall time), log y, reset view. Plots are identified by string id and laid out in the order
// they were added, setColumns() per row; the grid stretches with the window.
class PlotDashboard : public QWidget {
    Q_OBJECT

public:
    static constexpr double kDefaultSmoothing = 0.6;
    static constexpr double kMaxSmoothing = 0.99;  // the slider's end: beyond it curves go flat

    explicit PlotDashboard(QWidget* parent = nullptr);

    // Adds a plot (with the dashboard's current smoothing, x axis and log y) and returns it. An
    // existing id keeps its plot and data and only gets the new title and y label.
    MetricPlot* addPlot(const QString& plotId, const QString& title, const QString& yLabel);
    void removePlot(const QString& plotId);
    MetricPlot* plot(const QString& plotId) const;  // nullptr for an unknown id
    QStringList plotIds() const;                    // in grid order
    QString plotTitle(const QString& plotId) const;

    // Convenience for plot(plotId)->addSeries(...); false for an unknown plot.
    bool addSeries(const QString& plotId, const QString& seriesId, const QString& label, const QColor& color,
                   Qt::PenStyle style = Qt::SolidLine);
    // Does nothing for an unknown plot or series.
    void appendPoint(const QString& plotId, const QString& seriesId, double step, double wallSeconds, double value);
    // Keeps the plots, drops all their series (e.g. before loading another run).
    void clearData();

    // Clamped to [0, kMaxSmoothing]; applies to every plot and moves the slider.
    void setSmoothing(double weight);
    double smoothing() const;
    void setXAxis(MetricPlot::XAxis axis);
    MetricPlot::XAxis xAxis() const;
    void setLogY(bool on);
    bool logY() const;
    void resetViews();

    // A line above the plots naming what each colour stands for (the runs or groups overlaid),
    // each name after a square of its colour; hidden when empty.
    void setSeriesKey(const QList<QPair<QString, QColor>>& entries);
    QList<QPair<QString, QColor>> seriesKey() const { return seriesKey_; }
    // A note under the controls about the chosen x axis (runs it cannot show); hidden when empty.
    void setAxisNote(const QString& note);
    QString axisNote() const;

    // Appends a control of the application's (e.g. run grouping) to the row of shared controls,
    // after the built-in ones, with spacingBefore pixels before it. The dashboard takes ownership.
    void addControl(QWidget* widget, int spacingBefore = 0);

    // Plots per row, at least 1.
    void setColumns(int columns);
    int columns() const;

    // Every plot, titles included, drawn in the dashboard's grid into one width x height image.
    QImage renderDashboard(int width, int height) const;
    // The same picture as a .png, .pdf or .svg file (by suffix); false with *error on failure.
    bool exportDashboard(const QString& path, int width, int height, QString* error = nullptr) const;
    // Every plot as data, in grid order, with the series key and the axis note (pgfplots export).
    Figure figure() const;
    // The dashboard as a figure for a paper (PublicationStyle.h): .tex a standalone pgfplots
    // groupplots document (17.5 cm wide when the style gives no width); .pdf/.svg at the style's
    // print size and font size, or at size pixels without one; .png at size pixels; the palette
    // in every format. False with *error naming the file and the reason.
    bool exportFigure(const QString& path, const QSize& size, const PublicationStyle& style,
                      QString* error = nullptr) const;

signals:
    void smoothingChanged(double weight);
    void xAxisChanged(megatoken::MetricPlot::XAxis axis);
    void logYChanged(bool on);

private:
    struct Entry {
        QString id;
        MetricPlot* plot;
    };

    void relayout();
    void paintGrid(QCPPainter& painter, const QSize& size, ColourBlindSafeMapping* mapping = nullptr) const;
    void showSmoothingValue();

    std::vector<Entry> plots_;
    QGridLayout* grid_;
    QHBoxLayout* controls_ = nullptr;
    QLabel* seriesKeyLabel_ = nullptr;
    QLabel* axisNoteLabel_ = nullptr;
    QList<QPair<QString, QColor>> seriesKey_;
    QSlider* smoothingSlider_;
    QLabel* smoothingValue_;
    QComboBox* xAxisCombo_;
    QCheckBox* logYCheck_;
    int columns_ = 2;
    double smoothing_ = kDefaultSmoothing;
    MetricPlot::XAxis xAxis_ = MetricPlot::XAxis::Step;
    bool logY_ = false;
};

}  // namespace megatoken
