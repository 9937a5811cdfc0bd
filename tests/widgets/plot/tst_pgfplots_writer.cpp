// The pgfplots export: what a figure's tables hold is exactly what the plot was given, labels are
// escaped, colours are mapped to the Okabe-Ito palette, and the document compiles with pdflatex
// where TeX is installed.
#include <QtTest>

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <limits>

#include "widgets/plot/FigurePalette.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PgfplotsWriter.h"

using namespace megatoken;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Table {
    QString options;  // the \addplot[...] options
    QVector<QVector<double>> columns;
};

// Every inline table of the document, in order: "\addplot[options] table[...] {\nheader\nrows};".
QVector<Table> tablesOf(const QString& document)
{
    QVector<Table> tables;
    static const QRegularExpression block(
        QStringLiteral("\\\\addplot\\[([^\\n]*)\\] table\\[[^\\]]*\\] \\{\\n([^}]*)\\};"));
    for (auto it = block.globalMatch(document); it.hasNext();) {
        const auto match = it.next();
        Table table;
        table.options = match.captured(1);
        const QStringList lines = match.captured(2).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const int width = static_cast<int>(lines.front().split(QLatin1Char(' ')).size());
        table.columns.resize(width);
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList cells = lines[i].split(QLatin1Char(' '));
            for (int c = 0; c < width; ++c) {
                bool ok = false;
                const double value = cells[c] == QLatin1String("nan") ? kNaN : QLocale::c().toDouble(cells[c], &ok);
                if (cells[c] != QLatin1String("nan") && !ok) qWarning("not a number: %s", qPrintable(cells[c]));
                table.columns[c] << value;
            }
        }
        tables << table;
    }
    return tables;
}

bool sameValues(const QVector<double>& a, const QVector<double>& b)
{
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); ++i) {
        if (std::isnan(a[i]) != std::isnan(b[i])) return false;
        if (!std::isnan(a[i]) && a[i] != b[i]) return false;  // exactly: the shortest round-trip text
    }
    return true;
}

Figure sampleFigure()
{
    FigureSeries line;
    line.label = QStringLiteral("run_a: 50% & more");
    line.color = QColor(0x1F, 0x77, 0xB4);
    line.x = {1, 2, 3, 4};
    line.y = {0.1, 1e-7, kNaN, 12345.678901234};
    FigureSeries marks;
    marks.kind = FigureSeries::Kind::Marks;
    marks.label = QStringLiteral("first-k");
    marks.color = QColor(0xFF, 0x7F, 0x0E);
    marks.x = {0.3, 0.5};
    marks.y = {41.5, 55.25};
    marks.xError = {0.01, 0.02};
    marks.yError = {1.5, 2.5};
    FigureSeries band;
    band.kind = FigureSeries::Kind::Band;
    band.color = line.color;
    band.x = {1, 2, 3};
    band.low = {0.0, 0.1, 0.2};
    band.high = {0.5, 0.6, 0.7};
    FigureAxes axes;
    axes.title = QStringLiteral("accuracy {hard} #1");
    axes.xLabel = QStringLiteral("step");
    axes.yLabel = QStringLiteral("a_b ~ c^2 \\ d $");
    axes.series = {line, marks, band};
    Figure figure;
    figure.axes = {axes, axes};
    figure.columns = 2;
    return figure;
}

}  // namespace

class TestPgfplotsWriter : public QObject {
    Q_OBJECT
private slots:
    void tablesHoldTheNumbersExactly()
    {
        const Figure figure = sampleFigure();
        const QVector<Table> tables = tablesOf(pgfplotsDocument(figure));
        QCOMPARE(tables.size(), 4);  // a line and the marks per plot; the band is a coordinates path
        QVERIFY(sameValues(tables[0].columns[0], figure.axes[0].series[0].x));
        QVERIFY(sameValues(tables[0].columns[1], figure.axes[0].series[0].y));
        QVERIFY(sameValues(tables[1].columns[0], {0.3, 0.5}));
        QVERIFY(sameValues(tables[1].columns[1], {41.5, 55.25}));
        QVERIFY(sameValues(tables[1].columns[2], {0.01, 0.02}));  // x error
        QVERIFY(sameValues(tables[1].columns[3], {1.5, 2.5}));    // y error
        QVERIFY(tables[1].options.contains(QStringLiteral("x explicit")));
        QVERIFY(tables[1].options.contains(QStringLiteral("y explicit")));
    }

    void numbersIgnoreTheLocale()
    {
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString document = pgfplotsDocument(sampleFigure());
        QLocale::setDefault(previous);
        QVERIFY(document.contains(QStringLiteral("\n4 12345.678901234\n")));
        QVERIFY(!document.contains(QStringLiteral("0,1")));
    }

    void bandIsAClosedPathBetweenItsBounds()
    {
        const QString document = pgfplotsDocument(sampleFigure());
        QVERIFY2(
            document.contains(QStringLiteral("coordinates {(1,0) (2,0.1) (3,0.2) (3,0.7) (2,0.6) (1,0.5)} -- cycle;")),
            qPrintable(document.left(3000)));
    }

    void labelsAreEscaped()
    {
        QCOMPARE(latexEscaped(QStringLiteral("a_b & 50% #1 {x} ~ ^ \\ $")),
                 QStringLiteral("a\\_b \\& 50\\% \\#1 \\{x\\} \\~{} \\^{} \\textbackslash{} \\$"));
        const QString document = pgfplotsDocument(sampleFigure());
        QVERIFY(document.contains(QStringLiteral("\\addlegendentry{run\\_a: 50\\% \\& more}")));
        QVERIFY(document.contains(QStringLiteral("title={accuracy \\{hard\\} \\#1}")));
    }

    void gridAndSize()
    {
        PgfplotsOptions options;
        options.widthCm = 17.5;
        const QString document = pgfplotsDocument(sampleFigure(), options);
        QVERIFY(document.contains(QStringLiteral("group size=2 by 1")));
        QVERIFY(document.contains(QStringLiteral("width=7.90cm")));  // (17.5 - 1.7) / 2
        QCOMPARE(document.count(QStringLiteral("\\nextgroupplot")), 2);
    }

    void colourBlindSafePaletteKeepsSharedColoursShared()
    {
        Figure figure = sampleFigure();
        FigureSeries grey;
        grey.color = QColor(90, 90, 90);
        figure.axes[0].series << grey;
        applyColourBlindSafePalette(figure);
        const auto& s = figure.axes[0].series;
        QCOMPARE(s[0].color, okabeItoPalette()[0]);  // the first colour seen
        QCOMPARE(s[1].color, okabeItoPalette()[1]);
        QCOMPARE(s[2].color, okabeItoPalette()[0]);  // the band shares the line's colour
        QCOMPARE(s[3].color, QColor(90, 90, 90));    // greys stay
        QCOMPARE(figure.axes[1].series[1].color, okabeItoPalette()[1]);
    }

    // What the plot was given is what the figure holds: raw values behind the smoothed line.
    void metricPlotFigureHoldsItsValues()
    {
        MetricPlot plot;
        plot.resize(600, 400);
        plot.setTitle(QStringLiteral("loss"));
        plot.addSeries(QStringLiteral("a"), QStringLiteral("run a"), Qt::blue);
        const QVector<double> steps{10, 20, 30, 40};
        const QVector<double> values{2.5, 1.25, kNaN, 0.625};
        plot.appendPoints(QStringLiteral("a"), steps, {1, 2, 3, 4}, values);
        plot.setSmoothing(0.5);
        FigureAxes axes = plot.figureAxes();
        QCOMPARE(axes.series.size(), 2);
        QCOMPARE(axes.series[0].kind, FigureSeries::Kind::FadedLine);
        QVERIFY(sameValues(axes.series[0].x, steps));
        QVERIFY(sameValues(axes.series[0].y, values));
        QCOMPARE(axes.series[1].label, QStringLiteral("run a"));
        QVERIFY(sameValues(axes.series[1].y, plot.smoothedValues(QStringLiteral("a"))));
        plot.setSmoothing(0.0);
        axes = plot.figureAxes();
        QCOMPARE(axes.series.size(), 1);
        QVERIFY(sameValues(axes.series[0].y, values));
        plot.setXAxis(MetricPlot::XAxis::WallTime);
        QVERIFY(sameValues(plot.figureAxes().series[0].x, {1, 2, 3, 4}));
        QCOMPARE(plot.figureAxes().title, QStringLiteral("loss"));
    }

    // Where TeX with pgfplots is installed (Debian: texlive-latex-base, texlive-pictures), the
    // document compiles to a PDF; elsewhere the text checks above stand for it.
    void compilesWithPdflatex()
    {
        const QString pdflatex = QStandardPaths::findExecutable(QStringLiteral("pdflatex"));
        if (pdflatex.isEmpty()) QSKIP("pdflatex is not installed; the document's text was checked above");
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("figure.tex")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(pgfplotsDocument(sampleFigure()).toUtf8());
        file.close();
        QProcess tex;
        tex.setWorkingDirectory(dir.path());
        tex.start(pdflatex, {QStringLiteral("-interaction=nonstopmode"), QStringLiteral("-halt-on-error"),
                             QStringLiteral("figure.tex")});
        QVERIFY(tex.waitForFinished(120000));
        const QString log = QString::fromLocal8Bit(tex.readAllStandardOutput());
        if (log.contains(QStringLiteral("pgfplots.sty' not found")))
            QSKIP("pdflatex is installed without pgfplots (texlive-pictures)");
        QVERIFY2(tex.exitCode() == 0, qPrintable(log.right(2000)));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("figure.pdf"))).size() > 1000);
    }
};

QTEST_MAIN(TestPgfplotsWriter)
#include "tst_pgfplots_writer.moc"
