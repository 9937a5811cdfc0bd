#pragma once
// The Sweep tab: the result table of `megatoken sweep` (sweep.csv) as a Pareto plot of quality
// against the kept fraction of tokens, with every row in a sortable table below it. The file is
// watched, so a sweep that is still running fills the view as its configurations finish.

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QWidget>

#include <vector>

#include "core/runs/SweepTable.h"

class QComboBox;
class QFileSystemWatcher;
class QLabel;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace megatoken {

class ParetoPlot;

class SweepPanel : public QWidget {
    Q_OBJECT
public:
    explicit SweepPanel(QWidget* parent = nullptr);
    ~SweepPanel() override;

    // Shows a sweep: a folder holding sweep.csv, or a csv file itself, and watches it. A folder
    // whose sweep.csv is not written yet is watched until it is. False (with *error naming the
    // file, the same text the panel shows) when the folder or the table cannot be read.
    bool openSweep(const QString& folderOrCsv, QString* error = nullptr);
    // Reads the table again (the watcher does this by itself); on an error the last good rows stay.
    bool reload(QString* error = nullptr);

    QString sweepFolder() const;  // the folder of the table; empty before openSweep()
    QString tablePath() const;    // the watched sweep.csv
    const std::vector<SweepRow>& rows() const { return rows_; }

    ParetoPlot* plot() const { return plot_; }
    QTableView* tableView() const { return table_; }
    QSortFilterProxyModel* tableModel() const { return proxy_; }  // the rows as shown (sorted)
    QComboBox* metricCombo() const { return metricCombo_; }
    QString statusText() const;
    bool hasError() const { return hasError_; }

    // The plot as a figure (ParetoPlot::exportFigure): .png, .svg or .pdf by the suffix.
    bool exportPlot(const QString& path, const QSize& size = kExportSize, QString* error = nullptr) const;
    static constexpr QSize kExportSize{1600, 1000};

    // The folder the open dialog starts in (the last sweep, from the settings).
    void setStartFolder(const QString& folder) { startFolder_ = folder; }

    // The dialogs behind the panel's buttons.
    void chooseSweep();
    void chooseExportFile();

signals:
    void sweepOpened(const QString& folder);
    void tableReloaded(int rows);
    // A double-clicked row: the run's directory inside the sweep folder.
    void runActivated(const QString& runDirectory);

private:
    void showRows();
    void showStatus(const QString& text, bool error);
    void watch();
    void onFileEvent();
    void onSelectionChanged();
    QString selectedRun() const;
    void selectRun(const QString& run);

    ParetoPlot* plot_ = nullptr;
    QComboBox* metricCombo_ = nullptr;
    QPushButton* openButton_ = nullptr;
    QPushButton* exportButton_ = nullptr;
    QLabel* pathLabel_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QStandardItemModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    QFileSystemWatcher* watcher_ = nullptr;
    QTimer* reloadTimer_ = nullptr;  // gathers a burst of file events into one read

    QString tablePath_;
    QString startFolder_;
    QByteArray lastContent_;  // a rewrite with the same bytes leaves the view (and selection) alone
    std::vector<SweepRow> rows_;
    bool hasError_ = false;
};

}  // namespace megatoken
