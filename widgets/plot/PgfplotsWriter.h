#pragma once

#include "widgets/plot/Figure.h"

#include <QString>

namespace megatoken {

struct PgfplotsOptions {
    double widthCm = 8.5;          // the whole figure: 8.5 cm is a journal column, 17.5 cm a page
    double heightCm = 0;           // 0: 0.62 x the width per row of plots
    bool colourBlindSafe = false;  // FigurePalette.h's Okabe-Ito mapping
    QString source;                // a comment line saying where the figure came from
};

// A standalone LaTeX document (class standalone, packages pgfplots and its groupplots library)
// drawing the figure: every series' numbers inline in a table, so the .tex file alone compiles
// with `pdflatex` and can be edited or restyled in a paper. One axis, or a groupplots grid of
// figure.columns columns. Numbers are written in the shortest form that reads back exactly
// (core/io/NumberFormat numberText, whatever the locale); NaN and infinities become "nan", which
// breaks the line there (unbounded coords=jump). Labels are escaped for LaTeX. Throws nothing.
QString pgfplotsDocument(const Figure& figure, const PgfplotsOptions& options = {});

// text with LaTeX's special characters escaped (\ { } $ & # ^ _ % ~), for labels and titles.
QString latexEscaped(const QString& text);

}  // namespace megatoken
