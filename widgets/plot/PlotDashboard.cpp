#include "widgets/plot/PlotDashboard.h"

#include "widgets/plot/PlotFileExport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontMetrics>
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

constexpr int kSliderSteps = 100;  // slider position / kSliderSteps = smoothing weight

}  // namespace

PlotDashboard::PlotDashboard(QWidget* parent)
    : QWidget(parent),
      grid_(new QGridLayout),
      smoothingSlider_(new QSlider(Qt::Horizontal)),
      smoothingValue_(new QLabel),
      xAxisCombo_(new QComboBox),
      logYCheck_(new QCheckBox(tr("Log y")))
{
    auto* smoothingLabel = new QLabel(tr("Smoothing"));
    smoothingLabel->setBuddy(smoothingSlider_);
    smoothingSlider_->setObjectName(QStringLiteral("smoothingSlider"));
    smoothingSlider_->setRange(0, static_cast<int>(std::lround(kMaxSmoothing * kSliderSteps)));
    smoothingSlider_->setValue(static_cast<int>(std::lround(smoothing_ * kSliderSteps)));
    smoothingSlider_->setFixedWidth(120);
    smoothingSlider_->setToolTip(tr("Exponential moving average weight of the bold curves; 0 shows raw values"));
    // Wide enough for "0.99" so the controls after it do not shift while dragging.
    smoothingValue_->setMinimumWidth(smoothingValue_->fontMetrics().horizontalAdvance(QStringLiteral("0.00 ")));
    showSmoothingValue();

    auto* xAxisLabel = new QLabel(tr("X axis"));
    xAxisLabel->setBuddy(xAxisCombo_);
    xAxisCombo_->setObjectName(QStringLiteral("xAxisCombo"));
    xAxisCombo_->addItem(tr("Step"), static_cast<int>(MetricPlot::XAxis::Step));
    xAxisCombo_->addItem(tr("Relative time"), static_cast<int>(MetricPlot::XAxis::WallTime));
    xAxisCombo_->setItemData(1, tr("The run's training time, resumed parts added up"), Qt::ToolTipRole);
    xAxisCombo_->addItem(tr("Tokens seen"), static_cast<int>(MetricPlot::XAxis::Tokens));
    xAxisCombo_->setItemData(2, tr("Non-pad tokens of the training batches so far"), Qt::ToolTipRole);
    xAxisCombo_->addItem(tr("Training FLOPs"), static_cast<int>(MetricPlot::XAxis::Flops));
    xAxisCombo_->setItemData(3, tr("Estimated: 3 × the forward FLOPs of each training batch's padded shape"),
                             Qt::ToolTipRole);
    xAxisCombo_->addItem(tr("Clock time"), static_cast<int>(MetricPlot::XAxis::ClockTime));
    logYCheck_->setObjectName(QStringLiteral("logYCheck"));
    logYCheck_->setToolTip(tr("Logarithmic y axis on every plot"));
    auto* resetButton = new QPushButton(tr("Reset view"));
    resetButton->setObjectName(QStringLiteral("resetViewButton"));
    resetButton->setToolTip(tr("Fit every plot to its data again (double-clicking a plot does the same)"));

    controls_ = new QHBoxLayout;
    QHBoxLayout* controls = controls_;
    controls->addWidget(smoothingLabel);
    controls->addWidget(smoothingSlider_);
    controls->addWidget(smoothingValue_);
    controls->addSpacing(8);
    controls->addWidget(xAxisLabel);
    controls->addWidget(xAxisCombo_);
    controls->addSpacing(8);
    controls->addWidget(logYCheck_);
    controls->addWidget(resetButton);
    controls->addStretch(1);

    seriesKeyLabel_ = new QLabel(this);
    seriesKeyLabel_->setObjectName(QStringLiteral("seriesKey"));
    seriesKeyLabel_->setTextFormat(Qt::RichText);
    seriesKeyLabel_->setWordWrap(true);
    seriesKeyLabel_->setVisible(false);

    axisNoteLabel_ = new QLabel(this);
    axisNoteLabel_->setObjectName(QStringLiteral("axisNote"));
    axisNoteLabel_->setWordWrap(true);
    axisNoteLabel_->setStyleSheet(QStringLiteral("color: #8a5a00"));
    axisNoteLabel_->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(seriesKeyLabel_);
    layout->addWidget(axisNoteLabel_);
    layout->addLayout(grid_, 1);

    connect(smoothingSlider_, &QSlider::valueChanged, this,
            [this](int position) { setSmoothing(static_cast<double>(position) / kSliderSteps); });
    connect(xAxisCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int) { setXAxis(static_cast<MetricPlot::XAxis>(xAxisCombo_->currentData().toInt())); });
    connect(logYCheck_, &QCheckBox::toggled, this, &PlotDashboard::setLogY);
    connect(resetButton, &QPushButton::clicked, this, &PlotDashboard::resetViews);
}

void PlotDashboard::setSeriesKey(const QList<QPair<QString, QColor>>& entries)
{
    seriesKey_ = entries;
    QStringList parts;
    for (const auto& [name, color] : entries)
        parts << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                     .arg(color.name(), name.toHtmlEscaped());
    seriesKeyLabel_->setText(parts.join(QStringLiteral("&nbsp;&nbsp;&nbsp; ")));
    seriesKeyLabel_->setVisible(!entries.isEmpty());
}

void PlotDashboard::setAxisNote(const QString& note)
{
    axisNoteLabel_->setText(note);
    axisNoteLabel_->setVisible(!note.isEmpty());
}

QString PlotDashboard::axisNote() const
{
    return axisNoteLabel_->text();
}

void PlotDashboard::addControl(QWidget* widget, int spacingBefore)
{
    // Before the stretch that closes the row.
    const int at = controls_->count() - 1;
    if (spacingBefore > 0) {
        controls_->insertSpacing(at, spacingBefore);
        controls_->insertWidget(at + 1, widget);
    } else {
        controls_->insertWidget(at, widget);
    }
}

MetricPlot* PlotDashboard::addPlot(const QString& plotId, const QString& title, const QString& yLabel)
{
    MetricPlot* metricPlot = plot(plotId);
    if (!metricPlot) {
        metricPlot = new MetricPlot(this);
        metricPlot->setObjectName(plotId);
        metricPlot->setSmoothing(smoothing_);
        metricPlot->setXAxis(xAxis_);
        metricPlot->setLogY(logY_);
        plots_.push_back({plotId, metricPlot});
        relayout();
    }
    metricPlot->setTitle(title);
    metricPlot->setYLabel(yLabel);
    return metricPlot;
}

void PlotDashboard::removePlot(const QString& plotId)
{
    const auto found = std::find_if(plots_.begin(), plots_.end(), [&](const Entry& e) { return e.id == plotId; });
    if (found == plots_.end()) return;
    grid_->removeWidget(found->plot);
    delete found->plot;
    plots_.erase(found);
    relayout();
}

MetricPlot* PlotDashboard::plot(const QString& plotId) const
{
    for (const Entry& entry : plots_) {
        if (entry.id == plotId) return entry.plot;
    }
    return nullptr;
}

QStringList PlotDashboard::plotIds() const
{
    QStringList ids;
    for (const Entry& entry : plots_) ids.append(entry.id);
    return ids;
}

QString PlotDashboard::plotTitle(const QString& plotId) const
{
    const MetricPlot* metricPlot = plot(plotId);
    return metricPlot ? metricPlot->title() : QString();
}

bool PlotDashboard::addSeries(const QString& plotId, const QString& seriesId, const QString& label, const QColor& color,
                              Qt::PenStyle style)
{
    MetricPlot* metricPlot = plot(plotId);
    if (!metricPlot) return false;
    metricPlot->addSeries(seriesId, label, color, style);
    return true;
}

void PlotDashboard::appendPoint(const QString& plotId, const QString& seriesId, double step, double wallSeconds,
                                double value)
{
    if (MetricPlot* metricPlot = plot(plotId))
        metricPlot->appendPoint(seriesId, step, wallSeconds, value);  // ignores an unknown series
}

void PlotDashboard::clearData()
{
    for (const Entry& entry : plots_) {
        entry.plot->clear();
        entry.plot->resetView();
    }
}

void PlotDashboard::setSmoothing(double weight)
{
    const double clamped = std::isnan(weight) ? 0.0 : std::clamp(weight, 0.0, kMaxSmoothing);
    if (clamped == smoothing_) return;
    smoothing_ = clamped;
    {
        const QSignalBlocker blocker(smoothingSlider_);
        smoothingSlider_->setValue(static_cast<int>(std::lround(smoothing_ * kSliderSteps)));
    }
    showSmoothingValue();
    for (const Entry& entry : plots_) entry.plot->setSmoothing(smoothing_);
    emit smoothingChanged(smoothing_);
}

double PlotDashboard::smoothing() const
{
    return smoothing_;
}

void PlotDashboard::showSmoothingValue()
{
    smoothingValue_->setText(QString::number(smoothing_, 'f', 2));
}

void PlotDashboard::setXAxis(MetricPlot::XAxis axis)
{
    if (axis == xAxis_) return;
    xAxis_ = axis;
    {
        const QSignalBlocker blocker(xAxisCombo_);
        xAxisCombo_->setCurrentIndex(xAxisCombo_->findData(static_cast<int>(axis)));
    }
    for (const Entry& entry : plots_) entry.plot->setXAxis(axis);
    emit xAxisChanged(axis);
}

MetricPlot::XAxis PlotDashboard::xAxis() const
{
    return xAxis_;
}

void PlotDashboard::setLogY(bool on)
{
    if (on == logY_) return;
    logY_ = on;
    {
        const QSignalBlocker blocker(logYCheck_);
        logYCheck_->setChecked(on);
    }
    for (const Entry& entry : plots_) entry.plot->setLogY(on);
    emit logYChanged(on);
}

bool PlotDashboard::logY() const
{
    return logY_;
}

void PlotDashboard::resetViews()
{
    for (const Entry& entry : plots_) entry.plot->resetView();
}

void PlotDashboard::setColumns(int columns)
{
    columns = std::max(columns, 1);
    if (columns == columns_) return;
    columns_ = columns;
    relayout();
}

int PlotDashboard::columns() const
{
    return columns_;
}

void PlotDashboard::relayout()
{
    for (const Entry& entry : plots_) grid_->removeWidget(entry.plot);
    // Stretches of rows and columns no longer used would keep reserving space.
    for (int column = 0; column < grid_->columnCount(); ++column) grid_->setColumnStretch(column, 0);
    for (int row = 0; row < grid_->rowCount(); ++row) grid_->setRowStretch(row, 0);
    for (int i = 0; i < static_cast<int>(plots_.size()); ++i) {
        grid_->addWidget(plots_[i].plot, i / columns_, i % columns_);
        grid_->setColumnStretch(i % columns_, 1);
        grid_->setRowStretch(i / columns_, 1);
    }
}

void PlotDashboard::paintGrid(QCPPainter& painter, const QSize& size, ColourBlindSafeMapping* mapping) const
{
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    // The series key (what each colour stands for) heads the picture, as it heads the plots.
    int keyHeight = 0;
    if (!seriesKey_.isEmpty()) {
        QFont keyFont = font();
        painter.setFont(keyFont);
        const QFontMetrics metrics(keyFont);
        const int lineHeight = metrics.height() + 4;
        int x = 8, y = 4;
        for (const auto& [name, color] : seriesKey_) {
            const int width = metrics.height() + 4 + metrics.horizontalAdvance(name) + 18;
            if (x > 8 && x + width > size.width() - 8) {
                x = 8;
                y += lineHeight;
            }
            const int square = metrics.ascent() - 2;
            painter.fillRect(QRect(x, y + (lineHeight - square) / 2, square, square),
                             mapping ? mapping->map(color) : color);
            painter.setPen(Qt::black);
            painter.drawText(QPoint(x + square + 4, y + metrics.ascent() + 2), name);
            x += width;
        }
        keyHeight = y + lineHeight + 4;
    }
    const int count = static_cast<int>(plots_.size());
    if (count == 0) return;
    const int columns = std::min(columns_, count);
    const int rows = (count + columns - 1) / columns;
    const int gridHeight = size.height() - keyHeight;
    for (int i = 0; i < count; ++i) {
        // Integer cell edges from proportional positions, so the cells tile the image exactly.
        const int column = i % columns;
        const int row = i / columns;
        const int left = size.width() * column / columns;
        const int top = keyHeight + gridHeight * row / rows;
        const int right = size.width() * (column + 1) / columns;
        const int bottom = keyHeight + gridHeight * (row + 1) / rows;
        painter.save();
        painter.translate(left, top);
        painter.setClipRect(QRect(0, 0, right - left, bottom - top));
        plots_[i].plot->paintTo(&painter, right - left, bottom - top, mapping);
        painter.restore();
    }
}

QImage PlotDashboard::renderDashboard(int width, int height) const
{
    if (width <= 0 || height <= 0) return QImage();
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paintGrid(painter, image.size());
    painter.end();
    return image;
}

Figure PlotDashboard::figure() const
{
    Figure figure;
    for (const auto& entry : plots_) figure.axes << entry.plot->figureAxes();
    figure.columns = std::max(1, std::min(columns_, static_cast<int>(plots_.size())));
    figure.key = QVector<QPair<QString, QColor>>(seriesKey_.begin(), seriesKey_.end());
    figure.caption = axisNote();
    return figure;
}

bool PlotDashboard::exportFigure(const QString& path, const QSize& size, const PublicationStyle& style,
                                 QString* error) const
{
    const QString format = PlotFileExport::formatForPath(path);
    if (format == QLatin1String("tex"))
        return PlotFileExport::writePgfplots(path, figure(), style, 17.5, tr("Training metrics"), error);
    const bool print = style.printSize() && format != QLatin1String("png");
    const int count = std::max(1, static_cast<int>(plots_.size()));
    const int columns = std::max(1, std::min(columns_, count));
    const int rows = (count + columns - 1) / columns;
    // Each plot about 0.7 as high as wide: a single plot's 0.62 and room for its legend.
    const double aspect = 0.7 * rows / columns;
    const double basePt =
        plots_.empty() ? font().pointSizeF() : plots_.front().plot->customPlot()->xAxis->tickLabelFont().pointSizeF();
    const QSize logical = print ? style.logicalSize(basePt, PlotFileExport::screenDpi(), aspect) : size;
    ColourBlindSafeMapping mapping;
    ColourBlindSafeMapping* palette = style.colourBlindSafe ? &mapping : nullptr;
    return PlotFileExport::write(
        path, logical, tr("Training metrics"),
        [this, palette](QCPPainter& painter, const QSize& area) { paintGrid(painter, area, palette); }, error,
        print ? style.pagePoints(aspect) : QSizeF());
}

bool PlotDashboard::exportDashboard(const QString& path, int width, int height, QString* error) const
{
    return exportFigure(path, QSize(width, height), PublicationStyle{}, error);
}

}  // namespace megatoken
