#pragma once

#include <QColor>

namespace megatoken {

// Matplotlib's viridis: perceptually uniform, readable in grey-scale print and by the common
// forms of colour blindness, lightness rising from dark purple (t = 0) to yellow (t = 1).
// t is clamped to [0, 1]; NaN reads as 0.
QColor viridis(double t);

// WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white).
double relativeLuminance(const QColor& color);
// WCAG 2 contrast ratio of two colours, 1 (none) to 21 (black on white); symmetric.
double contrastRatio(const QColor& first, const QColor& second);
// Black or white, whichever contrasts more with background: for text drawn on a coloured cell.
QColor readableTextColor(const QColor& background);

}  // namespace megatoken
