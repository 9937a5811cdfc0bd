#pragma once

#include <QColor>
#include <QPixmap>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <QWidget>

#include "widgets/plot/Figure.h"
#include "widgets/plot/FigurePalette.h"
#include "widgets/plot/PublicationStyle.h"

#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPPainter;
class QCPAbstractLegendItem;
class QCPAbstractPlottable;
class QMouseEvent;

namespace megatoken {

// One live metric chart: any number of series, each identified by a string id, each drawn as
// its raw curve (faded) behind a TensorBoard-style smoothed curve. Built for streaming: points
// are appended to the QCustomPlot graphs one by one (no rebuild), and redraws are coalesced into
// at most one per ~33 ms, so thousands of appends per second cost a few replots.
//
// The view follows the data (axes rescale to all visible points) until the user zooms or pans
// (mouse wheel, drag); then it stays put until resetView() or a double click.
class MetricPlot : public QWidget {
    Q_OBJECT

public:
    // What the x axis shows: the optimizer step; the run's training time in seconds (resumed parts
    // added up); training tokens seen; estimated training FLOPs; the clock time of each step.
    enum class XAxis { Step, WallTime, Tokens, Flops, ClockTime };
    Q_ENUM(XAxis)
    static constexpr std::size_t kXAxisCount = 5;

    // Where a point sits on each x axis. NaN where a run did not record it (tokens, FLOPs and clock
    // time of runs written before they were): such a point is left out on that axis only.
    struct XValues {
        double step = std::numeric_limits<double>::quiet_NaN();
        double wall = std::numeric_limits<double>::quiet_NaN();
        double tokens = std::numeric_limits<double>::quiet_NaN();
        double flops = std::numeric_limits<double>::quiet_NaN();
        double clock = std::numeric_limits<double>::quiet_NaN();
    };

    explicit MetricPlot(QWidget* parent = nullptr);
    ~MetricPlot() override;

    QCustomPlot* customPlot() const;

    // Series. addSeries on an existing id only updates its label, colour and pen style.
    // legendKey: series that share it (one metric of several overlaid runs, told apart by colour)
    // share one legend entry, drawn in grey with the pen style, which shows or hides them all;
    // their full labels stay in the hover text. Empty: the series has its own entry.
    void addSeries(const QString& id, const QString& label, const QColor& color, Qt::PenStyle style = Qt::SolidLine,
                   const QString& legendKey = QString());
    void removeSeries(const QString& id);
    void clear();                   // removes every series
    QStringList seriesIds() const;  // in the order they were added
    bool hasSeries(const QString& id) const;
    QString seriesLabel(const QString& id) const;
    int pointCount(const QString& id) const;  // 0 for an unknown id

    // Data. Unknown ids are ignored. Points whose step or wall time is not finite are dropped:
    // they have no place on either x axis. Values may be NaN or infinite (a diverged step): they
    // are kept and shown in the tooltip, both lines break there, a triangle marks each at the
    // height of the last finite value before it (TensorBoard's convention; anomalyGraph), and
    // they do not enter the smoothed average. A series of fewer than 30 points gets a dot at
    // each point, so a single evaluation is visible.
    void appendPoint(const QString& id, double step, double wallSeconds, double value);
    // The same with every axis' key; a point without a finite step is dropped.
    void appendPoint(const QString& id, const XValues& x, double value);
    // Bulk load, e.g. a finished run read from its metrics file. Vectors must have equal lengths;
    // if they do not, only the common prefix is used.
    void appendPoints(const QString& id, const QVector<double>& steps, const QVector<double>& wallSeconds,
                      const QVector<double>& values);
    void appendPoints(const QString& id, const QVector<XValues>& x, const QVector<double>& values);
    // Whether any point of the series has a key on that axis (false for an unknown id).
    bool hasXValues(const QString& id, XAxis axis) const;
    // A spread band around a series (a run group's min-max, +-1 SD or 95% interval of the mean;
    // core/runs/GroupCurve.h): low[i] and high[i] belong to the series' point i, so load the
    // points first (appendPoints). Drawn as a faded fill in the series' colour behind the curves,
    // not in the legend, hidden with its series, inside the automatic range, smoothed like the
    // curve (each bound by the same EMA) so band and curve line up, and given in the hover text.
    // NaN bounds leave a gap. Ignored for an unknown id; vectors of another length than the
    // series are cut or padded with NaN (with a warning). Empty vectors remove the band.
    void setBand(const QString& id, const QVector<double>& low, const QVector<double>& high);
    bool hasBand(const QString& id) const;
    QCPGraph* bandGraph(const QString& id) const;  // the upper bound, filled down to the lower one
    QVector<double> smoothedBandLow(const QString& id) const;
    QVector<double> smoothedBandHigh(const QString& id) const;
    QVector<double> rawValues(const QString& id) const;
    QVector<double> smoothedValues(const QString& id) const;
    // The two QCustomPlot graphs of a series (nullptr for an unknown id); for tests and styling.
    QCPGraph* rawGraph(const QString& id) const;
    QCPGraph* smoothedGraph(const QString& id) const;
    QCPGraph* anomalyGraph(const QString& id) const;  // the non-finite values' markers

    // Smoothing weight in [0, 0.999]; 0 draws the raw curve alone, at full colour.
    void setSmoothing(double weight);
    double smoothing() const;

    void setXAxis(XAxis axis);
    XAxis xAxis() const;

    // Logarithmic y axis. Non-positive values have no place on it: they are left out of the
    // automatic range and their line segments run off the bottom of the plot.
    void setLogY(bool on);
    bool logY() const;

    // Back to following the data: rescales to every visible point (and the y range hint).
    void resetView();
    // True while the view follows the data, false after the user zoomed or panned.
    bool followsData() const;

    void setTitle(const QString& title);
    QString title() const;
    void setYLabel(const QString& label);
    QString yLabel() const;
    // The automatic y range always includes [low, high] (e.g. 0..1 for accuracies), so curves
    // that hover near one value are not blown up to fill the plot.
    void setYRange(double low, double high);
    void clearYRange();

    // The legend sits below the axes, never over the data, in as many columns as the plot's
    // width holds (at least one); its entries, in order.
    QStringList legendEntries() const;
    // Off: no legend (where a key beside the plots names the series, as megatoken-plot curves
    // does for several runs); figureAxes() then gives no labels either. On by default.
    void setLegendShown(bool shown);
    bool legendShown() const;
    int legendColumns() const;

    void setSeriesVisible(const QString& id, bool visible);
    bool isSeriesVisible(const QString& id) const;

    // The tooltip shown when hovering at x-axis coordinate x: the nearest point's x, then each
    // visible series' smoothed (and raw) value there. Rich text; empty when nothing is plotted.
    QString hoverText(double x) const;

    // What the plot shows as data (Figure.h), for a pgfplots export: the current view's ranges,
    // axis labels and log scale; each visible series as its smoothed line (in the legend, or under
    // its shared legend entry) over its raw values, faded, or as the raw line alone without
    // smoothing; its band as the smoothed bounds. x values are the current x axis' keys, y values
    // the appended values exactly (non-finite ones as gaps).
    FigureAxes figureAxes() const;

    // Export at width x height pixels, format chosen by the suffix (.png, .pdf, .svg, .tex). On
    // failure returns false with *error naming the file and the reason.
    bool exportImage(const QString& path, int width, int height, QString* error = nullptr) const;
    void copyToClipboard() const;
    QPixmap toPixmap(int width, int height) const;
    // Draws the plot at width x height into painter's current coordinate system (the dashboard
    // composes several plots this way). With a mapping, in its colours (the plot's own come back
    // afterwards).
    void paintTo(QCPPainter* painter, int width, int height, ColourBlindSafeMapping* mapping = nullptr) const;
    // A figure for a paper (PublicationStyle.h), format by suffix: .tex a standalone pgfplots
    // document of figureAxes() (PgfplotsWriter.h) at the style's width (8.5 cm when none);
    // .pdf/.svg at the style's print size with its font size, or at size pixels without one;
    // .png at size pixels. The palette applies to every format. False with *error naming the file
    // and the reason.
    bool exportFigure(const QString& path, const QSize& size, const PublicationStyle& style,
                      QString* error = nullptr) const;

signals:
    void seriesVisibilityChanged(const QString& id, bool visible);
    // The user zoomed or panned, or the view was reset, the x axis switched or log y toggled.
    // Not emitted when the view merely follows newly appended data.
    void viewChanged();

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Series;
    struct LegendKey;

    Series* findSeries(const QString& id) const;
    Series* seriesForGraph(const QCPAbstractPlottable* graph) const;
    void appendToSeries(Series& series, const XValues& x, double value);
    void applyXAxisStyle();
    const QVector<double>& keysOf(const Series& series) const;
    bool keysSorted(const Series& series) const;
    void rebuildGraphData(Series& series);
    void rebuildAnomalies(Series& series);
    void rebuildBand(Series& series);
    void applySeriesStyle(Series& series);
    LegendKey* findLegendKey(const QString& name) const;
    void updateLegendKey(const QString& name);
    void updateLegendColumns();
    void applyAutoRange() const;
    void scheduleReplot();
    void replotNow();
    void onLegendClick(QCPAbstractLegendItem* item);
    void onMouseMove(QMouseEvent* event);
    void onMouseDoubleClick(QMouseEvent* event);
    void onAxisRangeChanged();

    QCustomPlot* plot_;
    std::vector<std::unique_ptr<Series>> series_;  // a handful per plot: linear lookups are fine
    std::vector<std::unique_ptr<LegendKey>> legendKeys_;
    QTimer replotTimer_;
    double smoothing_ = 0.6;
    XAxis xAxis_ = XAxis::Step;
    bool logY_ = false;
    bool legendShown_ = true;
    bool followData_ = true;
    bool replotPending_ = false;  // data changed while hidden: replot on show
    std::optional<std::pair<double, double>> yRangeHint_;
    mutable bool applyingView_ = false;  // range changes we make ourselves are not the user's
};

}  // namespace megatoken
