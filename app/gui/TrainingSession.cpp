#include "app/gui/TrainingSession.h"

#include <QCoreApplication>
#include <QThread>

#include "app/gui/TrainingWorker.h"

namespace megatoken {

TrainingSession::TrainingSession(QObject* parent) : QObject(parent)
{
    registerMetricTypes();
}

TrainingSession::~TrainingSession()
{
    if (worker_) worker_->requestStop();
    if (thread_) finishing_.append(thread_);
    for (QThread* thread : std::as_const(finishing_)) {
        thread->quit();
        thread->wait();
    }
}

bool TrainingSession::start(const RunConfig& config, bool resume, QString* error)
{
    if (isActive() || thread_) {
        if (error) *error = tr("A run is already in progress.");
        return false;
    }
    runDirectory_.clear();
    device_.clear();
    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("megatoken-trainer"));
    auto* worker = new TrainingWorker(config, resume);
    worker->moveToThread(thread_);
    worker_ = worker;

    connect(thread_, &QThread::started, worker, &TrainingWorker::run);
    connect(worker, &TrainingWorker::runStarted, this, [this](const RunInfo& info) {
        runDirectory_ = QString::fromStdString(info.runDirectory);
        device_ = QString::fromStdString(info.device);
        emit runStarted(info);
    });
    connect(worker, &TrainingWorker::stepCompleted, this, &TrainingSession::stepCompleted);
    connect(worker, &TrainingWorker::evaluationCompleted, this, &TrainingSession::evaluationCompleted);
    connect(worker, &TrainingWorker::logMessage, this, &TrainingSession::logMessage);
    connect(worker, &TrainingWorker::checkpointWritten, this, &TrainingSession::checkpointWritten);
    connect(worker, &TrainingWorker::snapshotReady, this, &TrainingSession::snapshotReady);
    connect(worker, &TrainingWorker::progressChanged, this, &TrainingSession::progressChanged);
    // The worker's run() returns right after finished(): end the thread's event loop with it.
    // Direct (QThread::quit is thread-safe), so that stopAndWait() can block the GUI thread.
    connect(worker, &TrainingWorker::finished, thread_, &QThread::quit, Qt::DirectConnection);
    connect(worker, &TrainingWorker::finished, this, &TrainingSession::onWorkerFinished);
    connect(thread_, &QThread::finished, worker, &QObject::deleteLater);
    QThread* thread = thread_;
    connect(thread_, &QThread::finished, this, [this, thread] { onThreadFinished(thread); });

    thread_->start();
    setState(State::Running);
    return true;
}

void TrainingSession::pause()
{
    if (state_ != State::Running || !worker_) return;
    worker_->requestPause();
    setState(State::Paused);
}

void TrainingSession::resume()
{
    if (state_ != State::Paused || !worker_) return;
    worker_->requestResume();
    setState(State::Running);
}

void TrainingSession::stop()
{
    if (!isActive() || state_ == State::Stopping || !worker_) return;
    worker_->requestStop();
    setState(State::Stopping);
}

bool TrainingSession::requestSnapshot()
{
    if (!isActive() || !worker_) return false;
    worker_->requestSnapshot();
    return true;
}

bool TrainingSession::stopAndWait(int timeoutMs)
{
    if (!thread_) return true;
    stop();
    if (!thread_->wait(timeoutMs)) return false;
    // Deliver the queued finished() so that state and listeners catch up.
    QCoreApplication::sendPostedEvents(this);
    return true;
}

void TrainingSession::onWorkerFinished(int reason, const QString& message)
{
    // run() has returned and the thread is ending, but it may still be releasing the run's data (a
    // large corpus takes glibc most of a second to free): the GUI does not wait for that.
    if (thread_) {
        finishing_.append(thread_);
        thread_ = nullptr;
    }
    worker_.clear();
    setState(State::Idle);
    emit finished(reason, message);
}

void TrainingSession::onThreadFinished(QThread* thread)
{
    if (thread == thread_) return;  // still reporting: onWorkerFinished hands it over
    finishing_.removeOne(thread);
    thread->deleteLater();
}

void TrainingSession::setState(State state)
{
    if (state_ == state) return;
    state_ = state;
    emit stateChanged(state);
}

}  // namespace megatoken
