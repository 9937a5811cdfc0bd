#pragma once
// The runs in a runs folder as a table (core's listRuns()): one row per run, newest first.

#include <vector>

#include <QAbstractTableModel>
#include <QString>

#include "core/runs/RunSummary.h"

namespace megatoken {

class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    // Final hard accuracy and final keep come from the last evaluation; Best at target is the best
    // hard accuracy among evaluations at or below the target keep (+ kTargetKeepTolerance), shown
    // with that evaluation's keep ratio ("0.812 @ 0.541").
    enum Column { Name, Date, Preset, Steps, FinalAccuracy, FinalKeep, BestAtTarget, Status, ColumnCount };
    // Raw values to sort by: QString, QDateTime, qlonglong or double (NaN as the lowest double,
    // so that runs without a value sort together at one end).
    static constexpr int SortRole = Qt::UserRole;
    // The run directory, on every column.
    static constexpr int DirectoryRole = Qt::UserRole + 1;

    explicit RunHistoryModel(QObject* parent = nullptr);

    // Lists the runs of path at once.
    void setRunsDirectory(const QString& path);
    QString runsDirectory() const { return runsDirectory_; }
    // Reads the runs folder again.
    void refresh();
    // Reads one listed run again (a training run's progress) without resetting the model.
    void refreshRun(const QString& runDir);

    QString runDirectory(int row) const;
    RunSummary summary(int row) const;
    // The row of a run directory (compared as absolute, cleaned paths), or -1.
    int rowOfDirectory(const QString& runDir) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const RunSummary& run, int column) const;
    QVariant sortData(const RunSummary& run, int column) const;
    QString statusText(const std::string& status) const;

    QString runsDirectory_;
    std::vector<RunSummary> runs_;
};

}  // namespace megatoken
