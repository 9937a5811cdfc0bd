#include "app/gui/ScreenshotTour.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include <algorithm>

#include <cstdio>
#include <memory>

#include "app/gui/InspectorPanel.h"
#include "app/gui/MainWindow.h"
#include "app/gui/SweepPanel.h"
#include "app/gui/TrainingSession.h"
#include "widgets/config/ConfigForm.h"
#include "widgets/inspect/CrossAttentionView.h"
#include "widgets/plot/PlotDashboard.h"
#include "widgets/plot/PlotExportDialog.h"

namespace megatoken {

ScreenshotTour::ScreenshotTour(MainWindow* window, QString outputDirectory, QStringList compareRuns, QString inspectRun,
                               QObject* parent)
    : QObject(parent),
      window_(window),
      outputDirectory_(std::move(outputDirectory)),
      compareRuns_(std::move(compareRuns)),
      inspectRun_(std::move(inspectRun))
{
    if (inspectRun_.isEmpty() && !compareRuns_.isEmpty()) inspectRun_ = compareRuns_.front();
    connect(window_->session(), &TrainingSession::stepCompleted, this, &ScreenshotTour::onStep);
    connect(window_->session(), &TrainingSession::evaluationCompleted, this, &ScreenshotTour::onEvaluation);
}

void ScreenshotTour::begin()
{
    QDir().mkpath(outputDirectory_);
    window_->resize(1600, 1000);
    window_->move(0, 0);
    // Evaluate often so the validation curves have points by the time of the shot.
    window_->configForm()->setKeyText(QStringLiteral("run.eval_every"),
                                      QString::number(std::min(50, std::max(1, liveSteps_))));
    std::fprintf(stderr, "screenshots: training until step %d\n", liveSteps_);
    if (!window_->startTraining()) finish(1);
}

void ScreenshotTour::onStep(const StepMetrics& metrics)
{
    if (!liveShotTaken_ && metrics.step >= liveSteps_ && evaluated_) {
        liveShotTaken_ = true;
        QTimer::singleShot(300, this, &ScreenshotTour::shootTraining);  // let the queued replot land
    }
}

void ScreenshotTour::onEvaluation(const EvalMetrics&)
{
    evaluated_ = true;
}

void ScreenshotTour::shootTraining()
{
    save(window_->grab(), QStringLiteral("main-window-training.png"));
    connect(window_->session(), &TrainingSession::finished, this,
            [this] { QTimer::singleShot(200, this, &ScreenshotTour::shootComparison); });
    window_->stopTraining();
}

void ScreenshotTour::shootComparison()
{
    if (compareRuns_.size() < 2) {
        std::fprintf(stderr, "screenshots: no runs to compare given (--compare a,b); skipping that shot\n");
        shootInspector();
        return;
    }
    window_->openRuns(compareRuns_);
    QTimer::singleShot(600, this, [this] {
        save(window_->grab(), QStringLiteral("run-comparison.png"));
        shootInspector();
    });
}

void ScreenshotTour::shootInspector()
{
    if (inspectRun_.isEmpty()) {
        shootSweep();
        return;
    }
    InspectorPanel* inspector = window_->inspector();
    window_->showInspector();
    const QStringList sentences = {
        QStringLiteral("green cat sat on the mat"),
        QStringLiteral("a small domesticated carnivorous mammal with soft fur, a short snout and retractable claws, "
                       "kept as a pet or for catching mice")};
    auto shot = std::make_shared<int>(0);
    connect(inspector, &InspectorPanel::inspectionShown, this, [this, inspector, sentences, shot](double ms) {
        std::fprintf(stderr, "screenshots: inspected in %.1f ms\n", ms);
        QTimer::singleShot(400, this, [this, inspector, sentences, shot] {
            save(window_->grab(),
                 *shot == 0 ? QStringLiteral("inspector.png") : QStringLiteral("inspector-long-sentence.png"));
            if (++*shot < sentences.size()) {
                inspector->setText(sentences[*shot]);
                return;
            }
            disconnect(inspector, &InspectorPanel::inspectionShown, this, nullptr);
            // The Decoder tab on the long sentence: what one output piece read, then several.
            inspector->showDecoderTab();
            CrossAttentionView* view = inspector->crossAttentionView();
            const int outputs = static_cast<int>(inspector->lastInspection().crossAttention.outputLength);
            view->selectOutputs({std::min(3, std::max(0, outputs - 1))});
            QTimer::singleShot(400, this, [this, inspector, view, outputs] {
                save(window_->grab(), QStringLiteral("inspector-decoder.png"));
                QList<int> several;
                for (int o = 4; o < std::min(outputs, 9); ++o) several << o;
                view->selectOutputs(several);
                QTimer::singleShot(400, this, [this, inspector] {
                    save(window_->grab(), QStringLiteral("inspector-decoder-several.png"));
                    inspector->showGatesTab();
                    window_->showDashboard();
                    shootSweep();
                });
            });
        });
    });
    connect(
        inspector, &InspectorPanel::modelChanged, this,
        [inspector, sentences] { inspector->setText(sentences.front()); }, Qt::SingleShotConnection);
    inspector->useRun(inspectRun_);
}

// Only when a sweep was opened (--sweep): the tour has no sweep of its own to run.
void ScreenshotTour::shootSweep()
{
    if (window_->sweepPanel()->rows().empty()) {
        shootExportDialog();
        return;
    }
    window_->showSweep();
    QTimer::singleShot(500, this, [this] {
        save(window_->grab(), QStringLiteral("sweep.png"));
        window_->showDashboard();
        shootExportDialog();
    });
}

void ScreenshotTour::shootExportDialog()
{
    PlotExportDialog* dialog = window_->createExportDialog();
    dialog->setTarget(QString());
    dialog->setFormat(QStringLiteral("svg"));
    dialog->setImageSize(QSize(1600, 1000));
    // A real export, written where it does not clutter the screenshots folder.
    dialog->setFilePath(QDir(QDir::tempPath()).filePath(QStringLiteral("megatoken-dashboard.svg")));
    dialog->show();
    QTimer::singleShot(600, this, [this, dialog] {
        // The whole screen, so the dialog is seen over the window it belongs to.
        QScreen* screen = QGuiApplication::primaryScreen();
        const QPixmap shot = screen ? screen->grabWindow(0) : window_->grab();
        save(shot.copy(QRect(QPoint(0, 0), window_->frameGeometry().size()).intersected(shot.rect())),
             QStringLiteral("export-dialog.png"));
        QString error;
        const bool exported = window_->exportFromDialog(*dialog, &error);
        if (!exported) std::fprintf(stderr, "screenshots: export failed: %s\n", qPrintable(error));
        dialog->close();
        dialog->deleteLater();
        finish(exported ? 0 : 1);
    });
}

bool ScreenshotTour::save(const QPixmap& pixmap, const QString& name)
{
    const QString path = QDir(outputDirectory_).filePath(name);
    const bool ok = pixmap.save(path);
    std::fprintf(stderr, "screenshots: %s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

void ScreenshotTour::finish(int exitCode)
{
    QTimer::singleShot(0, qApp, [exitCode] { QCoreApplication::exit(exitCode); });
}

}  // namespace megatoken
