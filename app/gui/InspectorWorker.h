#pragma once
// The inspector's compute side: owns a model for inspection (from a checkpoint, or a snapshot of
// the live run's weights) on its own thread, so neither the GUI thread nor the training thread
// ever waits for an inspection. Requests arrive as queued calls; results leave as signals.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

#include "app/gui/MetricTypes.h"

namespace megatoken {

class Inspector;

// One sentence of the batch view.
struct BatchInspectionRow {
    QString text;
    QString keptText;     // the surviving pieces
    QString droppedText;  // the dropped pieces, in order
    int pieces = 0;
    int kept = 0;
    double keepRatio = 1;
    double tokenAccuracy = 0;  // teacher-forced, hard mask
};

class InspectorWorker : public QObject {
    Q_OBJECT
public:
    InspectorWorker();
    ~InspectorWorker() override;

public slots:
    void loadRun(const QString& runDirectory);
    void loadSnapshot(std::shared_ptr<const megatoken::ModelSnapshot> snapshot);
    // threshold: NaN for the model's own. requestId lets the caller drop stale answers.
    void inspect(int requestId, const QString& text, double threshold);
    void inspectValidationSample(int count, double threshold);

signals:
    void modelLoaded(const QString& description, double defaultThreshold);
    void inspected(int requestId, const megatoken::Inspection& inspection, double milliseconds);
    void batchInspected(const QVector<megatoken::BatchInspectionRow>& rows);
    void failed(const QString& message);

private:
    std::unique_ptr<Inspector> inspector_;
};

}  // namespace megatoken

Q_DECLARE_METATYPE(megatoken::BatchInspectionRow)
