#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "widgets/plot/Figure.h"
#include "widgets/plot/PublicationStyle.h"

#include <optional>
#include <vector>

#include "core/runs/SweepTable.h"

class QCustomPlot;
class QCPErrorBars;
class QCPGraph;
class QCPItemText;
class QCPLayoutGrid;
class QCPTextElement;
class QEvent;
class QMouseEvent;
class QResizeEvent;

namespace megatoken {

// The result of a sweep (sweep.csv) as one picture: quality against the measured kept fraction
// of tokens, one marker style and colour per method, the points of a method joined in order of
// keep ratio, and the Pareto front over all methods (fewest tokens for the best quality) as a
// dashed staircase. The quality metric is chosen with setMetric(); hovering a point names it.
// Metrics are named, labelled, scaled and formatted as the metric schema says
// (core/runs/MetricSchema.h): the quality axes offered are its Pareto metrics ("bleu_free",
// "rouge_l_free", "accuracy_hard", "accuracy_free"), the x axis is its hard_keep.
//
// Rows that are means over several seeds (SweepRow::seeds > 1, from `megatoken sweep --seeds N`)
// get error bars of one sample SD both ways: across, the SD of the kept fraction; up and down,
// the SD of the quality metric. A method none of whose rows has more than one seed gets none, and
// within a method a one-seed row gets none (its SD is NaN, which QCPErrorBars skips). The legend
// sits in the corner (bottom right, top right or bottom left) where it hides the fewest markers
// and bars; where every corner would hide a marker, it stands outside, right of the axes.
class ParetoPlot : public QWidget {
    Q_OBJECT

public:
    explicit ParetoPlot(QWidget* parent = nullptr);
    ~ParetoPlot() override;

    QCustomPlot* customPlot() const;
    // Whether the legend stands right of the axes (every corner inside would hide a marker).
    bool legendOutside() const;

    // Replaces the rows; the view rescales to them. An empty table leaves empty axes.
    void setRows(std::vector<SweepRow> rows);
    const std::vector<SweepRow>& rows() const;

    // The quality on the y axis, by its schema name (or an older name for it: "bleu"). An unknown
    // name changes nothing and returns false.
    bool setMetric(const QString& metric);
    QString metric() const;

    // The schema names of the quality metrics, in the order offered to users (the default first).
    static QStringList metrics();
    // The metric a name stands for: a schema name or an older one ("bleu", "rouge",
    // "accuracy-hard", "accuracy-free": megatoken-plot's keys before the schema), any case;
    // nothing for an unknown name.
    static std::optional<QString> metricFromKey(const QString& key);
    // The schema's label for menus and tooltips ("free-running BLEU"), and the y axis label with
    // the scale ("free-running BLEU (0–100)"), both translated. (A plot too short for the full
    // label titles its y axis with the short one: "BLEU (0–100)".)
    static QString metricName(const QString& metric);
    static QString metricLabel(const QString& metric);
    // The metric's value in row; NaN for a name that is not a sweep metric.
    static double metricValue(const SweepRow& row, const QString& metric);

    // The methods shown, known ones in a fixed order (learned, then the baselines), others after
    // them alphabetically.
    QStringList methods() const;
    // The graph of a method (nullptr for one not in the table) and of the front.
    QCPGraph* methodGraph(const QString& method) const;
    QCPGraph* frontGraph() const;
    // The plotted points (keep ratio, metric value), in keep-ratio order.
    QVector<QPointF> methodPoints(const QString& method) const;
    QVector<QPointF> frontPoints() const;
    // A method's error bars: across (the keep ratio's SD, errorType etKeyError) and up and down
    // (the metric's SD, etValueError), one entry per point of methodPoints(); nullptr when no
    // row of the method has an SD.
    QCPErrorBars* keepErrorBars(const QString& method) const;
    QCPErrorBars* valueErrorBars(const QString& method) const;

    // A method's colour. The known methods look the same in every sweep; others (a sweep's
    // variants) take the colours left over and marker shapes no known method has (pentagon, star,
    // hexagon, ...), in the order of methods().
    QColor methodColor(const QString& method) const;
    // Every method in the Okabe-Ito palette (FigurePalette.h), mapped in the order of methods().
    void setColourBlindSafe(bool on);

    // A title above the plot; empty removes it.
    void setTitle(const QString& title);
    QString title() const;

    // Rings the point of rows()[index] (a table selection, say); -1 or an index out of range clears it.
    void setHighlightedRow(int index);
    int highlightedRow() const;

    // The row whose marker is nearest to pixel (widget coordinates of customPlot()), within
    // radius pixels; -1 when there is none.
    int rowAt(const QPointF& pixel, double radius = 12.0) const;
    // The tooltip of rows()[index]: method, target, kept fraction, metric value (each "± SD" and
    // the number of seeds for a mean over seeds), run. Rich text; empty out of range.
    QString hoverText(int index) const;

    // Export at width x height pixels, format chosen by the suffix (.png, .pdf, .svg). On
    // failure returns false with *error (if given) naming the file and the reason.
    bool exportImage(const QString& path, int width, int height, QString* error = nullptr) const;
    // What the plot shows as data (Figure.h), for a pgfplots export: each method's points in
    // keep-ratio order, joined, with its marker and error bars of one SD where the rows have SDs;
    // the Pareto front as a dashed line; the current axis ranges and labels.
    FigureAxes figureAxes() const;

    // A stand-alone figure of rows, written like exportImage, with text in proportion to the
    // picture (12 pt at 1200 x 750) so it stays readable when scaled down to a column's width.
    // What megatoken-plot and the Sweep tab's export write.
    // With a PublicationStyle: a print size in cm for .pdf/.svg with text at its font size, a
    // .tex pgfplots document (8.5 cm wide without a print size), the Okabe-Ito palette.
    static bool exportFigure(const std::vector<SweepRow>& rows, const QString& metric, const QString& title,
                             const QString& path, const QSize& size, QString* error = nullptr,
                             const PublicationStyle& style = {});
    // The text size exportFigure uses for a picture of size, in points.
    static double figurePointSize(const QSize& size);

signals:
    void metricChanged(const QString& metric);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyFonts();
    void rebuild();
    void applyRanges();
    void placeLegend();
    void setLegendOutside(bool outside);
    QString fittingMetricLabel() const;
    void updateHighlight();
    void onMouseMove(QMouseEvent* event);

    QCustomPlot* plot_;
    QCPGraph* front_ = nullptr;
    QCPGraph* highlight_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPLayoutGrid* legendColumn_ = nullptr;   // the legend and a spacer, right of the axes; or none
    QCPItemText* emptyNote_ = nullptr;        // "no results yet" while the table is empty
    QCPItemText* betterNote_ = nullptr;       // which corner is good
    std::vector<QCPGraph*> methodGraphs_;     // parallel to methods_
    std::vector<QCPErrorBars*> keepErrors_;   // parallel to methods_; nullptr for a method without SDs
    std::vector<QCPErrorBars*> valueErrors_;  // the same
    QStringList methods_;
    std::vector<SweepRow> rows_;
    QString metric_;  // a name from metrics(); the default is the first
    bool colourBlindSafe_ = false;
    int highlightedRow_ = -1;
};

}  // namespace megatoken
