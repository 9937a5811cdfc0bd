#include "app/gui/InspectorPanel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

#include "app/gui/InspectionToGrid.h"
#include "app/gui/TextDiff.h"
#include "app/gui/TrainingSession.h"
#include "widgets/inspect/AttentionHeatmap.h"
#include "widgets/inspect/CrossAttentionView.h"
#include "widgets/inspect/TokenGridWidget.h"

namespace megatoken {
namespace {

constexpr int kThresholdSteps = 100;  // slider units per 1.0 of ln alpha

}  // namespace

InspectorPanel::InspectorPanel(TrainingSession* session, QWidget* parent) : QWidget(parent), session_(session)
{
    qRegisterMetaType<QVector<BatchInspectionRow>>();
    // --- Worker thread -----------------------------------------------------------------------
    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("megatoken-inspector"));
    worker_ = new InspectorWorker;
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(this, &InspectorPanel::requestLoadRun, worker_, &InspectorWorker::loadRun);
    connect(this, &InspectorPanel::requestLoadSnapshot, worker_, &InspectorWorker::loadSnapshot);
    connect(this, &InspectorPanel::requestInspect, worker_, &InspectorWorker::inspect);
    connect(this, &InspectorPanel::requestBatch, worker_, &InspectorWorker::inspectValidationSample);
    connect(worker_, &InspectorWorker::inspected, this, &InspectorPanel::onInspected);
    connect(worker_, &InspectorWorker::modelLoaded, this, &InspectorPanel::onModelLoaded);
    connect(worker_, &InspectorWorker::batchInspected, this, &InspectorPanel::onBatch);
    connect(worker_, &InspectorWorker::failed, this, [this](const QString& message) {
        timingLabel_->setText(QStringLiteral("<span style=\"color:#a00000\">%1</span>").arg(message.toHtmlEscaped()));
    });
    thread_->start();
    if (session_) connect(session_, &TrainingSession::snapshotReady, this, &InspectorPanel::onSnapshot);

    // --- Controls ------------------------------------------------------------------------------
    auto* layout = new QVBoxLayout(this);
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(new QLabel(tr("Model:"), this));
    modelLabel_ = new QLabel(tr("none yet: open a run in the Runs list, or start a training"), this);
    modelRow->addWidget(modelLabel_, 1);
    auto* liveButton = new QPushButton(tr("Live Run"), this);
    liveButton->setToolTip(tr("Inspect with a snapshot of the running training's weights, taken between two steps"));
    connect(liveButton, &QPushButton::clicked, this, &InspectorPanel::useLiveRun);
    auto* runButton = new QPushButton(tr("Open Run…"), this);
    runButton->setToolTip(tr("Inspect with the newest checkpoint of a run directory"));
    connect(runButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Run to inspect"));
        if (!dir.isEmpty()) useRun(dir);
    });
    modelRow->addWidget(liveButton);
    modelRow->addWidget(runButton);
    layout->addLayout(modelRow);

    auto* textRow = new QHBoxLayout;
    text_ = new QLineEdit(this);
    text_->setPlaceholderText(tr("Type a sentence; Enter inspects it (typing inspects after a pause)"));
    text_->setClearButtonEnabled(true);
    typingTimer_ = new QTimer(this);
    typingTimer_->setSingleShot(true);
    typingTimer_->setInterval(350);
    connect(typingTimer_, &QTimer::timeout, this, &InspectorPanel::inspectNow);
    connect(text_, &QLineEdit::textEdited, typingTimer_, qOverload<>(&QTimer::start));
    connect(text_, &QLineEdit::returnPressed, this, &InspectorPanel::inspectNow);
    textRow->addWidget(text_, 1);
    auto* inspectButton = new QPushButton(tr("Inspect"), this);
    connect(inspectButton, &QPushButton::clicked, this, &InspectorPanel::inspectNow);
    textRow->addWidget(inspectButton);
    layout->addLayout(textRow);

    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(new QLabel(tr("Drop threshold:"), this));
    thresholdSlider_ = new QSlider(Qt::Horizontal, this);
    thresholdSlider_->setRange(-6 * kThresholdSteps, -1);  // gates.threshold must stay below 0
    thresholdSlider_->setValue(-kThresholdSteps);
    thresholdSlider_->setToolTip(tr("A piece is dropped where ln alpha ≤ this threshold; moving it re-inspects"));
    connect(thresholdSlider_, &QSlider::valueChanged, this, [this] {
        updateThresholdLabel();
        typingTimer_->start(120);
    });
    thresholdRow->addWidget(thresholdSlider_, 1);
    thresholdLabel_ = new QLabel(this);
    thresholdLabel_->setMinimumWidth(260);
    thresholdRow->addWidget(thresholdLabel_);
    layout->addLayout(thresholdRow);
    updateThresholdLabel();

    // --- Views ---------------------------------------------------------------------------------
    tabs_ = new QTabWidget(this);
    auto* gatesPage = new QWidget(this);
    auto* gatesLayout = new QVBoxLayout(gatesPage);
    grid_ = new TokenGridWidget(gatesPage);
    auto* scroll = new QScrollArea(gatesPage);
    scroll->setWidget(grid_);
    scroll->setWidgetResizable(false);
    scroll->setBackgroundRole(QPalette::Base);
    gatesLayout->addWidget(scroll, 1);
    reconstruction_ = new QLabel(gatesPage);
    reconstruction_->setTextFormat(Qt::RichText);
    reconstruction_->setWordWrap(true);
    reconstruction_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    gatesLayout->addWidget(reconstruction_);
    auto* exportRow = new QHBoxLayout;
    timingLabel_ = new QLabel(gatesPage);
    exportRow->addWidget(timingLabel_, 1);
    auto* exportImage = new QPushButton(QIcon(QStringLiteral(":/icons/export.svg")), tr("Export Grid…"), gatesPage);
    exportImage->setToolTip(tr("The grid as PNG, SVG or PDF"));
    connect(exportImage, &QPushButton::clicked, this, &InspectorPanel::exportGridDialog);
    auto* exportNumbers = new QPushButton(QIcon(QStringLiteral(":/icons/csv.svg")), tr("Export Numbers…"), gatesPage);
    exportNumbers->setToolTip(tr("Per piece and gate: piece, alpha, G, P, dropped, as CSV or JSON"));
    connect(exportNumbers, &QPushButton::clicked, this, &InspectorPanel::exportNumbersDialog);
    exportRow->addWidget(exportImage);
    exportRow->addWidget(exportNumbers);
    gatesLayout->addLayout(exportRow);
    tabs_->addTab(gatesPage, tr("Gates"));

    auto* attentionPage = new QWidget(this);
    auto* attentionLayout = new QVBoxLayout(attentionPage);
    auto* attentionRow = new QHBoxLayout;
    attentionRow->addWidget(new QLabel(tr("Block:"), attentionPage));
    blockCombo_ = new QComboBox(attentionPage);
    attentionRow->addWidget(blockCombo_);
    attentionRow->addWidget(new QLabel(tr("Head:"), attentionPage));
    headCombo_ = new QComboBox(attentionPage);
    attentionRow->addWidget(headCombo_);
    attentionRow->addStretch(1);
    attentionLayout->addLayout(attentionRow);
    heatmap_ = new AttentionHeatmap(attentionPage);
    attentionLayout->addWidget(heatmap_, 1);
    connect(blockCombo_, &QComboBox::currentIndexChanged, this, &InspectorPanel::showAttention);
    connect(headCombo_, &QComboBox::currentIndexChanged, this, &InspectorPanel::showAttention);
    tabs_->addTab(attentionPage, tr("Attention"));

    // The decoder's cross-attention: which megatokens each output piece read.
    auto* decoderPage = new QWidget(this);
    auto* decoderLayout = new QVBoxLayout(decoderPage);
    auto* decoderRow = new QHBoxLayout;
    decoderRow->addWidget(new QLabel(tr("Decoder block:"), decoderPage));
    crossBlockCombo_ = new QComboBox(decoderPage);
    decoderRow->addWidget(crossBlockCombo_);
    decoderRow->addWidget(new QLabel(tr("Head:"), decoderPage));
    crossHeadCombo_ = new QComboBox(decoderPage);
    decoderRow->addWidget(crossHeadCombo_);
    decoderRow->addStretch(1);
    decoderLayout->addLayout(decoderRow);
    crossView_ = new CrossAttentionView(decoderPage);
    decoderLayout->addWidget(crossView_);
    crossHeatmap_ = new AttentionHeatmap(decoderPage);
    crossHeatmap_->setAxisLabels(tr("output piece"), tr("input piece"));
    decoderLayout->addWidget(crossHeatmap_, 1);
    connect(crossBlockCombo_, &QComboBox::currentIndexChanged, this, &InspectorPanel::showCrossAttention);
    connect(crossHeadCombo_, &QComboBox::currentIndexChanged, this, &InspectorPanel::showCrossAttention);
    tabs_->addTab(decoderPage, tr("Decoder"));
    decoderPage_ = decoderPage;
    gatesPage_ = gatesPage;

    auto* batchPage = new QWidget(this);
    auto* batchLayout = new QVBoxLayout(batchPage);
    auto* batchRow = new QHBoxLayout;
    batchRow->addWidget(new QLabel(tr("Validation sentences:"), batchPage));
    batchCount_ = new QSpinBox(batchPage);
    batchCount_->setRange(1, 1000);
    batchCount_->setValue(50);
    batchRow->addWidget(batchCount_);
    auto* sampleButton = new QPushButton(tr("Sample and Inspect"), batchPage);
    connect(sampleButton, &QPushButton::clicked, this, &InspectorPanel::sampleBatch);
    batchRow->addWidget(sampleButton);
    batchRow->addStretch(1);
    batchLayout->addLayout(batchRow);
    batchTable_ = new QTableWidget(0, 6, batchPage);
    batchTable_->setHorizontalHeaderLabels({tr("Sentence"), tr("Kept pieces"), tr("Dropped pieces"), tr("Pieces"),
                                            tr("Keep ratio"), tr("Token accuracy")});
    batchTable_->setSortingEnabled(true);
    batchTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    batchTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    batchTable_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    batchTable_->verticalHeader()->hide();
    connect(batchTable_, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (auto* item = batchTable_->item(row, 0)) {
            setText(item->text());
            tabs_->setCurrentIndex(0);
        }
    });
    batchLayout->addWidget(batchTable_, 1);
    tabs_->addTab(batchPage, tr("Batch"));
    layout->addWidget(tabs_, 1);
}

InspectorPanel::~InspectorPanel()
{
    thread_->quit();
    thread_->wait();
}

void InspectorPanel::useRun(const QString& runDirectory)
{
    live_ = false;
    modelLabel_->setText(tr("loading %1…").arg(QFileInfo(runDirectory).fileName()));
    emit requestLoadRun(runDirectory);
}

void InspectorPanel::useLiveRun()
{
    if (!session_ || !session_->requestSnapshot()) {
        modelLabel_->setText(tr("no training is running: start one, or open a run"));
        return;
    }
    live_ = true;
    modelLabel_->setText(tr("taking a snapshot of the live weights after the current step…"));
}

void InspectorPanel::onSnapshot(std::shared_ptr<const ModelSnapshot> snapshot)
{
    if (live_) emit requestLoadSnapshot(std::move(snapshot));
}

void InspectorPanel::onModelLoaded(const QString& description, double defaultThreshold)
{
    const bool first = !hasModel_;
    hasModel_ = true;
    modelDescription_ = description;
    modelLabel_->setText(description);
    if (first) setThreshold(defaultThreshold);
    emit modelChanged(description);
    if (!text_->text().trimmed().isEmpty()) inspectNow();
}

void InspectorPanel::setText(const QString& text)
{
    text_->setText(text);
    inspectNow();
}

void InspectorPanel::setThreshold(double threshold)
{
    thresholdSlider_->setValue(static_cast<int>(std::lround(threshold * kThresholdSteps)));
    updateThresholdLabel();
}

double InspectorPanel::threshold() const
{
    return double(thresholdSlider_->value()) / kThresholdSteps;
}

void InspectorPanel::updateThresholdLabel()
{
    thresholdLabel_->setText(
        tr("ln α ≤ %1  (α ≤ %2 dropped)").arg(threshold(), 0, 'f', 2).arg(std::exp(threshold()), 0, 'f', 3));
}

void InspectorPanel::inspectNow()
{
    typingTimer_->stop();
    const QString text = text_->text().trimmed();
    if (text.isEmpty() || !hasModel_) return;
    // A live model refreshes its snapshot on every inspection; the current one answers meanwhile.
    if (live_ && session_) session_->requestSnapshot();
    emit requestInspect(++requestId_, text, threshold());
}

void InspectorPanel::onInspected(int requestId, const Inspection& inspection, double milliseconds)
{
    if (requestId != requestId_) return;  // a newer request is on its way
    inspection_ = inspection;
    lastMilliseconds_ = milliseconds;
    grid_->setData(toTokenGridData(inspection));
    grid_->adjustSize();

    const QString input = QString::fromStdString(inspection.text);
    const WordDiff teacher =
        highlightDifferences(input, QString::fromStdString(inspection.reconstructionTeacherForced));
    const WordDiff free = highlightDifferences(input, QString::fromStdString(inspection.reconstructionFree));
    reconstruction_->setText(tr("<b>Teacher-forced:</b> %1 <i>(%2 words differ; token accuracy %3)</i><br>"
                                "<b>Free-running:</b> %4 <i>(%5 words differ)</i>")
                                 .arg(teacher.html)
                                 .arg(teacher.changedWords)
                                 .arg(inspection.tokenAccuracyTeacherForced, 0, 'f', 3)
                                 .arg(free.html)
                                 .arg(free.changedWords));
    timingLabel_->setText(tr("%1 pieces, inspected in %2 ms with %3")
                              .arg(inspection.pieces.size())
                              .arg(milliseconds, 0, 'f', 1)
                              .arg(modelDescription_));

    const int block = blockCombo_->currentIndex(), head = headCombo_->currentIndex();
    QSignalBlocker blockBlocker(blockCombo_), headBlocker(headCombo_);
    blockCombo_->clear();
    for (const auto& attention : inspection.attention) {
        QString label = tr("block %1").arg(attention.block);
        for (std::size_t g = 0; g < inspection.gateBlocks.size(); ++g)
            if (inspection.gateBlocks[g] == attention.block) label += tr(" (before gate %1)").arg(g + 1);
        blockCombo_->addItem(label);
    }
    headCombo_->clear();
    headCombo_->addItem(tr("mean of heads"));
    const std::int64_t heads = inspection.attention.empty() ? 0 : inspection.attention.front().heads;
    for (std::int64_t h = 0; h < heads; ++h) headCombo_->addItem(tr("head %1").arg(h + 1));
    blockCombo_->setCurrentIndex(std::clamp(block, 0, std::max(0, blockCombo_->count() - 1)));
    headCombo_->setCurrentIndex(std::clamp(head, 0, std::max(0, headCombo_->count() - 1)));
    showAttention();

    const CrossAttention& cross = inspection.crossAttention;
    const int crossBlock = crossBlockCombo_->currentIndex(), crossHead = crossHeadCombo_->currentIndex();
    QSignalBlocker crossBlockBlocker(crossBlockCombo_), crossHeadBlocker(crossHeadCombo_);
    crossBlockCombo_->clear();
    crossBlockCombo_->addItem(tr("mean of blocks"));
    for (std::int64_t b = 0; b < cross.blocks; ++b) crossBlockCombo_->addItem(tr("block %1").arg(b));
    crossHeadCombo_->clear();
    crossHeadCombo_->addItem(tr("mean of heads"));
    for (std::int64_t h = 0; h < cross.heads; ++h) crossHeadCombo_->addItem(tr("head %1").arg(h + 1));
    crossBlockCombo_->setCurrentIndex(std::clamp(crossBlock, 0, std::max(0, crossBlockCombo_->count() - 1)));
    crossHeadCombo_->setCurrentIndex(std::clamp(crossHead, 0, std::max(0, crossHeadCombo_->count() - 1)));
    showCrossAttention();
    emit inspectionShown(milliseconds);
}

void InspectorPanel::showAttention()
{
    const int b = blockCombo_->currentIndex();
    if (b < 0 || b >= static_cast<int>(inspection_.attention.size())) return;
    const BlockAttention& attention = inspection_.attention[static_cast<std::size_t>(b)];
    const int head = headCombo_->currentIndex() - 1;  // -1: the mean
    QStringList pieces;
    for (const auto& piece : inspection_.pieces) pieces << QString::fromStdString(piece.display);
    QVector<double> weights;
    weights.reserve(static_cast<int>(attention.length * attention.length));
    for (std::int64_t q = 0; q < attention.length; ++q)
        for (std::int64_t k = 0; k < attention.length; ++k)
            weights.push_back(head < 0 ? attention.mean(q, k) : attention.at(head, q, k));
    heatmap_->setMatrix(
        pieces, pieces, weights,
        tr("Block %1 self-attention, %2 (gate masks applied)").arg(attention.block).arg(headCombo_->currentText()));
}

void InspectorPanel::showGatesTab()
{
    tabs_->setCurrentWidget(gatesPage_);
}

void InspectorPanel::showDecoderTab()
{
    tabs_->setCurrentWidget(decoderPage_);
}

void InspectorPanel::showCrossAttention()
{
    const CrossAttention& cross = inspection_.crossAttention;
    const std::int64_t block = crossBlockCombo_->currentIndex() - 1;  // -1: the mean of blocks
    const std::int64_t head = crossHeadCombo_->currentIndex() - 1;    // -1: the mean of heads
    QStringList outputs, inputs;
    for (const auto& piece : cross.outputPieces) outputs << QString::fromStdString(piece);
    QVector<bool> dropped;
    for (std::int64_t i = 0; i < cross.inputLength; ++i) {
        const auto index = static_cast<std::size_t>(i);
        const bool known = index < inspection_.pieces.size();
        inputs << (known ? QString::fromStdString(inspection_.pieces[index].display) : QString::number(i));
        dropped << (known && inspection_.pieces[index].droppedAtGate >= 0);
    }
    QVector<double> weights;
    weights.reserve(static_cast<int>(cross.outputLength * cross.inputLength));
    for (std::int64_t o = 0; o < cross.outputLength; ++o)
        for (std::int64_t i = 0; i < cross.inputLength; ++i) weights << cross.weight(block, head, o, i);
    crossView_->setData(outputs, inputs, dropped, weights);
    crossHeatmap_->setMatrix(outputs, inputs, weights,
                             tr("Decoder cross-attention, %1, %2: output pieces (rows) reading the input (columns)")
                                 .arg(crossBlockCombo_->currentText(), crossHeadCombo_->currentText()));
}

void InspectorPanel::sampleBatch()
{
    if (!hasModel_) {
        timingLabel_->setText(tr("No model loaded yet."));
        return;
    }
    batchTable_->setRowCount(0);
    emit requestBatch(batchCount_->value(), threshold());
}

void InspectorPanel::onBatch(const QVector<BatchInspectionRow>& rows)
{
    batchTable_->setSortingEnabled(false);
    batchTable_->setRowCount(rows.size());
    for (int r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        auto* sentence = new QTableWidgetItem(row.text);
        sentence->setToolTip(row.text);
        batchTable_->setItem(r, 0, sentence);
        batchTable_->setItem(r, 1, new QTableWidgetItem(row.keptText));
        auto* dropped = new QTableWidgetItem(row.droppedText);
        dropped->setForeground(QColor(0x90, 0x90, 0x90));
        batchTable_->setItem(r, 2, dropped);
        const auto number = [](double value) {
            auto* item = new QTableWidgetItem;
            item->setData(Qt::DisplayRole, value);
            return item;
        };
        batchTable_->setItem(r, 3, number(row.pieces));
        batchTable_->setItem(r, 4, number(std::round(row.keepRatio * 1000) / 1000));
        batchTable_->setItem(r, 5, number(std::round(row.tokenAccuracy * 1000) / 1000));
    }
    batchTable_->setSortingEnabled(true);
    batchTable_->sortByColumn(4, Qt::AscendingOrder);
    emit batchShown(rows.size());
}

bool InspectorPanel::exportGrid(const QString& path, QString* error) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) return grid_->exportCsv(path, error);
    if (suffix == QLatin1String("json")) return grid_->exportJson(path, error);
    return grid_->exportImage(path, error);
}

void InspectorPanel::exportGridDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export grid"), QStringLiteral("inspection.png"),
                                                      tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportGrid(path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
}

void InspectorPanel::exportNumbersDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export numbers"), QStringLiteral("inspection.csv"),
                                                      tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportGrid(path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
}

}  // namespace megatoken
