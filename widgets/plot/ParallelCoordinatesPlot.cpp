#include "widgets/plot/ParallelCoordinatesPlot.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace megatoken {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QString kHighlightLayer = QStringLiteral("highlight");
const QString kLabelLayer = QStringLiteral("labels");

// A colour-blind-safe ramp (viridis at five stops), from low (0) to high (1).
QColor rampColor(double t)
{
    static const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x3B, 0x52, 0x8B), QColor(0x21, 0x91, 0x8C),
                                   QColor(0x5E, 0xC9, 0x62), QColor(0xFD, 0xE7, 0x25)};
    if (std::isnan(t)) return QColor(0x80, 0x80, 0x80);
    const double x = std::clamp(t, 0.0, 1.0) * 4.0;
    const int i = std::min(3, static_cast<int>(x));
    const double f = x - i;
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    return QColor::fromRgbF(static_cast<float>(a.redF() + f * (b.redF() - a.redF())),
                            static_cast<float>(a.greenF() + f * (b.greenF() - a.greenF())),
                            static_cast<float>(a.blueF() + f * (b.blueF() - a.blueF())));
}

QString numberText(double value)
{
    return QString::number(value, 'g', 4);
}

}  // namespace

ParallelCoordinatesPlot::ParallelCoordinatesPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->setObjectName(QStringLiteral("parallelCoordinates"));
    plot_->xAxis->setVisible(false);
    plot_->yAxis->setVisible(false);
    plot_->axisRect()->setAutoMargins(QCP::msNone);
    plot_->axisRect()->setMargins(QMargins(40, 46, 60, 16));
    plot_->setInteractions(QCP::iSelectPlottables);
    plot_->addLayer(kHighlightLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    plot_->addLayer(kLabelLayer, plot_->layer(kHighlightLayer), QCustomPlot::limAbove);  // ticks over lines
    connect(plot_, &QCustomPlot::plottableClick, this, &ParallelCoordinatesPlot::onPlottableClick);
    setMinimumSize(320, 200);
}

bool ParallelAxis::operator==(const ParallelAxis& other) const
{
    const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    return label == other.label && categorical == other.categorical && categories == other.categories &&
           values.size() == other.values.size() && std::equal(values.begin(), values.end(), other.values.begin(), same);
}

void ParallelCoordinatesPlot::setData(std::vector<ParallelAxis> axes, QStringList rowNames)
{
    // The same picture again (a live run's step changed nothing shown): nothing to redraw. The run
    // table refreshes the hyperparameter view on every step, and a rebuild costs 100 ms and more.
    if (axes == axes_ && rowNames == rowNames_) return;
    axes_ = std::move(axes);
    rowNames_ = std::move(rowNames);
    const int rows = rowCount();
    positions_.assign(axes_.size(), std::vector<double>(static_cast<std::size_t>(rows), kNaN));
    sortedCategories_.assign(axes_.size(), {});
    for (std::size_t a = 0; a < axes_.size(); ++a) {
        ParallelAxis& axis = axes_[a];
        auto& positions = positions_[a];
        if (axis.categorical) {
            QStringList distinct;
            for (const QString& category : std::as_const(axis.categories))
                if (!category.isEmpty() && !distinct.contains(category)) distinct << category;
            std::sort(distinct.begin(), distinct.end(), [](const QString& x, const QString& y) {
                bool xNumber = false, yNumber = false;
                const double xv = x.toDouble(&xNumber), yv = y.toDouble(&yNumber);
                if (xNumber && yNumber) return xv < yv;
                return QString::localeAwareCompare(x, y) < 0;
            });
            sortedCategories_[a] = distinct;
            for (int r = 0; r < rows && r < axis.categories.size(); ++r) {
                const int index = static_cast<int>(distinct.indexOf(axis.categories[r]));
                if (index < 0) continue;
                positions[static_cast<std::size_t>(r)] =
                    distinct.size() == 1 ? 0.5 : static_cast<double>(index) / static_cast<double>(distinct.size() - 1);
            }
        } else {
            double lo = std::numeric_limits<double>::infinity(), hi = -lo;
            for (const double v : axis.values)
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            for (int r = 0; r < rows && r < static_cast<int>(axis.values.size()); ++r) {
                const double v = axis.values[static_cast<std::size_t>(r)];
                if (!std::isfinite(v)) continue;
                positions[static_cast<std::size_t>(r)] = hi > lo ? (v - lo) / (hi - lo) : 0.5;
            }
            if (std::isfinite(lo))
                sortedCategories_[a] =
                    hi > lo ? QStringList{numberText(lo), numberText(hi)} : QStringList{numberText(lo)};
        }
    }
    rebuild();
}

double ParallelCoordinatesPlot::position(int row, int axis) const
{
    if (axis < 0 || axis >= axisCount() || row < 0 || row >= rowCount()) return kNaN;
    return positions_[static_cast<std::size_t>(axis)][static_cast<std::size_t>(row)];
}

QStringList ParallelCoordinatesPlot::tickLabels(int axis) const
{
    if (axis < 0 || axis >= axisCount()) return {};
    return sortedCategories_[static_cast<std::size_t>(axis)];
}

void ParallelCoordinatesPlot::setHighlightedRows(const QSet<int>& rows)
{
    if (rows == highlighted_) return;
    highlighted_ = rows;
    restyle();
}

void ParallelCoordinatesPlot::rebuild()
{
    plot_->clearPlottables();
    plot_->clearItems();
    const int axes = axisCount();
    plot_->xAxis->setRange(-0.05, std::max(1, axes - 1) + 0.05);
    plot_->yAxis->setRange(-0.04, 1.04);
    const QPen axisPen(palette().color(QPalette::WindowText), 1.2);
    for (int a = 0; a < axes; ++a) {
        auto* line = new QCPItemLine(plot_);
        line->start->setCoords(a, 0);
        line->end->setCoords(a, 1);
        line->setPen(axisPen);
        line->setSelectable(false);
        // Titles above the axes, in two staggered rows so that neighbours' titles do not collide.
        auto* title = new QCPItemText(plot_);
        title->setText(axes_[static_cast<std::size_t>(a)].label);
        title->setClipToAxisRect(false);
        title->position->setTypeX(QCPItemPosition::ptPlotCoords);
        title->position->setTypeY(QCPItemPosition::ptAbsolute);
        title->position->setCoords(a, a % 2 == 0 ? 40 : 22);
        title->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        title->setFont(QFont(font().family(), font().pointSize(), QFont::Bold));
        title->setSelectable(false);
        const QStringList ticks = tickLabels(a);
        const bool categorical = axes_[static_cast<std::size_t>(a)].categorical;
        for (int t = 0; t < ticks.size(); ++t) {
            const double y = ticks.size() == 1 ? 0.5 : (categorical ? double(t) / double(ticks.size() - 1) : double(t));
            auto* tick = new QCPItemText(plot_);
            tick->setText(ticks[t]);
            tick->position->setCoords(a, y);
            tick->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            tick->setPadding(QMargins(4, 0, 0, 0));
            tick->setBrush(QColor(255, 255, 255, 200));
            tick->setClipToAxisRect(false);
            tick->setLayer(kLabelLayer);
            tick->setSelectable(false);
        }
    }
    for (int r = 0; r < rowCount(); ++r) {
        auto* curve = new QCPCurve(plot_->xAxis, plot_->yAxis);
        curve->setName(rowNames_[r]);
        QVector<double> keys, values;
        for (int a = 0; a < axes; ++a) {
            keys << a;
            values << position(r, a);
        }
        curve->setData(keys, values);
        curve->setSelectable(QCP::stWhole);
        curve->setProperty("row", r);
    }
    restyle();
}

void ParallelCoordinatesPlot::restyle()
{
    const int colourAxis = axisCount() - 1;
    for (int i = 0; i < plot_->plottableCount(); ++i) {
        auto* curve = qobject_cast<QCPCurve*>(plot_->plottable(i));
        if (!curve) continue;
        const int row = curve->property("row").toInt();
        const bool normal = highlighted_.isEmpty();
        const bool highlighted = highlighted_.contains(row);
        QColor color = rampColor(position(row, colourAxis));
        if (!normal && !highlighted) color = QColor(0xB0, 0xB0, 0xB0, 140);
        curve->setPen(QPen(color, highlighted ? 3.0 : 1.6));
        curve->setSelectionDecorator(nullptr);
        // Highlighted lines on their own layer above the others, so grey never covers them.
        curve->setLayer(highlighted ? kHighlightLayer : QStringLiteral("main"));
    }
    // Coalesced with other changes before the next paint, never drawn synchronously here.
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ParallelCoordinatesPlot::onPlottableClick(QCPAbstractPlottable* plottable, int, QMouseEvent* event)
{
    if (!plottable) return;
    const QVariant row = plottable->property("row");
    if (!row.isValid()) return;
    emit rowClicked(row.toInt(), event && (event->modifiers() & Qt::ControlModifier));
}

}  // namespace megatoken
