#include "widgets/inspect/CrossAttentionView.h"

#include "widgets/inspect/ColorMap.h"

#include <QFontMetrics>
#include <QHelpEvent>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace megatoken {

// The input pieces as chips that wrap like words, each filled with its colour.
class PieceStrip : public QWidget {
public:
    explicit PieceStrip(QWidget* parent) : QWidget(parent) { setMouseTracking(true); }

    void setPieces(const QStringList& texts, const QVector<QColor>& colors, const QVector<bool>& struck,
                   const QStringList& tips)
    {
        texts_ = texts;
        colors_ = colors;
        struck_ = struck;
        tips_ = tips;
        updateGeometry();
        update();
    }

    QSize sizeHint() const override { return QSize(400, heightForWidth(std::max(width(), 400))); }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override
    {
        const auto boxes = layoutBoxes(width);
        return boxes.isEmpty() ? 0 : boxes.back().bottom() + 6;
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const auto boxes = layoutBoxes(width());
        for (int i = 0; i < boxes.size(); ++i) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(colors_.value(i));
            painter.drawRoundedRect(boxes[i], 3, 3);
            QFont font = this->font();
            font.setStrikeOut(struck_.value(i));
            painter.setFont(font);
            painter.setPen(struck_.value(i) ? QColor(110, 110, 110) : readableTextColor(colors_.value(i)));
            painter.drawText(boxes[i], Qt::AlignCenter, texts_.value(i));
        }
    }

    bool event(QEvent* event) override
    {
        if (event->type() == QEvent::ToolTip) {
            const auto* help = static_cast<QHelpEvent*>(event);
            const auto boxes = layoutBoxes(width());
            for (int i = 0; i < boxes.size(); ++i) {
                if (!boxes[i].contains(help->pos())) continue;
                QToolTip::showText(help->globalPos(), tips_.value(i), this);
                return true;
            }
            QToolTip::hideText();
            return true;
        }
        return QWidget::event(event);
    }

private:
    QVector<QRect> layoutBoxes(int width) const
    {
        const QFontMetrics metrics(font());
        const int height = metrics.height() + 8;
        QVector<QRect> boxes;
        int x = 4, y = 4;
        for (const QString& text : texts_) {
            const int w = metrics.horizontalAdvance(text) + 12;
            if (x > 4 && x + w > width - 4) {
                x = 4;
                y += height + 4;
            }
            boxes.append(QRect(x, y, w, height));
            x += w + 4;
        }
        return boxes;
    }

    QStringList texts_;
    QVector<QColor> colors_;
    QVector<bool> struck_;
    QStringList tips_;
};

CrossAttentionView::CrossAttentionView(QWidget* parent)
    : QWidget(parent), outputs_(new QListWidget(this)), summary_(new QLabel(this)), strip_(new PieceStrip(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* outputsLabel = new QLabel(tr("Output pieces of the free-running reconstruction (click one, Ctrl- or "
                                       "Shift-click several):"),
                                    this);
    layout->addWidget(outputsLabel);
    outputs_->setObjectName(QStringLiteral("crossAttentionOutputs"));
    outputs_->setFlow(QListView::LeftToRight);
    outputs_->setWrapping(true);
    outputs_->setResizeMode(QListView::Adjust);
    outputs_->setSpacing(2);
    outputs_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    outputs_->setMaximumHeight(110);
    layout->addWidget(outputs_);
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    layout->addWidget(strip_);
    connect(outputs_, &QListWidget::itemSelectionChanged, this, [this] {
        updateStrip();
        emit selectionChanged();
    });
}

void CrossAttentionView::setData(const QStringList& outputPieces, const QStringList& inputPieces,
                                 const QVector<bool>& inputDropped, const QVector<double>& rowMajorWeights)
{
    const QList<int> before = selectedOutputs();
    outputPieces_ = outputPieces;
    inputPieces_ = inputPieces;
    inputDropped_ = inputDropped;
    inputDropped_.resize(inputPieces.size());
    weights_ = rowMajorWeights;
    weights_.resize(outputPieces.size() * inputPieces.size());
    {
        const QSignalBlocker blocker(outputs_);
        outputs_->clear();
        for (int o = 0; o < outputPieces.size(); ++o) {
            auto* item = new QListWidgetItem(outputPieces[o], outputs_);
            item->setToolTip(tr("Output piece %1").arg(o + 1));
        }
    }
    QList<int> keep;
    for (int row : before)
        if (row < outputPieces.size()) keep << row;
    selectOutputs(keep.isEmpty() && !outputPieces.isEmpty() ? QList<int>{0} : keep);
    updateStrip();
}

void CrossAttentionView::selectOutputs(const QList<int>& rows)
{
    {
        const QSignalBlocker blocker(outputs_);
        outputs_->clearSelection();
        for (int row : rows)
            if (QListWidgetItem* item = outputs_->item(row)) item->setSelected(true);
    }
    updateStrip();
    emit selectionChanged();
}

QList<int> CrossAttentionView::selectedOutputs() const
{
    QList<int> rows;
    for (int r = 0; r < outputs_->count(); ++r)
        if (outputs_->item(r)->isSelected()) rows << r;
    return rows;
}

QVector<double> CrossAttentionView::combinedWeights() const
{
    const int inputs = static_cast<int>(inputPieces_.size());
    QVector<double> combined(inputs, 0.0);
    const QList<int> rows = selectedOutputs();
    if (rows.isEmpty()) return combined;
    for (int row : rows)
        for (int i = 0; i < inputs; ++i) combined[i] += weights_.value(row * inputs + i);
    for (double& w : combined) w /= static_cast<double>(rows.size());
    return combined;
}

QColor CrossAttentionView::inputColor(int input) const
{
    if (input < 0 || input >= inputPieces_.size()) return {};
    if (inputDropped_.value(input)) return QColor(225, 225, 225);
    const QVector<double> combined = combinedWeights();
    const double strongest = combined.isEmpty() ? 0.0 : *std::max_element(combined.begin(), combined.end());
    return viridis(strongest > 0 ? combined[input] / strongest : 0.0);
}

QString CrossAttentionView::inputToolTip(int input) const
{
    if (input < 0 || input >= inputPieces_.size()) return {};
    if (inputDropped_.value(input))
        return tr("%1: dropped by a gate; the decoder cannot read it").arg(inputPieces_[input]);
    const QList<int> rows = selectedOutputs();
    const double weight = combinedWeights().value(input);
    return rows.size() == 1
               ? tr("%1: %2 of the attention of output piece %3")
                     .arg(inputPieces_[input])
                     .arg(weight, 0, 'f', 3)
                     .arg(outputPieces_.value(rows.front()))
               : tr("%1: %2 of the attention, the mean of %n output pieces", nullptr, static_cast<int>(rows.size()))
                     .arg(inputPieces_[input])
                     .arg(weight, 0, 'f', 3);
}

QString CrossAttentionView::summary() const
{
    return summary_->text();
}

void CrossAttentionView::updateStrip()
{
    const QList<int> rows = selectedOutputs();
    const QVector<double> combined = combinedWeights();
    QVector<QColor> colors;
    QStringList tips;
    for (int i = 0; i < inputPieces_.size(); ++i) {
        colors << inputColor(i);
        tips << inputToolTip(i);
    }
    strip_->setPieces(inputPieces_, colors, inputDropped_, tips);
    if (rows.isEmpty()) {
        summary_->setText(outputPieces_.isEmpty() ? tr("No reconstruction yet.")
                                                  : tr("Select output pieces to see what the decoder read."));
        return;
    }
    // The three input pieces read most.
    QVector<int> order(static_cast<int>(combined.size()));
    for (int i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return combined[a] > combined[b]; });
    QStringList top;
    for (int k = 0; k < std::min<int>(3, static_cast<int>(order.size())); ++k)
        top << QStringLiteral("%1 %2").arg(inputPieces_[order[k]]).arg(combined[order[k]], 0, 'f', 2);
    QStringList selected;
    for (int row : rows) selected << outputPieces_.value(row);
    summary_->setText(
        tr("What %1 read (the mean of %n output pieces); most: %2", nullptr, static_cast<int>(rows.size()))
            .arg(selected.join(QStringLiteral(" ")), top.join(QStringLiteral(", "))));
}

}  // namespace megatoken
