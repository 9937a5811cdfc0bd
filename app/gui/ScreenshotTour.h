#pragma once
// Drives the main window through the scenes of docs/screenshots (training live, a comparison of
// runs, the export dialog) and saves each as a PNG, so anyone can regenerate them with
// scripts/screenshots.sh. Everything shown is real: the run trains, the compared runs are read
// from their directories.

#include <QObject>
#include <QString>
#include <QStringList>

namespace megatoken {

class MainWindow;
struct StepMetrics;
struct EvalMetrics;

class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    // inspectRun: the run the inspector shots use (default: the first compared run).
    ScreenshotTour(MainWindow* window, QString outputDirectory, QStringList compareRuns, QString inspectRun = {},
                   QObject* parent = nullptr);

    // Steps of live training before the first shot (at least one evaluation is waited for too).
    void setLiveSteps(int steps) { liveSteps_ = steps; }

public slots:
    void begin();

private:
    void onStep(const StepMetrics& metrics);
    void onEvaluation(const EvalMetrics& metrics);
    void shootTraining();
    void shootComparison();
    void shootInspector();
    void shootSweep();
    void shootExportDialog();
    bool save(const QPixmap& pixmap, const QString& name);
    void finish(int exitCode);

    MainWindow* window_;
    QString outputDirectory_;
    QStringList compareRuns_;
    QString inspectRun_;
    int liveSteps_ = 150;
    bool evaluated_ = false;
    bool liveShotTaken_ = false;
};

}  // namespace megatoken
