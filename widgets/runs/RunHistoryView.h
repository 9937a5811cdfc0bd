#pragma once
// The run history: the runs folder's runs in a sortable table, from which runs are opened,
// overlaid on one plot, compared by configuration, or exported as one long CSV. The table follows the folder on its own:
// runs that appear, finish or are deleted show after a moment.

#include <QString>
#include <QStringList>
#include <QWidget>

class QFileSystemWatcher;
class QLabel;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace megatoken {

class RunHistoryModel;

class RunHistoryView : public QWidget {
    Q_OBJECT

public:
    explicit RunHistoryView(QWidget* parent = nullptr);

    RunHistoryModel* model() const { return model_; }

    // Shows the runs of path and watches it; emits runsDirectoryChanged() when it differs.
    void setRunsDirectory(const QString& path);
    QString runsDirectory() const;
    // Reads the folder again, keeping the selection.
    void refresh();

    // The selected runs' directories, top to bottom as shown.
    QStringList selectedRunDirectories() const;
    // Selects exactly these runs (those still listed).
    void selectRunDirectories(const QStringList& runDirs);

    // writeLongCsvFile() of runDirs into path; on failure *error (may be null) names the file.
    bool exportCsv(const QStringList& runDirs, const QString& path, QString* error);

signals:
    void openRequested(const QStringList& runDirs);
    void overlayRequested(const QStringList& runDirs);
    void runsDirectoryChanged(const QString& path);
    // The selected runs changed (by the user or selectRunDirectories): their directories.
    void selectionChanged(const QStringList& runDirs);

private:
    void chooseRunsDirectory();
    void chooseExportFile();
    void openSelected();
    void overlaySelected();
    void compareSelected();  // a ConfigDiffDialog of the selected runs
    void openRow(const QModelIndex& proxyIndex);
    void updateButtons();
    void watchFolders();
    void onDirectoryChanged(const QString& path);
    void refreshChangedRuns();

    RunHistoryModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    QLabel* folderLabel_ = nullptr;
    QPushButton* openButton_ = nullptr;
    QPushButton* overlayButton_ = nullptr;
    QPushButton* compareButton_ = nullptr;
    QPushButton* exportButton_ = nullptr;
    QFileSystemWatcher* watcher_ = nullptr;
    // Each gathers a burst of file changes into one refresh: of the whole list when runs appear
    // or vanish, of the changed runs alone when a training run reports progress.
    QTimer* refreshTimer_ = nullptr;
    QTimer* runRefreshTimer_ = nullptr;
    QStringList changedRuns_;
};

}  // namespace megatoken
