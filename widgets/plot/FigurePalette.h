#pragma once

#include "widgets/plot/Figure.h"

#include <QColor>
#include <QHash>
#include <QVector>

namespace megatoken {

// The Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"; Wong 2011, Nature Methods
// 8:441): eight colours told apart with every common colour-vision deficiency. Yellow last.
const QVector<QColor>& okabeItoPalette();

// The mapping applyColourBlindSafePalette uses, for painting a QCustomPlot in the palette: each
// distinct colour asked for, in order of first appearance, gets the next Okabe-Ito colour
// (cycling after eight); greys (saturation under 10%) and invalid colours come back unchanged;
// alpha is kept.
class ColourBlindSafeMapping {
public:
    QColor map(const QColor& color);

private:
    QHash<QRgb, QColor> mapped_;
};

// Maps each distinct colour of the figure, in order of first appearance, onto the Okabe-Ito
// palette (cycling after eight), so series that shared a colour still share one and different
// ones stay different. Greys (saturation under 10%) stay as they are: they mark shared legend
// entries and baselines, not series.
void applyColourBlindSafePalette(Figure& figure);

}  // namespace megatoken
