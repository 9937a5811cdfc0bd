// megatoken-plot: figures from result tables without a display, for scripts and the CLI.
//
//   megatoken-plot pareto SWEEP_DIR_OR_CSV --output FILE.(png|svg|pdf)
//                  [--metric bleu_free|rouge_l_free|accuracy_hard|accuracy_free] [--size WxH] [--title TEXT]
//
// The metric names are the metric schema's (core/runs/MetricSchema.h); the older keys bleu, rouge,
// accuracy-hard and accuracy-free are still accepted. A sweep run with --seeds N has its means in
// sweep.csv with their SDs: the figure draws them with error bars of one SD both ways (kept
// fraction and quality); a table without SD columns draws none.
//
// Exit 0 after writing the file (its path is printed); 1 with a one-line error naming the file
// for bad input; 2 for a malformed command line. `megatoken sweep` runs this tool from beside
// its own executable to draw pareto.png and pareto.svg, so the interface above must stay.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>
#include <exception>
#include <optional>

#include "core/runs/SweepTable.h"
#include "widgets/plot/ParetoPlot.h"
#include "widgets/plot/PlotFileExport.h"

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
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The figure: pareto."));
    parser.addPositionalArgument(QStringLiteral("input"), QStringLiteral("A sweep folder or its sweep.csv."));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("The file to write: .png, .svg or .pdf."),
                                          QStringLiteral("file"));
    const QCommandLineOption metricOption(QStringLiteral("metric"),
                                          QStringLiteral("Quality on the y axis: %1 (default %2).")
                                              .arg(metricKeys().join(QStringLiteral(", ")), metricKeys().value(0)),
                                          QStringLiteral("name"), metricKeys().value(0));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Image size in pixels (default 1200x750)."),
                                        QStringLiteral("WxH"), QStringLiteral("1200x750"));
    const QCommandLineOption titleOption(QStringLiteral("title"), QStringLiteral("A title above the plot."),
                                         QStringLiteral("text"));
    parser.addOptions({outputOption, metricOption, sizeOption, titleOption});

    // parse() rather than process(): errors end in one line of ours, with our exit code.
    if (!parser.parse(QCoreApplication::arguments())) return fail(kBadUsage, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version"))) parser.showVersion();

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(kBadUsage, QStringLiteral("no command given; usage: megatoken-plot pareto SWEEP --output FILE"));
    if (positional.front() != QLatin1String("pareto"))
        return fail(kBadUsage,
                    QStringLiteral("unknown command '%1'; the only one is 'pareto'").arg(positional.front()));
    if (positional.size() != 2)
        return fail(
            kBadUsage,
            QStringLiteral("pareto takes one sweep folder or sweep.csv, got %1 arguments").arg(positional.size() - 1));
    if (!parser.isSet(outputOption)) return fail(kBadUsage, QStringLiteral("--output FILE.png|svg|pdf is required"));

    const QString output = parser.value(outputOption);
    const auto metric = ParetoPlot::metricFromKey(parser.value(metricOption));
    if (!metric)
        return fail(kBadInput, QStringLiteral("unknown metric '%1'; use one of %2")
                                   .arg(parser.value(metricOption), metricKeys().join(QStringLiteral(", "))));
    const auto size = parseSize(parser.value(sizeOption));
    if (!size)
        return fail(kBadInput,
                    QStringLiteral("--size: expected WxH between 16 and 10000 pixels, e.g. 1600x1000, got '%1'")
                        .arg(parser.value(sizeOption)));
    // The target is checked before the table is read: a typo in the suffix costs nothing.
    QString error;
    if (!PlotFileExport::checkTarget(output, *size, &error)) return fail(kBadInput, error);

    const QString table = tablePath(positional.at(1));
    std::vector<SweepRow> rows;
    try {
        rows = readSweepTable(QFile::encodeName(table).toStdString());
    } catch (const std::exception& e) {
        return fail(kBadInput, QString::fromLocal8Bit(e.what()));
    }

    if (!ParetoPlot::exportFigure(rows, *metric, parser.value(titleOption), output, *size, &error))
        return fail(kBadInput, error);
    std::printf("wrote %s\n", qPrintable(QDir::toNativeSeparators(output)));
    return 0;
}
