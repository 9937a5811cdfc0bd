#pragma once

#include "widgets/inspect/TokenGridData.h"

#include <QColor>
#include <QImage>
#include <QRect>
#include <QSize>
#include <QString>
#include <QVector>
#include <QWidget>

#include <memory>

class QPainter;

namespace megatoken {

// Which tokens survive each gate, as a grid: one column per piece, a first row with the input
// pieces, then one row per gate whose cells are filled with viridis(alpha). A dropped token is
// greyed and struck through from the gate that dropped it on (that gate's cell also gets a red
// bar on its left). Each gate row ends with "kept n/m (ratio)"; a colour legend with the
// threshold and the list of megatokens sit below.
//
// The widget paints at its natural size (sizeHint(), also its minimumSizeHint()): hold it in a
// QScrollArea with widgetResizable(true) for long sequences. Hovering a cell shows its numbers.
class TokenGridWidget : public QWidget {
    Q_OBJECT

public:
    explicit TokenGridWidget(QWidget* parent = nullptr);
    ~TokenGridWidget() override;

    void setData(const TokenGridData& data);
    const TokenGridData& data() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Rows: 0 is the input, 1.. the gates (row k shows data().gateRows[k - 1]). Columns index
    // data().pieces. cellRect is in widget coordinates (also those of render() at scale 1);
    // an empty rect for a row or column out of range.
    int rowCount() const;  // 1 + gates, or 0 without pieces
    int columnCount() const;
    QRect cellRect(int row, int column) const;
    // The cell under pos; false (and -1, -1) when pos is on none.
    bool cellAt(const QPoint& pos, int* row, int* column) const;

    // The fill of a cell: neutral for the input row, light grey for a dropped token, otherwise
    // viridis(alpha). Invalid for a cell out of range or missing from its gate row.
    QColor cellColor(int row, int column) const;
    // The colour of the cell's text: black or white, whichever reads better on cellColor, grey
    // for a dropped token.
    QColor cellTextColor(int row, int column) const;
    // Plain text: the piece and its position, then (for a gate) alpha, ln alpha, G, P, whether
    // and where it was dropped, and what it attended to most. Empty out of range.
    QString cellToolTip(int row, int column) const;
    // "kept 7/12 (0.58)" for a gate row (row >= 1); empty otherwise.
    QString rowSummary(int row) const;

    // The whole picture, legend and megatokens included, at its natural size times scale, on
    // white.
    QImage render(double scale = 1.0) const;
    // PNG, PDF or SVG by the suffix, at the natural size. On failure false, with *error (if
    // given) naming the file and the reason.
    bool exportImage(const QString& path, QString* error = nullptr) const;
    // One line per (gate, piece): gate,position,piece,alpha,log_alpha,G,P,dropped. Gates count
    // from 1, positions from 0; UTF-8, CRLF line ends, fields quoted as RFC 4180 asks;
    // numbers in their shortest exact form. Written through a temporary file, so a failed
    // export leaves an existing file as it was.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    // {"pieces", "threshold", "gates": [{"label", "kept", "keep_ratio", "cells": [{"piece",
    // "alpha", "log_alpha", "G", "P", "dropped"}]}], "megatokens"}; numbers that are not finite
    // are written as null. Written through a temporary file like exportCsv.
    bool exportJson(const QString& path, QString* error = nullptr) const;

signals:
    // The pointer moved onto another cell.
    void cellHovered(int row, int column);
    // A left click pressed and released on the same cell.
    void cellClicked(int row, int column);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Layout;
    // The colours outside the cells: the palette's on screen, black on white in exports.
    struct Colors {
        QColor background;
        QColor text;
    };

    const TokenGridCell* gateCell(int row, int column) const;
    // The 1-based gate that dropped the token in column by row's gate; 0 when none did.
    int droppingGate(int row, int column) const;
    // "input" for row 0, the gate's label (or "gate k") for the others.
    QString rowLabel(int row) const;
    QFont paintFont() const;
    static bool saveAtomically(const QString& path, const QByteArray& bytes, QString* error);
    void relayout();
    void paintContent(QPainter& painter, const Colors& colors) const;
    void paintCell(QPainter& painter, int row, int column) const;
    void paintLegend(QPainter& painter, const Colors& colors) const;

    TokenGridData data_;
    std::unique_ptr<Layout> layout_;
    int hoverRow_ = -1;
    int hoverColumn_ = -1;
    int pressRow_ = -1;
    int pressColumn_ = -1;
};

}  // namespace megatoken
