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
    for (int i = 0; i < pieces.size(); ++i)
        ticker->addTick(i, pieces[i]);
    return ticker;
}

} // namespace

AttentionHeatmap::AttentionHeatmap(QWidget* parent)
    : QWidget(parent)
    , mPlot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mPlot);
    setMinimumSize(240, 200);
    mPlot->setMouseTracking(true); // hover tooltips need moves without a pressed button

    mPlot->xAxis->setLabel(tr("key"));
    mPlot->yAxis->setLabel(tr("query"));
    mPlot->xAxis->setTickLabelRotation(90);
    mPlot->yAxis->setRangeReversed(true); // query row 0 on top, as the matrix is written
    for (QCPAxis* axis : {mPlot->xAxis, mPlot->yAxis}) {
        axis->setTicker(pieceTicker({}));
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
    }

    mMap = new QCPColorMap(mPlot->xAxis, mPlot->yAxis);
    mMap->setInterpolate(false); // one flat block per weight
    mMap->setTightBoundary(false);

    mScale = new QCPColorScale(mPlot);
    mScale->setType(QCPAxis::atRight);
    mScale->axis()->setLabel(tr("weight"));
    mPlot->plotLayout()->addElement(0, 1, mScale);
    mMap->setColorScale(mScale);
    mScale->setGradient(viridisGradient()); // the scale hands its gradient on to the map
    // The scale's bar runs exactly as high as the matrix.
    auto* margins = new QCPMarginGroup(mPlot);
    mPlot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    mScale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    connect(mPlot, &QCustomPlot::mouseMove, this, &AttentionHeatmap::onMouseMove);
}

AttentionHeatmap::~AttentionHeatmap() = default;

QCustomPlot* AttentionHeatmap::customPlot() const
{
    return mPlot;
}

void AttentionHeatmap::setMatrix(const QStringList& queryPieces, const QStringList& keyPieces,
                                 const QVector<double>& rowMajorWeights, const QString& title)
{
    mQueryPieces = queryPieces;
    mKeyPieces = keyPieces;
    const int rowCount = static_cast<int>(queryPieces.size());
    const int columnCount = static_cast<int>(keyPieces.size());
    const qsizetype cellCount = static_cast<qsizetype>(rowCount) * columnCount;
    mWeights = rowMajorWeights.mid(0, std::min(cellCount, rowMajorWeights.size()));
    mWeights.resize(cellCount, std::numeric_limits<double>::quiet_NaN());

    mPlot->xAxis->setTicker(pieceTicker(keyPieces));
    mPlot->yAxis->setTicker(pieceTicker(queryPieces));
    if (cellCount == 0) {
        mMap->data()->clear();
    } else {
        // Cell (column, row) is centred on key = column, value = row. QCPColorMap spreads n > 1
        // cells over their range plus half a cell each side, but a single cell over its range
        // alone, hence the unit range around 0 there.
        const auto cellRange = [](int count) { return count == 1 ? QCPRange(-0.5, 0.5) : QCPRange(0, count - 1); };
        mMap->data()->setSize(columnCount, rowCount);
        mMap->data()->setRange(cellRange(columnCount), cellRange(rowCount));
        for (int row = 0; row < rowCount; ++row) {
            for (int column = 0; column < columnCount; ++column)
                mMap->data()->setCell(column, row, mWeights[static_cast<qsizetype>(row) * columnCount + column]);
        }
    }

    double low = 0;
    double high = -std::numeric_limits<double>::infinity();
    for (const double weight : std::as_const(mWeights)) {
        if (std::isfinite(weight)) {
            low = std::min(low, weight);
            high = std::max(high, weight);
        }
    }
    mScale->setDataRange(high > low ? QCPRange(low, high) : QCPRange(low, low + 1));

    mPlot->xAxis->setRange(-0.5, std::max(columnCount, 1) - 0.5);
    mPlot->yAxis->setRange(-0.5, std::max(rowCount, 1) - 0.5);
    setTitleText(title);
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

void AttentionHeatmap::setTitleText(const QString& title)
{
    if (title.isEmpty()) {
        // An empty text element would still take a row's height.
        if (mTitle) {
            mPlot->plotLayout()->remove(mTitle);
            mPlot->plotLayout()->simplify();
            mTitle = nullptr;
        }
        return;
    }
    if (!mTitle) {
        QFont titleFont = font();
        titleFont.setBold(true);
        mPlot->plotLayout()->insertRow(0);
        mTitle = new QCPTextElement(mPlot, title, titleFont);
        mPlot->plotLayout()->addElement(0, 0, mTitle);
    }
    mTitle->setText(title);
}

double AttentionHeatmap::value(int row, int column) const
{
    if (row < 0 || row >= rows() || column < 0 || column >= columns())
        return std::numeric_limits<double>::quiet_NaN();
    return mWeights[static_cast<qsizetype>(row) * columns() + column];
}

int AttentionHeatmap::rows() const
{
    return static_cast<int>(mQueryPieces.size());
}

int AttentionHeatmap::columns() const
{
    return static_cast<int>(mKeyPieces.size());
}

QString AttentionHeatmap::title() const
{
    return mTitle ? mTitle->text() : QString();
}

QString AttentionHeatmap::hoverText(int row, int column) const
{
    if (row < 0 || row >= rows() || column < 0 || column >= columns())
        return QString();
    const double weight = value(row, column);
    const QString shown = std::isfinite(weight) ? QString::number(weight, 'f', 3) : tr("none");
    return tr("%1 → %2: %3").arg(mQueryPieces[row], mKeyPieces[column], shown);
}

void AttentionHeatmap::onMouseMove(QMouseEvent* event)
{
    const QPointF position = event->position();
    if (!mPlot->axisRect()->rect().contains(position.toPoint())) {
        QToolTip::hideText();
        return;
    }
    const int column = static_cast<int>(std::lround(mPlot->xAxis->pixelToCoord(position.x())));
    const int row = static_cast<int>(std::lround(mPlot->yAxis->pixelToCoord(position.y())));
    const QString text = hoverText(row, column);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, mPlot);
}

bool AttentionHeatmap::exportImage(const QString& path, int width, int height, QString* error) const
{
    const QSize size(width, height);
    if (!PlotFileExport::checkTarget(path, size, error))
        return false;
    return PlotFileExport::writeCustomPlot(mPlot, path, size, title(), error);
}

} // namespace megatoken
