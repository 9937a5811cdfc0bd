#pragma once
// The hyperparameter table: one row per run, a "Run" column, then the config keys whose values
// vary across the runs (every key on request) and the final metrics (core/runs/RunRecord.h).
// Display text as the run files and the metric schema format it; SortRole holds numbers for
// numeric columns (NaN as the lowest double, so runs without a value sort together at one end) and
// text for categorical ones.

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

#include <vector>

#include "core/runs/RunRecord.h"

namespace megatoken {

class HyperparameterModel : public QAbstractTableModel {
    Q_OBJECT

public:
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int DirectoryRole = Qt::UserRole + 1;  // the run directory, on every column

    explicit HyperparameterModel(QObject* parent = nullptr);

    // Replaces the runs. A run's files are read again (readRunRecord) only when one of them
    // (config.json, status.json, metrics.csv, eval.csv) changed size or time since the last read:
    // a live run's steps cost one run's read, not every run's, on the GUI thread.
    void setRunDirectories(const QStringList& runDirs);
    // readRunRecord calls so far (for tests of the cache above).
    int recordsRead() const { return recordsRead_; }
    void setRecords(std::vector<RunRecord> records);
    const std::vector<RunRecord>& records() const { return records_; }

    // Every config key instead of the varying ones (never the keys that only name or place a run).
    void setAllKeys(bool all);
    bool allKeys() const { return allKeys_; }

    // The comparison column behind a model column >= 1 (column 0 is the run's name).
    const RunColumn& runColumn(int column) const;
    int columnOf(const std::string& name) const;  // -1 when absent
    int rowOfDirectory(const QString& runDir) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuildColumns();

    std::vector<RunRecord> records_;
    struct CachedRecord {
        QString signature;  // sizes and modification times of the run's files
        RunRecord record;
    };
    QHash<QString, CachedRecord> cache_;
    int recordsRead_ = 0;
    std::vector<RunColumn> columns_;
    bool allKeys_ = false;
};

}  // namespace megatoken
