// megatoken-plot: figures from result tables without a display, for scripts and the CLI.
//
//   megatoken-plot pareto SWEEP_DIR_OR_CSV --output FILE.(png|svg|pdf|tex)
//                  [--metric bleu_free|rouge_l_free|accuracy_hard|accuracy_free] [--size WxH] [--title TEXT]
//   megatoken-plot curves RUN_DIR [RUN_DIR ...] --output FILE.(png|svg|pdf|tex)
//                  [--metric validation/accuracy_hard --metric train/loss ...] [--smoothing W] [--columns N]
//   both:          [--width-cm CM [--height-cm CM] [--font-pt PT]] [--palette okabe-ito]
//
// The metric names are the metric schema's (core/runs/MetricSchema.h); the older keys bleu, rouge,
// accuracy-hard and accuracy-free are still accepted. A sweep run with --seeds N has its means in
// sweep.csv with their SDs: the figure draws them with error bars of one SD both ways (kept
// fraction and quality); a table without SD columns draws none. A .tex output is a standalone
// pgfplots document with the numbers inside (widgets/plot/PgfplotsWriter.h); --width-cm sizes a
// PDF or SVG for print, with text at --font-pt.
//
// Exit 0 after writing the file (its path is printed); 1 with a one-line error naming the file
// for bad input; 2 for a malformed command line. `megatoken sweep` runs this tool from beside
// its own executable to draw pareto.png and pareto.svg, so the interface above must stay.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <cstdio>
#include <exception>
#include <optional>

#include "core/runs/MetricSchema.h"
#include "core/runs/RunCurves.h"
#include "core/runs/SweepTable.h"
#include "widgets/plot/FigurePalette.h"
#include "widgets/plot/ParetoPlot.h"
#include "widgets/plot/PlotDashboard.h"
#include "widgets/plot/PlotFileExport.h"
#include "widgets/plot/PublicationStyle.h"

using namespace megatoken;

namespace {

constexpr int kBadInput = 1;
constexpr int kBadUsage = 2;

int fail(int code, const QString& message)
{
    std::fprintf(stderr, "megatoken-plot: %s\n", qPrintable(message));
    return code;
}

std::optional<QSize> parseSize(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch()) return std::nullopt;
    const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
    if (size.width() < 16 || size.height() < 16 || size.width() > 10000 || size.height() > 10000) return std::nullopt;
    return size;
}

// A sweep folder stands for its sweep.csv.
QString tablePath(const QString& input)
{
    const QFileInfo info(input);
    return info.isDir() ? QDir(input).filePath(QStringLiteral("sweep.csv")) : input;
}

QStringList metricKeys()
{
    return ParetoPlot::metrics();
}

// "validation/accuracy_hard" -> the metric schema's label ("teacher-forced token accuracy, hard
// mask") as the y label and "validation: <label>" as the title; unknown columns by their name.
std::pair<QString, QString> curveTitleAndLabel(const std::string& key)
{
    const auto slash = key.find('/');
    const std::string record = slash == std::string::npos ? std::string() : key.substr(0, slash);
    const std::string column = slash == std::string::npos ? key : key.substr(slash + 1);
    const auto resolved = findMetricColumn(column);
    const QString label =
        resolved ? QString::fromStdString(resolved->metric->labelFor(resolved->gate)) : QString::fromStdString(column);
    const QString axis = resolved && !resolved->metric->shortLabel.empty()
                             ? QString::fromStdString(resolved->metric->shortLabelFor(resolved->gate))
                             : label;
    return {record.empty() ? label : QString::fromStdString(record) + QStringLiteral(": ") + label, axis};
}

// One plot per metric, one series per run, from each run's metrics.csv and eval.csv.
int drawCurves(const QStringList& runs, QStringList metrics, double smoothing, int columns, const QString& output,
               const QSize& size, const PublicationStyle& style)
{
    std::vector<RunCurves> curves;
    for (const QString& run : runs) {
        try {
            curves.push_back(readRunCurves(QFile::encodeName(run).toStdString()));
        } catch (const std::exception& e) {
            return fail(kBadInput, QString::fromLocal8Bit(e.what()));
        }
    }
    if (metrics.isEmpty()) metrics = {QStringLiteral("validation/accuracy_hard"), QStringLiteral("train/loss")};
    PlotDashboard dashboard;
    dashboard.resize(size);
    dashboard.setSmoothing(smoothing);
    QList<QPair<QString, QColor>> key;
    const auto& palette = okabeItoPalette();
    for (std::size_t r = 0; r < curves.size(); ++r)
        key.append({QString::fromStdString(curves[r].name), palette[static_cast<int>(r) % palette.size()]});
    for (const QString& metric : metrics) {
        const std::string id = metric.toStdString();
        bool any = false;
        for (const auto& run : curves) any = any || run.byMetric.count(id) > 0;
        if (!any) {
            QStringList known;
            for (const auto& [name, points] : curves.front().byMetric) known << QString::fromStdString(name);
            return fail(kBadInput, QStringLiteral("no run has the metric '%1'; %2 has %3")
                                       .arg(metric, runs.front(), known.join(QStringLiteral(", "))));
        }
        const auto [title, axisLabel] = curveTitleAndLabel(id);
        MetricPlot* plot = dashboard.addPlot(metric, title, axisLabel);
        for (std::size_t r = 0; r < curves.size(); ++r) {
            const auto found = curves[r].byMetric.find(id);
            if (found == curves[r].byMetric.end()) continue;
            QVector<double> steps, wall, values;
            for (const CurvePoint& p : found->second) {
                steps << p.step;
                wall << p.x;
                values << p.y;
            }
            const QString seriesId = key[static_cast<int>(r)].first;
            plot->addSeries(seriesId, seriesId, key[static_cast<int>(r)].second);
            plot->setLegendShown(curves.size() == 1);  // several runs: the key under the plots names them
            plot->appendPoints(seriesId, steps, wall, values);
        }
    }
    if (curves.size() > 1) dashboard.setSeriesKey(key);
    dashboard.setColumns(std::max(1, columns));
    QString error;
    if (!dashboard.exportFigure(output, size, style, &error)) return fail(kBadInput, error);
    std::printf("wrote %s\n", qPrintable(QDir::toNativeSeparators(output)));
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    // Figures need no display: the offscreen platform, unless the caller chose one.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("megatoken-plot"));
    QApplication::setApplicationVersion(QStringLiteral(MEGATOKEN_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Draws figures from Megatoken result tables without a display.\n\n"
                       "  pareto SWEEP   quality against the kept fraction of tokens, one series per method\n"
                       "                 (variants included), with the Pareto front; SWEEP is a sweep folder or its\n"
                       "                 sweep.csv. Rows averaged over seeds (sweep --seeds N) get error bars of\n"
                       "                 one standard deviation in both directions."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The figure: pareto or curves."));
    parser.addPositionalArgument(QStringLiteral("input"),
                                 QStringLiteral("pareto: a sweep folder or its sweep.csv; curves: run folders."));
    const QCommandLineOption outputOption(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The file to write: .png, .svg, .pdf or .tex (a standalone pgfplots document with the data)."),
        QStringLiteral("file"));
    const QCommandLineOption metricOption(
        QStringLiteral("metric"),
        QStringLiteral("pareto: quality on the y axis: %1 (default %2). curves: a run metric such as "
                       "validation/accuracy_hard or train/loss (repeatable; default those two).")
            .arg(metricKeys().join(QStringLiteral(", ")), metricKeys().value(0)),
        QStringLiteral("name"));
    const QCommandLineOption widthCmOption(QStringLiteral("width-cm"),
                                           QStringLiteral("Print width of a PDF, SVG or .tex in cm (8.5: a journal "
                                                          "column, 17.5: a page); text at --font-pt."),
                                           QStringLiteral("cm"));
    const QCommandLineOption heightCmOption(QStringLiteral("height-cm"),
                                            QStringLiteral("Print height in cm (default: in proportion)."),
                                            QStringLiteral("cm"), QStringLiteral("0"));
    const QCommandLineOption fontPtOption(QStringLiteral("font-pt"),
                                          QStringLiteral("Text size on paper with --width-cm (default 8)."),
                                          QStringLiteral("pt"), QStringLiteral("8"));
    const QCommandLineOption paletteOption(
        QStringLiteral("palette"),
        QStringLiteral("Colours: default, or okabe-ito (safe with every common colour-vision deficiency)."),
        QStringLiteral("name"), QStringLiteral("default"));
    const QCommandLineOption smoothingOption(QStringLiteral("smoothing"),
                                             QStringLiteral("curves: EMA smoothing weight 0..0.999 (default 0)."),
                                             QStringLiteral("weight"), QStringLiteral("0"));
    const QCommandLineOption columnsOption(QStringLiteral("columns"),
                                           QStringLiteral("curves: plots per row (default 2; 1 below 12 cm wide)."),
                                           QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Image size in pixels (default 1200x750)."),
                                        QStringLiteral("WxH"), QStringLiteral("1200x750"));
    const QCommandLineOption titleOption(QStringLiteral("title"), QStringLiteral("A title above the plot."),
                                         QStringLiteral("text"));
    parser.addOptions({outputOption, metricOption, sizeOption, titleOption, widthCmOption, heightCmOption, fontPtOption,
                       paletteOption, smoothingOption, columnsOption});

    // parse() rather than process(): errors end in one line of ours, with our exit code.
    if (!parser.parse(QCoreApplication::arguments())) return fail(kBadUsage, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version"))) parser.showVersion();

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(kBadUsage, QStringLiteral("no command given; usage: megatoken-plot pareto SWEEP --output FILE"));
    const QString command = positional.front();
    if (command != QLatin1String("pareto") && command != QLatin1String("curves"))
        return fail(kBadUsage, QStringLiteral("unknown command '%1'; use pareto or curves").arg(command));
    if (command == QLatin1String("pareto") && positional.size() != 2)
        return fail(
            kBadUsage,
            QStringLiteral("pareto takes one sweep folder or sweep.csv, got %1 arguments").arg(positional.size() - 1));
    if (command == QLatin1String("curves") && positional.size() < 2)
        return fail(kBadUsage, QStringLiteral("curves takes one or more run folders"));
    if (!parser.isSet(outputOption))
        return fail(kBadUsage, QStringLiteral("--output FILE.png|svg|pdf|tex is required"));

    const QString output = parser.value(outputOption);
    const auto size = parseSize(parser.value(sizeOption));
    if (!size)
        return fail(kBadInput,
                    QStringLiteral("--size: expected WxH between 16 and 10000 pixels, e.g. 1600x1000, got '%1'")
                        .arg(parser.value(sizeOption)));
    PublicationStyle style;
    const auto number = [&](const QCommandLineOption& option, double low, double high, double* out) {
        bool ok = false;
        const double value = QLocale::c().toDouble(parser.value(option).trimmed(), &ok);
        if (!ok || value < low || value > high) return false;
        *out = value;
        return true;
    };
    if (parser.isSet(widthCmOption) && !number(widthCmOption, 2, 100, &style.widthCm))
        return fail(kBadInput,
                    QStringLiteral("--width-cm: expected 2 to 100, got '%1'").arg(parser.value(widthCmOption)));
    if (!number(heightCmOption, 0, 100, &style.heightCm))
        return fail(kBadInput,
                    QStringLiteral("--height-cm: expected 0 to 100, got '%1'").arg(parser.value(heightCmOption)));
    if (!number(fontPtOption, 4, 40, &style.fontPt))
        return fail(kBadInput, QStringLiteral("--font-pt: expected 4 to 40, got '%1'").arg(parser.value(fontPtOption)));
    const QString palette = parser.value(paletteOption);
    if (palette != QLatin1String("default") && palette != QLatin1String("okabe-ito"))
        return fail(kBadInput, QStringLiteral("--palette: expected default or okabe-ito, got '%1'").arg(palette));
    style.colourBlindSafe = palette == QLatin1String("okabe-ito");
    // The target is checked before the data is read: a typo in the suffix costs nothing.
    QString error;
    if (!PlotFileExport::checkTarget(output, *size, &error)) return fail(kBadInput, error);

    if (command == QLatin1String("curves")) {
        double smoothing = 0;
        if (!number(smoothingOption, 0, 0.999, &smoothing))
            return fail(
                kBadInput,
                QStringLiteral("--smoothing: expected 0 to 0.999, got '%1'").arg(parser.value(smoothingOption)));
        // Two plots side by side need a page's width; a column-wide figure stacks them.
        double columns = style.printSize() && style.widthCm < 12 && !parser.isSet(columnsOption) ? 1 : 2;
        if (parser.isSet(columnsOption) && !number(columnsOption, 1, 8, &columns))
            return fail(kBadInput,
                        QStringLiteral("--columns: expected 1 to 8, got '%1'").arg(parser.value(columnsOption)));
        return drawCurves(positional.mid(1), parser.values(metricOption), smoothing, static_cast<int>(columns), output,
                          *size, style);
    }

    const QString metricKey = parser.isSet(metricOption) ? parser.value(metricOption) : metricKeys().value(0);
    const auto metric = ParetoPlot::metricFromKey(metricKey);
    if (!metric)
        return fail(kBadInput, QStringLiteral("unknown metric '%1'; use one of %2")
                                   .arg(metricKey, metricKeys().join(QStringLiteral(", "))));

    const QString table = tablePath(positional.at(1));
    std::vector<SweepRow> rows;
    try {
        rows = readSweepTable(QFile::encodeName(table).toStdString());
    } catch (const std::exception& e) {
        return fail(kBadInput, QString::fromLocal8Bit(e.what()));
    }

    if (!ParetoPlot::exportFigure(rows, *metric, parser.value(titleOption), output, *size, &error, style))
        return fail(kBadInput, error);
    std::printf("wrote %s\n", qPrintable(QDir::toNativeSeparators(output)));
    return 0;
}
