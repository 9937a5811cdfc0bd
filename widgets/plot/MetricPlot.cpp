#include "widgets/plot/MetricPlot.h"

#include "widgets/plot/EmaSmoother.h"
#include "widgets/plot/PlotFileExport.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QResizeEvent>
#include <QScopedValueRollback>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace megatoken {

namespace {

constexpr int kReplotIntervalMs = 33;  // ~30 redraws a second at most, however fast data arrives
constexpr int kRawAlpha = 60;
constexpr int kBandAlpha = 45;
constexpr qsizetype kSparsePoints = 30;  // fewer points than this: a dot at each
constexpr double kSparseDotSize = 5;
constexpr double kAnomalySize = 9;
const QColor kAnomalyColor(200, 0, 0);
// 1 px pens: QCustomPlot draws them as cosmetic lines through its fast polyline path; at 1.5 px
// a replot of 8 x 100k points took twice as long (68 vs 31 ms). The faded raw curve behind
// already sets the smoothed one apart.
constexpr double kPenWidth = 1.0;
constexpr double kYMarginFraction = 0.05;
const QString kRawLayer = QStringLiteral("rawCurves");
const QColor kHiddenColor(170, 170, 170);

double nan()
{
    return std::numeric_limits<double>::quiet_NaN();
}

// QCPGraph draws NaN as a gap; infinities would reach the painter as huge coordinates.
double drawable(double value)
{
    return std::isfinite(value) ? value : nan();
}

// The smallest interval holding every value included so far; empty until the first.
struct Extent {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();

    void include(double value)
    {
        low = std::min(low, value);
        high = std::max(high, value);
    }
    void include(const Extent& other)
    {
        low = std::min(low, other.low);
        high = std::max(high, other.high);
    }
    bool isEmpty() const { return !(low <= high); }
};

QString formatValue(double value)
{
    if (std::isnan(value)) return QStringLiteral("NaN");
    if (std::isinf(value)) return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    return QString::number(value, 'g', 5);
}

QString formatKey(double key, MetricPlot::XAxis axis)
{
    if ((axis == MetricPlot::XAxis::Step || axis == MetricPlot::XAxis::Tokens) && std::floor(key) == key &&
        std::abs(key) < 1e15)
        return QString::number(static_cast<qint64>(key));
    if (axis == MetricPlot::XAxis::ClockTime)
        return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(key * 1000.0)).toString(Qt::ISODate);
    return QString::number(key, 'g', 6);
}

// Tick labels with SI prefixes ("25k", "1.5M", "3.2T"): six-digit step and token counts and
// fifteen-digit FLOPs run together on a quarter-width plot. Below 10,000 the plain number.
class SiPrefixTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override
    {
        static const std::array<std::pair<double, const char*>, 6> prefixes{
            {{1e18, "E"}, {1e15, "P"}, {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}}};
        const double magnitude = std::abs(tick);
        if (magnitude >= 1e4)
            for (const auto& [factor, prefix] : prefixes)
                if (magnitude >= factor) return QString::number(tick / factor, 'g', 3) + QLatin1String(prefix);
        return QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision);
    }
};

constexpr std::size_t axisIndex(MetricPlot::XAxis axis)
{
    return static_cast<std::size_t>(axis);
}

// A point's key on one axis.
double keyOn(const MetricPlot::XValues& x, MetricPlot::XAxis axis)
{
    switch (axis) {
        case MetricPlot::XAxis::Step: return x.step;
        case MetricPlot::XAxis::WallTime: return x.wall;
        case MetricPlot::XAxis::Tokens: return x.tokens;
        case MetricPlot::XAxis::Flops: return x.flops;
        case MetricPlot::XAxis::ClockTime: return x.clock;
    }
    return x.step;
}

// Index of the key nearest x, -1 when keys has no finite one. Binary search when sorted (the
// normal case: steps and wall times only grow, and no key is NaN), a scan otherwise.
int nearestIndex(const QVector<double>& keys, bool sorted, double x)
{
    if (keys.isEmpty()) return -1;
    if (sorted) {
        const auto above = std::lower_bound(keys.cbegin(), keys.cend(), x);
        if (above == keys.cbegin()) return 0;
        if (above == keys.cend()) return static_cast<int>(keys.size()) - 1;
        const auto below = above - 1;
        return static_cast<int>((x - *below <= *above - x) ? below - keys.cbegin() : above - keys.cbegin());
    }
    int best = -1;
    for (int i = 0; i < keys.size(); ++i) {
        if (!std::isfinite(keys[i])) continue;
        if (best < 0 || std::abs(keys[i] - x) < std::abs(keys[best] - x)) best = i;
    }
    return best;
}

// Points whose key is not finite (an axis a run did not record) are left out.
void setGraphData(QCPGraph* graph, const QVector<double>& keys, const QVector<double>& values, bool sorted)
{
    QVector<QCPGraphData> points;
    points.reserve(keys.size());
    for (int i = 0; i < keys.size() && i < values.size(); ++i)
        if (std::isfinite(keys[i])) points.append(QCPGraphData(keys[i], drawable(values[i])));
    graph->data()->set(points, sorted);
}

}  // namespace

struct MetricPlot::Series {
    QString id;
    QString label;
    QColor color;
    Qt::PenStyle style = Qt::SolidLine;
    bool visible = true;

    // Each point's key on every x axis (NaN where the run did not record it), by axisIndex().
    std::array<QVector<double>, kXAxisCount> keys;
    QVector<double> values;
    QVector<double> smoothed;
    EmaSmoother smoother;
    // Per axis: its finite keys never decrease, and none is NaN (binary search in the hover).
    std::array<bool, kXAxisCount> sorted{true, true, true, true, true};
    std::array<bool, kXAxisCount> complete{true, true, true, true, true};

    // Kept up to date on every append so following the data costs O(series), not O(points).
    std::array<Extent, kXAxisCount> keyExtent;
    Extent valueExtent;          // finite values
    Extent positiveValueExtent;  // finite values > 0, for the log axis

    QCPGraph* raw = nullptr;         // faded, behind, not in the legend
    QCPGraph* smoothLine = nullptr;  // the legend's entry; the raw data itself when smoothing is 0
    // Non-finite values (a diverged step's NaN or inf): both lines break there, and a triangle
    // marks each at the height of the last finite value before it, as TensorBoard does; the
    // hover text gives the value.
    QCPGraph* anomalies = nullptr;
    QVector<int> anomalyIndices;  // into keys/values
    QVector<double> anomalyHeights;
    double lastFinite = 0;  // the height of the next anomaly
    QString legendKey;      // shares that legend entry; empty: its own (smoothLine's)

    // The spread band (setBand): empty without one. Bounds pair with values index by index.
    QVector<double> bandLow, bandHigh;
    QVector<double> smoothedLow, smoothedHigh;
    QCPGraph* bandLowLine = nullptr;   // invisible pen: the fill's lower edge
    QCPGraph* bandHighLine = nullptr;  // filled down to bandLowLine
    Extent bandExtent;
    Extent positiveBandExtent;
};

// A legend entry shared by several series (addSeries' legendKey): a graph without data, in grey
// with the series' pen style, that only the legend draws.
struct MetricPlot::LegendKey {
    QString name;
    QCPGraph* graph = nullptr;
};

MetricPlot::MetricPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumSize(240, 180);
    // Tick labels in one style in every language: "0.5" and "5·10^-5", never "0,5" or "5E-05"
    // (German's exponent), so a figure reads the same whoever exported it.
    plot_->setLocale(QLocale::c());

    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setAutoAddPlottableToLegend(false);
    plot_->setPlottingHint(QCP::phFastPolylines, true);
    plot_->setNoAntialiasingOnDrag(true);  // keeps dragging 100k-point curves fluid
    plot_->setMouseTracking(true);         // hover tooltips need moves without a pressed button
    // The raw curves of every series sit below all smoothed curves, whatever the order of adding.
    plot_->addLayer(kRawLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limBelow);

    applyXAxisStyle();

    QFont legendFont = font();
    legendFont.setPointSizeF(std::max(7.0, legendFont.pointSizeF() - 1));
    plot_->legend->setFont(legendFont);
    plot_->legend->setVisible(false);  // shown once there is a series to name
    // Below the axes, outside them, so it never hides a curve; filled row by row, with as many
    // columns as the width holds (updateLegendColumns).
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->addElement(plot_->plotLayout()->rowCount(), 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(plot_->plotLayout()->rowCount() - 1, 0.001);
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot_->legend->setBrush(Qt::NoBrush);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setMargins(QMargins(6, 0, 6, 2));
    plot_->legend->setRowSpacing(0);
    plot_->legend->setColumnSpacing(10);
    plot_->legend->setIconSize(22, 10);

    replotTimer_.setSingleShot(true);
    replotTimer_.setInterval(kReplotIntervalMs);
    connect(&replotTimer_, &QTimer::timeout, this, &MetricPlot::replotNow);

    connect(plot_, &QCustomPlot::legendClick, this,
            [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) { onLegendClick(item); });
    connect(plot_, &QCustomPlot::mouseMove, this, &MetricPlot::onMouseMove);
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, &MetricPlot::onMouseDoubleClick);
    connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &MetricPlot::onAxisRangeChanged);
    connect(plot_->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &MetricPlot::onAxisRangeChanged);
}

MetricPlot::~MetricPlot() = default;

QCustomPlot* MetricPlot::customPlot() const
{
    return plot_;
}

// ---- series ----

MetricPlot::Series* MetricPlot::findSeries(const QString& id) const
{
    for (const auto& series : series_) {
        if (series->id == id) return series.get();
    }
    return nullptr;
}

MetricPlot::Series* MetricPlot::seriesForGraph(const QCPAbstractPlottable* graph) const
{
    for (const auto& series : series_) {
        if (series->raw == graph || series->smoothLine == graph) return series.get();
    }
    return nullptr;
}

void MetricPlot::addSeries(const QString& id, const QString& label, const QColor& color, Qt::PenStyle style,
                           const QString& legendKey)
{
    Series* series = findSeries(id);
    if (!series) {
        auto created = std::make_unique<Series>();
        created->id = id;
        created->smoother = EmaSmoother(smoothing_);
        created->raw = plot_->addGraph();
        created->raw->setLayer(kRawLayer);
        created->smoothLine = plot_->addGraph();
        created->smoothLine->addToLegend();
        created->anomalies = plot_->addGraph();
        created->anomalies->setLineStyle(QCPGraph::lsNone);
        // Adaptive sampling would thin the markers out with the line; they are few.
        created->anomalies->setAdaptiveSampling(false);
        // Both default to on; said here because the 100k-point performance rests on them.
        created->raw->setAdaptiveSampling(true);
        created->smoothLine->setAdaptiveSampling(true);
        series = created.get();
        series_.push_back(std::move(created));
    }
    series->label = label;
    series->color = color;
    series->style = style;
    series->smoothLine->setName(label);
    const QString oldKey = series->legendKey;
    series->legendKey = legendKey;
    if (legendKey.isEmpty()) {
        series->smoothLine->addToLegend();
    } else {
        series->smoothLine->removeFromLegend();
        if (!findLegendKey(legendKey)) {
            auto key = std::make_unique<LegendKey>();
            key->name = legendKey;
            key->graph = plot_->addGraph();
            key->graph->setName(legendKey);
            key->graph->addToLegend();
            legendKeys_.push_back(std::move(key));
        }
    }
    if (!oldKey.isEmpty() && oldKey != legendKey) updateLegendKey(oldKey);
    applySeriesStyle(*series);
    plot_->legend->setVisible(legendShown_);
    updateLegendColumns();
    scheduleReplot();
}

MetricPlot::LegendKey* MetricPlot::findLegendKey(const QString& name) const
{
    for (const auto& key : legendKeys_)
        if (key->name == name) return key.get();
    return nullptr;
}

// A shared entry looks like its series' pen in grey (dots when they are sparse), greyed out when
// every one of them is hidden, and goes when none is left.
void MetricPlot::updateLegendKey(const QString& name)
{
    LegendKey* key = findLegendKey(name);
    if (!key) return;
    const Series* first = nullptr;
    bool anyVisible = false;
    for (const auto& series : series_) {
        if (series->legendKey != name) continue;
        if (!first) first = series.get();
        anyVisible = anyVisible || series->visible;
    }
    if (!first) {
        plot_->removeGraph(key->graph);
        legendKeys_.erase(
            std::find_if(legendKeys_.begin(), legendKeys_.end(), [key](const auto& k) { return k.get() == key; }));
        updateLegendColumns();
        return;
    }
    const QColor color = anyVisible ? QColor(90, 90, 90) : kHiddenColor;
    key->graph->setPen(QPen(color, kPenWidth, first->style));
    key->graph->setScatterStyle(first->values.size() < kSparsePoints
                                    ? QCPScatterStyle(QCPScatterStyle::ssDisc, color, kSparseDotSize)
                                    : QCPScatterStyle());
    if (QCPPlottableLegendItem* item = plot_->legend->itemWithPlottable(key->graph))
        item->setTextColor(anyVisible ? QColor(Qt::black) : kHiddenColor);
}

QStringList MetricPlot::legendEntries() const
{
    QStringList entries;
    for (int i = 0; i < plot_->legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot_->legend->item(i)))
            entries << item->plottable()->name();
    return entries;
}

int MetricPlot::legendColumns() const
{
    return std::max(1, plot_->legend->wrap());
}

// As many columns as the widest entry allows across the plot's width.
void MetricPlot::setLegendShown(bool shown)
{
    legendShown_ = shown;
    plot_->legend->setVisible(shown && !series_.empty());
    scheduleReplot();
}

bool MetricPlot::legendShown() const
{
    return legendShown_;
}

void MetricPlot::updateLegendColumns()
{
    int widest = 1;
    for (int i = 0; i < plot_->legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = plot_->legend->item(i))
            widest = std::max(widest, item->minimumOuterSizeHint().width());
    const QMargins margins = plot_->legend->margins();
    const int available = std::max(1, plot_->width() - margins.left() - margins.right() - 12);
    const int columns =
        std::max(1, (available + plot_->legend->columnSpacing()) / (widest + plot_->legend->columnSpacing()));
    if (columns != plot_->legend->wrap()) {
        plot_->legend->setWrap(columns);
        plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-flows the entries
    }
}

void MetricPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateLegendColumns();
}

void MetricPlot::removeSeries(const QString& id)
{
    const auto found = std::find_if(series_.begin(), series_.end(), [&](const auto& s) { return s->id == id; });
    if (found == series_.end()) return;
    plot_->removeGraph((*found)->raw);
    plot_->removeGraph((*found)->smoothLine);  // also drops its legend item
    plot_->removeGraph((*found)->anomalies);
    if ((*found)->bandHighLine) {
        plot_->removeGraph((*found)->bandHighLine);
        plot_->removeGraph((*found)->bandLowLine);
    }
    const QString key = (*found)->legendKey;
    series_.erase(found);
    if (!key.isEmpty()) updateLegendKey(key);
    updateLegendColumns();
    plot_->legend->setVisible(!series_.empty());
    scheduleReplot();
}

void MetricPlot::clear()
{
    for (const auto& series : series_) {
        plot_->removeGraph(series->raw);
        plot_->removeGraph(series->smoothLine);
        plot_->removeGraph(series->anomalies);
        if (series->bandHighLine) {
            plot_->removeGraph(series->bandHighLine);
            plot_->removeGraph(series->bandLowLine);
        }
    }
    series_.clear();
    for (const auto& key : legendKeys_) plot_->removeGraph(key->graph);
    legendKeys_.clear();
    plot_->legend->setVisible(false);
    scheduleReplot();
}

QStringList MetricPlot::seriesIds() const
{
    QStringList ids;
    for (const auto& series : series_) ids.append(series->id);
    return ids;
}

bool MetricPlot::hasSeries(const QString& id) const
{
    return findSeries(id) != nullptr;
}

QString MetricPlot::seriesLabel(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->label : QString();
}

int MetricPlot::pointCount(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? static_cast<int>(series->values.size()) : 0;
}

QVector<double> MetricPlot::rawValues(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->values : QVector<double>();
}

QVector<double> MetricPlot::smoothedValues(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->smoothed : QVector<double>();
}

QCPGraph* MetricPlot::rawGraph(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->raw : nullptr;
}

void MetricPlot::setBand(const QString& id, const QVector<double>& low, const QVector<double>& high)
{
    Series* series = findSeries(id);
    if (!series) return;
    if (low.isEmpty() && high.isEmpty()) {
        if (series->bandHighLine) {
            plot_->removeGraph(series->bandHighLine);
            plot_->removeGraph(series->bandLowLine);
            series->bandHighLine = series->bandLowLine = nullptr;
        }
        series->bandLow.clear();
        series->bandHigh.clear();
        series->smoothedLow.clear();
        series->smoothedHigh.clear();
        series->bandExtent = series->positiveBandExtent = Extent{};
        scheduleReplot();
        return;
    }
    const qsizetype count = series->values.size();
    if (low.size() != count || high.size() != count)
        qWarning("MetricPlot::setBand: %lld/%lld bounds for the %lld points of series %s",
                 static_cast<long long>(low.size()), static_cast<long long>(high.size()), static_cast<long long>(count),
                 qPrintable(id));
    series->bandLow = low.mid(0, count);
    series->bandHigh = high.mid(0, count);
    series->bandLow.resize(count, nan());
    series->bandHigh.resize(count, nan());
    series->bandExtent = series->positiveBandExtent = Extent{};
    for (const QVector<double>* bound : {&series->bandLow, &series->bandHigh}) {
        for (const double value : *bound) {
            if (!std::isfinite(value)) continue;
            series->bandExtent.include(value);
            if (value > 0) series->positiveBandExtent.include(value);
        }
    }
    if (!series->bandHighLine) {
        series->bandLowLine = plot_->addGraph();
        series->bandHighLine = plot_->addGraph();
        for (QCPGraph* line : {series->bandLowLine, series->bandHighLine}) {
            line->setLayer(kRawLayer);
            line->setPen(Qt::NoPen);
        }
        series->bandHighLine->setChannelFillGraph(series->bandLowLine);
    }
    rebuildBand(*series);
    applySeriesStyle(*series);
    scheduleReplot();
}

bool MetricPlot::hasBand(const QString& id) const
{
    const Series* series = findSeries(id);
    return series && series->bandHighLine;
}

QCPGraph* MetricPlot::bandGraph(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->bandHighLine : nullptr;
}

QVector<double> MetricPlot::smoothedBandLow(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->smoothedLow : QVector<double>();
}

QVector<double> MetricPlot::smoothedBandHigh(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->smoothedHigh : QVector<double>();
}

// The band's bounds smoothed with the curve's weight (NaN stays a gap), drawn on the current axis.
void MetricPlot::rebuildBand(Series& series)
{
    if (!series.bandHighLine) return;
    const auto smooth = [this](const QVector<double>& bound) {
        EmaSmoother smoother(smoothing_);
        QVector<double> out;
        out.reserve(bound.size());
        for (const double value : bound) out.append(std::isfinite(value) ? smoother.add(value) : nan());
        return out;
    };
    series.smoothedLow = smooth(series.bandLow);
    series.smoothedHigh = smooth(series.bandHigh);
    const QVector<double> keys = keysOf(series).mid(0, series.bandLow.size());
    setGraphData(series.bandLowLine, keys, series.smoothedLow, keysSorted(series));
    setGraphData(series.bandHighLine, keys, series.smoothedHigh, keysSorted(series));
}

QCPGraph* MetricPlot::anomalyGraph(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->anomalies : nullptr;
}

QCPGraph* MetricPlot::smoothedGraph(const QString& id) const
{
    const Series* series = findSeries(id);
    return series ? series->smoothLine : nullptr;
}

void MetricPlot::applySeriesStyle(Series& series)
{
    const bool smoothing = smoothing_ > 0.0;
    QColor faded = series.color;
    faded.setAlpha(kRawAlpha);
    series.raw->setPen(QPen(faded, kPenWidth, series.style));
    series.raw->setVisible(series.visible && smoothing);

    // A hidden series keeps its legend entry, greyed, so it can be clicked back on.
    const QColor lineColor = series.visible ? series.color : kHiddenColor;
    series.smoothLine->setPen(QPen(lineColor, kPenWidth, series.style));
    series.smoothLine->setVisible(series.visible);
    // A sparse series (an evaluation every few hundred steps, a single final one) gets a dot at
    // each point: a line through one point draws nothing.
    const bool sparse = series.values.size() < kSparsePoints;
    series.smoothLine->setScatterStyle(sparse ? QCPScatterStyle(QCPScatterStyle::ssDisc, lineColor, kSparseDotSize)
                                              : QCPScatterStyle());
    series.anomalies->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(kAnomalyColor, 1.5), QBrush(lineColor), kAnomalySize));
    series.anomalies->setVisible(series.visible);
    if (series.bandHighLine) {
        QColor fill = series.color;
        fill.setAlpha(kBandAlpha);
        series.bandHighLine->setBrush(fill);
        series.bandHighLine->setVisible(series.visible);
        series.bandLowLine->setVisible(series.visible);
    }
    if (QCPPlottableLegendItem* item = plot_->legend->itemWithPlottable(series.smoothLine))
        item->setTextColor(series.visible ? QColor(Qt::black) : kHiddenColor);
    if (!series.legendKey.isEmpty()) updateLegendKey(series.legendKey);
}

// ---- data ----

const QVector<double>& MetricPlot::keysOf(const Series& series) const
{
    return series.keys[axisIndex(xAxis_)];
}

bool MetricPlot::keysSorted(const Series& series) const
{
    return series.sorted[axisIndex(xAxis_)];
}

void MetricPlot::appendToSeries(Series& series, const XValues& x, double value)
{
    for (std::size_t axis = 0; axis < kXAxisCount; ++axis) {
        const double key = keyOn(x, static_cast<XAxis>(axis));
        QVector<double>& keys = series.keys[axis];
        if (std::isfinite(key)) {
            const Extent& extent = series.keyExtent[axis];
            series.sorted[axis] = series.sorted[axis] && (extent.isEmpty() || key >= extent.high);
            series.keyExtent[axis].include(key);
        } else {
            series.complete[axis] = false;
        }
        keys.append(key);
    }
    series.values.append(value);
    // A non-finite value leaves the smoother alone and breaks the smoothed line too (NaN).
    series.smoothed.append(std::isfinite(value) ? series.smoother.add(value) : nan());
    if (std::isfinite(value)) {
        series.valueExtent.include(value);
        if (value > 0) series.positiveValueExtent.include(value);
        series.lastFinite = value;
    } else {
        series.anomalyIndices.append(static_cast<int>(series.values.size()) - 1);
        series.anomalyHeights.append(series.lastFinite);
    }
}

void MetricPlot::rebuildAnomalies(Series& series)
{
    const QVector<double>& keys = keysOf(series);
    QVector<double> anomalyKeys, heights;
    anomalyKeys.reserve(series.anomalyIndices.size());
    for (qsizetype i = 0; i < series.anomalyIndices.size(); ++i) {
        const double key = keys[series.anomalyIndices[i]];
        if (!std::isfinite(key)) continue;
        anomalyKeys.append(key);
        heights.append(series.anomalyHeights[i]);
    }
    series.anomalies->setData(anomalyKeys, heights, keysSorted(series));
}

void MetricPlot::appendPoint(const QString& id, double step, double wallSeconds, double value)
{
    if (!std::isfinite(wallSeconds)) return;
    XValues x;
    x.step = step;
    x.wall = wallSeconds;
    appendPoint(id, x, value);
}

void MetricPlot::appendPoint(const QString& id, const XValues& x, double value)
{
    Series* series = findSeries(id);
    if (!series || !std::isfinite(x.step)) return;
    appendToSeries(*series, x, value);
    const double key = keyOn(x, xAxis_);
    // QCPDataContainer appends in O(1) when the key is not below the last one, which is the
    // streaming case; an out-of-order key is inserted in place. A point without a key on this
    // axis is kept for the others.
    if (std::isfinite(key)) {
        series->raw->addData(key, drawable(value));
        series->smoothLine->addData(key, drawable(series->smoothed.last()));
        if (!std::isfinite(value)) series->anomalies->addData(key, series->anomalyHeights.last());
    }
    applySeriesStyle(*series);  // markers while the series is sparse
    scheduleReplot();
}

void MetricPlot::appendPoints(const QString& id, const QVector<double>& steps, const QVector<double>& wallSeconds,
                              const QVector<double>& values)
{
    const qsizetype count = std::min({steps.size(), wallSeconds.size(), values.size()});
    if (count != steps.size() || count != wallSeconds.size() || count != values.size())
        qWarning("MetricPlot::appendPoints: vectors of unequal length for series %s; using the first %lld points",
                 qPrintable(id), static_cast<long long>(count));
    QVector<XValues> xs;
    QVector<double> ys;
    xs.reserve(count);
    ys.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        if (!std::isfinite(wallSeconds[i])) continue;
        XValues x;
        x.step = steps[i];
        x.wall = wallSeconds[i];
        xs.append(x);
        ys.append(values[i]);
    }
    appendPoints(id, xs, ys);
}

void MetricPlot::appendPoints(const QString& id, const QVector<XValues>& xs, const QVector<double>& values)
{
    Series* series = findSeries(id);
    if (!series) return;
    const qsizetype count = std::min(xs.size(), values.size());
    if (count != xs.size() || count != values.size())
        qWarning("MetricPlot::appendPoints: %lld x values for %lld values of series %s; using the first %lld",
                 static_cast<long long>(xs.size()), static_cast<long long>(values.size()), qPrintable(id),
                 static_cast<long long>(count));

    const qsizetype oldSize = series->values.size();
    for (auto& keys : series->keys) keys.reserve(oldSize + count);
    series->values.reserve(oldSize + count);
    series->smoothed.reserve(oldSize + count);
    QVector<double> keys, rawLine, smoothLine;
    keys.reserve(count);
    rawLine.reserve(count);
    smoothLine.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        if (!std::isfinite(xs[i].step)) continue;
        appendToSeries(*series, xs[i], values[i]);
        const double key = keyOn(xs[i], xAxis_);
        if (!std::isfinite(key)) continue;
        keys.append(key);
        rawLine.append(drawable(values[i]));
        smoothLine.append(drawable(series->smoothed.last()));
    }
    const bool sorted = std::is_sorted(keys.cbegin(), keys.cend());
    series->raw->addData(keys, rawLine, sorted);
    series->smoothLine->addData(keys, smoothLine, sorted);
    rebuildAnomalies(*series);
    applySeriesStyle(*series);
    scheduleReplot();
}

void MetricPlot::rebuildGraphData(Series& series)
{
    const QVector<double>& keys = keysOf(series);
    const bool sorted = keysSorted(series);
    setGraphData(series.raw, keys, series.values, sorted);
    setGraphData(series.smoothLine, keys, series.smoothed, sorted);
    rebuildAnomalies(series);
    rebuildBand(series);
}

// ---- display settings ----

void MetricPlot::setSmoothing(double weight)
{
    const double clamped = EmaSmoother(weight).weight();
    if (clamped == smoothing_) return;
    smoothing_ = clamped;
    for (const auto& series : series_) {
        series->smoother = EmaSmoother(smoothing_);
        for (qsizetype i = 0; i < series->values.size(); ++i)
            series->smoothed[i] = std::isfinite(series->values[i]) ? series->smoother.add(series->values[i]) : nan();
        setGraphData(series->smoothLine, keysOf(*series), series->smoothed, keysSorted(*series));
        rebuildBand(*series);
        applySeriesStyle(*series);
    }
    scheduleReplot();
}

double MetricPlot::smoothing() const
{
    return smoothing_;
}

void MetricPlot::setXAxis(XAxis axis)
{
    if (axis == xAxis_) return;
    xAxis_ = axis;
    applyXAxisStyle();
    for (const auto& series : series_) rebuildGraphData(*series);
    // The old x range means nothing on the new axis.
    resetView();
}

// The x axis' label, number format and ticker for the quantity it shows.
void MetricPlot::applyXAxisStyle()
{
    QCPAxis* axis = plot_->xAxis;
    switch (xAxis_) {
        case XAxis::Step: axis->setLabel(tr("step")); break;
        case XAxis::WallTime: axis->setLabel(tr("training time (s)")); break;
        case XAxis::Tokens: axis->setLabel(tr("training tokens seen")); break;
        case XAxis::Flops: axis->setLabel(tr("estimated training FLOPs")); break;
        case XAxis::ClockTime: axis->setLabel(tr("clock time")); break;
    }
    QSharedPointer<QCPAxisTicker> ticker;
    if (xAxis_ == XAxis::ClockTime) {
        auto dateTicker = QSharedPointer<QCPAxisTickerDateTime>::create();
        dateTicker->setDateTimeFormat(QStringLiteral("HH:mm\nd MMM"));
        ticker = dateTicker;
    } else if (xAxis_ == XAxis::WallTime) {
        ticker = QSharedPointer<QCPAxisTicker>::create();
    } else {
        ticker = QSharedPointer<SiPrefixTicker>::create();
    }
    // About four ticks: a quarter of the dashboard is too narrow for "500 750 1000 1250 1500 1750".
    ticker->setTickCount(4);
    axis->setTicker(ticker);
    // Plain numbers below 10,000 ("2000", not QCustomPlot's "2·10^3"); SI prefixes above.
    axis->setNumberFormat(QStringLiteral("g"));
    axis->setNumberPrecision(7);
}

bool MetricPlot::hasXValues(const QString& id, XAxis axis) const
{
    const Series* series = findSeries(id);
    if (!series) return false;
    for (const double key : series->keys[axisIndex(axis)])
        if (std::isfinite(key)) return true;
    return false;
}

MetricPlot::XAxis MetricPlot::xAxis() const
{
    return xAxis_;
}

void MetricPlot::setLogY(bool on)
{
    if (on == logY_) return;
    logY_ = on;
    {
        // Switching scale sanitizes the range (log needs it positive): not a user zoom.
        const QScopedValueRollback<bool> applying(applyingView_, true);
        if (on) {
            plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
            plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        } else {
            plot_->yAxis->setScaleType(QCPAxis::stLinear);
            plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        }
    }
    if (followData_) applyAutoRange();
    scheduleReplot();
    emit viewChanged();
}

bool MetricPlot::logY() const
{
    return logY_;
}

void MetricPlot::setTitle(const QString& title)
{
    QCPTextElement* element = nullptr;
    if (plot_->plotLayout()->rowCount() > 1)
        element = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0));
    if (title.isEmpty()) {
        // An empty text element would still take a row's height.
        if (element) {
            plot_->plotLayout()->remove(element);
            plot_->plotLayout()->simplify();
            scheduleReplot();
        }
        return;
    }
    if (!element) {
        QFont titleFont = font();
        titleFont.setBold(true);
        plot_->plotLayout()->insertRow(0);
        element = new QCPTextElement(plot_, title, titleFont);
        plot_->plotLayout()->addElement(0, 0, element);
    }
    element->setText(title);
    scheduleReplot();
}

QString MetricPlot::title() const
{
    if (plot_->plotLayout()->rowCount() > 1) {
        if (auto* element = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))) return element->text();
    }
    return QString();
}

void MetricPlot::setYLabel(const QString& label)
{
    plot_->yAxis->setLabel(label);
    scheduleReplot();
}

QString MetricPlot::yLabel() const
{
    return plot_->yAxis->label();
}

void MetricPlot::setYRange(double low, double high)
{
    if (!std::isfinite(low) || !std::isfinite(high)) return;
    yRangeHint_ = std::make_pair(std::min(low, high), std::max(low, high));
    if (followData_) scheduleReplot();
}

void MetricPlot::clearYRange()
{
    yRangeHint_.reset();
    if (followData_) scheduleReplot();
}

void MetricPlot::setSeriesVisible(const QString& id, bool visible)
{
    Series* series = findSeries(id);
    if (!series || series->visible == visible) return;
    series->visible = visible;
    applySeriesStyle(*series);
    scheduleReplot();
    emit seriesVisibilityChanged(id, visible);
}

bool MetricPlot::isSeriesVisible(const QString& id) const
{
    const Series* series = findSeries(id);
    return series && series->visible;
}

// ---- view ----

void MetricPlot::resetView()
{
    followData_ = true;
    applyAutoRange();
    scheduleReplot();
    emit viewChanged();
}

bool MetricPlot::followsData() const
{
    return followData_;
}

void MetricPlot::applyAutoRange() const
{
    Extent keys;
    Extent values;
    for (const auto& series : series_) {
        if (!series->visible || series->values.isEmpty()) continue;
        keys.include(series->keyExtent[axisIndex(xAxis_)]);
        values.include(logY_ ? series->positiveValueExtent : series->valueExtent);
        if (series->bandHighLine) {
            const Extent& band = logY_ ? series->positiveBandExtent : series->bandExtent;
            if (!band.isEmpty()) values.include(band);
        }
    }
    if (yRangeHint_) {
        for (double bound : {yRangeHint_->first, yRangeHint_->second}) {
            if (!logY_ || bound > 0) values.include(bound);
        }
    }

    const QScopedValueRollback<bool> applying(applyingView_, true);
    if (!keys.isEmpty()) {
        if (keys.low == keys.high)
            plot_->xAxis->setRange(keys.low - 1.0, keys.high + 1.0);
        else
            plot_->xAxis->setRange(keys.low, keys.high);
    }
    if (!values.isEmpty()) {
        if (logY_) {
            // A margin that looks the same at every magnitude: a fraction of the decades spanned.
            const double factor = std::max(std::pow(values.high / values.low, kYMarginFraction), 1.1);
            plot_->yAxis->setRange(values.low / factor, values.high * factor);
        } else {
            const double span = values.high - values.low;
            const double margin = span > 0 ? span * kYMarginFraction : std::max(std::abs(values.low) * 0.1, 1.0);
            plot_->yAxis->setRange(values.low - margin, values.high + margin);
        }
    }
}

void MetricPlot::onAxisRangeChanged()
{
    if (applyingView_) return;
    followData_ = false;
    emit viewChanged();
}

void MetricPlot::scheduleReplot()
{
    if (!replotTimer_.isActive()) replotTimer_.start();
}

void MetricPlot::replotNow()
{
    // Plots in a hidden tab keep their data current but skip drawing until shown.
    if (!isVisible()) {
        replotPending_ = true;
        return;
    }
    replotPending_ = false;
    if (followData_) applyAutoRange();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void MetricPlot::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (replotPending_) scheduleReplot();
}

// ---- mouse ----

void MetricPlot::onLegendClick(QCPAbstractLegendItem* item)
{
    auto* plottableItem = qobject_cast<QCPPlottableLegendItem*>(item);
    if (!plottableItem) return;
    for (const auto& key : legendKeys_) {
        if (key->graph != plottableItem->plottable()) continue;
        // One click hides every series of the entry, or shows them all again when all are hidden.
        bool anyVisible = false;
        for (const auto& series : series_)
            anyVisible = anyVisible || (series->legendKey == key->name && series->visible);
        QStringList ids;
        for (const auto& series : series_)
            if (series->legendKey == key->name) ids << series->id;
        for (const QString& id : std::as_const(ids)) setSeriesVisible(id, !anyVisible);
        return;
    }
    if (const Series* series = seriesForGraph(plottableItem->plottable()))
        setSeriesVisible(series->id, !series->visible);
}

void MetricPlot::onMouseMove(QMouseEvent* event)
{
    const QPointF position = event->position();
    if (event->buttons() != Qt::NoButton || !plot_->axisRect()->rect().contains(position.toPoint())) {
        QToolTip::hideText();
        return;
    }
    if (plot_->legend->selectTest(position, false) >= 0) {
        QToolTip::showText(event->globalPosition().toPoint(), tr("Click an entry to show or hide its series"), plot_);
        return;
    }
    const QString text = hoverText(plot_->xAxis->pixelToCoord(position.x()));
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

void MetricPlot::onMouseDoubleClick(QMouseEvent* event)
{
    if (plot_->axisRect()->rect().contains(event->position().toPoint()) &&
        plot_->legend->selectTest(event->position(), false) < 0)
        resetView();
}

QString MetricPlot::hoverText(double x) const
{
    // The header is the x of the visible point nearest the cursor, over all series.
    bool found = false;
    double headerKey = 0;
    for (const auto& series : series_) {
        if (!series->visible) continue;
        const QVector<double>& keys = keysOf(*series);
        const int index = nearestIndex(keys, keysSorted(*series) && series->complete[axisIndex(xAxis_)], x);
        if (index >= 0 && (!found || std::abs(keys[index] - x) < std::abs(headerKey - x))) {
            headerKey = keys[index];
            found = true;
        }
    }
    if (!found) return QString();

    QString header;
    switch (xAxis_) {
        case XAxis::Step: header = tr("step %1").arg(formatKey(headerKey, xAxis_)); break;
        case XAxis::WallTime: header = tr("%1 s").arg(formatKey(headerKey, xAxis_)); break;
        case XAxis::Tokens: header = tr("%1 tokens").arg(formatKey(headerKey, xAxis_)); break;
        case XAxis::Flops: header = tr("%1 FLOPs").arg(formatKey(headerKey, xAxis_)); break;
        case XAxis::ClockTime: header = formatKey(headerKey, xAxis_); break;
    }
    QString rows;
    for (const auto& series : series_) {
        if (!series->visible || series->values.isEmpty()) continue;
        const QVector<double>& keys = keysOf(*series);
        const int index = nearestIndex(keys, keysSorted(*series) && series->complete[axisIndex(xAxis_)], headerKey);
        if (index < 0) continue;  // nothing on this axis (an older run's tokens)
        QString value = QStringLiteral("<b>%1</b>").arg(formatValue(series->smoothed[index]));
        if (smoothing_ > 0)
            value += QStringLiteral(" <span style=\"color:gray\">%1</span>")
                         .arg(tr("(raw %1)").arg(formatValue(series->values[index])));
        if (index < series->smoothedLow.size() && std::isfinite(series->smoothedLow[index]))
            value +=
                QStringLiteral(" <span style=\"color:gray\">%1</span>")
                    .arg(tr("band %1 to %2")
                             .arg(formatValue(series->smoothedLow[index]), formatValue(series->smoothedHigh[index])));
        // A series that ended earlier (or started later) says where its value comes from.
        if (keys[index] != headerKey)
            value += QStringLiteral(" <span style=\"color:gray\">%1</span>")
                         .arg(tr("at %1").arg(formatKey(keys[index], xAxis_)));
        rows += QStringLiteral("<tr><td><span style=\"color:%1\">&#9632;</span> %2&nbsp;</td><td>%3</td></tr>")
                    .arg(series->color.name(), series->label.toHtmlEscaped(), value);
    }
    return QStringLiteral("<b>%1</b><table cellspacing=\"0\" cellpadding=\"1\">%2</table>")
        .arg(header.toHtmlEscaped(), rows);
}

// ---- export ----

void MetricPlot::paintTo(QCPPainter* painter, int width, int height, ColourBlindSafeMapping* mapping) const
{
    if (followData_) applyAutoRange();  // data appended since the last coalesced replot must be in view
    // Styling is state of the QCustomPlot graphs: recolour, paint, and put the colours back.
    auto* self = const_cast<MetricPlot*>(this);
    std::vector<QColor> original;
    if (mapping) {
        for (const auto& series : series_) {
            original.push_back(series->color);
            series->color = mapping->map(series->color);
            self->applySeriesStyle(*series);
        }
    }
    painter->save();
    plot_->toPainter(painter, width, height);
    painter->restore();
    if (mapping) {
        for (std::size_t i = 0; i < series_.size(); ++i) {
            series_[i]->color = original[i];
            self->applySeriesStyle(*series_[i]);
        }
    }
}

bool MetricPlot::exportFigure(const QString& path, const QSize& size, const PublicationStyle& style,
                              QString* error) const
{
    const QString format = PlotFileExport::formatForPath(path);
    if (format == QLatin1String("tex")) {
        Figure figure;
        figure.axes << figureAxes();
        return PlotFileExport::writePgfplots(path, figure, style, 8.5, title(), error);
    }
    const bool print = style.printSize() && format != QLatin1String("png");
    const double basePt = plot_->xAxis->tickLabelFont().pointSizeF();
    const QSize logical = print ? style.logicalSize(basePt, PlotFileExport::screenDpi()) : size;
    if (!PlotFileExport::checkTarget(path, logical, error)) return false;
    if (followData_) applyAutoRange();
    ColourBlindSafeMapping mapping;
    ColourBlindSafeMapping* palette = style.colourBlindSafe ? &mapping : nullptr;
    if (format == QLatin1String("png") && !palette)
        return PlotFileExport::writeCustomPlot(plot_, path, size, title(), error);
    return PlotFileExport::write(
        path, logical, title(),
        [this, palette](QCPPainter& painter, const QSize& area) {
            paintTo(&painter, area.width(), area.height(), palette);
        },
        error, print ? style.pagePoints() : QSizeF());
}

QPixmap MetricPlot::toPixmap(int width, int height) const
{
    if (followData_) applyAutoRange();
    return plot_->toPixmap(width, height);
}

void MetricPlot::copyToClipboard() const
{
    const QSize size = plot_->size().isEmpty() ? QSize(1200, 800) : plot_->size();
    QApplication::clipboard()->setPixmap(toPixmap(size.width(), size.height()));
}

FigureAxes MetricPlot::figureAxes() const
{
    if (followData_) applyAutoRange();
    FigureAxes axes;
    axes.title = title();
    axes.xLabel = plot_->xAxis->label();
    if (xAxis_ == XAxis::ClockTime) axes.xLabel += tr(" (Unix seconds)");
    axes.yLabel = yLabel();
    axes.logY = logY_;
    axes.xMin = plot_->xAxis->range().lower;
    axes.xMax = plot_->xAxis->range().upper;
    axes.yMin = plot_->yAxis->range().lower;
    axes.yMax = plot_->yAxis->range().upper;
    const bool smoothing = smoothing_ > 0.0;
    QStringList keysDone;
    for (const auto& series : series_) {
        if (!series->visible || series->values.isEmpty()) continue;
        const QVector<double>& x = keysOf(*series);
        if (!series->bandLow.isEmpty()) {
            FigureSeries band;
            band.kind = FigureSeries::Kind::Band;
            band.color = series->color;
            band.x = x;
            band.low = series->smoothedLow;
            band.high = series->smoothedHigh;
            axes.series << band;
        }
        if (smoothing) {
            FigureSeries raw;
            raw.kind = FigureSeries::Kind::FadedLine;
            raw.color = series->color;
            raw.style = series->style;
            raw.x = x;
            raw.y = series->values;
            axes.series << raw;
        }
        FigureSeries line;
        line.color = series->color;
        line.style = series->style;
        line.x = x;
        line.y = smoothing ? series->smoothed : series->values;
        line.dots = series->values.size() < kSparsePoints;
        line.label = legendShown_ && series->legendKey.isEmpty() ? series->label : QString();
        axes.series << line;
        if (legendShown_ && !series->legendKey.isEmpty() && !keysDone.contains(series->legendKey)) {
            keysDone << series->legendKey;
            FigureSeries entry;
            entry.kind = FigureSeries::Kind::LegendEntry;
            entry.label = series->legendKey;
            entry.color = QColor(90, 90, 90);
            entry.style = series->style;
            axes.series << entry;
        }
    }
    return axes;
}

bool MetricPlot::exportImage(const QString& path, int width, int height, QString* error) const
{
    return exportFigure(path, QSize(width, height), PublicationStyle{}, error);
}

}  // namespace megatoken
