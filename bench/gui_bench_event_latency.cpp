// GUI responsiveness while training: a 10 ms timer on the GUI thread measures how late each of
// its ticks fires while the workbench trains the tiny preset on the default corpus (the worker
// thread computes; the GUI thread receives the steps and replots). Prints JSON:
//   {"p50_ms":..., "p99_ms":..., "max_ms":..., "ticks":..., "steps":..., "evaluations":..., ...}
// At the end it closes the window mid-run, as a user would, and reports how long the run took to
// stop (after the current step or evaluation batch, with a checkpoint).
// With --runs-from DIR, every run directory in DIR (its config.json, status.json, metrics.csv and
// eval.csv; no checkpoints) is copied into the runs folder first, and --tab hyperparameters shows
// the Hyperparameters tab while measuring: it reads the runs again whenever the live run's row
// changes (an evaluation, a checkpoint), on the GUI thread.
// Usage: gui_bench_event_latency [seconds=60] [--threads N] [--runs-from DIR] [--tab hyperparameters]
//        (QT_QPA_PLATFORM=offscreen works)
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/gui/MainWindow.h"
#include "app/gui/TrainingSession.h"
#include "widgets/config/ConfigForm.h"

using namespace megatoken;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    double seconds = 60;
    QString threads, runsFrom, tab;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == "--threads" && i + 1 < argc)
            threads = QString::fromLocal8Bit(argv[++i]);
        else if (arg == "--runs-from" && i + 1 < argc)
            runsFrom = QString::fromLocal8Bit(argv[++i]);
        else if (arg == "--tab" && i + 1 < argc)
            tab = QString::fromLocal8Bit(argv[++i]);
        else
            seconds = arg.toDouble();
    }
    QTemporaryDir runs;
    int copiedRuns = 0;
    if (!runsFrom.isEmpty()) {
        const QDir from(runsFrom);
        for (const QString& name : from.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir run(from.filePath(name));
            if (!run.exists(QStringLiteral("metrics.csv"))) continue;
            QDir(runs.path()).mkpath(name);
            for (const char* file : {"config.json", "status.json", "metrics.csv", "eval.csv"})
                if (run.exists(QLatin1String(file)))
                    QFile::copy(run.filePath(QLatin1String(file)), QDir(runs.path()).filePath(name + '/' + file));
            ++copiedRuns;
        }
    }
    MainWindowOptions options;
    options.runsDirectory = runs.path();
    options.restoreSettings = false;
    options.confirmClose = false;
    MainWindow window(options);
    window.resize(1600, 1000);
    window.show();
    // The tiny preset as the README's first command starts it, evaluating often so that
    // evaluations (the longest worker phases) fall inside the window.
    window.configForm()->setKeyText(QStringLiteral("run.eval_every"), QStringLiteral("25"));
    if (!threads.isEmpty()) window.configForm()->setKeyText(QStringLiteral("run.threads"), threads);
    if (tab == QStringLiteral("hyperparameters")) {
        auto* tabs = window.findChild<QTabWidget*>();
        for (int i = 0; tabs && i < tabs->count(); ++i)
            if (tabs->tabText(i).remove('&') == QStringLiteral("Hyperparameters")) tabs->setCurrentIndex(i);
    }

    std::vector<double> lateness;
    int steps = 0, evaluations = 0;
    QElapsedTimer sinceStart;  // Start pressed -> first step on the plots (data, tokenizer, model)
    double firstStepSeconds = -1;
    QElapsedTimer clock;
    QElapsedTimer closing;  // window.close() -> the run stopped (checkpoint written)
    double closeToStoppedMs = -1;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(10);
    qint64 expected = 0;
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateness.push_back(std::max<qint64>(0, now - expected) / 1e6);
        expected = now + 10'000'000;
        if (now / 1e9 > seconds) {
            ticker.stop();
            closing.start();
            window.close();
        }
    });
    QObject::connect(window.session(), &TrainingSession::stepCompleted, [&](const StepMetrics&) {
        if (++steps == 1) {  // measure from the first step on: data preparation is over
            firstStepSeconds = sinceStart.nsecsElapsed() / 1e9;
            clock.start();
            expected = 10'000'000;
            ticker.start();
        }
    });
    QObject::connect(window.session(), &TrainingSession::evaluationCompleted,
                     [&](const EvalMetrics&) { ++evaluations; });
    QObject::connect(window.session(), &TrainingSession::finished, &app, [&] {
        if (closing.isValid()) closeToStoppedMs = closing.nsecsElapsed() / 1e6;
        app.quit();
    });
    sinceStart.start();
    if (!window.startTraining()) return 1;
    app.exec();

    if (lateness.empty()) {
        std::fprintf(stderr, "no ticks recorded\n");
        return 1;
    }
    std::vector<double> sorted = lateness;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&](double q) {
        return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * sorted.size()))];
    };
    std::printf(
        "{\"benchmark\": \"gui_event_latency\", \"seconds\": %.1f, \"ticks\": %zu, \"steps\": %d, \"evaluations\": %d, "
        "\"p50_ms\": %.2f, \"p90_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f, \"first_step_s\": %.1f, "
        "\"close_to_stopped_ms\": %.0f, \"other_runs\": %d, \"tab\": \"%s\", \"device\": \"%s\"}\n",
        seconds, lateness.size(), steps, evaluations, at(0.50), at(0.90), at(0.99), sorted.back(), firstStepSeconds,
        closeToStoppedMs, copiedRuns, qPrintable(tab.isEmpty() ? QStringLiteral("dashboard") : tab),
        qPrintable(window.session()->device()));
    return 0;
}
