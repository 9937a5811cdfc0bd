#include "widgets/runs/RunHistoryView.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "core/runs/LongCsv.h"
#include "core/runs/RunStatus.h"
#include "widgets/runs/ConfigDiffDialog.h"
#include "widgets/runs/RunHistoryModel.h"

namespace megatoken {

namespace {

// Long enough to gather the files a starting run creates, short enough to feel live.
constexpr int kRefreshDelayMs = 500;

}  // namespace

RunHistoryView::RunHistoryView(QWidget* parent)
    : QWidget(parent),
      model_(new RunHistoryModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      watcher_(new QFileSystemWatcher(this)),
      refreshTimer_(new QTimer(this)),
      runRefreshTimer_(new QTimer(this))
{
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(RunHistoryModel::SortRole);
    proxy_->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("Runs folder:"), this));
    folderLabel_ = new QLabel(this);
    folderLabel_->setObjectName(QStringLiteral("folderLabel"));
    folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(folderLabel_, 1);
    auto* changeButton = new QPushButton(tr("Change…"), this);
    changeButton->setObjectName(QStringLiteral("changeButton"));
    changeButton->setToolTip(tr("Show the runs of another folder"));
    connect(changeButton, &QPushButton::clicked, this, &RunHistoryView::chooseRunsDirectory);
    header->addWidget(changeButton);
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    refreshButton->setToolTip(tr("Read the runs folder again"));
    connect(refreshButton, &QPushButton::clicked, this, &RunHistoryView::refresh);
    header->addWidget(refreshButton);
    layout->addLayout(header);

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("runTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RunHistoryModel::Date, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    // Names and headers stay readable as runs come and go; the status column takes the rest.
    connect(model_, &QAbstractItemModel::modelReset, table_, &QTableView::resizeColumnsToContents);
    connect(model_, &QAbstractItemModel::rowsInserted, table_, &QTableView::resizeColumnsToContents);
    connect(table_, &QTableView::doubleClicked, this, &RunHistoryView::openRow);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        emit selectionChanged(selectedRunDirectories());
    });
    layout->addWidget(table_, 1);

    auto* buttons = new QHBoxLayout;
    openButton_ = new QPushButton(tr("Open"), this);
    openButton_->setObjectName(QStringLiteral("openButton"));
    openButton_->setToolTip(tr("Open the selected runs"));
    connect(openButton_, &QPushButton::clicked, this, &RunHistoryView::openSelected);
    overlayButton_ = new QPushButton(tr("Overlay"), this);
    overlayButton_->setObjectName(QStringLiteral("overlayButton"));
    overlayButton_->setToolTip(tr("Plot the selected runs' metrics together (select two or more)"));
    connect(overlayButton_, &QPushButton::clicked, this, &RunHistoryView::overlaySelected);
    exportButton_ = new QPushButton(tr("Export CSV…"), this);
    exportButton_->setObjectName(QStringLiteral("exportButton"));
    exportButton_->setToolTip(
        tr("Write the selected runs' metrics into one CSV with the columns run, step, metric, value"));
    connect(exportButton_, &QPushButton::clicked, this, &RunHistoryView::chooseExportFile);
    compareButton_ = new QPushButton(tr("Compare Configs…"), this);
    compareButton_->setObjectName(QStringLiteral("compareButton"));
    compareButton_->setToolTip(
        tr("Show the config keys whose values differ between the selected runs (select two or more)"));
    connect(compareButton_, &QPushButton::clicked, this, &RunHistoryView::compareSelected);
    buttons->addWidget(openButton_);
    buttons->addWidget(overlayButton_);
    buttons->addWidget(compareButton_);
    buttons->addStretch(1);
    buttons->addWidget(exportButton_);
    layout->addLayout(buttons);

    refreshTimer_->setSingleShot(true);
    refreshTimer_->setInterval(kRefreshDelayMs);
    connect(refreshTimer_, &QTimer::timeout, this, &RunHistoryView::refresh);
    runRefreshTimer_->setSingleShot(true);
    runRefreshTimer_->setInterval(kRefreshDelayMs);
    connect(runRefreshTimer_, &QTimer::timeout, this, &RunHistoryView::refreshChangedRuns);
    connect(watcher_, &QFileSystemWatcher::directoryChanged, this, &RunHistoryView::onDirectoryChanged);

    updateButtons();
}

void RunHistoryView::setRunsDirectory(const QString& path)
{
    const bool changed = path != model_->runsDirectory();
    model_->setRunsDirectory(path);
    folderLabel_->setText(QDir::toNativeSeparators(path));
    folderLabel_->setToolTip(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()));
    table_->resizeColumnsToContents();
    watchFolders();
    updateButtons();
    if (changed) emit runsDirectoryChanged(path);
}

QString RunHistoryView::runsDirectory() const
{
    return model_->runsDirectory();
}

void RunHistoryView::refresh()
{
    refreshTimer_->stop();
    runRefreshTimer_->stop();
    changedRuns_.clear();
    const QStringList selected = selectedRunDirectories();
    model_->refresh();
    selectRunDirectories(selected);
    watchFolders();
    updateButtons();
}

void RunHistoryView::watchFolders()
{
    // The runs folder shows runs appearing and vanishing (its parent, until the first run creates
    // it); a training run's own folder shows its status.json being replaced as it progresses and
    // when it ends. Finished runs are not watched: a long history would use up the system's
    // watches.
    QStringList wanted;
    const QString runsDir = model_->runsDirectory();
    if (!runsDir.isEmpty()) {
        const QFileInfo folder(runsDir);
        if (folder.isDir())
            wanted << runsDir;
        else if (folder.absoluteDir().exists())
            wanted << folder.absolutePath();
    }
    for (int row = 0; row < model_->rowCount(); ++row)
        if (model_->summary(row).status == kRunStateRunning) wanted << model_->runDirectory(row);

    const QStringList watched = watcher_->directories();
    for (const QString& path : watched)
        if (!wanted.contains(path)) watcher_->removePath(path);
    for (const QString& path : std::as_const(wanted))
        if (!watched.contains(path)) watcher_->addPath(path);
}

void RunHistoryView::onDirectoryChanged(const QString& path)
{
    if (model_->rowOfDirectory(path) >= 0 && QFileInfo(path).isDir()) {
        if (!changedRuns_.contains(path)) changedRuns_ << path;
        runRefreshTimer_->start();
    } else {
        refreshTimer_->start();
    }
}

void RunHistoryView::refreshChangedRuns()
{
    const QStringList runs = std::exchange(changedRuns_, {});
    for (const QString& run : runs) model_->refreshRun(run);
    watchFolders();  // a run that finished needs no watch any more
}

QStringList RunHistoryView::selectedRunDirectories() const
{
    QModelIndexList rows = table_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList directories;
    for (const QModelIndex& index : std::as_const(rows))
        directories << index.data(RunHistoryModel::DirectoryRole).toString();
    return directories;
}

void RunHistoryView::selectRunDirectories(const QStringList& runDirs)
{
    QItemSelection selection;
    for (const QString& runDir : runDirs) {
        const int row = model_->rowOfDirectory(runDir);
        if (row < 0) continue;
        const QModelIndex first = proxy_->mapFromSource(model_->index(row, 0));
        const QModelIndex last = proxy_->mapFromSource(model_->index(row, RunHistoryModel::ColumnCount - 1));
        selection.select(first, last);
    }
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateButtons();
}

bool RunHistoryView::exportCsv(const QStringList& runDirs, const QString& path, QString* error)
{
    std::vector<std::string> directories;
    for (const QString& runDir : runDirs) directories.push_back(runDir.toStdString());
    try {
        writeLongCsvFile(path.toStdString(), directories);
        return true;
    } catch (const std::exception& exception) {
        // RunFileError names the file it could not read or write.
        if (error) *error = QString::fromStdString(exception.what());
        return false;
    }
}

void RunHistoryView::chooseRunsDirectory()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Choose the runs folder"), runsDirectory());
    if (!path.isEmpty()) setRunsDirectory(path);
}

void RunHistoryView::chooseExportFile()
{
    const QStringList runDirs = selectedRunDirectories();
    if (runDirs.isEmpty()) return;
    const QString suggested =
        QDir(runsDirectory())
            .filePath(runDirs.size() == 1 ? QFileInfo(runDirs.front()).fileName() + QStringLiteral("-metrics.csv")
                                          : QStringLiteral("metrics-long.csv"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export metrics as CSV"), suggested,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportCsv(runDirs, path, &error)) QMessageBox::warning(this, tr("Cannot export metrics"), error);
}

void RunHistoryView::openSelected()
{
    const QStringList runDirs = selectedRunDirectories();
    if (!runDirs.isEmpty()) emit openRequested(runDirs);
}

void RunHistoryView::overlaySelected()
{
    const QStringList runDirs = selectedRunDirectories();
    if (runDirs.size() >= 2) emit overlayRequested(runDirs);
}

void RunHistoryView::compareSelected()
{
    const QStringList runDirs = selectedRunDirectories();
    if (runDirs.size() < 2) return;
    auto* dialog = new ConfigDiffDialog(runDirs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void RunHistoryView::openRow(const QModelIndex& proxyIndex)
{
    if (proxyIndex.isValid()) emit openRequested({proxyIndex.data(RunHistoryModel::DirectoryRole).toString()});
}

void RunHistoryView::updateButtons()
{
    const int selected = int(table_->selectionModel()->selectedRows().size());
    openButton_->setEnabled(selected >= 1);
    overlayButton_->setEnabled(selected >= 2);
    compareButton_->setEnabled(selected >= 2);
    exportButton_->setEnabled(selected >= 1);
}

}  // namespace megatoken
