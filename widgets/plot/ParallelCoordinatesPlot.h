#pragma once
// Parallel coordinates: one vertical axis per chosen setting or metric, one polyline per run
// across them, so runs that did well can be traced back to the settings they share. Numeric axes
// run from their minimum (bottom) to their maximum (top) over the runs; categorical axes (enum,
// bool and string settings) place their values, sorted, evenly from bottom to top. A run without
// a value on an axis leaves a gap there. Lines are coloured by the last axis (a metric, by
// convention) with a colour-blind-safe ramp; highlighted runs (the selection) are drawn thick and
// on top, the others thin and grey. Clicking a line reports its run. Knows nothing of runs or
// LibTorch: rows are indices.

#include <QSet>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPAbstractPlottable;
class QMouseEvent;

namespace megatoken {

struct ParallelAxis {
    QString label;
    bool categorical = false;
    std::vector<double> values;  // numeric axes: one per row, NaN where the row has none
    QStringList categories;      // categorical axes: one per row, empty where the row has none

    // Same label, kind and values (NaN equal to NaN).
    bool operator==(const ParallelAxis& other) const;
};

class ParallelCoordinatesPlot : public QWidget {
    Q_OBJECT

public:
    explicit ParallelCoordinatesPlot(QWidget* parent = nullptr);

    QCustomPlot* customPlot() const { return plot_; }

    // Replaces the axes (left to right) and the rows' names (hover text); every axis must have
    // rowNames.size() values or categories (a shorter one is padded with gaps).
    void setData(std::vector<ParallelAxis> axes, QStringList rowNames);
    int axisCount() const { return static_cast<int>(axes_.size()); }
    int rowCount() const { return static_cast<int>(rowNames_.size()); }

    // Where row sits on axis, 0 (bottom) .. 1 (top); NaN for a gap. Numeric: (v - min) / (max -
    // min), 0.5 when every row has the same value; categorical: the index of its value among the
    // sorted distinct values / (count - 1), 0.5 for a single value.
    double position(int row, int axis) const;
    // The tick labels of an axis, bottom to top: min and max (numeric), or the sorted values.
    QStringList tickLabels(int axis) const;

    // Rows drawn thick, in colour and on top; empty: every row in colour.
    void setHighlightedRows(const QSet<int>& rows);
    QSet<int> highlightedRows() const { return highlighted_; }

signals:
    // A line was clicked; additive when Ctrl was held (add to or remove from the selection).
    void rowClicked(int row, bool additive);

private:
    void rebuild();
    void restyle();
    void onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent* event);

    QCustomPlot* plot_ = nullptr;
    std::vector<ParallelAxis> axes_;
    QStringList rowNames_;
    std::vector<std::vector<double>> positions_;  // [axis][row]
    std::vector<QStringList> sortedCategories_;   // [axis]
    QSet<int> highlighted_;
};

}  // namespace megatoken
