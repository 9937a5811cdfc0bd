#include "widgets/runs/RunHistoryModel.h"

#include <cmath>
#include <limits>

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QStyle>

#include "core/runs/RunStatus.h"

namespace megatoken {

namespace {

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

QDateTime createdTime(const RunSummary& run)
{
    return QDateTime::fromString(fromStd(run.created), Qt::ISODate);
}

QString absoluteClean(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// NaN sorts as the lowest value: QVariant comparisons with NaN would make the order arbitrary.
double sortable(double value)
{
    return std::isnan(value) ? std::numeric_limits<double>::lowest() : value;
}

}  // namespace

RunHistoryModel::RunHistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunHistoryModel::setRunsDirectory(const QString& path)
{
    runsDirectory_ = path;
    refresh();
}

void RunHistoryModel::refresh()
{
    beginResetModel();
    runs_ = runsDirectory_.isEmpty() ? std::vector<RunSummary>{} : listRuns(runsDirectory_.toStdString());
    endResetModel();
}

void RunHistoryModel::refreshRun(const QString& runDir)
{
    const int row = rowOfDirectory(runDir);
    if (row < 0) return;
    runs_[std::size_t(row)] = summarizeRun(runs_[std::size_t(row)].directory);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString RunHistoryModel::runDirectory(int row) const
{
    return row >= 0 && row < rowCount() ? fromStd(runs_[std::size_t(row)].directory) : QString();
}

RunSummary RunHistoryModel::summary(int row) const
{
    return row >= 0 && row < rowCount() ? runs_[std::size_t(row)] : RunSummary{};
}

int RunHistoryModel::rowOfDirectory(const QString& runDir) const
{
    const QString wanted = absoluteClean(runDir);
    for (int row = 0; row < rowCount(); ++row)
        if (absoluteClean(fromStd(runs_[std::size_t(row)].directory)) == wanted) return row;
    return -1;
}

int RunHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(runs_.size());
}

int RunHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const RunSummary& run = runs_[std::size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole: return displayData(run, index.column());
        case SortRole: return sortData(run, index.column());
        case DirectoryRole: return fromStd(run.directory);
        case Qt::ToolTipRole:
            if (!run.error.empty()) return tr("Some files of this run could not be read:\n%1").arg(fromStd(run.error));
            if (index.column() == Name) return fromStd(run.directory);
            if (index.column() == Date) return createdTime(run).toLocalTime().toString(Qt::ISODate);
            if (index.column() == Status && !run.device.empty()) return tr("Trained on %1").arg(fromStd(run.device));
            if ((index.column() == FinalAccuracy || index.column() == FinalKeep) && run.finalEval.valid())
                return tr("Evaluation at step %1").arg(run.finalEval.step);
            if (index.column() == BestAtTarget) {
                if (run.bestAtTarget.valid())
                    return tr("Evaluation at step %1: hard accuracy %2 at keep ratio %3 (target %4)")
                        .arg(run.bestAtTarget.step)
                        .arg(run.bestAtTarget.accuracyHard, 0, 'f', 3)
                        .arg(run.bestAtTarget.keepRatio, 0, 'f', 3)
                        .arg(run.targetKeep, 0, 'g', 3);
                if (run.finalEval.valid())
                    return tr("No evaluation kept %1 or less (target %2 + %3)")
                        .arg(run.targetKeep + kTargetKeepTolerance, 0, 'g', 3)
                        .arg(run.targetKeep, 0, 'g', 3)
                        .arg(kTargetKeepTolerance, 0, 'g', 3);
            }
            return {};
        case Qt::DecorationRole:
            if (index.column() == Name && !run.error.empty())
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            return {};
        case Qt::TextAlignmentRole:
            switch (index.column()) {
                case Steps:
                case FinalAccuracy:
                case FinalKeep:
                case BestAtTarget: return int(Qt::AlignRight | Qt::AlignVCenter);
                default: return int(Qt::AlignLeft | Qt::AlignVCenter);
            }
        default: return {};
    }
}

QVariant RunHistoryModel::displayData(const RunSummary& run, int column) const
{
    const auto decimals = [](double value) {
        return std::isnan(value) ? QStringLiteral("–") : QString::number(value, 'f', 3);
    };
    switch (column) {
        case Name: return fromStd(run.name);
        case Date: {
            const QDateTime created = createdTime(run);
            return created.isValid() ? created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
        }
        case Preset: return fromStd(run.preset);
        case Steps:
            // An imported model was trained elsewhere: it has no step budget here.
            if (run.status == kRunStateImported) return tr("pretrained");
            return tr("%1 / %2").arg(run.steps).arg(run.totalSteps);
        case FinalAccuracy: return decimals(run.finalEval.accuracyHard);
        case FinalKeep: return decimals(run.finalEval.keepRatio);
        case BestAtTarget:
            if (!run.bestAtTarget.valid()) return decimals(std::nan(""));
            return tr("%1 @ %2").arg(decimals(run.bestAtTarget.accuracyHard), decimals(run.bestAtTarget.keepRatio));
        case Status:
            // A distributed run says so where its state is read.
            if (run.worldSize > 1)
                return tr("%1 (%n processes)", nullptr, int(run.worldSize)).arg(statusText(run.status));
            return statusText(run.status);
        default: return {};
    }
}

QVariant RunHistoryModel::sortData(const RunSummary& run, int column) const
{
    switch (column) {
        case Name: return fromStd(run.name);
        case Date: return createdTime(run);
        case Preset: return fromStd(run.preset);
        case Steps: return qlonglong(run.steps);
        case FinalAccuracy: return sortable(run.finalEval.accuracyHard);
        case FinalKeep: return sortable(run.finalEval.keepRatio);
        case BestAtTarget: return sortable(run.bestAtTarget.accuracyHard);
        case Status: return fromStd(run.status);
        default: return {};
    }
}

QString RunHistoryModel::statusText(const std::string& status) const
{
    if (status == kRunStateRunning) return tr("running");
    if (status == kRunStateCompleted) return tr("completed");
    if (status == kRunStateStopped) return tr("stopped");
    if (status == kRunStateDiverged) return tr("diverged");
    if (status == kRunStateFailed) return tr("failed");
    if (status == kRunStateIncomplete) return tr("incomplete");
    if (status == kRunStateImported) return tr("imported (Hugging Face)");
    return fromStd(status);
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case Name: return tr("Name");
            case Date: return tr("Date");
            case Preset: return tr("Preset");
            case Steps: return tr("Steps");
            case FinalAccuracy: return tr("Final hard acc.");
            case FinalKeep: return tr("Final keep");
            case BestAtTarget: return tr("Best at target keep");
            case Status: return tr("Status");
            default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case Date: return tr("When the run was created (its config.json was written)");
            case Steps: return tr("Steps trained / steps configured (optim.steps)");
            case FinalAccuracy:
                return tr("Hard-mask token accuracy (dropped tokens invisible) at the last evaluation on the "
                          "validation split");
            case FinalKeep: return tr("The fraction of tokens the gates kept at that same evaluation");
            case BestAtTarget:
                return tr("The best hard-mask accuracy among the evaluations that kept at most the target keep ratio "
                          "(loss.target_keep) + %1, with that evaluation's keep ratio")
                    .arg(kTargetKeepTolerance, 0, 'g', 3);
            case Status: return tr("From the run's status.json, else inferred from its steps");
            default: return {};
        }
    }
    return {};
}

}  // namespace megatoken
