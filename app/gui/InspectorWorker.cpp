#include "app/gui/InspectorWorker.h"

#include <QElapsedTimer>

#include <cmath>
#include <optional>

#include "core/engine/inspect/Inspector.h"

namespace megatoken {

InspectorWorker::InspectorWorker()
{
    registerMetricTypes();
    qRegisterMetaType<BatchInspectionRow>();
    qRegisterMetaType<QVector<BatchInspectionRow>>();
}

InspectorWorker::~InspectorWorker() = default;

void InspectorWorker::loadRun(const QString& runDirectory)
{
    try {
        inspector_ = Inspector::fromRun(runDirectory.toStdString());
        emit modelLoaded(QString::fromStdString(inspector_->description()), inspector_->defaultThreshold());
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
    }
}

void InspectorWorker::loadSnapshot(std::shared_ptr<const ModelSnapshot> snapshot)
{
    if (!snapshot) return;
    try {
        inspector_ = Inspector::fromSnapshot(*snapshot);
        emit modelLoaded(QString::fromStdString(inspector_->description()), inspector_->defaultThreshold());
    } catch (const std::exception& e) {
        emit failed(tr("The live model could not be copied: %1").arg(QString::fromStdString(e.what())));
    }
}

void InspectorWorker::inspect(int requestId, const QString& text, double threshold)
{
    if (!inspector_) {
        emit failed(tr("No model loaded: open a run with a checkpoint, or start a training."));
        return;
    }
    try {
        QElapsedTimer timer;
        timer.start();
        const std::optional<double> t = std::isnan(threshold) ? std::nullopt : std::optional<double>(threshold);
        Inspection inspection = inspector_->inspect(text.toStdString(), t);
        emit inspected(requestId, inspection, timer.nsecsElapsed() / 1e6);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
    }
}

void InspectorWorker::inspectValidationSample(int count, double threshold)
{
    if (!inspector_) {
        emit failed(tr("No model loaded: open a run with a checkpoint, or start a training."));
        return;
    }
    try {
        const std::optional<double> t = std::isnan(threshold) ? std::nullopt : std::optional<double>(threshold);
        QVector<BatchInspectionRow> rows;
        for (const auto& text : inspector_->validationSample(static_cast<std::size_t>(std::max(1, count)))) {
            const Inspection inspection = inspector_->inspect(text, t);
            BatchInspectionRow row;
            row.text = QString::fromStdString(text);
            QStringList kept, dropped;
            for (const auto& piece : inspection.pieces)
                (piece.droppedAtGate < 0 ? kept : dropped) << QString::fromStdString(piece.display);
            row.keptText = kept.join(' ');
            row.droppedText = dropped.join(' ');
            row.pieces = static_cast<int>(inspection.pieces.size());
            row.kept = static_cast<int>(kept.size());
            row.keepRatio = row.pieces > 0 ? double(row.kept) / row.pieces : 1.0;
            row.tokenAccuracy = inspection.tokenAccuracyTeacherForced;
            rows.push_back(row);
        }
        emit batchInspected(rows);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
    }
}

}  // namespace megatoken
