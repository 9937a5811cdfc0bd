#include "widgets/plot/ParetoPlot.h"

#include "widgets/plot/PlotFileExport.h"

#include "core/runs/MetricSchema.h"

#include <QCoreApplication>
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

// Markers for methods beyond the known ones, by their position among those.
QCPScatterStyle::ScatterShape otherShape(int index)
{
    static const QCPScatterStyle::ScatterShape shapes[] = {QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare,
                                                           QCPScatterStyle::ssDiamond, QCPScatterStyle::ssTriangle,
                                                           QCPScatterStyle::ssTriangleInverted};
    return shapes[index % 5];
}

// The Okabe–Ito colours the known methods leave free, then darker ones.
QColor otherColor(int index)
{
    static const QColor colors[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x33, 0x33, 0x33),
                                    QColor(0xB8, 0xA3, 0x00), QColor(0x8C, 0x56, 0x4B), QColor(0x1B, 0x3A, 0x8C)};
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

QCPScatterStyle::ScatterShape methodShape(const QStringList& methods, const QString& method)
{
    const int known = knownIndex(method);
    return known >= 0 ? knownMethods()[static_cast<std::size_t>(known)].shape : otherShape(otherIndex(methods, method));
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
    plot_->setMouseTracking(true);  // hover tooltips need moves without a pressed button
    plot_->setAutoAddPlottableToLegend(false);
    plot_->setAntialiasedElements(QCP::aePlottables | QCP::aeScatters | QCP::aeItems | QCP::aeLegendItems);
    // The front runs behind the markers, the highlight ring above them.
    plot_->addLayer(kFrontLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    plot_->addLayer(kHighlightLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);

    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->setBasePen(QPen(QColor(90, 90, 90)));
        axis->setTickPen(QPen(QColor(90, 90, 90)));
        axis->setSubTickPen(QPen(QColor(140, 140, 140)));
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::SolidLine));
        axis->grid()->setSubGridVisible(false);
    }
    plot_->xAxis->setLabel(translated(metricDefinition(metric_name::kHardKeep).label));
    plot_->xAxis->setNumberFormat(QStringLiteral("f"));
    plot_->xAxis->setNumberPrecision(2);
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

QString ParetoPlot::metricLabel(const QString& metric)
{
    const MetricDefinition* definition = definitionOf(metric);
    if (!definition) return metric;
    switch (definition->scale) {
        case MetricScale::Fraction: return tr("%1 (0–1)").arg(translated(definition->label));
        case MetricScale::Percent: return tr("%1 (0–100)").arg(translated(definition->label));
        default:
            return definition->unit.empty() ? translated(definition->label)
                                            : QStringLiteral("%1 (%2)").arg(translated(definition->label),
                                                                            QString::fromStdString(definition->unit));
    }
}

double ParetoPlot::metricValue(const SweepRow& row, const QString& metric)
{
    const MetricDefinition* definition = definitionOf(metric);
    return definition ? definition->sweep.get(row, 0) : std::numeric_limits<double>::quiet_NaN();
}

QColor ParetoPlot::methodColor(const QString& method) const
{
    const int known = knownIndex(method);
    if (known >= 0) return knownMethods()[static_cast<std::size_t>(known)].color;
    return otherColor(otherIndex(methods_, method));
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

void ParetoPlot::rebuild()
{
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

    for (const QString& method : methods_) {
        const QColor color = methodColor(method);
        const bool learned = method == QLatin1String("learned");
        QVector<QCPGraphData> points;
        for (const auto& row : rows_) {
            if (QString::fromStdString(row.method) == method && isFinitePoint(row, metric_))
                points.append(QCPGraphData(row.keepRatio, metricValue(row, metric_)));
        }
        auto* graph = plot_->addGraph();
        graph->setName(method);
        graph->data()->set(points, false);  // sorts by keep ratio: the line joins neighbours
        graph->setLineStyle(QCPGraph::lsLine);
        graph->setPen(QPen(color, learned ? 2.6 : 1.6));
        // White-rimmed filled markers stay distinct where the lines of two methods cross. They
        // grow with the text, so a figure exported with larger type keeps its proportions.
        const double markerSize = std::round(std::max(8.0, font().pointSizeF()) * (learned ? 1.15 : 0.95));
        graph->setScatterStyle(
            QCPScatterStyle(methodShape(methods_, method), QPen(Qt::white, 1.2), QBrush(color), markerSize));
        graph->addToLegend();
        methodGraphs_.push_back(graph);
    }

    // The front over all points, whichever method each comes from.
    const QString metric = metric_;
    QVector<QCPGraphData> front;
    for (std::size_t index : paretoFront(rows_, [metric](const SweepRow& row) { return metricValue(row, metric); }))
        front.append(QCPGraphData(rows_[index].keepRatio, metricValue(rows_[index], metric)));
    front_->data()->set(front, true);
    if (!front.isEmpty()) front_->addToLegend();

    plot_->yAxis->setLabel(metricLabel(metric_));
    plot_->yAxis->setNumberFormat(QStringLiteral("f"));
    plot_->yAxis->setNumberPrecision(metricScale(metric_) > 1 ? 0 : 2);
    plot_->legend->setVisible(!methods_.isEmpty());
    emptyNote_->setVisible(
        std::none_of(rows_.begin(), rows_.end(), [metric](const SweepRow& row) { return isFinitePoint(row, metric); }));
    applyRanges();
    updateHighlight();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoPlot::applyRanges()
{
    double keepLow = std::numeric_limits<double>::infinity(), keepHigh = -keepLow;
    double valueLow = keepLow, valueHigh = -keepLow;
    for (const auto& row : rows_) {
        if (!isFinitePoint(row, metric_)) continue;
        keepLow = std::min(keepLow, row.keepRatio);
        keepHigh = std::max(keepHigh, row.keepRatio);
        valueLow = std::min(valueLow, metricValue(row, metric_));
        valueHigh = std::max(valueHigh, metricValue(row, metric_));
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
    return QStringLiteral(
               "<span style=\"color:%1\">&#9679;</span> <b>%2</b><table cellspacing=\"0\" cellpadding=\"1\">%3</table>")
        .arg(methodColor(method).name(), method.toHtmlEscaped(),
             line.arg(translated(target.label), QString::fromStdString(target.display(row.targetKeep))) +
                 line.arg(translated(kept.shortLabel), QString::fromStdString(kept.display(row.keepRatio))) +
                 line.arg(metricName(metric_).toHtmlEscaped(), formatMetric(metricValue(row, metric_), metric_)) +
                 line.arg(tr("run"), QString::fromStdString(row.run).toHtmlEscaped()));
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
                              const QString& path, const QSize& size, QString* error)
{
    ParetoPlot figure;
    QFont font = figure.font();
    font.setPointSizeF(figurePointSize(size));
    figure.setFont(font);
    figure.setMetric(metric);
    figure.setRows(rows);
    figure.setTitle(title);
    if (PlotFileExport::formatForPath(path) == QLatin1String("png"))
        return figure.exportImage(path, size.width(), size.height(), error);
    // SVG and PDF set text at 72 dpi (a point per unit), a PNG at the screen's 96: laid out
    // smaller and scaled up, the vector figure looks exactly like the PNG of the same size.
    const double scale = figure.logicalDpiX() / 72.0;
    QCustomPlot* plot = figure.customPlot();
    return PlotFileExport::write(
        path, size, title,
        [plot, scale](QCPPainter& painter, const QSize& area) {
            painter.scale(scale, scale);
            plot->toPainter(&painter, qRound(area.width() / scale), qRound(area.height() / scale));
        },
        error);
}

}  // namespace megatoken
