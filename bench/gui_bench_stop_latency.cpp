// How fast Stop and closing the window end a run that is still preparing: the workbench trains
// the tiny preset on CORPUS with a fresh cache (so the corpus is read and the tokenizer trained,
// not reused), and some seconds into a phase presses Stop (as the toolbar does) or closes the
// window (as a user does, with the confirmation turned off). Measures from that moment to the
// run's finished() (Stop) or the window having closed (close). One JSON line per measurement:
//   {"benchmark": "gui_stop_latency", "phase": "reading corpus", "how": "stop", "delay_s": 0.5,
//    "at": "reading corpus", "fraction": 0.11, "ms": 35, "reason": "stopped"}
// ("at": the phase the status bar showed when Stop was pressed; "fraction": of the preparation.)
// Usage: gui_bench_stop_latency CORPUS [--reading-delay S=0.5] [--tokenizer-delay S=2] [--repeat N]
//        [--threads N]
//        (QT_QPA_PLATFORM=offscreen works; CORPUS: a large text file, e.g. a few hundred MB)
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <ctime>

#include "app/gui/MainWindow.h"
#include "app/gui/TrainingSession.h"
#include "core/engine/train/Trainer.h"
#include "widgets/config/ConfigForm.h"

using namespace megatoken;

namespace {

struct Measurement {
    double actionTime = 0;  // CLOCK_MONOTONIC seconds, to line up with a profiler's samples
    QString at;
    double fraction = -1;
    double ms = -1;
    QString reason;
};

Measurement measure(const QString& corpus, const QString& phase, bool close, double delaySeconds,
                    const QString& threads)
{
    QTemporaryDir runs, cache;
    qputenv("MEGATOKEN_CACHE_DIR", cache.path().toLocal8Bit());
    MainWindowOptions options;
    options.runsDirectory = runs.path();
    options.restoreSettings = false;
    options.confirmClose = false;
    MainWindow window(options);
    window.show();
    window.configForm()->setKeyText(QStringLiteral("data.corpus"), corpus);
    window.configForm()->setKeyText(QStringLiteral("data.max_texts"), QStringLiteral("0"));
    if (!threads.isEmpty()) window.configForm()->setKeyText(QStringLiteral("run.threads"), threads);

    Measurement result;
    QEventLoop loop;
    QElapsedTimer sinceAction;
    bool armed = false;
    double lastFraction = 0;
    QString lastPhase;
    QObject::connect(
        window.session(), &TrainingSession::progressChanged, &window, [&](double fraction, const QString& message) {
            lastFraction = fraction;
            lastPhase = message;
            if (armed || message != phase) return;
            armed = true;
            QTimer::singleShot(static_cast<int>(delaySeconds * 1000), &window, [&] {
                result.at = lastPhase;
                timespec now{};
                clock_gettime(CLOCK_MONOTONIC, &now);
                result.actionTime = static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
                result.fraction = lastFraction;
                sinceAction.start();
                if (close)
                    window.close();
                else
                    window.stopTraining();
            });
        });
    QObject::connect(window.session(), &TrainingSession::finished, &window, [&](int reason, const QString&) {
        result.reason = QString::fromLatin1(finishReasonName(static_cast<FinishReason>(reason)));
        if (!close) {
            result.ms = sinceAction.isValid() ? sinceAction.nsecsElapsed() / 1e6 : -1;
            loop.quit();
        }
    });
    QTimer poll;  // closing: done when the window is gone (onFinished closes it again)
    QObject::connect(&poll, &QTimer::timeout, &window, [&] {
        if (close && sinceAction.isValid() && !window.isVisible()) {
            result.ms = sinceAction.nsecsElapsed() / 1e6;
            loop.quit();
        }
    });
    poll.start(1);
    if (!window.startTraining()) return result;
    loop.exec();
    qunsetenv("MEGATOKEN_CACHE_DIR");
    return result;
}

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QString corpus, threads;
    double readingDelay = 0.5, tokenizerDelay = 2.0;
    int repeat = 1;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == "--reading-delay" && i + 1 < argc)
            readingDelay = QString::fromLocal8Bit(argv[++i]).toDouble();
        else if (arg == "--tokenizer-delay" && i + 1 < argc)
            tokenizerDelay = QString::fromLocal8Bit(argv[++i]).toDouble();
        else if (arg == "--repeat" && i + 1 < argc)
            repeat = QString::fromLocal8Bit(argv[++i]).toInt();
        else if (arg == "--threads" && i + 1 < argc)
            threads = QString::fromLocal8Bit(argv[++i]);
        else
            corpus = QDir(arg).absolutePath();
    }
    if (corpus.isEmpty()) {
        std::fprintf(stderr, "usage: gui_bench_stop_latency CORPUS [--reading-delay S] [--tokenizer-delay S] [--repeat "
                             "N] [--threads N]\n");
        return 2;
    }
    for (int r = 0; r < repeat; ++r)
        for (const char* phase : {Trainer::kPhaseReadingCorpus.data(), Trainer::kPhaseTokenizer.data()})
            for (const bool close : {false, true}) {
                const double delay = phase == Trainer::kPhaseReadingCorpus ? readingDelay : tokenizerDelay;
                const Measurement m = measure(corpus, QString::fromLatin1(phase), close, delay, threads);
                std::printf(
                    "{\"benchmark\": \"gui_stop_latency\", \"phase\": \"%s\", \"how\": \"%s\", \"delay_s\": %.1f, "
                    "\"at\": \"%s\", \"fraction\": %.3f, \"ms\": %.1f, \"reason\": \"%s\", \"t\": %.3f}\n",
                    phase, close ? "close" : "stop", delay, qPrintable(m.at), m.fraction, m.ms, qPrintable(m.reason),
                    m.actionTime);
                std::fflush(stdout);
            }
    return 0;
}
