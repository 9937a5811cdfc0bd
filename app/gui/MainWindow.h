#pragma once
// The workbench's main window: the configuration form (left), the live dashboard (centre), the
// run history and the log (docks), run control in the toolbar and the status bar. It wires
// widgets/ to the TrainingSession; it never touches LibTorch itself.

#include <QMainWindow>
#include <QPointer>
#include <QStringList>

#include "app/gui/MetricTypes.h"
#include "core/runs/EtaEstimator.h"
#include "core/stats/SampleSummary.h"

class QAction;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QTabWidget;

namespace megatoken {

class ConfigForm;
class DashboardController;
class HfImportTask;
class InspectorPanel;
class MetricPlot;
class PlotDashboard;
class PlotExportDialog;
class RunGroupingControls;
class RunHistoryView;
class HyperparameterPanel;
class SweepPanel;
class TrainingSession;

struct MainWindowOptions {
    QString runsDirectory;        // empty: the saved setting, else ./runs
    bool restoreSettings = true;  // tests start from defaults and leave the user's settings alone
    bool confirmClose = true;     // ask before closing during a run
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const MainWindowOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    ConfigForm* configForm() const { return configForm_; }
    PlotDashboard* dashboard() const { return dashboard_; }
    RunHistoryView* history() const { return history_; }
    InspectorPanel* inspector() const { return inspector_; }
    SweepPanel* sweepPanel() const { return sweep_; }
    void showInspector();  // the Inspector tab
    void showDashboard();  // the Dashboard tab
    void showSweep();      // the Sweep tab
    TrainingSession* session() const { return session_; }
    DashboardController* dashboardController() const { return controller_; }
    RunGroupingControls* groupingControls() const { return grouping_; }
    // Runs shown together draw as groups by these keys (empty: one curve per run), as if chosen
    // in the dashboard's Groups and Band controls; the runs on the plots are drawn again.
    void setRunGrouping(const QStringList& groupBy, BandKind band);
    QString runsDirectory() const;

    // Run control, as the toolbar does it.
    bool startTraining();
    void togglePause();
    void stopTraining();
    bool resumeRun(const QString& runDirectory, qint64 totalSteps);

    // Shows the given runs (one: its plots; several: overlaid, one colour each). A live run stays.
    // Runs that cannot be read are reported in a dialog, or, when `problems` is given (command-
    // line use: nothing may wait on a dialog), appended there, one message per run naming it.
    bool openRuns(const QStringList& runDirectories, QStringList* problems = nullptr);
    // Imports a Hugging Face T5 folder (`megatoken import-hf`) into the runs folder on a worker
    // thread and, once done, shows it in the inspector; the status bar shows the progress, a dialog
    // the reason it failed. Emits hfImportFinished either way. One import at a time.
    void importHfFolder(const QString& folder);
    // Shows the given run: the dashboard and the inspector; an imported run (no metrics yet) only
    // in the inspector.
    void openRunInInspector(const QString& runDirectory);

    // Shows a sweep folder (or its sweep.csv) in the Sweep tab; problems show there too.
    bool openSweep(const QString& folderOrCsv, QString* error = nullptr);

    // The export dialog for the current dashboard (not yet shown); accept() it to export.
    PlotExportDialog* createExportDialog();
    bool exportFromDialog(const PlotExportDialog& dialog, QString* error = nullptr);

signals:
    // runDirectory is empty when the import failed (error says why).
    void hfImportFinished(const QString& runDirectory, const QString& error);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    void connectSession();
    void updateActions();
    void readSettings(const MainWindowOptions& options);
    void writeSettings() const;
    void setLanguage(const QString& code);
    void appendLog(const QString& message);
    void showError(const QString& title, const QString& message);

    void onPreparing(double fraction, const QString& phase);  // until the run starts
    void showPreparing();
    void onRunStarted(const RunInfo& info);
    void onStep(const StepMetrics& metrics);
    void onEvaluation(const EvalMetrics& metrics);
    void onFinished(int reason, const QString& message);

    void loadConfig();
    void saveConfig();
    void exportPlots();
    void exportMetricsCsv();
    void copyCurrentPlot();
    void resumeFromCheckpoint();
    void chooseRunsDirectory();
    void chooseHfFolder();
    void onHfImportFinished(const QString& runDirectory, const QString& error);
    void showShortcuts();
    void showAbout();
    void showPlotMenu(MetricPlot* plot, const QPoint& globalPos);

    ConfigForm* configForm_ = nullptr;
    PlotDashboard* dashboard_ = nullptr;
    InspectorPanel* inspector_ = nullptr;
    SweepPanel* sweep_ = nullptr;
    HyperparameterPanel* hyperparameters_ = nullptr;
    bool hyperparametersStale_ = true;  // the runs changed while the tab was hidden
    QTabWidget* centralTabs_ = nullptr;
    DashboardController* controller_ = nullptr;
    RunGroupingControls* grouping_ = nullptr;
    RunHistoryView* history_ = nullptr;
    QPlainTextEdit* log_ = nullptr;
    TrainingSession* session_ = nullptr;

    QProgressBar* progress_ = nullptr;
    QLabel* rateLabel_ = nullptr;
    QLabel* deviceLabel_ = nullptr;
    QLabel* openedRunLabel_ = nullptr;  // where the opened run trained (status.json), when one is shown

    QAction* startAction_ = nullptr;
    QAction* pauseAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    QAction* resumeAction_ = nullptr;
    QAction* loadConfigAction_ = nullptr;
    QAction* saveConfigAction_ = nullptr;
    QAction* exportPlotsAction_ = nullptr;
    QAction* exportCsvAction_ = nullptr;
    QAction* copyPlotAction_ = nullptr;
    QAction* resetViewAction_ = nullptr;
    QAction* runsFolderAction_ = nullptr;
    QAction* openSweepAction_ = nullptr;
    QAction* importHfAction_ = nullptr;
    HfImportTask* importTask_ = nullptr;
    QAction* quitAction_ = nullptr;
    QMenu* viewMenu_ = nullptr;

    EtaEstimator eta_;
    QString liveRunDirectory_;
    int liveGates_ = 0;
    QStringList shownRuns_;  // directories of the finished runs on the plots
    QPointer<MetricPlot> currentPlot_;
    bool preparing_ = false;  // a run is reading its corpus, training its tokenizer, ...
    bool confirmClose_ = true;
    bool closeAfterStop_ = false;
    bool settingsEnabled_ = true;
};

}  // namespace megatoken
