#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace megatoken {

// What the token grid shows, as plain numbers: the engine (or a saved analysis) fills these in,
// the widgets only draw and export them.

// One token at one gate.
struct TokenGridCell {
    double alpha = 1;            // keep score in (0, 1)
    double logAlpha = 0;         // ln(alpha)
    double accumulated = 0;      // G: the sum of ln(alpha) over this gate and the ones before it
    double keepProbability = 1;  // P = exp(G / sqrt(d)), computed by the caller
    bool dropped = false;        // dropped at this gate or an earlier one
    bool droppedHere = false;    // dropped by this very gate
    QString mergedInto;          // gates.merge: the piece it joined at the gate that dropped it; may be empty
    QStringList absorbed;        // gates.merge: the pieces merged into it at this gate; may be empty
    QStringList attendedTo;      // the keys it attended to most, e.g. "·cat 0.41"; may be empty
};

// One gate: a cell per piece, in the order of TokenGridData::pieces.
struct TokenGridRow {
    QString label;  // e.g. "gate 1 (after block 1)"
    QVector<TokenGridCell> cells;
};

struct TokenGridData {
    QStringList pieces;              // display forms, one per column
    QVector<TokenGridRow> gateRows;  // one per gate, in order
    double threshold = -1;           // ln(alpha) at or below which a token is dropped
    QStringList megatokens;          // what the sequence was compressed to
};

// The cells of row not dropped (by this gate or an earlier one).
int keptCount(const TokenGridRow& row);
// keptCount / number of cells; 0 for a row without cells.
double keepRatio(const TokenGridRow& row);

}  // namespace megatoken
