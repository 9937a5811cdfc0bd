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

ParetoPlot::ParetoPlot(QWidget* parent) : QWidget(parent), mPlot(new QCustomPlot(this)), mMetric(metrics().value(0))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mPlot);
    setMinimumSize(320, 240);
    mPlot->setMouseTracking(true);  // hover tooltips need moves without a pressed button
    mPlot->setAutoAddPlottableToLegend(false);
    mPlot->setAntialiasedElements(QCP::aePlottables | QCP::aeScatters | QCP::aeItems | QCP::aeLegendItems);
    // The front runs behind the markers, the highlight ring above them.
    mPlot->addLayer(kFrontLayer, mPlot->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    mPlot->addLayer(kHighlightLayer, mPlot->layer(QStringLiteral("main")), QCustomPlot::limAbove);

    for (QCPAxis* axis : {mPlot->xAxis, mPlot->yAxis}) {
        axis->setBasePen(QPen(QColor(90, 90, 90)));
        axis->setTickPen(QPen(QColor(90, 90, 90)));
        axis->setSubTickPen(QPen(QColor(140, 140, 140)));
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::SolidLine));
        axis->grid()->setSubGridVisible(false);
    }
    mPlot->xAxis->setLabel(translated(metricDefinition(metric_name::kHardKeep).label));
    mPlot->xAxis->setNumberFormat(QStringLiteral("f"));
    mPlot->xAxis->setNumberPrecision(2);
    mPlot->xAxis->ticker()->setTickCount(6);
    mPlot->yAxis->ticker()->setTickCount(6);
    // A closed frame reads as one figure; the mirrored axes carry no labels.
    mPlot->axisRect()->setupFullAxesBox(true);
    mPlot->xAxis2->setTickLabels(false);
    mPlot->yAxis2->setTickLabels(false);

    mPlot->legend->setBrush(QColor(255, 255, 255, 225));
    mPlot->legend->setBorderPen(QPen(QColor(200, 200, 200)));
    mPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    mPlot->legend->setVisible(false);

    mFront = mPlot->addGraph();
    mFront->setLayer(kFrontLayer);
    mFront->setName(tr("Pareto front"));
    mFront->setLineStyle(QCPGraph::lsStepLeft);  // what the best setting at most this keep ratio reaches
    mFront->setPen(QPen(QColor(30, 30, 30), 1.6, Qt::DashLine));
    mFront->setScatterStyle(QCPScatterStyle::ssNone);

    mHighlight = mPlot->addGraph();
    mHighlight->setLayer(kHighlightLayer);
    mHighlight->setLineStyle(QCPGraph::lsNone);
    mHighlight->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(20, 20, 20), 2), Qt::NoBrush, 22));

    mEmptyNote = new QCPItemText(mPlot);
    mEmptyNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    mEmptyNote->position->setCoords(0.5, 0.5);
    mEmptyNote->setColor(QColor(120, 120, 120));
    mEmptyNote->setText(tr("No results yet"));

    // Which way is good is not obvious on a trade-off plot: fewer tokens (left), better quality (up).
    mBetterNote = new QCPItemText(mPlot);
    mBetterNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    mBetterNote->position->setCoords(0.012, 0.02);
    mBetterNote->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    mBetterNote->setColor(QColor(110, 110, 110));
    mBetterNote->setText(QStringLiteral("↖ ") + tr("better"));

    connect(mPlot, &QCustomPlot::mouseMove, this, &ParetoPlot::onMouseMove);
    applyFonts();
    rebuild();
}

// Every text size follows the widget's font, so a figure gets larger type with setFont().
void ParetoPlot::applyFonts()
{
    const double base = std::max(8.0, font().pointSizeF());
    for (QCPAxis* axis : {mPlot->xAxis, mPlot->yAxis}) {
        axis->setLabelFont(sized(font(), base + 1));
        axis->setTickLabelFont(sized(font(), base));
    }
    mPlot->legend->setFont(sized(font(), base));
    mPlot->legend->setIconSize(qRound(base * 3.6), qRound(base * 1.4));
    mPlot->legend->setRowSpacing(qRound(base * 0.25));
    mPlot->legend->setIconTextPadding(qRound(base * 0.8));
    mEmptyNote->setFont(sized(font(), base + 1));
    mBetterNote->setFont(sized(font(), base));
    if (mTitle) mTitle->setFont(sized(font(), base + 3, true));
}

void ParetoPlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && mBetterNote) {
        applyFonts();
        rebuild();  // the markers grow with the text
    }
}

ParetoPlot::~ParetoPlot() = default;

QCustomPlot* ParetoPlot::customPlot() const
{
    return mPlot;
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
    return otherColor(otherIndex(mMethods, method));
}

// ---- data ----

void ParetoPlot::setRows(std::vector<SweepRow> rows)
{
    mRows = std::move(rows);
    if (mHighlightedRow >= static_cast<int>(mRows.size())) mHighlightedRow = -1;
    rebuild();
}

const std::vector<SweepRow>& ParetoPlot::rows() const
{
    return mRows;
}

bool ParetoPlot::setMetric(const QString& metric)
{
    const std::optional<QString> name = metricFromKey(metric);
    if (!name) return false;
    if (*name == mMetric) return true;
    mMetric = *name;
    rebuild();
    emit metricChanged(mMetric);
    return true;
}

QString ParetoPlot::metric() const
{
    return mMetric;
}

QStringList ParetoPlot::methods() const
{
    return mMethods;
}

QCPGraph* ParetoPlot::methodGraph(const QString& method) const
{
    const auto index = mMethods.indexOf(method);
    return index < 0 ? nullptr : mMethodGraphs[static_cast<std::size_t>(index)];
}

QCPGraph* ParetoPlot::frontGraph() const
{
    return mFront;
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
    return pointsOf(mFront);
}

void ParetoPlot::rebuild()
{
    for (QCPGraph* graph : mMethodGraphs) mPlot->removeGraph(graph);
    mMethodGraphs.clear();
    mPlot->legend->clearItems();

    QStringList known, unknown;
    for (const auto& row : mRows) {
        const QString method = QString::fromStdString(row.method);
        if (known.contains(method) || unknown.contains(method)) continue;
        (knownIndex(method) >= 0 ? known : unknown).append(method);
    }
    std::sort(known.begin(), known.end(),
              [](const QString& a, const QString& b) { return knownIndex(a) < knownIndex(b); });
    std::sort(unknown.begin(), unknown.end());
    mMethods = known + unknown;

    for (const QString& method : mMethods) {
        const QColor color = methodColor(method);
        const bool learned = method == QLatin1String("learned");
        QVector<QCPGraphData> points;
        for (const auto& row : mRows) {
            if (QString::fromStdString(row.method) == method && isFinitePoint(row, mMetric))
                points.append(QCPGraphData(row.keepRatio, metricValue(row, mMetric)));
        }
        auto* graph = mPlot->addGraph();
        graph->setName(method);
        graph->data()->set(points, false);  // sorts by keep ratio: the line joins neighbours
        graph->setLineStyle(QCPGraph::lsLine);
        graph->setPen(QPen(color, learned ? 2.6 : 1.6));
        // White-rimmed filled markers stay distinct where the lines of two methods cross. They
        // grow with the text, so a figure exported with larger type keeps its proportions.
        const double markerSize = std::round(std::max(8.0, font().pointSizeF()) * (learned ? 1.15 : 0.95));
        graph->setScatterStyle(
            QCPScatterStyle(methodShape(mMethods, method), QPen(Qt::white, 1.2), QBrush(color), markerSize));
        graph->addToLegend();
        mMethodGraphs.push_back(graph);
    }

    // The front over all points, whichever method each comes from.
    const QString metric = mMetric;
    QVector<QCPGraphData> front;
    for (std::size_t index : paretoFront(mRows, [metric](const SweepRow& row) { return metricValue(row, metric); }))
        front.append(QCPGraphData(mRows[index].keepRatio, metricValue(mRows[index], metric)));
    mFront->data()->set(front, true);
    if (!front.isEmpty()) mFront->addToLegend();

    mPlot->yAxis->setLabel(metricLabel(mMetric));
    mPlot->yAxis->setNumberFormat(QStringLiteral("f"));
    mPlot->yAxis->setNumberPrecision(metricScale(mMetric) > 1 ? 0 : 2);
    mPlot->legend->setVisible(!mMethods.isEmpty());
    mEmptyNote->setVisible(
        std::none_of(mRows.begin(), mRows.end(), [metric](const SweepRow& row) { return isFinitePoint(row, metric); }));
    applyRanges();
    updateHighlight();
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoPlot::applyRanges()
{
    double keepLow = std::numeric_limits<double>::infinity(), keepHigh = -keepLow;
    double valueLow = keepLow, valueHigh = -keepLow;
    for (const auto& row : mRows) {
        if (!isFinitePoint(row, mMetric)) continue;
        keepLow = std::min(keepLow, row.keepRatio);
        keepHigh = std::max(keepHigh, row.keepRatio);
        valueLow = std::min(valueLow, metricValue(row, mMetric));
        valueHigh = std::max(valueHigh, metricValue(row, mMetric));
    }
    mPlot->xAxis->setRange(paddedRange(keepLow, keepHigh, 1.0));
    mPlot->yAxis->setRange(paddedRange(valueLow, valueHigh, metricScale(mMetric)));
}

// ---- presentation ----

void ParetoPlot::setTitle(const QString& title)
{
    if (title.isEmpty()) {
        // An empty text element would still take a row's height.
        if (mTitle) {
            mPlot->plotLayout()->remove(mTitle);
            mPlot->plotLayout()->simplify();
            mTitle = nullptr;
            mPlot->replot(QCustomPlot::rpQueuedReplot);
        }
        return;
    }
    if (!mTitle) {
        mPlot->plotLayout()->insertRow(0);
        mTitle = new QCPTextElement(mPlot, title, sized(font(), std::max(8.0, font().pointSizeF()) + 3, true));
        mPlot->plotLayout()->addElement(0, 0, mTitle);
    }
    mTitle->setText(title);
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

QString ParetoPlot::title() const
{
    return mTitle ? mTitle->text() : QString();
}

void ParetoPlot::setHighlightedRow(int index)
{
    mHighlightedRow = index >= 0 && index < static_cast<int>(mRows.size()) ? index : -1;
    updateHighlight();
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

int ParetoPlot::highlightedRow() const
{
    return mHighlightedRow;
}

void ParetoPlot::updateHighlight()
{
    mHighlight->data()->clear();
    if (mHighlightedRow < 0) return;
    const SweepRow& row = mRows[static_cast<std::size_t>(mHighlightedRow)];
    if (isFinitePoint(row, mMetric)) mHighlight->addData(row.keepRatio, metricValue(row, mMetric));
}

int ParetoPlot::rowAt(const QPointF& pixel, double radius) const
{
    int best = -1;
    double bestDistance = radius;
    for (std::size_t i = 0; i < mRows.size(); ++i) {
        if (!isFinitePoint(mRows[i], mMetric)) continue;
        const double dx = mPlot->xAxis->coordToPixel(mRows[i].keepRatio) - pixel.x();
        const double dy = mPlot->yAxis->coordToPixel(metricValue(mRows[i], mMetric)) - pixel.y();
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
    if (index < 0 || index >= static_cast<int>(mRows.size())) return {};
    const SweepRow& row = mRows[static_cast<std::size_t>(index)];
    const MetricDefinition& target = metricDefinition(metric_name::kTargetKeep);
    const MetricDefinition& kept = metricDefinition(metric_name::kHardKeep);
    const QString method = QString::fromStdString(row.method);
    const QString line = QStringLiteral("<tr><td>%1&nbsp;</td><td><b>%2</b></td></tr>");
    return QStringLiteral(
               "<span style=\"color:%1\">&#9679;</span> <b>%2</b><table cellspacing=\"0\" cellpadding=\"1\">%3</table>")
        .arg(methodColor(method).name(), method.toHtmlEscaped(),
             line.arg(translated(target.label), QString::fromStdString(target.display(row.targetKeep))) +
                 line.arg(translated(kept.shortLabel), QString::fromStdString(kept.display(row.keepRatio))) +
                 line.arg(metricName(mMetric).toHtmlEscaped(), formatMetric(metricValue(row, mMetric), mMetric)) +
                 line.arg(tr("run"), QString::fromStdString(row.run).toHtmlEscaped()));
}

void ParetoPlot::onMouseMove(QMouseEvent* event)
{
    const int index = event->buttons() == Qt::NoButton ? rowAt(event->position()) : -1;
    if (index < 0)
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), hoverText(index), mPlot);
}

// ---- export ----

bool ParetoPlot::exportImage(const QString& path, int width, int height, QString* error) const
{
    const QSize size(width, height);
    if (!PlotFileExport::checkTarget(path, size, error)) return false;
    return PlotFileExport::writeCustomPlot(mPlot, path, size, title(), error);
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
