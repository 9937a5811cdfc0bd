#pragma once

#include <QSize>
#include <QSizeF>

namespace megatoken {

// How a figure for a paper is exported: at a width in centimetres with text of a size in points
// (PDF, SVG and pgfplots .tex), and optionally in the colour-blind-safe Okabe-Ito palette
// (FigurePalette.h; any format). The default is a screen export: the size in pixels decides.
struct PublicationStyle {
    double widthCm = 0;   // > 0: a print size; 8.5 cm is a journal column, 17.5 cm a page
    double heightCm = 0;  // 0: 0.62 x the width (times the rows of a grid of plots, roughly)
    double fontPt = 8;    // the tick labels' size on paper; axis labels and titles a little larger
    bool colourBlindSafe = false;

    bool printSize() const { return widthCm > 0; }
    // The page in PostScript points (1/72 inch); height from heightCm or the aspect given.
    QSizeF pagePoints(double defaultAspect = 0.62) const;
    // The canvas to lay the plot out on so that text of basePt points (the plot's own font, laid
    // out at dpi) comes out at fontPt on the page: the page in pixels at dpi, scaled by
    // basePt / fontPt.
    QSize logicalSize(double basePt, double dpi, double defaultAspect = 0.62) const;
};

}  // namespace megatoken
