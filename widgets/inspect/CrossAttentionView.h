#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QLabel;
class QListWidget;

namespace megatoken {

class PieceStrip;

// What the decoder read: the output pieces of a reconstruction as a selectable row (click one,
// Ctrl/Shift-click several), and under it the input pieces, each coloured on the viridis scale by
// the attention the selected output pieces paid it, their mean when several are selected, scaled
// to the strongest. Dropped input pieces are grey and struck through: under the hard mask no
// output piece can read them. Knows nothing of models: it is given the weights.
class CrossAttentionView : public QWidget {
    Q_OBJECT

public:
    explicit CrossAttentionView(QWidget* parent = nullptr);

    // weights: outputPieces.size() rows of inputPieces.size() values, row after row (one decoder
    // block and head, or their mean). inputDropped[i]: the input piece did not survive the gates.
    // Selects the first output piece, or keeps the earlier selection where it still fits.
    void setData(const QStringList& outputPieces, const QStringList& inputPieces, const QVector<bool>& inputDropped,
                 const QVector<double>& rowMajorWeights);

    void selectOutputs(const QList<int>& rows);  // out-of-range rows are ignored
    QList<int> selectedOutputs() const;          // ascending
    // Per input piece: the mean over the selected output pieces of their attention to it; zeros
    // when nothing is selected.
    QVector<double> combinedWeights() const;
    // What the strip shows for input piece i: viridis(weight / strongest) when kept, grey when
    // dropped; its tooltip names the piece, the weight and the selection.
    QColor inputColor(int input) const;
    QString inputToolTip(int input) const;
    QString summary() const;  // the line above the strip

signals:
    void selectionChanged();

private:
    void updateStrip();

    QListWidget* outputs_;
    QLabel* summary_;
    PieceStrip* strip_;
    QStringList outputPieces_;
    QStringList inputPieces_;
    QVector<bool> inputDropped_;
    QVector<double> weights_;
};

}  // namespace megatoken
