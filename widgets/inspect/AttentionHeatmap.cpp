#include "widgets/inspect/AttentionHeatmap.h"

#include "widgets/inspect/ColorMap.h"
#include "widgets/plot/PlotFileExport.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace megatoken {

namespace {

constexpr int kGradientStops = 64;

// QCustomPlot 2.1 has no viridis preset: the gradient is built from the same table the token
// grid uses, so both views read alike.
QCPColorGradient viridisGradient()
{
    QCPColorGradient gradient;
    QMap<double, QColor> stops;
    for (int stop = 0; stop <= kGradientStops; ++stop) {
        const double t = static_cast<double>(stop) / kGradientStops;
        stops.insert(t, viridis(t));
    }
    gradient.setColorStops(stops);
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(256);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

QSharedPointer<QCPAxisTickerText> pieceTicker(const QStringList& pieces)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < pieces.size(); ++i) ticker->addTick(i, pieces[i]);
    return ticker;
}

}  // namespace

AttentionHeatmap::AttentionHeatmap(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumSize(240, 200);
    plot_->setMouseTracking(true);  // hover tooltips need moves without a pressed button

    plot_->xAxis->setLabel(tr("key"));
    plot_->yAxis->setLabel(tr("query"));
    plot_->xAxis->setTickLabelRotation(90);
    plot_->yAxis->setRangeReversed(true);  // query row 0 on top, as the matrix is written
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->setTicker(pieceTicker({}));
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
    }

    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setInterpolate(false);  // one flat block per weight
    map_->setTightBoundary(false);

    scale_ = new QCPColorScale(plot_);
    scale_->setType(QCPAxis::atRight);
    scale_->axis()->setLabel(tr("weight"));
    plot_->plotLayout()->addElement(0, 1, scale_);
    map_->setColorScale(scale_);
    scale_->setGradient(viridisGradient());  // the scale hands its gradient on to the map
    // The scale's bar runs exactly as high as the matrix.
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    connect(plot_, &QCustomPlot::mouseMove, this, &AttentionHeatmap::onMouseMove);
}

AttentionHeatmap::~AttentionHeatmap() = default;

QCustomPlot* AttentionHeatmap::customPlot() const
{
    return plot_;
}

void AttentionHeatmap::setMatrix(const QStringList& queryPieces, const QStringList& keyPieces,
                                 const QVector<double>& rowMajorWeights, const QString& title)
{
    queryPieces_ = queryPieces;
    keyPieces_ = keyPieces;
    const int rowCount = static_cast<int>(queryPieces.size());
    const int columnCount = static_cast<int>(keyPieces.size());
    const qsizetype cellCount = static_cast<qsizetype>(rowCount) * columnCount;
    weights_ = rowMajorWeights.mid(0, std::min(cellCount, rowMajorWeights.size()));
    weights_.resize(cellCount, std::numeric_limits<double>::quiet_NaN());

    plot_->xAxis->setTicker(pieceTicker(keyPieces));
    plot_->yAxis->setTicker(pieceTicker(queryPieces));
    if (cellCount == 0) {
        map_->data()->clear();
    } else {
        // Cell (column, row) is centred on key = column, value = row. QCPColorMap spreads n > 1
        // cells over their range plus half a cell each side, but a single cell over its range
        // alone, hence the unit range around 0 there.
        const auto cellRange = [](int count) { return count == 1 ? QCPRange(-0.5, 0.5) : QCPRange(0, count - 1); };
        map_->data()->setSize(columnCount, rowCount);
        map_->data()->setRange(cellRange(columnCount), cellRange(rowCount));
        for (int row = 0; row < rowCount; ++row) {
            for (int column = 0; column < columnCount; ++column)
                map_->data()->setCell(column, row, weights_[static_cast<qsizetype>(row) * columnCount + column]);
        }
    }

    double low = 0;
    double high = -std::numeric_limits<double>::infinity();
    for (const double weight : std::as_const(weights_)) {
        if (std::isfinite(weight)) {
            low = std::min(low, weight);
            high = std::max(high, weight);
        }
    }
    scale_->setDataRange(high > low ? QCPRange(low, high) : QCPRange(low, low + 1));

    plot_->xAxis->setRange(-0.5, std::max(columnCount, 1) - 0.5);
    plot_->yAxis->setRange(-0.5, std::max(rowCount, 1) - 0.5);
    setTitleText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void AttentionHeatmap::setTitleText(const QString& title)
{
    if (title.isEmpty()) {
        // An empty text element would still take a row's height.
        if (title_) {
            plot_->plotLayout()->remove(title_);
            plot_->plotLayout()->simplify();
            title_ = nullptr;
        }
        return;
    }
    if (!title_) {
        QFont titleFont = font();
        titleFont.setBold(true);
        plot_->plotLayout()->insertRow(0);
        title_ = new QCPTextElement(plot_, title, titleFont);
        plot_->plotLayout()->addElement(0, 0, title_);
    }
    title_->setText(title);
}

void AttentionHeatmap::setAxisLabels(const QString& rows, const QString& columns)
{
    plot_->yAxis->setLabel(rows);
    plot_->xAxis->setLabel(columns);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

double AttentionHeatmap::value(int row, int column) const
{
    if (row < 0 || row >= rows() || column < 0 || column >= columns()) return std::numeric_limits<double>::quiet_NaN();
    return weights_[static_cast<qsizetype>(row) * columns() + column];
}

int AttentionHeatmap::rows() const
{
    return static_cast<int>(queryPieces_.size());
}

int AttentionHeatmap::columns() const
{
    return static_cast<int>(keyPieces_.size());
}

QString AttentionHeatmap::title() const
{
    return title_ ? title_->text() : QString();
}

QString AttentionHeatmap::hoverText(int row, int column) const
{
    if (row < 0 || row >= rows() || column < 0 || column >= columns()) return QString();
    const double weight = value(row, column);
    const QString shown = std::isfinite(weight) ? QString::number(weight, 'f', 3) : tr("none");
    return tr("%1 → %2: %3").arg(queryPieces_[row], keyPieces_[column], shown);
}

void AttentionHeatmap::onMouseMove(QMouseEvent* event)
{
    const QPointF position = event->position();
    if (!plot_->axisRect()->rect().contains(position.toPoint())) {
        QToolTip::hideText();
        return;
    }
    const int column = static_cast<int>(std::lround(plot_->xAxis->pixelToCoord(position.x())));
    const int row = static_cast<int>(std::lround(plot_->yAxis->pixelToCoord(position.y())));
    const QString text = hoverText(row, column);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

bool AttentionHeatmap::exportImage(const QString& path, int width, int height, QString* error) const
{
    const QSize size(width, height);
    if (!PlotFileExport::checkTarget(path, size, error)) return false;
    return PlotFileExport::writeCustomPlot(plot_, path, size, title(), error);
}

}  // namespace megatoken
