#include "app/gui/HfImportTask.h"

#include <QThread>

#include <exception>

#include "core/engine/train/HfImport.h"

namespace megatoken {

HfImportTask::HfImportTask(QObject* parent) : QObject(parent) {}

HfImportTask::~HfImportTask()
{
    if (thread_) thread_->wait();
}

bool HfImportTask::start(const QString& folder, const QString& runDirectory)
{
    if (thread_) return false;
    QThread* thread = QThread::create([this, folder, runDirectory] {
        QString error;
        try {
            importHfFolder(folder.toStdString(), runDirectory.toStdString());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        // Queued to the task's thread; dropped if the task is gone by then.
        QMetaObject::invokeMethod(
            this, [this, runDirectory, error] { emit finished(error.isEmpty() ? runDirectory : QString(), error); },
            Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread_ = thread;
    thread->start();
    return true;
}

}  // namespace megatoken
