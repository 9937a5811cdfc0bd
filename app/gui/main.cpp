// The Megatoken Workbench GUI.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QHash>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

#include "app/gui/MainWindow.h"
#include "app/gui/ScreenshotTour.h"
#include "core/config/Presets.h"
#include "core/platform/BlasKernels.h"
#include "widgets/config/ConfigForm.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"
#include "widgets/runs/RunGroupingControls.h"

using namespace megatoken;

namespace {

// The saved language ("" = the system's), overridable with --language.
void installTranslations(QApplication& app, const QString& requested)
{
    const QString code = requested.isEmpty() ? QSettings().value(QStringLiteral("ui/language")).toString() : requested;
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) return;
    auto* ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("megatoken"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(ours);
    auto* qt = new QTranslator(&app);  // Qt's own dialogs (file dialogs, message box buttons)
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    QLocale::setDefault(locale);
}

}  // namespace

int main(int argc, char** argv)
{
    // Before anything else: it may re-execute this program (core/platform/BlasKernels.h).
    if (const auto note = megatoken::restartWithFastBlasKernels(argv); !note.empty())
        std::fprintf(stderr, "megatoken-workbench: %s\n", note.c_str());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Megatoken"));
    QApplication::setApplicationName(QStringLiteral("Megatoken Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(MEGATOKEN_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/megatoken.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Train and study learnable token dropping (Megatoken)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Folder that holds the runs."),
                                        QStringLiteral("dir"));
    const QCommandLineOption presetOption(
        QStringLiteral("preset"), QStringLiteral("Start from this preset (tiny, small, ...)."), QStringLiteral("name"));
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Load this configuration JSON."),
                                          QStringLiteral("file"));
    const QCommandLineOption startOption(QStringLiteral("start"), QStringLiteral("Start training at once."));
    const QCommandLineOption languageOption(QStringLiteral("language"), QStringLiteral("UI language: en, de, ru."),
                                            QStringLiteral("code"));
    const QCommandLineOption freshOption(
        QStringLiteral("fresh"), QStringLiteral("Ignore and keep the saved settings (window, last configuration)."));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        QStringLiteral("Make the documentation screenshots into dir, then quit (see scripts/screenshots.sh)."),
        QStringLiteral("dir"));
    const QCommandLineOption liveStepsOption(
        QStringLiteral("live-steps"),
        QStringLiteral("With --screenshots: steps of live training before the first shot (default 150)."),
        QStringLiteral("n"), QStringLiteral("150"));
    const QCommandLineOption compareOption(
        QStringLiteral("compare"), QStringLiteral("With --screenshots: run directories to overlay, comma-separated."),
        QStringLiteral("dirs"));
    const QCommandLineOption openOption(
        QStringLiteral("open"),
        QStringLiteral("Show these run directories at start (comma-separated; several are overlaid)."),
        QStringLiteral("dirs"));
    const QCommandLineOption exportOption(
        QStringLiteral("export-dashboard"),
        QStringLiteral("With --open: write the dashboard to this .png/.pdf/.svg/.tex file and quit."),
        QStringLiteral("file"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Size of --export-dashboard, WxH (default 1600x1000)."),
                                        QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption inspectOption(
        QStringLiteral("inspect"),
        QStringLiteral("With --screenshots: the run the inspector shots use (default: the first compared)."),
        QStringLiteral("dir"));
    const QCommandLineOption sweepOption(
        QStringLiteral("sweep"), QStringLiteral("Show this sweep folder (or its sweep.csv) in the Sweep tab at start."),
        QStringLiteral("dir"));
    const QCommandLineOption importHfOption(
        QStringLiteral("import-hf"),
        QStringLiteral("Import this Hugging Face T5 folder into the runs folder and show it in the inspector."),
        QStringLiteral("dir"));
    const QCommandLineOption groupByOption(
        QStringLiteral("group-by"),
        QStringLiteral("Draw runs opened together that differ only in this config key as one curve per group, "
                       "their mean with a band (e.g. optim.seed)."),
        QStringLiteral("key"));
    const QCommandLineOption bandOption(
        QStringLiteral("band"), QStringLiteral("With --group-by: the band, min-max, sd or ci95 (default min-max)."),
        QStringLiteral("kind"), QStringLiteral("min-max"));
    const QCommandLineOption smoothingOption(
        QStringLiteral("smoothing"),
        QStringLiteral("EMA smoothing of the plots, 0 (raw values) to 0.99 (default: the saved one, else 0.6)."),
        QStringLiteral("weight"));
    const QCommandLineOption xAxisOption(
        QStringLiteral("x-axis"),
        QStringLiteral("The plots' x axis: step, time (relative training time), tokens, flops or clock."),
        QStringLiteral("axis"));
    parser.addOptions({openOption, exportOption, sizeOption, inspectOption, sweepOption, importHfOption, groupByOption,
                       bandOption, smoothingOption, xAxisOption});
    parser.addOptions({runsOption, presetOption, configOption, startOption, languageOption, freshOption,
                       screenshotsOption, compareOption, liveStepsOption});
    parser.process(app);

    installTranslations(app, parser.value(languageOption));

    MainWindowOptions options;
    options.runsDirectory = parser.value(runsOption);
    const bool tour = parser.isSet(screenshotsOption);
    options.restoreSettings = !parser.isSet(freshOption) && !tour;
    MainWindow window(options);
    if (parser.isSet(presetOption)) {
        try {
            window.configForm()->setConfig(preset(parser.value(presetOption).toStdString()));
        } catch (const std::exception& e) {
            fprintf(stderr, "--preset: %s\n", e.what());
            return 2;
        }
    }
    if (parser.isSet(configOption)) {
        QString error;
        if (!window.configForm()->loadFile(parser.value(configOption), &error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
    }
    if (parser.isSet(smoothingOption)) {
        // QString::toDouble reads "0.6" in every locale (a German one included).
        bool ok = false;
        const double weight = parser.value(smoothingOption).toDouble(&ok);
        if (!ok || weight < 0 || weight > PlotDashboard::kMaxSmoothing) {
            fprintf(stderr, "--smoothing: expected a number from 0 to 0.99, got %s\n",
                    qPrintable(parser.value(smoothingOption)));
            return 2;
        }
        window.dashboard()->setSmoothing(weight);
    }
    if (parser.isSet(xAxisOption)) {
        const QHash<QString, MetricPlot::XAxis> axes{{QStringLiteral("step"), MetricPlot::XAxis::Step},
                                                     {QStringLiteral("time"), MetricPlot::XAxis::WallTime},
                                                     {QStringLiteral("tokens"), MetricPlot::XAxis::Tokens},
                                                     {QStringLiteral("flops"), MetricPlot::XAxis::Flops},
                                                     {QStringLiteral("clock"), MetricPlot::XAxis::ClockTime}};
        const QString name = parser.value(xAxisOption);
        if (!axes.contains(name)) {
            fprintf(stderr, "--x-axis: expected step, time, tokens, flops or clock, got %s\n", qPrintable(name));
            return 2;
        }
        window.dashboard()->setXAxis(axes.value(name));
    }
    if (parser.isSet(bandOption) && !parser.isSet(groupByOption)) {
        fprintf(stderr, "--band needs --group-by KEY (e.g. --group-by optim.seed)\n");
        return 2;
    }
    if (parser.isSet(groupByOption)) {
        BandKind band = BandKind::MinMax;
        try {
            band = bandKindFromName(parser.value(bandOption).toStdString());
        } catch (const std::invalid_argument& e) {
            fprintf(stderr, "--band: %s\n", e.what());
            return 2;
        }
        const QString key = parser.value(groupByOption);
        if (!RunGroupingControls::groupableKeys().contains(key)) {
            fprintf(stderr, "--group-by: \"%s\" is not a config key a run can be grouped by (e.g. optim.seed)\n",
                    qPrintable(key));
            return 2;
        }
        window.setRunGrouping({key}, band);
    }
    if (parser.isSet(openOption)) {
        // Exporting from the command line never waits on a dialog: an unreadable run is printed
        // and the export fails (exit 1) instead of drawing a dashboard without it.
        QStringList problems;
        const bool exporting = parser.isSet(exportOption);
        window.openRuns(parser.value(openOption).split(',', Qt::SkipEmptyParts), exporting ? &problems : nullptr);
        if (!problems.isEmpty()) {
            for (const QString& problem : std::as_const(problems)) fprintf(stderr, "%s\n", qPrintable(problem));
            fprintf(stderr, "--export-dashboard: not written, %lld run(s) could not be opened\n",
                    static_cast<long long>(problems.size()));
            return 1;
        }
    } else if (parser.isSet(exportOption)) {
        fprintf(stderr, "--export-dashboard needs --open RUN[,RUN...]\n");
        return 2;
    }
    if (parser.isSet(sweepOption)) {
        // A table that cannot be read is reported in the tab (and here); the window still opens.
        QString error;
        if (!window.openSweep(parser.value(sweepOption), &error)) fprintf(stderr, "--sweep: %s\n", qPrintable(error));
    }
    if (parser.isSet(importHfOption)) {
        const QString folder = parser.value(importHfOption);
        QTimer::singleShot(0, &window, [&window, folder] { window.importHfFolder(folder); });
    }
    if (parser.isSet(exportOption)) {
        // Figures for a paper or a report straight from run directories, no clicking.
        const QStringList size = parser.value(sizeOption).split('x');
        const int width = size.value(0).toInt(), height = size.value(1).toInt();
        if (width <= 0 || height <= 0) {
            fprintf(stderr, "--size: expected WxH, e.g. 1600x1000, got %s\n", qPrintable(parser.value(sizeOption)));
            return 2;
        }
        QString error;
        if (!window.dashboard()->exportDashboard(parser.value(exportOption), width, height, &error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        fprintf(stderr, "wrote %s\n", qPrintable(parser.value(exportOption)));
        return 0;
    }
    window.show();

    if (tour) {
        auto* screenshots = new ScreenshotTour(&window, parser.value(screenshotsOption),
                                               parser.value(compareOption).split(',', Qt::SkipEmptyParts),
                                               parser.value(inspectOption), &app);
        screenshots->setLiveSteps(std::max(1, parser.value(liveStepsOption).toInt()));
        QTimer::singleShot(500, screenshots, &ScreenshotTour::begin);
    } else if (parser.isSet(startOption)) {
        QTimer::singleShot(0, &window, [&window] { window.startTraining(); });
    }
    return app.exec();
}
