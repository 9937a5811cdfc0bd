#include "app/gui/TrainingWorker.h"

#include "core/engine/train/Trainer.h"

namespace megatoken {

TrainingWorker::TrainingWorker(const RunConfig& config, bool resume)
    : trainer_(std::make_unique<Trainer>(config, *this, feedback_, resume))
{
    // On the worker thread, at most about a thousand times per phase: queued to the GUI thread.
    feedback_.setListener([this](double fraction, const std::string& message) {
        emit progressChanged(fraction, QString::fromStdString(message));
    });
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::requestPause()
{
    trainer_->requestPause();
}
void TrainingWorker::requestResume()
{
    trainer_->requestResume();
}
void TrainingWorker::requestStop()
{
    feedback_.cancel();
}
void TrainingWorker::requestSnapshot()
{
    trainer_->requestSnapshot();
}

void TrainingWorker::run()
{
    trainer_->run();
}

void TrainingWorker::onRunStarted(const RunInfo& info)
{
    emit runStarted(info);
}
void TrainingWorker::onStep(const StepMetrics& metrics)
{
    emit stepCompleted(metrics);
}
void TrainingWorker::onEvaluation(const EvalMetrics& metrics)
{
    emit evaluationCompleted(metrics);
}
void TrainingWorker::onLog(const std::string& message)
{
    emit logMessage(QString::fromStdString(message));
}
void TrainingWorker::onCheckpoint(std::int64_t step, const std::string& path)
{
    emit checkpointWritten(step, QString::fromStdString(path));
}
void TrainingWorker::onSnapshot(std::shared_ptr<const ModelSnapshot> snapshot)
{
    emit snapshotReady(std::move(snapshot));
}
void TrainingWorker::onFinished(FinishReason reason, const std::string& message)
{
    emit finished(static_cast<int>(reason), QString::fromStdString(message));
}

}  // namespace megatoken
