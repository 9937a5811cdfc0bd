#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPTextElement;
class QMouseEvent;

namespace megatoken {

// One attention matrix as a heatmap: a row per query piece (row 0 on top), a column per key
// piece, cells coloured by weight on the viridis scale, with a colour scale beside it. Hovering
// a cell shows "query → key: weight".
class AttentionHeatmap : public QWidget {
    Q_OBJECT

public:
    explicit AttentionHeatmap(QWidget* parent = nullptr);
    ~AttentionHeatmap() override;

    QCustomPlot* customPlot() const;

    // weights holds queryPieces.size() rows of keyPieces.size() values each, row after row.
    // Missing weights (a vector too short) read as NaN and are left blank; extra ones are
    // ignored. The colour scale spans [min(0, lowest), highest] of the finite weights.
    void setMatrix(const QStringList& queryPieces, const QStringList& keyPieces, const QVector<double>& rowMajorWeights,
                   const QString& title);
    // The axis titles: "query" and "key" by default (the decoder's view: output and input pieces).
    void setAxisLabels(const QString& rows, const QString& columns);
    // The weight of query row and key column; NaN out of range.
    double value(int row, int column) const;
    int rows() const;
    int columns() const;
    QString title() const;
    // "query → key: 0.412"; empty out of range.
    QString hoverText(int row, int column) const;

    // Export at width x height pixels, format chosen by the suffix (.png, .pdf, .svg). On
    // failure returns false with *error (if given) naming the file and the reason.
    bool exportImage(const QString& path, int width, int height, QString* error = nullptr) const;

private:
    void setTitleText(const QString& title);
    void onMouseMove(QMouseEvent* event);

    QCustomPlot* plot_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPTextElement* title_ = nullptr;
    QStringList queryPieces_;
    QStringList keyPieces_;
    QVector<double> weights_;  // rows() x columns(), row-major, padded with NaN
};

}  // namespace megatoken
