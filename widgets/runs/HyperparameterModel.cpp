#include "widgets/runs/HyperparameterModel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <limits>

#include "core/config/ConfigKeys.h"
#include "core/runs/MetricSchema.h"

namespace megatoken {

HyperparameterModel::HyperparameterModel(QObject* parent) : QAbstractTableModel(parent) {}

namespace {

// What changes when a run writes: each file's size and modification time (milliseconds).
QString runSignature(const QString& runDir)
{
    QString signature;
    for (const char* file : {"config.json", "status.json", "metrics.csv", "eval.csv"}) {
        const QFileInfo info(QDir(runDir).filePath(QLatin1String(file)));
        signature += info.exists()
                         ? QStringLiteral("%1:%2;").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch())
                         : QStringLiteral("-;");
    }
    return signature;
}

}  // namespace

void HyperparameterModel::setRunDirectories(const QStringList& runDirs)
{
    std::vector<RunRecord> records;
    records.reserve(static_cast<std::size_t>(runDirs.size()));
    QHash<QString, CachedRecord> kept;
    for (const QString& runDir : runDirs) {
        const QString signature = runSignature(runDir);
        auto cached = cache_.find(runDir);
        if (cached == cache_.end() || cached->signature != signature) {
            ++recordsRead_;
            cached = cache_.insert(runDir, {signature, readRunRecord(runDir.toStdString())});
        }
        records.push_back(cached->record);
        kept.insert(runDir, *cached);
    }
    cache_ = std::move(kept);  // runs no longer listed leave the cache
    setRecords(std::move(records));
}

void HyperparameterModel::setRecords(std::vector<RunRecord> records)
{
    beginResetModel();
    records_ = std::move(records);
    rebuildColumns();
    endResetModel();
}

void HyperparameterModel::setAllKeys(bool all)
{
    if (all == allKeys_) return;
    beginResetModel();
    allKeys_ = all;
    rebuildColumns();
    endResetModel();
}

void HyperparameterModel::rebuildColumns()
{
    columns_ = runColumns(records_, allKeys_);
}

const RunColumn& HyperparameterModel::runColumn(int column) const
{
    return columns_.at(static_cast<std::size_t>(column - 1));
}

int HyperparameterModel::columnOf(const std::string& name) const
{
    for (std::size_t c = 0; c < columns_.size(); ++c)
        if (columns_[c].name == name) return static_cast<int>(c) + 1;
    return -1;
}

int HyperparameterModel::rowOfDirectory(const QString& runDir) const
{
    const QString wanted = QDir::cleanPath(QFileInfo(runDir).absoluteFilePath());
    for (std::size_t r = 0; r < records_.size(); ++r)
        if (QDir::cleanPath(QFileInfo(QString::fromStdString(records_[r].summary.directory)).absoluteFilePath()) ==
            wanted)
            return static_cast<int>(r);
    return -1;
}

int HyperparameterModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(records_.size());
}

int HyperparameterModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(columns_.size()) + 1;
}

QVariant HyperparameterModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const RunRecord& record = records_[static_cast<std::size_t>(index.row())];
    if (role == DirectoryRole) return QString::fromStdString(record.summary.directory);
    if (index.column() == 0) {
        switch (role) {
            case Qt::DisplayRole:
            case SortRole: return QString::fromStdString(record.summary.name);
            case Qt::ToolTipRole:
                return record.configError.empty() ? QString::fromStdString(record.summary.directory)
                                                  : QString::fromStdString(record.configError);
            default: return {};
        }
    }
    const RunColumn& column = runColumn(index.column());
    switch (role) {
        case Qt::DisplayRole: {
            const std::string text = textValue(record, column);
            return text.empty() ? QStringLiteral("–") : QString::fromStdString(text);
        }
        case SortRole: {
            if (!column.numeric) return QString::fromStdString(textValue(record, column));
            const double value = numericValue(record, column);
            return std::isnan(value) ? std::numeric_limits<double>::lowest() : value;
        }
        case Qt::TextAlignmentRole:
            return column.numeric ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
        default: return {};
    }
}

QVariant HyperparameterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
    if (section == 0) {
        if (role == Qt::DisplayRole) return tr("Run");
        return {};
    }
    const RunColumn& column = runColumn(section);
    if (role == Qt::DisplayRole) {
        if (column.kind == RunColumn::Kind::ConfigKey) return QString::fromStdString(column.name);
        if (column.kind == RunColumn::Kind::BestAtTarget) return tr("best acc. @ target");
        return QCoreApplication::translate(kMetricTranslationContext, column.label.c_str());
    }
    if (role == Qt::ToolTipRole) {
        if (column.kind == RunColumn::Kind::ConfigKey)
            if (const ConfigKey* key = findConfigKey(column.name)) return QString::fromStdString(key->help);
        if (column.kind == RunColumn::Kind::BestAtTarget)
            return tr("The best hard-mask accuracy among the evaluations at or below the target keep ratio + %1")
                .arg(kTargetKeepTolerance, 0, 'g', 3);
        if (const MetricDefinition* metric = findMetric(column.name))
            return tr("%1 at the last evaluation")
                .arg(QCoreApplication::translate(kMetricTranslationContext, metric->label.c_str()));
    }
    return {};
}

}  // namespace megatoken
