#include "widgets/plot/PlotDashboard.h"

#include "widgets/plot/PlotFileExport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace megatoken {

namespace {

constexpr int kSliderSteps = 100; // slider position / kSliderSteps = smoothing weight

} // namespace

PlotDashboard::PlotDashboard(QWidget* parent)
    : QWidget(parent)
    , mGrid(new QGridLayout)
    , mSmoothingSlider(new QSlider(Qt::Horizontal))
    , mSmoothingValue(new QLabel)
    , mXAxisCombo(new QComboBox)
    , mLogYCheck(new QCheckBox(tr("Log y")))
{
    auto* smoothingLabel = new QLabel(tr("Smoothing"));
    smoothingLabel->setBuddy(mSmoothingSlider);
    mSmoothingSlider->setObjectName(QStringLiteral("smoothingSlider"));
    mSmoothingSlider->setRange(0, static_cast<int>(std::lround(kMaxSmoothing * kSliderSteps)));
    mSmoothingSlider->setValue(static_cast<int>(std::lround(mSmoothing * kSliderSteps)));
    mSmoothingSlider->setFixedWidth(160);
    mSmoothingSlider->setToolTip(tr("Exponential moving average weight of the bold curves; 0 shows raw values"));
    // Wide enough for "0.99" so the controls after it do not shift while dragging.
    mSmoothingValue->setMinimumWidth(mSmoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00 ")));
    showSmoothingValue();

    auto* xAxisLabel = new QLabel(tr("X axis"));
    xAxisLabel->setBuddy(mXAxisCombo);
    mXAxisCombo->setObjectName(QStringLiteral("xAxisCombo"));
    mXAxisCombo->addItem(tr("Step"), static_cast<int>(MetricPlot::XAxis::Step));
    mXAxisCombo->addItem(tr("Wall time"), static_cast<int>(MetricPlot::XAxis::WallTime));
    mLogYCheck->setObjectName(QStringLiteral("logYCheck"));
    mLogYCheck->setToolTip(tr("Logarithmic y axis on every plot"));
    auto* resetButton = new QPushButton(tr("Reset view"));
    resetButton->setObjectName(QStringLiteral("resetViewButton"));
    resetButton->setToolTip(tr("Fit every plot to its data again (double-clicking a plot does the same)"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(smoothingLabel);
    controls->addWidget(mSmoothingSlider);
    controls->addWidget(mSmoothingValue);
    controls->addSpacing(12);
    controls->addWidget(xAxisLabel);
    controls->addWidget(mXAxisCombo);
    controls->addSpacing(12);
    controls->addWidget(mLogYCheck);
    controls->addWidget(resetButton);
    controls->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(mGrid, 1);

    connect(mSmoothingSlider, &QSlider::valueChanged, this,
            [this](int position) { setSmoothing(static_cast<double>(position) / kSliderSteps); });
    connect(mXAxisCombo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int) { setXAxis(static_cast<MetricPlot::XAxis>(mXAxisCombo->currentData().toInt())); });
    connect(mLogYCheck, &QCheckBox::toggled, this, &PlotDashboard::setLogY);
    connect(resetButton, &QPushButton::clicked, this, &PlotDashboard::resetViews);
}

MetricPlot* PlotDashboard::addPlot(const QString& plotId, const QString& title, const QString& yLabel)
{
    MetricPlot* metricPlot = plot(plotId);
    if (!metricPlot) {
        metricPlot = new MetricPlot(this);
        metricPlot->setObjectName(plotId);
        metricPlot->setSmoothing(mSmoothing);
        metricPlot->setXAxis(mXAxis);
        metricPlot->setLogY(mLogY);
        mPlots.push_back({plotId, metricPlot});
        relayout();
    }
    metricPlot->setTitle(title);
    metricPlot->setYLabel(yLabel);
    return metricPlot;
}

void PlotDashboard::removePlot(const QString& plotId)
{
    const auto found = std::find_if(mPlots.begin(), mPlots.end(), [&](const Entry& e) { return e.id == plotId; });
    if (found == mPlots.end())
        return;
    mGrid->removeWidget(found->plot);
    delete found->plot;
    mPlots.erase(found);
    relayout();
}

MetricPlot* PlotDashboard::plot(const QString& plotId) const
{
    for (const Entry& entry : mPlots) {
        if (entry.id == plotId)
            return entry.plot;
    }
    return nullptr;
}

QStringList PlotDashboard::plotIds() const
{
    QStringList ids;
    for (const Entry& entry : mPlots)
        ids.append(entry.id);
    return ids;
}

QString PlotDashboard::plotTitle(const QString& plotId) const
{
    const MetricPlot* metricPlot = plot(plotId);
    return metricPlot ? metricPlot->title() : QString();
}

bool PlotDashboard::addSeries(const QString& plotId, const QString& seriesId, const QString& label,
                              const QColor& color, Qt::PenStyle style)
{
    MetricPlot* metricPlot = plot(plotId);
    if (!metricPlot)
        return false;
    metricPlot->addSeries(seriesId, label, color, style);
    return true;
}

void PlotDashboard::appendPoint(const QString& plotId, const QString& seriesId, double step, double wallSeconds,
                                double value)
{
    if (MetricPlot* metricPlot = plot(plotId))
        metricPlot->appendPoint(seriesId, step, wallSeconds, value); // ignores an unknown series
}

void PlotDashboard::clearData()
{
    for (const Entry& entry : mPlots) {
        entry.plot->clear();
        entry.plot->resetView();
    }
}

void PlotDashboard::setSmoothing(double weight)
{
    const double clamped = std::isnan(weight) ? 0.0 : std::clamp(weight, 0.0, kMaxSmoothing);
    if (clamped == mSmoothing)
        return;
    mSmoothing = clamped;
    {
        const QSignalBlocker blocker(mSmoothingSlider);
        mSmoothingSlider->setValue(static_cast<int>(std::lround(mSmoothing * kSliderSteps)));
    }
    showSmoothingValue();
    for (const Entry& entry : mPlots)
        entry.plot->setSmoothing(mSmoothing);
    emit smoothingChanged(mSmoothing);
}

double PlotDashboard::smoothing() const
{
    return mSmoothing;
}

void PlotDashboard::showSmoothingValue()
{
    mSmoothingValue->setText(QString::number(mSmoothing, 'f', 2));
}

void PlotDashboard::setXAxis(MetricPlot::XAxis axis)
{
    if (axis == mXAxis)
        return;
    mXAxis = axis;
    {
        const QSignalBlocker blocker(mXAxisCombo);
        mXAxisCombo->setCurrentIndex(mXAxisCombo->findData(static_cast<int>(axis)));
    }
    for (const Entry& entry : mPlots)
        entry.plot->setXAxis(axis);
    emit xAxisChanged(axis);
}

MetricPlot::XAxis PlotDashboard::xAxis() const
{
    return mXAxis;
}

void PlotDashboard::setLogY(bool on)
{
    if (on == mLogY)
        return;
    mLogY = on;
    {
        const QSignalBlocker blocker(mLogYCheck);
        mLogYCheck->setChecked(on);
    }
    for (const Entry& entry : mPlots)
        entry.plot->setLogY(on);
    emit logYChanged(on);
}

bool PlotDashboard::logY() const
{
    return mLogY;
}

void PlotDashboard::resetViews()
{
    for (const Entry& entry : mPlots)
        entry.plot->resetView();
}

void PlotDashboard::setColumns(int columns)
{
    columns = std::max(columns, 1);
    if (columns == mColumns)
        return;
    mColumns = columns;
    relayout();
}

int PlotDashboard::columns() const
{
    return mColumns;
}

void PlotDashboard::relayout()
{
    for (const Entry& entry : mPlots)
        mGrid->removeWidget(entry.plot);
    // Stretches of rows and columns no longer used would keep reserving space.
    for (int column = 0; column < mGrid->columnCount(); ++column)
        mGrid->setColumnStretch(column, 0);
    for (int row = 0; row < mGrid->rowCount(); ++row)
        mGrid->setRowStretch(row, 0);
    for (int i = 0; i < static_cast<int>(mPlots.size()); ++i) {
        mGrid->addWidget(mPlots[i].plot, i / mColumns, i % mColumns);
        mGrid->setColumnStretch(i % mColumns, 1);
        mGrid->setRowStretch(i / mColumns, 1);
    }
}

void PlotDashboard::paintGrid(QCPPainter& painter, const QSize& size) const
{
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    const int count = static_cast<int>(mPlots.size());
    if (count == 0)
        return;
    const int columns = std::min(mColumns, count);
    const int rows = (count + columns - 1) / columns;
    for (int i = 0; i < count; ++i) {
        // Integer cell edges from proportional positions, so the cells tile the image exactly.
        const int column = i % columns;
        const int row = i / columns;
        const int left = size.width() * column / columns;
        const int top = size.height() * row / rows;
        const int right = size.width() * (column + 1) / columns;
        const int bottom = size.height() * (row + 1) / rows;
        painter.save();
        painter.translate(left, top);
        painter.setClipRect(QRect(0, 0, right - left, bottom - top));
        mPlots[i].plot->paintTo(&painter, right - left, bottom - top);
        painter.restore();
    }
}

QImage PlotDashboard::renderDashboard(int width, int height) const
{
    if (width <= 0 || height <= 0)
        return QImage();
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paintGrid(painter, image.size());
    painter.end();
    return image;
}

bool PlotDashboard::exportDashboard(const QString& path, int width, int height, QString* error) const
{
    return PlotFileExport::write(
        path, QSize(width, height), tr("Training metrics"),
        [this](QCPPainter& painter, const QSize& size) { paintGrid(painter, size); }, error);
}

} // namespace megatoken
