#pragma once
// The GUI thread's handle on a training run: owns the worker thread, forwards the worker's
// signals (queued) and offers Start / Pause / Resume / Stop. One run at a time.

#include <QList>
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
    ~TrainingSession() override;  // stops a running run and waits for its thread (and any still ending)

    // Starts a run on a new worker thread. resume: continue config.run.name's newest checkpoint.
    // Returns false with a message when a run is already going.
    bool start(const RunConfig& config, bool resume, QString* error = nullptr);
    void pause();
    void resume();
    // Ends the run in whatever phase it is, within about a second: while preparing (corpus reading,
    // tokenizer training, encoding) nothing is left half-written; once training, it ends after the
    // current step (or evaluation batch, or decoding step) with a checkpoint.
    void stop();
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
    // The run's progress (TrainingWorker::progressChanged): the preparation's phase and fraction
    // until runStarted, then the steps.
    void progressChanged(double fraction, const QString& message);

private:
    void setState(State state);
    void onWorkerFinished(int reason, const QString& message);
    void onThreadFinished(QThread* thread);

    QThread* thread_ = nullptr;  // the current run's
    QList<QThread*> finishing_;  // runs that have finished, their threads still ending
    QPointer<TrainingWorker> worker_;
    State state_ = State::Idle;
    QString runDirectory_, device_;
};

}  // namespace megatoken
