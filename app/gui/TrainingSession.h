#pragma once
// The GUI thread's handle on a training run: owns the worker thread, forwards the worker's
// signals (queued) and offers Start / Pause / Resume / Stop. One run at a time.

#include <QObject>
#include <QPointer>
#include <QString>

#include "app/gui/MetricTypes.h"
#include "core/config/RunConfig.h"

class QThread;

namespace megatoken {

class TrainingWorker;

class TrainingSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override;  // stops a running run and waits for it

    // Starts a run on a new worker thread. resume: continue config.run.name's newest checkpoint.
    // Returns false with a message when a run is already going.
    bool start(const RunConfig& config, bool resume, QString* error = nullptr);
    void pause();
    void resume();
    void stop();  // ends after the current step (or evaluation batch) with a checkpoint
    // Asks for a copy of the live weights; snapshotReady() follows after the current step.
    // Returns false when no run is going.
    bool requestSnapshot();

    // Requests a stop and waits up to timeoutMs for the worker thread to end. Returns whether it did.
    bool stopAndWait(int timeoutMs);

    State state() const { return state_; }
    bool isActive() const { return state_ != State::Idle; }
    QString runDirectory() const { return runDirectory_; }
    QString device() const { return device_; }

signals:
    void stateChanged(megatoken::TrainingSession::State state);
    void runStarted(const megatoken::RunInfo& info);
    void stepCompleted(const megatoken::StepMetrics& metrics);
    void evaluationCompleted(const megatoken::EvalMetrics& metrics);
    void logMessage(const QString& message);
    void checkpointWritten(qint64 step, const QString& path);
    void snapshotReady(std::shared_ptr<const megatoken::ModelSnapshot> snapshot);
    void finished(int reason, const QString& message);

private:
    void setState(State state);
    void onWorkerFinished(int reason, const QString& message);

    QThread* thread_ = nullptr;
    QPointer<TrainingWorker> worker_;
    State state_ = State::Idle;
    QString runDirectory_, device_;
};

}  // namespace megatoken
