#pragma once
// The inspector: type a sentence and see, per gate, every piece coloured by its keep score, what
// was dropped, where its information went, the reconstructions and the attention. The model is
// a checkpoint of any run, or a snapshot of the live training's weights.

#include <QPointer>
#include <QWidget>

#include <cmath>
#include <memory>

#include "app/gui/InspectorWorker.h"
#include "app/gui/MetricTypes.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QTableWidget;
class QTabWidget;
class QThread;
class QTimer;

namespace megatoken {

class AttentionHeatmap;
class CrossAttentionView;
class TokenGridWidget;
class TrainingSession;

class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(TrainingSession* session, QWidget* parent = nullptr);
    ~InspectorPanel() override;

    // Inspect with the newest checkpoint of this run.
    void useRun(const QString& runDirectory);
    // Inspect with snapshots of the running training's weights.
    void useLiveRun();

    void setText(const QString& text);  // and inspect at once
    void showGatesTab();
    void showDecoderTab();
    void setThreshold(double threshold);  // ln alpha; re-inspects
    double threshold() const;

    const Inspection& lastInspection() const { return inspection_; }
    double lastMilliseconds() const { return lastMilliseconds_; }
    QString modelDescription() const { return modelDescription_; }
    TokenGridWidget* grid() const { return grid_; }
    AttentionHeatmap* heatmap() const { return heatmap_; }
    // The Decoder tab: what each output piece of the reconstruction read, and the whole matrix.
    CrossAttentionView* crossAttentionView() const { return crossView_; }
    AttentionHeatmap* crossHeatmap() const { return crossHeatmap_; }
    QTableWidget* batchTable() const { return batchTable_; }

    bool exportGrid(const QString& path, QString* error = nullptr) const;  // .png/.svg/.pdf/.csv/.json

signals:
    void inspectionShown(double milliseconds);
    void modelChanged(const QString& description);
    void batchShown(int rows);
    // Internal: requests queued to the worker thread.
    void requestLoadRun(const QString& runDirectory);
    void requestLoadSnapshot(std::shared_ptr<const megatoken::ModelSnapshot> snapshot);
    void requestInspect(int requestId, const QString& text, double threshold);
    void requestBatch(int count, double threshold);

public slots:
    void inspectNow();
    void sampleBatch();

private:
    void onInspected(int requestId, const Inspection& inspection, double milliseconds);
    void onModelLoaded(const QString& description, double defaultThreshold);
    void onBatch(const QVector<BatchInspectionRow>& rows);
    void onSnapshot(std::shared_ptr<const ModelSnapshot> snapshot);
    void showAttention();
    void showCrossAttention();
    void updateThresholdLabel();
    void exportGridDialog();
    void exportNumbersDialog();

    TrainingSession* session_;
    QThread* thread_ = nullptr;
    InspectorWorker* worker_ = nullptr;
    QLabel* modelLabel_ = nullptr;
    QLineEdit* text_ = nullptr;
    QSlider* thresholdSlider_ = nullptr;
    QLabel* thresholdLabel_ = nullptr;
    QLabel* timingLabel_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    TokenGridWidget* grid_ = nullptr;
    QLabel* reconstruction_ = nullptr;
    QComboBox* blockCombo_ = nullptr;
    QComboBox* headCombo_ = nullptr;
    AttentionHeatmap* heatmap_ = nullptr;
    QComboBox* crossBlockCombo_ = nullptr;
    QComboBox* crossHeadCombo_ = nullptr;
    CrossAttentionView* crossView_ = nullptr;
    QWidget* gatesPage_ = nullptr;
    QWidget* decoderPage_ = nullptr;
    AttentionHeatmap* crossHeatmap_ = nullptr;
    QSpinBox* batchCount_ = nullptr;
    QTableWidget* batchTable_ = nullptr;
    QTimer* typingTimer_ = nullptr;

    Inspection inspection_;
    double lastMilliseconds_ = 0;
    int requestId_ = 0;
    bool live_ = false;
    bool hasModel_ = false;
    QString modelDescription_;
};

}  // namespace megatoken
