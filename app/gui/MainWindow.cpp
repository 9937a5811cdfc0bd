#include "app/gui/MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include <stdexcept>
#include <thread>

#include "app/gui/DashboardController.h"
#include "app/gui/HfImportTask.h"
#include "app/gui/HyperparameterPanel.h"
#include "app/gui/InspectorPanel.h"
#include "app/gui/SweepPanel.h"
#include "app/gui/TrainingSession.h"
#include "core/config/RunConfigJson.h"
#include "core/runs/GroupLongCsv.h"
#include "core/runs/LongCsv.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunStatus.h"
#include "widgets/config/ConfigForm.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"
#include "widgets/plot/PlotExportDialog.h"
#include "widgets/runs/RunGroupingControls.h"
#include "widgets/runs/RunHistoryModel.h"
#include "widgets/runs/RunHistoryView.h"

// Q_INIT_RESOURCE must be called outside any namespace.
static void initWorkbenchResources()
{
    Q_INIT_RESOURCE(workbench);
}

namespace megatoken {
namespace {

QString settingsLanguageKey()
{
    return QStringLiteral("ui/language");
}

}  // namespace

MainWindow::MainWindow(const MainWindowOptions& options, QWidget* parent)
    : QMainWindow(parent), confirmClose_(options.confirmClose), settingsEnabled_(options.restoreSettings)
{
    initWorkbenchResources();
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Megatoken Workbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/megatoken.svg")));

    session_ = new TrainingSession(this);
    dashboard_ = new PlotDashboard(this);
    dashboard_->setColumns(4);
    controller_ = new DashboardController(dashboard_, this);
    controller_->setUpPlots();
    // Runs opened together draw as groups (seeds by default off: the user picks).
    grouping_ = new RunGroupingControls;
    dashboard_->addControl(grouping_, 8);
    connect(grouping_, &RunGroupingControls::groupingChanged, this,
            [this] { setRunGrouping(grouping_->groupBy(), grouping_->band()); });
    inspector_ = new InspectorPanel(session_, this);
    centralTabs_ = new QTabWidget(this);
    centralTabs_->setDocumentMode(true);
    centralTabs_->addTab(dashboard_, QIcon(QStringLiteral(":/icons/overlay.svg")), tr("Dashboard"));
    centralTabs_->addTab(inspector_, QIcon(QStringLiteral(":/icons/inspect.svg")), tr("Inspector"));
    sweep_ = new SweepPanel(this);
    centralTabs_->addTab(sweep_, QIcon(QStringLiteral(":/icons/sweep.svg")), tr("Sweep"));
    connect(sweep_, &SweepPanel::sweepOpened, this, [this](const QString& folder) {
        if (settingsEnabled_) QSettings().setValue(QStringLiteral("sweep/folder"), folder);
        statusBar()->showMessage(tr("Sweep: %1").arg(QDir::toNativeSeparators(folder)), 5000);
    });
    connect(sweep_, &SweepPanel::runActivated, this, [this](const QString& runDirectory) {
        if (openRuns({runDirectory})) showDashboard();
    });
    setCentralWidget(centralTabs_);

    // Right-click on a plot: copy, export or reset it; the last plot under the mouse is the one
    // that "Copy plot" copies.
    for (const auto& plotId : dashboard_->plotIds()) {
        MetricPlot* plot = dashboard_->plot(plotId);
        plot->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(plot, &QWidget::customContextMenuRequested, this,
                [this, plot](const QPoint& pos) { showPlotMenu(plot, plot->mapToGlobal(pos)); });
        plot->installEventFilter(this);
        if (!currentPlot_) currentPlot_ = plot;
    }

    createActions();
    createDocks();
    createMenus();
    createToolBar();
    createStatusBar();
    connectSession();
    readSettings(options);
    updateActions();
    statusBar()->showMessage(
        tr("Ready: press Start (Ctrl+Return) to train the %1 preset").arg(configForm_->config().preset.c_str()), 8000);
}

MainWindow::~MainWindow() = default;

QString MainWindow::runsDirectory() const
{
    return history_->model() ? history_->model()->runsDirectory() : QString();
}

// --- Construction ---------------------------------------------------------------------------

void MainWindow::createActions()
{
    const auto make = [this](const QString& icon, const QString& text, const QKeySequence& shortcut,
                             const QString& tip) {
        auto* action =
            new QAction(icon.isEmpty() ? QIcon() : QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), text, this);
        if (!shortcut.isEmpty()) action->setShortcut(shortcut);
        const QString shortcutText = shortcut.toString(QKeySequence::NativeText);
        action->setToolTip(shortcutText.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, shortcutText));
        action->setStatusTip(tip);
        return action;
    };
    startAction_ = make(QStringLiteral("start"), tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                        tr("Start a new run with the configuration on the left"));
    pauseAction_ = make(QStringLiteral("pause"), tr("&Pause"), QKeySequence(Qt::CTRL | Qt::Key_P),
                        tr("Pause the run between two steps, or resume it"));
    stopAction_ = make(QStringLiteral("stop"), tr("S&top"), QKeySequence(Qt::CTRL | Qt::Key_Period),
                       tr("Stop after the current step and write a checkpoint"));
    resumeAction_ = make(QStringLiteral("resume"), tr("&Resume from Checkpoint…"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                         tr("Continue a stopped run from its newest checkpoint"));
    loadConfigAction_ = make(QStringLiteral("open"), tr("&Open Configuration…"), QKeySequence::Open,
                             tr("Load a configuration from a JSON file"));
    saveConfigAction_ = make(QStringLiteral("save"), tr("&Save Configuration…"), QKeySequence::Save,
                             tr("Save the configuration as JSON"));
    exportPlotsAction_ = make(QStringLiteral("export"), tr("&Export Plots…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                              tr("Export a plot or the whole dashboard as PNG, PDF or SVG"));
    exportCsvAction_ =
        make(QStringLiteral("csv"), tr("Export Metrics &CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
             tr("Export the metrics of the selected runs as one long-format CSV"));
    copyPlotAction_ = make(QStringLiteral("copy"), tr("&Copy Plot"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                           tr("Copy the plot under the mouse to the clipboard"));
    resetViewAction_ = make(QStringLiteral("reset-view"), tr("&Reset Views"), QKeySequence(Qt::CTRL | Qt::Key_0),
                            tr("Rescale every plot to its data"));
    runsFolderAction_ = make(QStringLiteral("folder"), tr("Runs &Folder…"), QKeySequence(),
                             tr("Choose the folder that holds the runs"));
    openSweepAction_ = make(QStringLiteral("sweep"), tr("Open S&weep…"), QKeySequence(),
                            tr("Show the results of `megatoken sweep`: quality against kept tokens for every method"));
    importHfAction_ = make(QStringLiteral("open"), tr("&Import Hugging Face Model…"), QKeySequence(),
                           tr("Make a run from a Hugging Face T5 or Flan-T5 folder (config.json, model.safetensors, "
                              "spiece.model) and inspect it"));
    quitAction_ = make(QString(), tr("&Quit"), QKeySequence::Quit, tr("Quit the workbench"));

    connect(startAction_, &QAction::triggered, this, [this] { startTraining(); });
    connect(pauseAction_, &QAction::triggered, this, &MainWindow::togglePause);
    connect(stopAction_, &QAction::triggered, this, &MainWindow::stopTraining);
    connect(resumeAction_, &QAction::triggered, this, &MainWindow::resumeFromCheckpoint);
    connect(loadConfigAction_, &QAction::triggered, this, &MainWindow::loadConfig);
    connect(saveConfigAction_, &QAction::triggered, this, &MainWindow::saveConfig);
    connect(exportPlotsAction_, &QAction::triggered, this, &MainWindow::exportPlots);
    connect(exportCsvAction_, &QAction::triggered, this, &MainWindow::exportMetricsCsv);
    connect(copyPlotAction_, &QAction::triggered, this, &MainWindow::copyCurrentPlot);
    connect(resetViewAction_, &QAction::triggered, this, [this] {
        for (const auto& id : dashboard_->plotIds()) dashboard_->plot(id)->resetView();
    });
    connect(runsFolderAction_, &QAction::triggered, this, &MainWindow::chooseRunsDirectory);
    connect(openSweepAction_, &QAction::triggered, this, [this] {
        showSweep();
        sweep_->chooseSweep();
    });
    connect(importHfAction_, &QAction::triggered, this, &MainWindow::chooseHfFolder);
    importTask_ = new HfImportTask(this);
    connect(importTask_, &HfImportTask::finished, this, &MainWindow::onHfImportFinished);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createDocks()
{
    configForm_ = new ConfigForm(this);
    auto* configDock = new QDockWidget(tr("Configuration"), this);
    configDock->setObjectName(QStringLiteral("ConfigurationDock"));
    configDock->setWidget(configForm_);
    addDockWidget(Qt::LeftDockWidgetArea, configDock);
    connect(configForm_, &ConfigForm::validityChanged, this, [this] { updateActions(); });

    history_ = new RunHistoryView(this);
    auto* historyDock = new QDockWidget(tr("Runs"), this);
    historyDock->setObjectName(QStringLiteral("RunsDock"));
    historyDock->setWidget(history_);
    addDockWidget(Qt::BottomDockWidgetArea, historyDock);
    connect(history_, &RunHistoryView::openRequested, this, [this](const QStringList& dirs) {
        if (dirs.size() == 1) {
            openRunInInspector(dirs.front());  // the inspector follows the opened run
            return;
        }
        openRuns(dirs);
    });
    connect(history_, &RunHistoryView::overlayRequested, this, [this](const QStringList& dirs) { openRuns(dirs); });
    // The Hyperparameters tab shows every run of the runs folder, its selection linked to the run
    // table's both ways. It reads the runs again when they change, at once while it is shown,
    // else when it is next shown.
    hyperparameters_ = new HyperparameterPanel(this);
    centralTabs_->addTab(hyperparameters_, QIcon(QStringLiteral(":/icons/sweep.svg")), tr("Hyperparameters"));
    const auto refreshHyperparameters = [this] {
        hyperparametersStale_ = true;
        if (centralTabs_->currentWidget() != hyperparameters_) return;
        QStringList dirs;
        for (int row = 0; row < history_->model()->rowCount(); ++row) dirs << history_->model()->runDirectory(row);
        hyperparameters_->setRunDirectories(dirs);
        hyperparameters_->selectRunDirectories(history_->selectedRunDirectories());
        hyperparametersStale_ = false;
    };
    connect(history_->model(), &QAbstractItemModel::modelReset, this, refreshHyperparameters);
    connect(history_->model(), &QAbstractItemModel::rowsInserted, this, refreshHyperparameters);
    connect(history_->model(), &QAbstractItemModel::rowsRemoved, this, refreshHyperparameters);
    connect(history_->model(), &QAbstractItemModel::dataChanged, this, refreshHyperparameters);
    connect(centralTabs_, &QTabWidget::currentChanged, this, [this, refreshHyperparameters] {
        if (centralTabs_->currentWidget() == hyperparameters_ && hyperparametersStale_) refreshHyperparameters();
    });
    connect(history_, &RunHistoryView::selectionChanged, hyperparameters_, &HyperparameterPanel::selectRunDirectories);
    connect(hyperparameters_, &HyperparameterPanel::selectionChanged, history_, &RunHistoryView::selectRunDirectories);
    connect(history_, &RunHistoryView::runsDirectoryChanged, this, [this](const QString& dir) {
        configForm_->setKeyText(QStringLiteral("run.runs_directory"), dir);
        statusBar()->showMessage(tr("Runs folder: %1").arg(dir), 5000);
    });

    log_ = new QPlainTextEdit(this);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    log_->setPlaceholderText(tr("Messages of the running training appear here."));
    auto* logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("LogDock"));
    logDock->setWidget(log_);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
    tabifyDockWidget(historyDock, logDock);
    historyDock->raise();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(loadConfigAction_);
    file->addAction(saveConfigAction_);
    file->addSeparator();
    file->addAction(exportPlotsAction_);
    file->addAction(exportCsvAction_);
    file->addAction(copyPlotAction_);
    file->addSeparator();
    file->addAction(runsFolderAction_);
    file->addAction(openSweepAction_);
    file->addAction(importHfAction_);
    file->addSeparator();
    file->addAction(quitAction_);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(startAction_);
    run->addAction(pauseAction_);
    run->addAction(stopAction_);
    run->addSeparator();
    run->addAction(resumeAction_);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    viewMenu_->addAction(tr("&Dashboard"), QKeySequence(Qt::CTRL | Qt::Key_1), this, &MainWindow::showDashboard);
    viewMenu_->addAction(tr("&Inspector"), QKeySequence(Qt::CTRL | Qt::Key_2), this, &MainWindow::showInspector);
    viewMenu_->addAction(tr("S&weep"), QKeySequence(Qt::CTRL | Qt::Key_3), this, &MainWindow::showSweep);
    viewMenu_->addAction(tr("&Hyperparameters"), QKeySequence(Qt::CTRL | Qt::Key_4), this,
                         [this] { centralTabs_->setCurrentWidget(hyperparameters_); });
    viewMenu_->addSeparator();
    viewMenu_->addAction(resetViewAction_);
    viewMenu_->addSeparator();
    for (auto* dock : findChildren<QDockWidget*>()) viewMenu_->addAction(dock->toggleViewAction());

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    QMenu* language = settings->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    const QString current = QSettings().value(settingsLanguageKey()).toString();
    const QList<QPair<QString, QString>> choices = {{QString(), tr("System default")},
                                                    {QStringLiteral("en"), QStringLiteral("English")},
                                                    {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                    {QStringLiteral("ru"), QStringLiteral("Русский")}};
    for (const auto& [code, name] : choices) {
        QAction* action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == current);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
    }
    settings->addAction(runsFolderAction_);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    help->addAction(tr("&About the Workbench"), this, &MainWindow::showAbout);
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("RunToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(startAction_);
    bar->addAction(pauseAction_);
    bar->addAction(stopAction_);
    bar->addAction(resumeAction_);
    bar->addSeparator();
    bar->addAction(exportPlotsAction_);
    bar->addAction(exportCsvAction_);
    bar->addAction(copyPlotAction_);
    bar->addAction(resetViewAction_);
}

void MainWindow::createStatusBar()
{
    progress_ = new QProgressBar(this);
    progress_->setMinimumWidth(220);
    progress_->setFormat(tr("no run"));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    rateLabel_ = new QLabel(this);
    rateLabel_->setMinimumWidth(260);
    deviceLabel_ = new QLabel(this);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    deviceLabel_->setText(tr("Device: CUDA if available, else CPU (%n core(s))", nullptr, static_cast<int>(cores)));
    openedRunLabel_ = new QLabel(this);
    openedRunLabel_->setVisible(false);
    statusBar()->addPermanentWidget(openedRunLabel_);
    statusBar()->addPermanentWidget(rateLabel_);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(deviceLabel_);
}

void MainWindow::connectSession()
{
    connect(session_, &TrainingSession::stateChanged, this, [this] { updateActions(); });
    connect(session_, &TrainingSession::progressChanged, this, &MainWindow::onPreparing);
    connect(session_, &TrainingSession::runStarted, this, &MainWindow::onRunStarted);
    connect(session_, &TrainingSession::stepCompleted, this, &MainWindow::onStep);
    connect(session_, &TrainingSession::evaluationCompleted, this, &MainWindow::onEvaluation);
    connect(session_, &TrainingSession::logMessage, this, &MainWindow::appendLog);
    connect(session_, &TrainingSession::checkpointWritten, this, [this](qint64 step, const QString& path) {
        appendLog(tr("checkpoint at step %1: %2").arg(step).arg(path));
        statusBar()->showMessage(tr("Checkpoint written at step %1").arg(step), 4000);
    });
    connect(session_, &TrainingSession::finished, this, &MainWindow::onFinished);
}

void MainWindow::updateActions()
{
    const auto state = session_->state();
    const bool active = session_->isActive();
    startAction_->setEnabled(!active && configForm_->isValid());
    pauseAction_->setEnabled(state == TrainingSession::State::Running || state == TrainingSession::State::Paused);
    const bool paused = state == TrainingSession::State::Paused;
    pauseAction_->setText(paused ? tr("Res&ume") : tr("&Pause"));
    pauseAction_->setIcon(QIcon(paused ? QStringLiteral(":/icons/start.svg") : QStringLiteral(":/icons/pause.svg")));
    stopAction_->setEnabled(state == TrainingSession::State::Running || state == TrainingSession::State::Paused);
    resumeAction_->setEnabled(!active);
    loadConfigAction_->setEnabled(!active);
    configForm_->setReadOnly(active);
    runsFolderAction_->setEnabled(!active);
}

// --- Settings ---------------------------------------------------------------------------------

void MainWindow::readSettings(const MainWindowOptions& options)
{
    QSettings settings;
    QString runs = options.runsDirectory;
    if (settingsEnabled_) {
        restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
        const QString lastConfig = settings.value(QStringLiteral("config/last")).toString();
        if (!lastConfig.isEmpty()) {
            try {
                configForm_->setConfig(parseConfigText(lastConfig.toStdString(), "the saved settings"));
            } catch (const std::exception& e) {
                appendLog(tr("The last configuration could not be restored: %1").arg(QString::fromStdString(e.what())));
            }
        }
        if (runs.isEmpty()) runs = settings.value(QStringLiteral("runs/directory")).toString();
        const double smoothing = settings.value(QStringLiteral("plots/smoothing"), dashboard_->smoothing()).toDouble();
        dashboard_->setSmoothing(smoothing);
        BandKind band = BandKind::MinMax;
        try {
            band = bandKindFromName(settings.value(QStringLiteral("plots/band")).toString().toStdString());
        } catch (const std::invalid_argument&) {
        }
        grouping_->setGrouping(settings.value(QStringLiteral("plots/groupBy")).toStringList(), band);
        controller_->setGrouping(grouping_->groupBy(), grouping_->band());
        // The last sweep is where the open dialog starts; reopened only if its table is still there.
        const QString sweepFolder = settings.value(QStringLiteral("sweep/folder")).toString();
        sweep_->setStartFolder(sweepFolder);
        if (!sweepFolder.isEmpty() && QFileInfo::exists(QDir(sweepFolder).filePath(QStringLiteral("sweep.csv"))))
            sweep_->openSweep(sweepFolder);
    }
    if (runs.isEmpty()) runs = QDir::current().absoluteFilePath(QStringLiteral("runs"));
    history_->setRunsDirectory(runs);
    configForm_->setKeyText(QStringLiteral("run.runs_directory"), runs);
    if (!settingsEnabled_) resize(1500, 950);
}

void MainWindow::writeSettings() const
{
    if (!settingsEnabled_) return;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("config/last"), QString::fromStdString(configJsonText(configForm_->config())));
    settings.setValue(QStringLiteral("runs/directory"), runsDirectory());
    settings.setValue(QStringLiteral("plots/smoothing"), dashboard_->smoothing());
    settings.setValue(QStringLiteral("plots/groupBy"), grouping_->groupBy());
    settings.setValue(QStringLiteral("plots/band"), QString::fromLatin1(bandKindName(grouping_->band()).data()));
}

void MainWindow::setLanguage(const QString& code)
{
    QSettings().setValue(settingsLanguageKey(), code);
    QMessageBox::information(this, tr("Language"), tr("The language changes the next time the workbench starts."));
}

// --- Run control ----------------------------------------------------------------------------

bool MainWindow::startTraining()
{
    if (session_->isActive()) return false;
    if (!configForm_->isValid()) {
        QStringList problems;
        for (const auto& issue : configForm_->issues()) problems << QString::fromStdString(toString(issue));
        showError(tr("Invalid configuration"), tr("Fix these settings first:\n%1").arg(problems.join('\n')));
        return false;
    }
    RunConfig config = configForm_->config();
    config.run.runsDirectory = runsDirectory().toStdString();
    QString error;
    if (!session_->start(config, false, &error)) {
        showError(tr("Cannot start"), error);
        return false;
    }
    eta_.reset();
    liveRunDirectory_.clear();
    shownRuns_.clear();
    controller_->clearRuns(false);
    showPreparing();
    rateLabel_->setText(tr("preparing data and tokenizer…"));
    appendLog(tr("--- new run (%1 preset) ---").arg(QString::fromStdString(config.preset)));
    statusBar()->showMessage(tr("Starting: reading the corpus and preparing the tokenizer"));
    return true;
}

void MainWindow::togglePause()
{
    if (session_->state() == TrainingSession::State::Paused) {
        session_->resume();
        statusBar()->showMessage(tr("Resumed"), 3000);
    } else if (session_->state() == TrainingSession::State::Running) {
        session_->pause();
        statusBar()->showMessage(tr("Paused after the current step"));
    }
}

void MainWindow::stopTraining()
{
    if (!session_->isActive()) return;
    session_->stop();
    if (preparing_)
        statusBar()->showMessage(tr("Stopping…"));
    else
        statusBar()->showMessage(tr("Stopping after the current step; a checkpoint will be written…"));
}

bool MainWindow::resumeRun(const QString& runDirectory, qint64 totalSteps)
{
    if (session_->isActive()) return false;
    const QFileInfo info(runDirectory);
    RunConfig config;
    try {
        config = loadConfigFile(QDir(runDirectory).filePath(QStringLiteral("config.json")).toStdString());
    } catch (const std::exception& e) {
        showError(tr("Cannot resume"), QString::fromStdString(e.what()));
        return false;
    }
    config.run.name = info.fileName().toStdString();
    config.run.runsDirectory = info.absolutePath().toStdString();
    config.optim.steps = totalSteps;
    QString error;
    if (!session_->start(config, true, &error)) {
        showError(tr("Cannot resume"), error);
        return false;
    }
    eta_.reset();
    shownRuns_.clear();
    controller_->clearRuns(false);
    showPreparing();
    appendLog(tr("--- resuming %1 to step %2 ---").arg(runDirectory).arg(totalSteps));
    return true;
}

void MainWindow::resumeFromCheckpoint()
{
    QString dir;
    const QStringList selected = history_->selectedRunDirectories();
    if (selected.size() == 1)
        dir = selected.front();
    else
        dir = QFileDialog::getExistingDirectory(this, tr("Run to resume"), runsDirectory());
    if (dir.isEmpty()) return;
    qint64 saved = 0;
    try {
        saved = loadConfigFile(QDir(dir).filePath(QStringLiteral("config.json")).toStdString()).optim.steps;
    } catch (const std::exception& e) {
        showError(tr("Cannot resume"), QString::fromStdString(e.what()));
        return;
    }
    bool ok = false;
    const int total =
        QInputDialog::getInt(this, tr("Resume run"), tr("Train %1 up to step:").arg(QFileInfo(dir).fileName()),
                             static_cast<int>(saved), 1, 10'000'000, 100, &ok);
    if (ok) resumeRun(dir, total);
}

void MainWindow::showPreparing()
{
    preparing_ = true;
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setFormat(tr("preparing…"));
}

void MainWindow::onPreparing(double fraction, const QString& phase)
{
    if (!preparing_) return;  // once training, the steps show progress
    progress_->setValue(static_cast<int>(fraction * 1000.0 + 0.5));
    // The phase as the trainer names it ("reading corpus", "preparing tokenizer", ...).
    progress_->setFormat(tr("%1: %p%").arg(phase));
}

void MainWindow::onRunStarted(const RunInfo& info)
{
    preparing_ = false;
    progress_->setFormat(tr("step %v / %m"));
    liveRunDirectory_ = QString::fromStdString(info.runDirectory);
    liveGates_ = static_cast<int>(info.gateCount);
    deviceLabel_->setText(tr("Device: %1").arg(QString::fromStdString(info.device)));
    openedRunLabel_->setVisible(false);  // the live run's device is the one that counts now
    progress_->setRange(0, static_cast<int>(info.totalSteps));
    progress_->setValue(static_cast<int>(info.firstStep));
    if (info.firstStep > 0) controller_->addRunFromDirectory(liveRunDirectory_);  // the steps before the resume
    controller_->beginLiveRun(QString::fromStdString(info.runName), liveGates_);
    history_->model()->refresh();
    statusBar()->showMessage(tr("Training %1: %2 parameters, %3 gates, %4 training texts")
                                 .arg(QString::fromStdString(info.runName))
                                 .arg(info.parameterCount)
                                 .arg(info.gateCount)
                                 .arg(info.trainTexts),
                             8000);
}

void MainWindow::onStep(const StepMetrics& m)
{
    controller_->addStep(m);
    // The live run's row (steps, status) follows along without rereading the whole folder.
    if (m.step % 25 == 0 && !liveRunDirectory_.isEmpty()) history_->model()->refreshRun(liveRunDirectory_);
    eta_.addStep(m.step, m.wallSeconds);
    progress_->setMaximum(static_cast<int>(m.totalSteps));
    progress_->setValue(static_cast<int>(m.step));
    rateLabel_->setText(tr("%1 tok/s · kept %2 · ETA %3")
                            .arg(QLocale().toString(m.tokensPerSecond, 'f', 0))
                            .arg(m.hardKeepRatio, 0, 'f', 2)
                            .arg(QString::fromStdString(EtaEstimator::format(eta_.secondsLeft(m.totalSteps)))));
}

void MainWindow::onEvaluation(const EvalMetrics& m)
{
    controller_->addEvaluation(m);
    if (!liveRunDirectory_.isEmpty()) history_->model()->refreshRun(liveRunDirectory_);
    appendLog(tr("validation at step %1: hard-mask accuracy %2 at %3 kept, soft %4, free-running BLEU %5 (%6 s)")
                  .arg(m.step)
                  .arg(m.accuracyHard, 0, 'f', 3)
                  .arg(m.hardKeepRatio, 0, 'f', 3)
                  .arg(m.accuracySoft, 0, 'f', 3)
                  .arg(m.bleuFree, 0, 'f', 1)
                  .arg(m.seconds, 0, 'f', 1));
}

void MainWindow::onFinished(int reason, const QString& message)
{
    const auto why = static_cast<FinishReason>(reason);
    if (preparing_) {  // stopped or failed before the first step
        preparing_ = false;
        progress_->setRange(0, 1);
        progress_->setValue(0);
        progress_->setFormat(tr("no run"));
    }
    appendLog(tr("finished (%1): %2").arg(QString::fromLatin1(finishReasonName(why)), message));
    rateLabel_->clear();
    history_->model()->refresh();
    if (why == FinishReason::Failed)
        showError(tr("Training failed"), message);
    else if (why == FinishReason::Diverged)
        showError(tr("Training diverged"), message);
    else
        statusBar()->showMessage(message, 10000);
    if (closeAfterStop_) close();
}

void MainWindow::setRunGrouping(const QStringList& groupBy, BandKind band)
{
    grouping_->setGrouping(groupBy, band);
    controller_->setGrouping(grouping_->groupBy(), grouping_->band());
    if (!shownRuns_.isEmpty()) openRuns(shownRuns_);
}

bool MainWindow::openRuns(const QStringList& runDirectories, QStringList* problemsOut)
{
    const bool live = session_->isActive() && !liveRunDirectory_.isEmpty();
    controller_->clearRuns(runDirectories.size() + (live ? 1 : 0) > 1);
    QStringList problems;
    if (live) {
        controller_->addRunFromDirectory(liveRunDirectory_);
        controller_->beginLiveRun(QFileInfo(liveRunDirectory_).fileName(), liveGates_);
    }
    shownRuns_ = controller_->addRunsFromDirectories(runDirectories, &problems);
    for (const auto& id : dashboard_->plotIds()) dashboard_->plot(id)->resetView();
    if (problemsOut)
        *problemsOut << problems;
    else if (!problems.isEmpty())
        showError(tr("Some runs could not be opened"), problems.join('\n'));
    const int shown = static_cast<int>(shownRuns_.size() + (live ? 1 : 0));
    // One run opened from disk: where it trained (status.json's device; a distributed run's
    // process count and backend are part of it).
    openedRunLabel_->setVisible(false);
    if (!live && shownRuns_.size() == 1) {
        try {
            const auto status = readRunStatus(shownRuns_.front().toStdString());
            if (status && !status->device.empty()) {
                openedRunLabel_->setText(
                    tr("%1: trained on %2")
                        .arg(QFileInfo(shownRuns_.front()).fileName(), QString::fromStdString(status->device)));
                openedRunLabel_->setVisible(true);
            }
        } catch (const std::exception&) {
            // the run table shows why its status cannot be read
        }
    }
    if (controller_->groupCount() < static_cast<int>(shownRuns_.size()))
        statusBar()->showMessage(tr("Showing %n run(s)", nullptr, shown) + QStringLiteral(" ") +
                                     tr("in %n group(s)", nullptr, controller_->groupCount() + (live ? 1 : 0)),
                                 5000);
    else
        statusBar()->showMessage(tr("Showing %n run(s)", nullptr, shown), 5000);
    return problems.isEmpty();
}

// --- Files and export -------------------------------------------------------------------------

void MainWindow::loadConfig()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open configuration"), QString(),
                                                      tr("Configurations (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!configForm_->loadFile(path, &error))
        showError(tr("Cannot open the configuration"), error);
    else
        statusBar()->showMessage(tr("Loaded %1").arg(path), 5000);
}

void MainWindow::saveConfig()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save configuration"), QStringLiteral("config.json"),
                                                tr("Configurations (*.json)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
    QString error;
    if (!configForm_->saveFile(path, &error))
        showError(tr("Cannot save the configuration"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

PlotExportDialog* MainWindow::createExportDialog()
{
    QStringList titles;
    for (const auto& id : dashboard_->plotIds()) titles << dashboard_->plotTitle(id);
    auto* dialog = new PlotExportDialog(dashboard_->plotIds(), titles, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    return dialog;
}

bool MainWindow::exportFromDialog(const PlotExportDialog& dialog, QString* error)
{
    const QSize size = dialog.imageSize();
    const PublicationStyle style = dialog.publicationStyle();
    if (dialog.target().isEmpty()) return dashboard_->exportFigure(dialog.filePath(), size, style, error);
    MetricPlot* plot = dashboard_->plot(dialog.target());
    if (!plot) {
        if (error) *error = tr("No plot called %1").arg(dialog.target());
        return false;
    }
    return plot->exportFigure(dialog.filePath(), size, style, error);
}

void MainWindow::exportPlots()
{
    std::unique_ptr<PlotExportDialog> dialog(createExportDialog());
    if (currentPlot_) {
        for (const auto& id : dashboard_->plotIds())
            if (dashboard_->plot(id) == currentPlot_) dialog->setTarget(id);
    }
    if (dialog->exec() != QDialog::Accepted) return;
    QString error;
    if (!exportFromDialog(*dialog, &error))
        showError(tr("Export failed"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(dialog->filePath()), 5000);
}

void MainWindow::exportMetricsCsv()
{
    QStringList dirs = history_->selectedRunDirectories();
    if (dirs.isEmpty()) dirs = shownRuns_;
    if (dirs.isEmpty() && !liveRunDirectory_.isEmpty()) dirs << liveRunDirectory_;
    if (dirs.isEmpty()) {
        showError(tr("Nothing to export"), tr("Select one or more runs in the Runs list first."));
        return;
    }
    // With grouping on, the group statistics (mean, SD, min, max, the band) are the second choice.
    const QString perRun = tr("Long CSV, one value per run (*.csv)");
    const QString perGroup = tr("Long CSV, group statistics (*.csv)");
    const bool grouped = !grouping_->groupBy().isEmpty() && dirs.size() >= 2;
    QString filter = perRun;
    QString path = QFileDialog::getSaveFileName(this, tr("Export metrics"), QStringLiteral("metrics-long.csv"),
                                                grouped ? perRun + QStringLiteral(";;") + perGroup : perRun, &filter);
    if (path.isEmpty()) return;
    QString error;
    if (grouped && filter == perGroup) {
        std::vector<std::string> runDirs, keys;
        for (const QString& dir : std::as_const(dirs)) runDirs.push_back(dir.toStdString());
        for (const QString& key : grouping_->groupBy()) keys.push_back(key.toStdString());
        try {
            writeGroupLongCsvFile(path.toStdString(), runDirs, keys, grouping_->band());
            statusBar()->showMessage(
                tr("Exported the group statistics of %n run(s) to %1", nullptr, static_cast<int>(dirs.size()))
                    .arg(path),
                5000);
        } catch (const std::exception& e) {
            showError(tr("Export failed"), QString::fromStdString(e.what()));
        }
        return;
    }
    if (!history_->exportCsv(dirs, path, &error))
        showError(tr("Export failed"), error);
    else
        statusBar()->showMessage(
            tr("Exported the metrics of %n run(s) to %1", nullptr, static_cast<int>(dirs.size())).arg(path), 5000);
}

void MainWindow::copyCurrentPlot()
{
    if (!currentPlot_) return;
    currentPlot_->copyToClipboard();
    statusBar()->showMessage(tr("Plot copied to the clipboard"), 3000);
}

void MainWindow::showPlotMenu(MetricPlot* plot, const QPoint& globalPos)
{
    currentPlot_ = plot;
    QMenu menu(this);
    menu.addAction(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy to Clipboard"), this,
                   [plot] { plot->copyToClipboard(); });
    menu.addAction(QIcon(QStringLiteral(":/icons/export.svg")), tr("Export…"), this, &MainWindow::exportPlots);
    menu.addAction(QIcon(QStringLiteral(":/icons/reset-view.svg")), tr("Reset View"), this,
                   [plot] { plot->resetView(); });
    menu.exec(globalPos);
}

void MainWindow::chooseRunsDirectory()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs folder"), runsDirectory());
    if (dir.isEmpty()) return;
    history_->setRunsDirectory(dir);
    configForm_->setKeyText(QStringLiteral("run.runs_directory"), dir);
}

void MainWindow::chooseHfFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Import a Hugging Face T5 folder (config.json, model.safetensors, spiece.model)"));
    if (!folder.isEmpty()) importHfFolder(folder);
}

void MainWindow::importHfFolder(const QString& folder)
{
    if (importTask_->isRunning()) {
        statusBar()->showMessage(tr("An import is already running"), 5000);
        return;
    }
    // A fresh run name: the folder's, numbered when taken.
    const QDir runs(runsDirectory().isEmpty() ? QStringLiteral("runs") : runsDirectory());
    runs.mkpath(QStringLiteral("."));
    const QString base = QFileInfo(QDir::cleanPath(folder)).fileName();
    QString name = base;
    for (int n = 2; runs.exists(name); ++n) name = QStringLiteral("%1-%2").arg(base).arg(n);
    const QString runDirectory = runs.filePath(name);
    statusBar()->showMessage(tr("Importing %1…").arg(folder));
    appendLog(tr("importing the Hugging Face folder %1 into %2").arg(folder, runDirectory));
    importHfAction_->setEnabled(false);
    importTask_->start(folder, runDirectory);
}

void MainWindow::onHfImportFinished(const QString& run, const QString& error)
{
    importHfAction_->setEnabled(true);
    if (run.isEmpty()) {
        statusBar()->showMessage(tr("Import failed"), 8000);
        appendLog(error);
        emit hfImportFinished(run, error);
        showError(tr("Cannot import the Hugging Face model"), error);
        return;
    }
    statusBar()->showMessage(tr("Imported %1").arg(run), 8000);
    history_->model()->refresh();
    openRunInInspector(run);
    emit hfImportFinished(run, error);
}

void MainWindow::openRunInInspector(const QString& runDirectory)
{
    std::optional<RunStatus> status;
    try {
        status = readRunStatus(runDirectory.toStdString());
    } catch (const std::exception&) {
    }
    if (!status || status->state != kRunStateImported) openRuns({runDirectory});
    inspector_->useRun(runDirectory);
    if (status && status->state == kRunStateImported) showInspector();
}

void MainWindow::showShortcuts()
{
    QString rows;
    for (QAction* action :
         {startAction_, pauseAction_, stopAction_, resumeAction_, loadConfigAction_, saveConfigAction_,
          exportPlotsAction_, exportCsvAction_, copyPlotAction_, resetViewAction_, quitAction_}) {
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(action->shortcut().toString(QKeySequence::NativeText), action->text().remove('&'));
    }
    QMessageBox::information(
        this, tr("Keyboard shortcuts"),
        QStringLiteral("<table cellspacing=6>%1</table><p>%2</p>")
            .arg(rows, tr("In a plot: drag to pan, wheel to zoom, click a legend entry to hide its series.")));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About the Megatoken Workbench"),
                       tr("<p><b>Megatoken Workbench</b> %1</p><p>Train and study learnable token dropping in "
                          "transformer attention: live training curves, per-gate compression, run comparison "
                          "and export.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::appendLog(const QString& message)
{
    log_->appendPlainText(
        QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), message));
}

void MainWindow::showError(const QString& title, const QString& message)
{
    appendLog(title + QStringLiteral(": ") + message);
    statusBar()->showMessage(title, 8000);
    QMessageBox::warning(this, title, message);
}

void MainWindow::showInspector()
{
    centralTabs_->setCurrentWidget(inspector_);
}
void MainWindow::showDashboard()
{
    centralTabs_->setCurrentWidget(dashboard_);
}
void MainWindow::showSweep()
{
    centralTabs_->setCurrentWidget(sweep_);
}

bool MainWindow::openSweep(const QString& folderOrCsv, QString* error)
{
    showSweep();
    return sweep_->openSweep(folderOrCsv, error);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Enter)
        if (auto* plot = qobject_cast<MetricPlot*>(watched)) currentPlot_ = plot;
    return QMainWindow::eventFilter(watched, event);
}

// --- Closing --------------------------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (session_->isActive()) {
        if (!closeAfterStop_ && confirmClose_) {
            const auto answer = QMessageBox::question(
                this, tr("A run is in progress"),
                tr("Stop the run and quit? It stops after the current step and writes a checkpoint; "
                   "the metrics so far are kept, and the run can be resumed later."),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
            if (answer != QMessageBox::Yes) {
                event->ignore();
                return;
            }
        }
        closeAfterStop_ = true;
        session_->stop();
        statusBar()->showMessage(tr("Stopping the run before quitting…"));
        event->ignore();  // onFinished() closes again once the checkpoint is written
        return;
    }
    writeSettings();
    event->accept();
}

}  // namespace megatoken
