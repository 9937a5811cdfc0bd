#include "widgets/plot/ParetoPlot.h"

#include "widgets/plot/FigurePalette.h"
#include "widgets/plot/PlotFileExport.h"

#include "core/runs/MetricSchema.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainterPath>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace megatoken {

namespace {

const QString kFrontLayer = QStringLiteral("paretoFront");
const QString kHighlightLayer = QStringLiteral("highlight");
const QString kErrorLayer = QStringLiteral("errorBars");

struct MethodStyle {
    const char* method;
    QColor color;
    QCPScatterStyle::ScatterShape shape;
};

// Okabe–Ito colours: told apart in print and by the common forms of colour blindness. The
// learned gates get the loudest one; the baselines cooler ones, the random baseline grey.
const std::vector<MethodStyle>& knownMethods()
{
    static const std::vector<MethodStyle> styles{
        {"learned", QColor(0xD5, 0x5E, 0x00), QCPScatterStyle::ssCircle},
        {"random", QColor(0x80, 0x80, 0x80), QCPScatterStyle::ssDiamond},
        {"first-k", QColor(0x00, 0x72, 0xB2), QCPScatterStyle::ssSquare},
        {"attention", QColor(0x00, 0x9E, 0x73), QCPScatterStyle::ssTriangle},
        {"stride", QColor(0xCC, 0x79, 0xA7), QCPScatterStyle::ssTriangleInverted},
    };
    return styles;
}

int knownIndex(const QString& method)
{
    const auto& styles = knownMethods();
    for (std::size_t i = 0; i < styles.size(); ++i) {
        if (method == QLatin1String(styles[i].method)) return static_cast<int>(i);
    }
    return -1;
}

// A filled regular polygon (or star, with inner radius ratio < 1) of radius 3, for ssCustom
// markers: QCustomPlot scales a custom path by size / 6.
QPainterPath polygonPath(int corners, double innerRatio = 1.0)
{
    QPainterPath path;
    const int points = innerRatio < 1.0 ? 2 * corners : corners;
    for (int i = 0; i < points; ++i) {
        const double radius = innerRatio < 1.0 && i % 2 == 1 ? 3.4 * innerRatio : 3.4;
        constexpr double kPi = 3.14159265358979323846;
        const double angle = -kPi / 2 + 2 * kPi * i / points;
        const QPointF point(radius * std::cos(angle), radius * std::sin(angle));
        if (i == 0)
            path.moveTo(point);
        else
            path.lineTo(point);
    }
    path.closeSubpath();
    return path;
}

// Markers for methods beyond the known ones (the variants of a sweep), by their position among
// those: shapes no known method has, so a variant of the learned gates never looks like them.
QCPScatterStyle otherStyle(int index, const QPen& pen, const QBrush& brush, double size)
{
    switch (index % 5) {
        case 0: return QCPScatterStyle(polygonPath(5), pen, brush, size * 1.1);        // pentagon
        case 1: return QCPScatterStyle(polygonPath(5, 0.5), pen, brush, size * 1.35);  // star
        case 2: return QCPScatterStyle(polygonPath(6), pen, brush, size * 1.05);       // hexagon
        case 3: return QCPScatterStyle(QCPScatterStyle::ssPlusCircle, pen, brush, size);
        default: return QCPScatterStyle(QCPScatterStyle::ssCrossSquare, pen, brush, size);
    }
}

// The colours the known methods leave free, for the others: purple first (nothing known is near
// it, and the first variant is usually of the learned gates, whose vermillion the Okabe-Ito
// orange would be too close to), then sky blue, orange, brown, olive and dark grey.
QColor otherColor(int index)
{
    static const QColor colors[] = {QColor(0x6A, 0x3D, 0x9A), QColor(0x56, 0xB4, 0xE9), QColor(0xE6, 0x9F, 0x00),
                                    QColor(0x8C, 0x56, 0x4B), QColor(0xB8, 0xA3, 0x00), QColor(0x33, 0x33, 0x33)};
    return colors[index % 6];
}

// The position of method among the unknown methods of methods (they follow the known ones).
int otherIndex(const QStringList& methods, const QString& method)
{
    int index = 0;
    for (const QString& other : methods) {
        if (other == method) return index;
        if (knownIndex(other) < 0) ++index;
    }
    return index;
}

QCPScatterStyle methodStyle(const QStringList& methods, const QString& method, const QPen& pen, const QBrush& brush,
                            double size)
{
    const int known = knownIndex(method);
    if (known >= 0) return QCPScatterStyle(knownMethods()[static_cast<std::size_t>(known)].shape, pen, brush, size);
    return otherStyle(otherIndex(methods, method), pen, brush, size);
}

bool isFinitePoint(const SweepRow& row, const QString& metric)
{
    return std::isfinite(row.keepRatio) && std::isfinite(ParetoPlot::metricValue(row, metric));
}

// The schema's entry of a quality metric; nullptr for a name that is not a sweep metric.
const MetricDefinition* definitionOf(const QString& metric)
{
    const MetricDefinition* definition = findMetric(metric.toStdString());
    return definition && definition->sweep ? definition : nullptr;
}

// The top of the metric's range: 100 for a 0..100 score, 1 for a fraction.
double metricScale(const QString& metric)
{
    const MetricDefinition* definition = definitionOf(metric);
    return definition && definition->scale == MetricScale::Percent ? 100.0 : 1.0;
}

QString formatMetric(double value, const QString& metric)
{
    const MetricDefinition* definition = definitionOf(metric);
    return definition ? QString::fromStdString(definition->display(value)) : QString::number(value);
}

// Schema labels in the interface's language.
QString translated(const std::string& text)
{
    return QCoreApplication::translate(kMetricTranslationContext, text.c_str());
}

QFont sized(QFont font, double pointSize, bool bold = false)
{
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

// [low, high] widened by a margin so edge markers are not cut (a lone point gets a tenth of the
// scale around it), snapped to 0 when the data comes near it (a fraction or a score reads best
// from zero), and never far beyond the scale.
QCPRange paddedRange(double low, double high, double scale)
{
    if (!(low <= high)) return QCPRange(0, scale);
    const double minimumSpan = 0.1 * scale;
    if (high - low < minimumSpan) {
        const double centre = (low + high) / 2;
        low = centre - minimumSpan / 2;
        high = centre + minimumSpan / 2;
    }
    const double margin = 0.08 * (high - low);
    double from = std::max(0.0, low - margin);
    const double to = std::min(scale * 1.04, high + margin);
    if (from <= 0.25 * to) from = 0;
    return QCPRange(from, to);
}

}  // namespace

ParetoPlot::ParetoPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)), metric_(metrics().value(0))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumSize(320, 240);
    plot_->setLocale(QLocale::c());  // tick labels as MetricPlot's: the same in every language
    plot_->setMouseTracking(true);   // hover tooltips need moves without a pressed button
    plot_->setAutoAddPlottableToLegend(false);
    plot_->setAntialiasedElements(QCP::aePlottables | QCP::aeScatters | QCP::aeItems | QCP::aeLegendItems);
    // The front runs behind the markers, the highlight ring above them.
    plot_->addLayer(kFrontLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    plot_->addLayer(kHighlightLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    // Error bars above the front, below the markers they belong to.
    plot_->addLayer(kErrorLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limBelow);

    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->setBasePen(QPen(QColor(90, 90, 90)));
        axis->setTickPen(QPen(QColor(90, 90, 90)));
        axis->setSubTickPen(QPen(QColor(140, 140, 140)));
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::SolidLine));
        axis->grid()->setSubGridVisible(false);
    }
    plot_->xAxis->setLabel(translated(metricDefinition(metric_name::kHardKeep).label));
    // 'g' with room to spare: a tick at 52.5 or 0.525 reads as itself (a fixed precision printed
    // BLEU ticks 2.5 apart as 48, 50, 53, 55, 58).
    plot_->xAxis->setNumberFormat(QStringLiteral("g"));
    plot_->xAxis->setNumberPrecision(6);
    plot_->xAxis->ticker()->setTickCount(6);
    plot_->yAxis->ticker()->setTickCount(6);
    // A closed frame reads as one figure; the mirrored axes carry no labels.
    plot_->axisRect()->setupFullAxesBox(true);
    plot_->xAxis2->setTickLabels(false);
    plot_->yAxis2->setTickLabels(false);

    plot_->legend->setBrush(QColor(255, 255, 255, 225));
    plot_->legend->setBorderPen(QPen(QColor(200, 200, 200)));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    plot_->legend->setVisible(false);

    front_ = plot_->addGraph();
    front_->setLayer(kFrontLayer);
    front_->setName(tr("Pareto front"));
    front_->setLineStyle(QCPGraph::lsStepLeft);  // what the best setting at most this keep ratio reaches
    front_->setPen(QPen(QColor(30, 30, 30), 1.6, Qt::DashLine));
    front_->setScatterStyle(QCPScatterStyle::ssNone);

    highlight_ = plot_->addGraph();
    highlight_->setLayer(kHighlightLayer);
    highlight_->setLineStyle(QCPGraph::lsNone);
    highlight_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(20, 20, 20), 2), Qt::NoBrush, 22));

    emptyNote_ = new QCPItemText(plot_);
    emptyNote_->position->setType(QCPItemPosition::ptAxisRectRatio);
    emptyNote_->position->setCoords(0.5, 0.5);
    emptyNote_->setColor(QColor(120, 120, 120));
    emptyNote_->setText(tr("No results yet"));

    // Which way is good is not obvious on a trade-off plot: fewer tokens (left), better quality (up).
    betterNote_ = new QCPItemText(plot_);
    betterNote_->position->setType(QCPItemPosition::ptAxisRectRatio);
    betterNote_->position->setCoords(0.012, 0.02);
    betterNote_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    betterNote_->setColor(QColor(110, 110, 110));
    betterNote_->setText(QStringLiteral("↖ ") + tr("better"));

    connect(plot_, &QCustomPlot::mouseMove, this, &ParetoPlot::onMouseMove);
    applyFonts();
    rebuild();
}

// Every text size follows the widget's font, so a figure gets larger type with setFont().
void ParetoPlot::applyFonts()
{
    const double base = std::max(8.0, font().pointSizeF());
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->setLabelFont(sized(font(), base + 1));
        axis->setTickLabelFont(sized(font(), base));
    }
    plot_->legend->setFont(sized(font(), base));
    plot_->legend->setIconSize(qRound(base * 3.6), qRound(base * 1.4));
    plot_->legend->setRowSpacing(qRound(base * 0.25));
    plot_->legend->setIconTextPadding(qRound(base * 0.8));
    emptyNote_->setFont(sized(font(), base + 1));
    betterNote_->setFont(sized(font(), base));
    if (title_) title_->setFont(sized(font(), base + 3, true));
}

void ParetoPlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && betterNote_) {
        applyFonts();
        rebuild();  // the markers grow with the text
    }
}

ParetoPlot::~ParetoPlot() = default;

QCustomPlot* ParetoPlot::customPlot() const
{
    return plot_;
}

// ---- metrics ----

QStringList ParetoPlot::metrics()
{
    QStringList names;
    for (const MetricDefinition* metric : paretoQualityMetrics()) names << QString::fromStdString(metric->name);
    return names;
}

std::optional<QString> ParetoPlot::metricFromKey(const QString& key)
{
    const QString name = QString::fromStdString(canonicalMetricName(key.trimmed().toLower().toStdString()));
    if (metrics().contains(name)) return name;
    return std::nullopt;
}

QString ParetoPlot::metricName(const QString& metric)
{
    const MetricDefinition* definition = definitionOf(metric);
    return definition ? translated(definition->label) : metric;
}

namespace {

// "text (0–1)", "text (0–100)", "text (unit)".
QString labelWithScale(const MetricDefinition& definition, const std::string& text)
{
    switch (definition.scale) {
        case MetricScale::Fraction: return ParetoPlot::tr("%1 (0–1)").arg(translated(text));
        case MetricScale::Percent: return ParetoPlot::tr("%1 (0–100)").arg(translated(text));
        default:
            return definition.unit.empty()
                       ? translated(text)
                       : QStringLiteral("%1 (%2)").arg(translated(text), QString::fromStdString(definition.unit));
    }
}

}  // namespace

QString ParetoPlot::metricLabel(const QString& metric)
{
    const MetricDefinition* definition = definitionOf(metric);
    return definition ? labelWithScale(*definition, definition->label) : metric;
}

// The y axis title, with the short label ("acc. hard (0–1)") when the full one would not fit
// beside the axis (a short plot: the Sweep tab above its table), where it would be cut off.
QString ParetoPlot::fittingMetricLabel() const
{
    const QString full = metricLabel(metric_);
    const MetricDefinition* definition = definitionOf(metric_);
    if (!definition) return full;
    const QFontMetrics metrics(plot_->yAxis->labelFont());
    const int reserved = 5 * metrics.height() + (title_ ? 2 * metrics.height() : 0);
    if (metrics.horizontalAdvance(full) <= height() - reserved) return full;
    return labelWithScale(*definition, definition->shortLabel);
}

void ParetoPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (!betterNote_) return;
    const QString label = fittingMetricLabel();
    if (label != plot_->yAxis->label()) {
        plot_->yAxis->setLabel(label);
        plot_->replot(QCustomPlot::rpQueuedReplot);
    }
}

double ParetoPlot::metricValue(const SweepRow& row, const QString& metric)
{
    const MetricDefinition* definition = definitionOf(metric);
    return definition ? definition->sweep.get(row, 0) : std::numeric_limits<double>::quiet_NaN();
}

QColor ParetoPlot::methodColor(const QString& method) const
{
    const auto own = [this](const QString& m) {
        const int known = knownIndex(m);
        if (known >= 0) return knownMethods()[static_cast<std::size_t>(known)].color;
        return otherColor(otherIndex(methods_, m));
    };
    if (!colourBlindSafe_) return own(method);
    // The Okabe-Ito mapping over the methods in their order, so it is the same in every export.
    ColourBlindSafeMapping mapping;
    for (const QString& m : methods_) {
        const QColor mapped = mapping.map(own(m));
        if (m == method) return mapped;
    }
    return mapping.map(own(method));
}

void ParetoPlot::setColourBlindSafe(bool on)
{
    if (colourBlindSafe_ == on) return;
    colourBlindSafe_ = on;
    rebuild();
}

// ---- data ----

void ParetoPlot::setRows(std::vector<SweepRow> rows)
{
    rows_ = std::move(rows);
    if (highlightedRow_ >= static_cast<int>(rows_.size())) highlightedRow_ = -1;
    rebuild();
}

const std::vector<SweepRow>& ParetoPlot::rows() const
{
    return rows_;
}

bool ParetoPlot::setMetric(const QString& metric)
{
    const std::optional<QString> name = metricFromKey(metric);
    if (!name) return false;
    if (*name == metric_) return true;
    metric_ = *name;
    rebuild();
    emit metricChanged(metric_);
    return true;
}

QString ParetoPlot::metric() const
{
    return metric_;
}

QStringList ParetoPlot::methods() const
{
    return methods_;
}

QCPGraph* ParetoPlot::methodGraph(const QString& method) const
{
    const auto index = methods_.indexOf(method);
    return index < 0 ? nullptr : methodGraphs_[static_cast<std::size_t>(index)];
}

QCPGraph* ParetoPlot::frontGraph() const
{
    return front_;
}

namespace {

QVector<QPointF> pointsOf(const QCPGraph* graph)
{
    QVector<QPointF> points;
    if (!graph) return points;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        points.append(QPointF(it->key, it->value));
    return points;
}

}  // namespace

QVector<QPointF> ParetoPlot::methodPoints(const QString& method) const
{
    return pointsOf(methodGraph(method));
}

QVector<QPointF> ParetoPlot::frontPoints() const
{
    return pointsOf(front_);
}

namespace {

// The SD of a row's keep ratio and of its metric: NaN for a row of one seed (no bar drawn).
double keepSd(const SweepRow& row)
{
    return row.seeds > 1 ? row.spread(metric_name::kHardKeep) : std::numeric_limits<double>::quiet_NaN();
}

double valueSd(const SweepRow& row, const QString& metric)
{
    return row.seeds > 1 ? row.spread(metric.toStdString()) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

QCPErrorBars* ParetoPlot::keepErrorBars(const QString& method) const
{
    const auto index = methods_.indexOf(method);
    return index < 0 ? nullptr : keepErrors_[static_cast<std::size_t>(index)];
}

QCPErrorBars* ParetoPlot::valueErrorBars(const QString& method) const
{
    const auto index = methods_.indexOf(method);
    return index < 0 ? nullptr : valueErrors_[static_cast<std::size_t>(index)];
}

void ParetoPlot::rebuild()
{
    for (auto* bars : keepErrors_)
        if (bars) plot_->removePlottable(bars);
    for (auto* bars : valueErrors_)
        if (bars) plot_->removePlottable(bars);
    keepErrors_.clear();
    valueErrors_.clear();
    for (QCPGraph* graph : methodGraphs_) plot_->removeGraph(graph);
    methodGraphs_.clear();
    plot_->legend->clearItems();

    QStringList known, unknown;
    for (const auto& row : rows_) {
        const QString method = QString::fromStdString(row.method);
        if (known.contains(method) || unknown.contains(method)) continue;
        (knownIndex(method) >= 0 ? known : unknown).append(method);
    }
    std::sort(known.begin(), known.end(),
              [](const QString& a, const QString& b) { return knownIndex(a) < knownIndex(b); });
    std::sort(unknown.begin(), unknown.end());
    methods_ = known + unknown;

    const double base = std::max(8.0, font().pointSizeF());
    for (const QString& method : methods_) {
        const QColor color = methodColor(method);
        const bool learned = method == QLatin1String("learned");
        // The method's rows in keep-ratio order: the error bars follow the graph's data by index.
        std::vector<const SweepRow*> points;
        for (const auto& row : rows_) {
            if (QString::fromStdString(row.method) == method && isFinitePoint(row, metric_)) points.push_back(&row);
        }
        std::stable_sort(points.begin(), points.end(),
                         [](const SweepRow* a, const SweepRow* b) { return a->keepRatio < b->keepRatio; });
        QVector<QCPGraphData> data;
        QVector<double> keepErrors, valueErrors;
        bool anyError = false;
        for (const SweepRow* row : points) {
            data.append(QCPGraphData(row->keepRatio, metricValue(*row, metric_)));
            keepErrors.append(keepSd(*row));
            valueErrors.append(valueSd(*row, metric_));
            anyError = anyError || std::isfinite(keepErrors.back()) || std::isfinite(valueErrors.back());
        }
        auto* graph = plot_->addGraph();
        graph->setName(method);
        graph->data()->set(data, true);  // in keep-ratio order already: the line joins neighbours
        graph->setLineStyle(QCPGraph::lsLine);
        graph->setPen(QPen(color, learned ? 2.6 : 1.6));
        // White-rimmed filled markers stay distinct where the lines of two methods cross. They
        // grow with the text, so a figure exported with larger type keeps its proportions.
        const double markerSize = std::round(base * (learned ? 1.15 : 0.95));
        graph->setScatterStyle(methodStyle(methods_, method, QPen(Qt::white, 1.2), QBrush(color), markerSize));
        graph->addToLegend();
        methodGraphs_.push_back(graph);

        QCPErrorBars* keepBars = nullptr;
        QCPErrorBars* valueBars = nullptr;
        if (anyError) {
            const auto makeBars = [&](QCPErrorBars::ErrorType type, const QVector<double>& errors) {
                auto* bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
                bars->setLayer(kErrorLayer);
                bars->setName(method);
                bars->setErrorType(type);
                bars->setDataPlottable(graph);
                bars->setData(errors);
                bars->setPen(QPen(color.darker(115), std::max(1.2, base / 8.0)));
                bars->setWhiskerWidth(std::round(base * 0.8));
                bars->setSymbolGap(0);  // the bars run under the marker, so a short one still shows
                return bars;
            };
            keepBars = makeBars(QCPErrorBars::etKeyError, keepErrors);
            valueBars = makeBars(QCPErrorBars::etValueError, valueErrors);
        }
        keepErrors_.push_back(keepBars);
        valueErrors_.push_back(valueBars);
    }

    // The front over all points, whichever method each comes from.
    const QString metric = metric_;
    QVector<QCPGraphData> front;
    for (std::size_t index : paretoFront(rows_, [metric](const SweepRow& row) { return metricValue(row, metric); }))
        front.append(QCPGraphData(rows_[index].keepRatio, metricValue(rows_[index], metric)));
    front_->data()->set(front, true);
    // A line needs two points: a front of one (one method at one keep ratio wins everywhere) draws
    // nothing, so it gets no legend entry either.
    if (front.size() >= 2) front_->addToLegend();

    plot_->yAxis->setLabel(fittingMetricLabel());
    plot_->yAxis->setNumberFormat(QStringLiteral("g"));
    plot_->yAxis->setNumberPrecision(6);
    plot_->legend->setVisible(!methods_.isEmpty());
    emptyNote_->setVisible(
        std::none_of(rows_.begin(), rows_.end(), [metric](const SweepRow& row) { return isFinitePoint(row, metric); }));
    applyRanges();
    placeLegend();
    updateHighlight();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

// The legend goes in the corner of the plot where it hides the fewest markers and error bars:
// bottom right (high keep ratio, low quality: usually empty on a trade-off plot) unless the data
// is there, then top right, then bottom left (top left holds the "better" note). Where each of
// them would hide a marker, it goes outside, right of the axes: a crowded sweep (many methods, so
// a tall legend) costs some width instead of a point.
void ParetoPlot::placeLegend()
{
    const QCPRange x = plot_->xAxis->range();
    const QCPRange y = plot_->yAxis->range();
    if (!(x.size() > 0) || !(y.size() > 0)) return;
    // The legend's share of the axis rect: measured once the plot has been laid out, else a guess.
    double width = 0.3, height = 0.12 + 0.065 * plot_->legend->itemCount();
    const QRect area = plot_->axisRect()->rect();
    if (area.width() > 50 && area.height() > 50) {
        const QSize legend = plot_->legend->minimumOuterSizeHint();
        width = std::min(0.9, (legend.width() + 12.0) / area.width());
        height = std::min(0.9, (legend.height() + 12.0) / area.height());
    }
    struct Corner {
        Qt::Alignment alignment;
        double left, bottom;  // the region, in fractions of the axis ranges
    };
    const Corner corners[] = {{Qt::AlignBottom | Qt::AlignRight, 1 - width, 0},
                              {Qt::AlignTop | Qt::AlignRight, 1 - width, 1 - height},
                              {Qt::AlignBottom | Qt::AlignLeft, 0, 0}};
    const auto fraction = [&](double key, double value) {
        return QPointF((key - x.lower) / x.size(), (value - y.lower) / y.size());
    };
    int best = 0;
    double bestCost = std::numeric_limits<double>::infinity();
    for (int c = 0; c < 3; ++c) {
        const QRectF region(corners[c].left, corners[c].bottom, width, height);
        double cost = 0;
        for (const auto& row : rows_) {
            if (!isFinitePoint(row, metric_)) continue;
            const double key = row.keepRatio, value = metricValue(row, metric_);
            if (region.contains(fraction(key, value))) cost += 4;  // a marker
            // Samples along the error bars.
            const double keyError = keepSd(row), valueError = valueSd(row, metric_);
            for (int i = -4; i <= 4; ++i) {
                if (std::isfinite(keyError) && region.contains(fraction(key + keyError * i / 4, value))) cost += 0.5;
                if (std::isfinite(valueError) && region.contains(fraction(key, value + valueError * i / 4)))
                    cost += 0.5;
            }
        }
        if (cost < bestCost) {
            bestCost = cost;
            best = c;
        }
    }
    constexpr double kHidesAMarker = 4;
    setLegendOutside(bestCost >= kHidesAMarker);
    if (legendColumn_) return;
    QCPLayoutInset* inset = plot_->axisRect()->insetLayout();
    for (int i = 0; i < inset->elementCount(); ++i)
        if (inset->elementAt(i) == plot_->legend) inset->setInsetAlignment(i, corners[best].alignment);
}

bool ParetoPlot::legendOutside() const
{
    return legendColumn_ != nullptr;
}

// Outside, the legend heads a column right of the axis rect, above a spacer that takes the
// height it does not need.
void ParetoPlot::setLegendOutside(bool outside)
{
    if (outside == legendOutside()) return;
    QCPLayoutGrid* grid = plot_->plotLayout();
    QCPLayoutInset* inset = plot_->axisRect()->insetLayout();
    if (outside) {
        int row = 0, column = 0;
        for (int i = 0; i < grid->elementCount(); ++i)
            if (grid->elementAt(i) == plot_->axisRect()) grid->indexToRowCol(i, row, column);
        inset->take(plot_->legend);
        legendColumn_ = new QCPLayoutGrid;
        grid->addElement(row, column + 1, legendColumn_);
        grid->setColumnStretchFactor(column + 1, 0.001);
        legendColumn_->addElement(0, 0, plot_->legend);
        legendColumn_->addElement(1, 0, new QCPLayoutElement(plot_));
        legendColumn_->setRowStretchFactor(0, 0.001);
        legendColumn_->setMargins(QMargins(0, 10, 8, 0));
    } else {
        legendColumn_->take(plot_->legend);
        grid->remove(legendColumn_);  // deletes it and the spacer
        grid->simplify();
        legendColumn_ = nullptr;
        inset->addElement(plot_->legend, Qt::AlignBottom | Qt::AlignRight);
    }
}

void ParetoPlot::applyRanges()
{
    double keepLow = std::numeric_limits<double>::infinity(), keepHigh = -keepLow;
    double valueLow = keepLow, valueHigh = -keepLow;
    // Error bars inside the view: the range covers mean ± SD.
    const auto orZero = [](double sd) { return std::isfinite(sd) ? sd : 0.0; };
    for (const auto& row : rows_) {
        if (!isFinitePoint(row, metric_)) continue;
        const double keepError = orZero(keepSd(row));
        const double valueError = orZero(valueSd(row, metric_));
        keepLow = std::min(keepLow, row.keepRatio - keepError);
        keepHigh = std::max(keepHigh, row.keepRatio + keepError);
        valueLow = std::min(valueLow, metricValue(row, metric_) - valueError);
        valueHigh = std::max(valueHigh, metricValue(row, metric_) + valueError);
    }
    plot_->xAxis->setRange(paddedRange(keepLow, keepHigh, 1.0));
    plot_->yAxis->setRange(paddedRange(valueLow, valueHigh, metricScale(metric_)));
}

// ---- presentation ----

void ParetoPlot::setTitle(const QString& title)
{
    if (title.isEmpty()) {
        // An empty text element would still take a row's height.
        if (title_) {
            plot_->plotLayout()->remove(title_);
            plot_->plotLayout()->simplify();
            title_ = nullptr;
            plot_->replot(QCustomPlot::rpQueuedReplot);
        }
        return;
    }
    if (!title_) {
        plot_->plotLayout()->insertRow(0);
        title_ = new QCPTextElement(plot_, title, sized(font(), std::max(8.0, font().pointSizeF()) + 3, true));
        plot_->plotLayout()->addElement(0, 0, title_);
    }
    title_->setText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

namespace {

// pgfplots' name for a method's marker (methodStyle): the known methods' shapes, a pentagon for
// the variants.
QString pgfplotsMark(QCPScatterStyle::ScatterShape shape)
{
    switch (shape) {
        case QCPScatterStyle::ssCircle: return QStringLiteral("*");
        case QCPScatterStyle::ssDiamond: return QStringLiteral("diamond*");
        case QCPScatterStyle::ssSquare: return QStringLiteral("square*");
        case QCPScatterStyle::ssTriangle: return QStringLiteral("triangle*");
        case QCPScatterStyle::ssTriangleInverted: return QStringLiteral("triangle*, mark options={solid, rotate=180}");
        case QCPScatterStyle::ssPlusCircle: return QStringLiteral("oplus*");
        case QCPScatterStyle::ssCrossSquare: return QStringLiteral("square*");
        default: return QStringLiteral("pentagon*");
    }
}

}  // namespace

FigureAxes ParetoPlot::figureAxes() const
{
    FigureAxes axes;
    axes.title = title();
    axes.xLabel = plot_->xAxis->label();
    axes.yLabel = metricLabel(metric_);
    axes.xMin = plot_->xAxis->range().lower;
    axes.xMax = plot_->xAxis->range().upper;
    axes.yMin = plot_->yAxis->range().lower;
    axes.yMax = plot_->yAxis->range().upper;
    for (std::size_t i = 0; i < methodGraphs_.size(); ++i) {
        const QCPGraph* graph = methodGraphs_[i];
        FigureSeries series;
        series.kind = FigureSeries::Kind::Marks;
        series.joined = true;
        series.label = methods_.value(static_cast<int>(i));
        series.color = methodColor(series.label);
        series.mark = pgfplotsMark(graph->scatterStyle().shape());
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            series.x << it->key;
            series.y << it->value;
        }
        // One SD each way: the bars were set symmetric (setData with one error per point).
        const auto errors = [](const QCPErrorBars* bars, int n) {
            QVector<double> out;
            if (!bars) return out;
            for (int k = 0; k < n && k < bars->dataCount(); ++k) {
                const double e = bars->data()->at(k).errorPlus;
                out << (std::isfinite(e) ? e : 0.0);
            }
            return out;
        };
        series.xError = errors(keepErrors_[i], static_cast<int>(series.x.size()));
        series.yError = errors(valueErrors_[i], static_cast<int>(series.x.size()));
        axes.series << series;
    }
    if (front_ && front_->data()->size() >= 2) {  // as on screen: one point draws no line
        FigureSeries front;
        front.label = front_->name();
        front.color = front_->pen().color();
        front.style = Qt::DashLine;
        for (auto it = front_->data()->constBegin(); it != front_->data()->constEnd(); ++it) {
            front.x << it->key;
            front.y << it->value;
        }
        axes.series << front;
    }
    return axes;
}

QString ParetoPlot::title() const
{
    return title_ ? title_->text() : QString();
}

void ParetoPlot::setHighlightedRow(int index)
{
    highlightedRow_ = index >= 0 && index < static_cast<int>(rows_.size()) ? index : -1;
    updateHighlight();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

int ParetoPlot::highlightedRow() const
{
    return highlightedRow_;
}

void ParetoPlot::updateHighlight()
{
    highlight_->data()->clear();
    if (highlightedRow_ < 0) return;
    const SweepRow& row = rows_[static_cast<std::size_t>(highlightedRow_)];
    if (isFinitePoint(row, metric_)) highlight_->addData(row.keepRatio, metricValue(row, metric_));
}

int ParetoPlot::rowAt(const QPointF& pixel, double radius) const
{
    int best = -1;
    double bestDistance = radius;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (!isFinitePoint(rows_[i], metric_)) continue;
        const double dx = plot_->xAxis->coordToPixel(rows_[i].keepRatio) - pixel.x();
        const double dy = plot_->yAxis->coordToPixel(metricValue(rows_[i], metric_)) - pixel.y();
        const double distance = std::hypot(dx, dy);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = static_cast<int>(i);
        }
    }
    return best;
}

QString ParetoPlot::hoverText(int index) const
{
    if (index < 0 || index >= static_cast<int>(rows_.size())) return {};
    const SweepRow& row = rows_[static_cast<std::size_t>(index)];
    const MetricDefinition& target = metricDefinition(metric_name::kTargetKeep);
    const MetricDefinition& kept = metricDefinition(metric_name::kHardKeep);
    const QString method = QString::fromStdString(row.method);
    const QString line = QStringLiteral("<tr><td>%1&nbsp;</td><td><b>%2</b></td></tr>");
    // "0.483 ± 0.012" for a mean over seeds.
    const auto withSd = [](const QString& value, double sd, const auto& format) {
        return std::isfinite(sd) ? QStringLiteral("%1 ± %2").arg(value, format(sd)) : value;
    };
    const QString keptText = withSd(QString::fromStdString(kept.display(row.keepRatio)), keepSd(row),
                                    [&kept](double sd) { return QString::fromStdString(kept.display(sd)); });
    const QString metricText = withSd(formatMetric(metricValue(row, metric_), metric_), valueSd(row, metric_),
                                      [this](double sd) { return formatMetric(sd, metric_); });
    QString lines = line.arg(translated(target.label), QString::fromStdString(target.display(row.targetKeep))) +
                    line.arg(translated(kept.shortLabel), keptText) +
                    line.arg(metricName(metric_).toHtmlEscaped(), metricText);
    if (row.seeds > 1) lines += line.arg(tr("seeds"), QString::number(row.seeds));
    lines += line.arg(tr("run"), QString::fromStdString(row.run).toHtmlEscaped());
    return QStringLiteral(
               "<span style=\"color:%1\">&#9679;</span> <b>%2</b><table cellspacing=\"0\" cellpadding=\"1\">%3</table>")
        .arg(methodColor(method).name(), method.toHtmlEscaped(), lines);
}

void ParetoPlot::onMouseMove(QMouseEvent* event)
{
    const int index = event->buttons() == Qt::NoButton ? rowAt(event->position()) : -1;
    if (index < 0)
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), hoverText(index), plot_);
}

// ---- export ----

bool ParetoPlot::exportImage(const QString& path, int width, int height, QString* error) const
{
    const QSize size(width, height);
    if (!PlotFileExport::checkTarget(path, size, error)) return false;
    return PlotFileExport::writeCustomPlot(plot_, path, size, title(), error);
}

double ParetoPlot::figurePointSize(const QSize& size)
{
    return std::clamp(std::min(size.width() / 100.0, size.height() / 62.5), 8.0, 40.0);
}

bool ParetoPlot::exportFigure(const std::vector<SweepRow>& rows, const QString& metric, const QString& title,
                              const QString& path, const QSize& pixels, QString* error, const PublicationStyle& style)
{
    ParetoPlot figure;
    figure.setColourBlindSafe(style.colourBlindSafe);
    const QString format = PlotFileExport::formatForPath(path);
    // A print size: laid out at the page's size in screen pixels with text at the style's size,
    // which PlotFileExport's page, made at the screen's resolution, prints at that size.
    const bool print = style.printSize() && format != QLatin1String("png");
    const QSize size = print ? style.logicalSize(style.fontPt, PlotFileExport::screenDpi()) : pixels;
    QFont font = figure.font();
    font.setPointSizeF(print ? style.fontPt : figurePointSize(size));
    figure.setFont(font);
    if (format == QLatin1String("tex")) {
        figure.resize(size);
        figure.setTitle(title);
        figure.setMetric(metric);
        figure.setRows(rows);
        figure.customPlot()->replot();  // the ranges figureAxes reads
        Figure document;
        document.axes << figure.figureAxes();
        PublicationStyle texStyle = style;
        texStyle.colourBlindSafe = false;  // the figure's method colours are mapped already
        return PlotFileExport::writePgfplots(path, document, texStyle, 8.5, title.isEmpty() ? tr("Pareto plot") : title,
                                             error);
    }
    const bool png = format == QLatin1String("png");
    // The size it is drawn at, so the axis title is chosen for it (never shown: no resize event).
    figure.resize(size);
    figure.setTitle(title);
    figure.setMetric(metric);
    figure.setRows(rows);
    if (png) return figure.exportImage(path, size.width(), size.height(), error);
    QCustomPlot* plot = figure.customPlot();
    return PlotFileExport::write(
        path, size, title,
        [plot](QCPPainter& painter, const QSize& area) { plot->toPainter(&painter, area.width(), area.height()); },
        error, print ? style.pagePoints() : QSizeF());
}

}  // namespace megatoken
