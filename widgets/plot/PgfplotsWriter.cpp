#include "widgets/plot/PgfplotsWriter.h"

#include "core/io/NumberFormat.h"
#include "widgets/plot/FigurePalette.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace megatoken {

namespace {

constexpr double kHorizontalSepCm = 1.7;
constexpr double kVerticalSepCm = 2.6;

QString number(double value)
{
    if (!std::isfinite(value)) return QStringLiteral("nan");
    return QString::fromStdString(numberText(value));
}

QString cm(double value)
{
    return QString::fromStdString(formatFixed(value, 2)) + QStringLiteral("cm");
}

QString penStyle(Qt::PenStyle style)
{
    switch (style) {
        case Qt::DashLine: return QStringLiteral("dashed");
        case Qt::DotLine: return QStringLiteral("dotted");
        case Qt::DashDotLine:
        case Qt::DashDotDotLine: return QStringLiteral("dashdotted");
        default: return QStringLiteral("solid");
    }
}

// Colours become \definecolor names, one per distinct RGB value, in order of first use.
class ColourNames {
public:
    QString nameOf(const QColor& color)
    {
        const QRgb key = color.isValid() ? color.rgb() : qRgb(0, 0, 0);
        auto it = names_.find(key);
        if (it != names_.end()) return *it;
        const QString name = QStringLiteral("series%1").arg(names_.size());
        names_.insert(key, name);
        definitions_ << QStringLiteral("\\definecolor{%1}{RGB}{%2,%3,%4}")
                            .arg(name)
                            .arg(qRed(key))
                            .arg(qGreen(key))
                            .arg(qBlue(key));
        return name;
    }
    QString definitions() const { return definitions_.join(QLatin1Char('\n')); }

private:
    QHash<QRgb, QString> names_;
    QStringList definitions_;
};

QString table(const QStringList& columns, const QVector<const QVector<double>*>& data, int rows)
{
    QString text = columns.join(QLatin1Char(' ')) + QLatin1Char('\n');
    for (int i = 0; i < rows; ++i) {
        QStringList cells;
        for (const auto* column : data) cells << number(i < column->size() ? (*column)[i] : std::nan(""));
        text += cells.join(QLatin1Char(' ')) + QLatin1Char('\n');
    }
    return text;
}

QString seriesCode(const FigureSeries& series, ColourNames& colours, const QStringList& keyNames)
{
    const QString colour = colours.nameOf(series.color);
    // A name the figure's key already gives (one run across every plot) is not repeated in each.
    const bool inLegend = !series.label.isEmpty() && !keyNames.contains(series.label);
    const QString legend =
        inLegend ? QStringLiteral("\\addlegendentry{%1}\n").arg(latexEscaped(series.label)) : QString();
    const QString forget = inLegend ? QString() : QStringLiteral(", forget plot");
    const int n = static_cast<int>(std::min(series.x.size(), series.y.size()));
    switch (series.kind) {
        case FigureSeries::Kind::Band: {
            // One closed polygon per run of finite bounds: along the lower bound, back along the upper.
            const int points = static_cast<int>(std::min({series.x.size(), series.low.size(), series.high.size()}));
            QString code;
            int begin = 0;
            while (begin < points) {
                const auto finite = [&](int i) {
                    return std::isfinite(series.x[i]) && std::isfinite(series.low[i]) && std::isfinite(series.high[i]);
                };
                while (begin < points && !finite(begin)) ++begin;
                int end = begin;
                while (end < points && finite(end)) ++end;
                if (end - begin >= 2) {
                    QStringList coordinates;
                    for (int i = begin; i < end; ++i)
                        coordinates << QStringLiteral("(%1,%2)").arg(number(series.x[i]), number(series.low[i]));
                    for (int i = end - 1; i >= begin; --i)
                        coordinates << QStringLiteral("(%1,%2)").arg(number(series.x[i]), number(series.high[i]));
                    code +=
                        QStringLiteral("\\addplot[fill=%1, fill opacity=0.18, draw=none, forget plot] coordinates {%2} "
                                       "-- cycle;\n")
                            .arg(colour, coordinates.join(QLatin1Char(' ')));
                }
                begin = end;
            }
            return code;
        }
        case FigureSeries::Kind::LegendEntry:
            if (!inLegend) return {};
            return QStringLiteral("\\addlegendimage{color=%1, %2, line width=0.9pt}\n%3")
                .arg(colour, penStyle(series.style), legend);
        case FigureSeries::Kind::FadedLine:
            if (n == 0) return {};
            return QStringLiteral("\\addplot[color=%1, %2, opacity=0.3, line width=0.4pt, mark=none, forget plot] "
                                  "table[x=x, y=y] {\n%3};\n")
                .arg(colour, penStyle(series.style), table({"x", "y"}, {&series.x, &series.y}, n));
        case FigureSeries::Kind::Line:
            if (n == 0) return {};
            return QStringLiteral("\\addplot[color=%1, %2, line width=0.9pt, %3%4] table[x=x, y=y] {\n%5};\n%6")
                .arg(colour, penStyle(series.style),
                     series.dots ? QStringLiteral("mark=*, mark size=1.1pt, mark options={solid}")
                                 : QStringLiteral("mark=none"),
                     forget, table({"x", "y"}, {&series.x, &series.y}, n), legend);
        case FigureSeries::Kind::Marks: {
            if (n == 0) return {};
            const bool xBars = series.xError.size() >= n;
            const bool yBars = series.yError.size() >= n;
            QStringList columns{"x", "y"};
            QVector<const QVector<double>*> data{&series.x, &series.y};
            QString bars;
            QString tableOptions = QStringLiteral("x=x, y=y");
            if (xBars || yBars) {
                bars = QStringLiteral(", error bars/.cd");
                if (xBars) {
                    columns << "ex";
                    data << &series.xError;
                    bars += QStringLiteral(", x dir=both, x explicit");
                    tableOptions += QStringLiteral(", x error=ex");
                }
                if (yBars) {
                    columns << "ey";
                    data << &series.yError;
                    bars += QStringLiteral(", y dir=both, y explicit");
                    tableOptions += QStringLiteral(", y error=ey");
                }
            }
            return QStringLiteral("\\addplot[color=%1, %2, mark=%3, mark size=1.8pt, mark options={solid}%4%5] "
                                  "table[%6] {\n%7};\n%8")
                .arg(colour,
                     series.joined ? penStyle(series.style) + QStringLiteral(", line width=0.8pt")
                                   : QStringLiteral("only marks"),
                     series.mark, forget, bars, tableOptions, table(columns, data, n), legend);
        }
    }
    return {};
}

QString axisOptions(const FigureAxes& axes)
{
    QStringList options;
    if (!axes.title.isEmpty()) options << QStringLiteral("title={%1}").arg(latexEscaped(axes.title));
    if (!axes.xLabel.isEmpty()) options << QStringLiteral("xlabel={%1}").arg(latexEscaped(axes.xLabel));
    if (!axes.yLabel.isEmpty()) options << QStringLiteral("ylabel={%1}").arg(latexEscaped(axes.yLabel));
    if (axes.logX) options << QStringLiteral("xmode=log");
    if (axes.logY) options << QStringLiteral("ymode=log");
    const auto limit = [&](const char* name, double value) {
        if (std::isfinite(value)) options << QStringLiteral("%1=%2").arg(QLatin1String(name), number(value));
    };
    limit("xmin", axes.xMin);
    limit("xmax", axes.xMax);
    limit("ymin", axes.yMin);
    limit("ymax", axes.yMax);
    return options.join(QStringLiteral(", "));
}

}  // namespace

QString latexEscaped(const QString& text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
            case '\\': out += QStringLiteral("\\textbackslash{}"); break;
            case '{': out += QStringLiteral("\\{"); break;
            case '}': out += QStringLiteral("\\}"); break;
            case '$': out += QStringLiteral("\\$"); break;
            case '&': out += QStringLiteral("\\&"); break;
            case '#': out += QStringLiteral("\\#"); break;
            case '^': out += QStringLiteral("\\^{}"); break;
            case '_': out += QStringLiteral("\\_"); break;
            case '%': out += QStringLiteral("\\%"); break;
            case '~': out += QStringLiteral("\\~{}"); break;
            case 0x00B1: out += QStringLiteral("$\\pm$"); break;    // ±
            case 0x00B7: out += QStringLiteral("$\\cdot$"); break;  // ·
            case 0x2013: out += QStringLiteral("--"); break;
            case 0x2212: out += QStringLiteral("$-$"); break;
            case 0x03BB: out += QStringLiteral("$\\lambda$"); break;  // λ
            default: out += c;
        }
    }
    return out;
}

QString pgfplotsDocument(const Figure& source, const PgfplotsOptions& options)
{
    Figure figure = source;
    if (options.colourBlindSafe) applyColourBlindSafePalette(figure);
    const int count = std::max<int>(1, static_cast<int>(figure.axes.size()));
    const int columns = std::clamp(figure.columns, 1, count);
    const int rows = (count + columns - 1) / columns;
    const double width = std::max(2.0, options.widthCm);
    const double plotWidth = std::max(2.0, (width - (columns - 1) * kHorizontalSepCm) / columns);
    const double plotHeight = options.heightCm > 0
                                  ? std::max(1.5, (options.heightCm - (rows - 1) * kVerticalSepCm) / rows)
                                  : plotWidth * 0.62;

    ColourNames colours;
    QStringList keyNames;
    for (const auto& entry : figure.key) keyNames << entry.first;
    QString body;
    for (const auto& axes : figure.axes) {
        body += QStringLiteral("\\nextgroupplot[%1]\n").arg(axisOptions(axes));
        // Bands first, behind everything; then the faded raw curves; then the rest in their order.
        for (const auto kind : {FigureSeries::Kind::Band, FigureSeries::Kind::FadedLine}) {
            for (const auto& series : axes.series)
                if (series.kind == kind) body += seriesCode(series, colours, keyNames);
        }
        for (const auto& series : axes.series) {
            if (series.kind != FigureSeries::Kind::Band && series.kind != FigureSeries::Kind::FadedLine)
                body += seriesCode(series, colours, keyNames);
        }
    }
    if (figure.axes.isEmpty()) body = QStringLiteral("\\nextgroupplot[title={(no plot)}]\n");
    for (const auto& entry : figure.key) colours.nameOf(entry.second);  // defined in the preamble

    QString text;
    if (!options.source.isEmpty()) text += QStringLiteral("% %1\n").arg(options.source);
    // The article class and a page cut to the figure (what the standalone class does), so that
    // the packages of any TeX installation with pgfplots suffice (Debian: texlive-latex-base and
    // texlive-pictures; standalone.cls is in the much larger texlive-latex-extra).
    text += QStringLiteral("% Written by the Megatoken Workbench; compiles on its own: pdflatex this-file.tex\n"
                           "% For a paper, copy the tikzpicture (and the colour definitions) into it.\n"
                           "\\documentclass{article}\n"
                           "\\usepackage[utf8]{inputenc}\n"
                           "\\usepackage[T1]{fontenc}\n"
                           "\\usepackage{pgfplots}\n"
                           "\\usepgfplotslibrary{groupplots}\n"
                           "\\pgfplotsset{compat=1.16, /pgf/number format/1000 sep={\\,}}\n"
                           "\\pagestyle{empty}\n"
                           "%1\n"
                           "\\newsavebox{\\megatokenfigure}\n"
                           "\\begin{document}\n"
                           "\\begin{lrbox}{\\megatokenfigure}\n"
                           "\\begin{tikzpicture}\n"
                           "\\begin{groupplot}[group style={group size=%2 by %3, horizontal sep=%4, vertical sep=%5},\n"
                           "  width=%6, height=%7, unbounded coords=jump, grid=major, grid style={gray!20},\n"
                           "  tick label style={font=\\scriptsize}, label style={font=\\footnotesize},\n"
                           "  title style={font=\\footnotesize}, scaled ticks=true,\n"
                           "  legend style={font=\\scriptsize, draw=none, fill=none, at={(0.5,-0.3)}, anchor=north},\n"
                           "  legend columns=2, legend cell align=left]\n")
                .arg(colours.definitions())
                .arg(columns)
                .arg(rows)
                .arg(cm(kHorizontalSepCm), cm(kVerticalSepCm), cm(plotWidth), cm(plotHeight));
    text += body;
    text += QStringLiteral("\\end{groupplot}\n");
    if (!figure.key.isEmpty()) {
        QStringList entries;
        for (const auto& [name, color] : figure.key)
            entries << QStringLiteral("\\textcolor{%1}{\\rule{1.1ex}{1.1ex}}~%2")
                           .arg(colours.nameOf(color), latexEscaped(name));
        text += QStringLiteral("\\node[anchor=north, font=\\scriptsize, text width=%1, align=center] at "
                               "([yshift=-2pt]current bounding box.south) {%2};\n")
                    .arg(cm(width - 0.5), entries.join(QStringLiteral("\\quad ")));
    }
    if (!figure.caption.isEmpty()) {
        text += QStringLiteral("\\node[anchor=north, font=\\scriptsize, text width=%1, align=center] at "
                               "([yshift=-2pt]current bounding box.south) {%2};\n")
                    .arg(cm(width - 0.5), latexEscaped(figure.caption));
    }
    text += QStringLiteral(
        "\\end{tikzpicture}%\n"
        "\\end{lrbox}%\n"
        "% The page: the figure and a 3 pt border.\n"
        "\\pdfpagewidth=\\dimexpr\\wd\\megatokenfigure+6pt\\relax\n"
        "\\pdfpageheight=\\dimexpr\\ht\\megatokenfigure+\\dp\\megatokenfigure+6pt\\relax\n"
        "\\hoffset=\\dimexpr-1in+3pt\\relax \\voffset=\\dimexpr-1in+3pt\\relax\n"
        "\\oddsidemargin=0pt \\evensidemargin=0pt \\topmargin=0pt \\headheight=0pt \\headsep=0pt \\topskip=0pt\n"
        "\\textwidth=\\wd\\megatokenfigure \\textheight=\\dimexpr\\ht\\megatokenfigure+\\dp\\megatokenfigure\\relax "
        "\\vsize=\\textheight \\hsize=\\textwidth\n"
        "\\noindent\\usebox{\\megatokenfigure}%\n"
        "\\end{document}\n");
    return text;
}

}  // namespace megatoken
