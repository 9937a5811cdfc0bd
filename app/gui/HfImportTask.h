#pragma once
// The thread bridge for `megatoken import-hf` in the GUI: the import (core/engine/train/HfImport.h,
// seconds for a 300 MB checkpoint) runs on a thread of its own, and finished() arrives on the
// thread that owns the task. The window knows nothing of the engine.

#include <QObject>
#include <QPointer>
#include <QString>

class QThread;

namespace megatoken {

class HfImportTask : public QObject {
    Q_OBJECT
public:
    explicit HfImportTask(QObject* parent = nullptr);
    // Waits for a running import: it cannot stop half-way through a tensor.
    ~HfImportTask() override;

    // Imports `folder` into `runDirectory` (which must not exist). Returns false, doing nothing,
    // while another import runs.
    bool start(const QString& folder, const QString& runDirectory);
    bool isRunning() const { return !thread_.isNull(); }

signals:
    // runDirectory is empty when the import failed; error then names the file and the problem.
    void finished(const QString& runDirectory, const QString& error);

private:
    QPointer<QThread> thread_;
};

}  // namespace megatoken
