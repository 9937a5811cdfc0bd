#pragma once
// The compute side of a GUI run, after Qt's Mandelbrot example: a QObject that lives on its own
// thread, runs core's Trainer there, and turns TrainingObserver callbacks into signals. Those
// signals cross to the GUI thread queued, so no widget is ever touched from here and no LibTorch
// work ever runs on the GUI thread.

#include <QObject>
#include <QString>

#include <memory>

#include "app/gui/MetricTypes.h"
#include "core/config/RunConfig.h"
#include "core/feedback/Feedback.h"

namespace megatoken {

class Trainer;

class TrainingWorker : public QObject, public TrainingObserver {
    Q_OBJECT
public:
    TrainingWorker(const RunConfig& config, bool resume);
    ~TrainingWorker() override;

    // Thread-safe. Pause and resume act between steps. Stop cancels the run's Feedback: it takes
    // effect in every phase (corpus reading, tokenizer training, encoding, model building, steps,
    // evaluation, decoding) within about a second, and a started run writes a checkpoint first.
    void requestPause();
    void requestResume();
    void requestStop();
    void requestSnapshot();  // snapshotReady() follows after the current step

public slots:
    void run();  // blocks this worker's thread until the run ends

signals:
    void runStarted(const megatoken::RunInfo& info);
    void stepCompleted(const megatoken::StepMetrics& metrics);
    void evaluationCompleted(const megatoken::EvalMetrics& metrics);
    void logMessage(const QString& message);
    void checkpointWritten(qint64 step, const QString& path);
    void snapshotReady(std::shared_ptr<const megatoken::ModelSnapshot> snapshot);
    void finished(int reason, const QString& message);  // reason: a FinishReason
    // The Feedback's progress: while preparing, the phase (Trainer::kPhase*) and its fraction 0..1
    // of the preparation; then "training" at steps done / total, "evaluating" during evaluations.
    void progressChanged(double fraction, const QString& message);

private:
    // TrainingObserver, called on the worker thread.
    void onRunStarted(const RunInfo& info) override;
    void onStep(const StepMetrics& metrics) override;
    void onEvaluation(const EvalMetrics& metrics) override;
    void onLog(const std::string& message) override;
    void onCheckpoint(std::int64_t step, const std::string& path) override;
    void onSnapshot(std::shared_ptr<const ModelSnapshot> snapshot) override;
    void onFinished(FinishReason reason, const std::string& message) override;

    Feedback feedback_;                 // the run's stop flag and progress; outlives trainer_
    std::unique_ptr<Trainer> trainer_;  // built on the GUI thread, run on the worker's
};

}  // namespace megatoken
