#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <optional>
#include <vector>

#include "core/runs/SweepTable.h"

class QCustomPlot;
class QCPGraph;
class QCPItemText;
class QCPTextElement;
class QEvent;
class QMouseEvent;

namespace megatoken {

// The result of a sweep (sweep.csv) as one picture: quality against the measured kept fraction
// of tokens, one marker style and colour per method, the points of a method joined in order of
// keep ratio, and the Pareto front over all methods (fewest tokens for the best quality) as a
// dashed staircase. The quality metric is chosen with setMetric(); hovering a point names it.
class ParetoPlot : public QWidget {
    Q_OBJECT

public:
    enum class Metric { BleuFree, RougeLFree, AccuracyHard, AccuracyFree };
    Q_ENUM(Metric)

    explicit ParetoPlot(QWidget* parent = nullptr);
    ~ParetoPlot() override;

    QCustomPlot* customPlot() const;

    // Replaces the rows; the view rescales to them. An empty table leaves empty axes.
    void setRows(std::vector<SweepRow> rows);
    const std::vector<SweepRow>& rows() const;

    void setMetric(Metric metric);
    Metric metric() const;

    // Every metric, in the order offered to users (the default first).
    static QList<Metric> metrics();
    // The metric's name on command lines: bleu, rouge, accuracy-hard, accuracy-free.
    static QString metricKey(Metric metric);
    // The metric a command-line name stands for (case-insensitive); nothing for an unknown name.
    static std::optional<Metric> metricFromKey(const QString& key);
    // A short name for menus and tooltips ("BLEU"), and the y axis label with the scale.
    static QString metricName(Metric metric);
    static QString metricLabel(Metric metric);
    // The metric's value in row.
    static double metricValue(const SweepRow& row, Metric metric);

    // The methods shown, known ones in a fixed order (learned, then the baselines), others after
    // them alphabetically.
    QStringList methods() const;
    // The graph of a method (nullptr for one not in the table) and of the front.
    QCPGraph* methodGraph(const QString& method) const;
    QCPGraph* frontGraph() const;
    // The plotted points (keep ratio, metric value), in keep-ratio order.
    QVector<QPointF> methodPoints(const QString& method) const;
    QVector<QPointF> frontPoints() const;

    // A method's colour. The known methods look the same in every sweep; others take the
    // colours left over, in the order of methods().
    QColor methodColor(const QString& method) const;

    // A title above the plot; empty removes it.
    void setTitle(const QString& title);
    QString title() const;

    // Rings the point of rows()[index] (a table selection, say); -1 or an index out of range clears it.
    void setHighlightedRow(int index);
    int highlightedRow() const;

    // The row whose marker is nearest to pixel (widget coordinates of customPlot()), within
    // radius pixels; -1 when there is none.
    int rowAt(const QPointF& pixel, double radius = 12.0) const;
    // The tooltip of rows()[index]: method, target, kept fraction, metric value, run. Rich text;
    // empty out of range.
    QString hoverText(int index) const;

    // Export at width x height pixels, format chosen by the suffix (.png, .pdf, .svg). On
    // failure returns false with *error (if given) naming the file and the reason.
    bool exportImage(const QString& path, int width, int height, QString* error = nullptr) const;

    // A stand-alone figure of rows, written like exportImage, with text in proportion to the
    // picture (12 pt at 1200 x 750) so it stays readable when scaled down to a column's width.
    // What megatoken-plot and the Sweep tab's export write.
    static bool exportFigure(const std::vector<SweepRow>& rows, Metric metric, const QString& title,
                             const QString& path, const QSize& size, QString* error = nullptr);
    // The text size exportFigure uses for a picture of size, in points.
    static double figurePointSize(const QSize& size);

signals:
    void metricChanged(ParetoPlot::Metric metric);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyFonts();
    void rebuild();
    void applyRanges();
    void updateHighlight();
    void onMouseMove(QMouseEvent* event);

    QCustomPlot* mPlot;
    QCPGraph* mFront = nullptr;
    QCPGraph* mHighlight = nullptr;
    QCPTextElement* mTitle = nullptr;
    QCPItemText* mEmptyNote = nullptr; // "no results yet" while the table is empty
    QCPItemText* mBetterNote = nullptr; // which corner is good
    std::vector<QCPGraph*> mMethodGraphs; // parallel to mMethods
    QStringList mMethods;
    std::vector<SweepRow> mRows;
    Metric mMetric = Metric::BleuFree;
    int mHighlightedRow = -1;
};

} // namespace megatoken
