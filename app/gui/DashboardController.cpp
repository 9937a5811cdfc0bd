#include "app/gui/DashboardController.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <type_traits>

#include "core/config/RunConfigJson.h"
#include "core/runs/GroupCurve.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunCurves.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunGroups.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"

namespace megatoken {
namespace {

// Tableau 10: distinct, colour-blind-friendly enough, familiar from matplotlib and TensorBoard.
const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                           QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                           QColor(0x17, 0xbe, 0xcf)};
constexpr int kPaletteSize = sizeof kPalette / sizeof kPalette[0];

QString seriesId(const QString& run, const QString& metric)
{
    return run + QLatin1Char('|') + metric;
}

// The metric id of a series: the record's prefix and the column, "validation/rouge_l_free".
QString metricId(MetricRecord record, const std::string& column)
{
    return QString::fromUtf8(metricRecordPrefix(record).data(), static_cast<int>(metricRecordPrefix(record).size())) +
           QString::fromStdString(column);
}

QString plotIdOf(MetricPlotGroup group)
{
    return QString::fromLatin1(metricPlotGroupId(group).data(), static_cast<int>(metricPlotGroupId(group).size()));
}

template <typename Record>
constexpr MetricRecord recordOf()
{
    if constexpr (std::is_same_v<Record, StepMetrics>)
        return MetricRecord::Step;
    else
        return MetricRecord::Eval;
}

Qt::PenStyle penStyle(MetricLine line)
{
    switch (line) {
        case MetricLine::Solid: return Qt::SolidLine;
        case MetricLine::Dashed: return Qt::DashLine;
        case MetricLine::Dotted: return Qt::DotLine;
    }
    return Qt::SolidLine;
}

// A legend from the schema, in the interface's language; "%1" becomes the gate number.
QString legendText(const MetricDefinition& metric, const MetricSeries& series, int gate)
{
    const QString text = QCoreApplication::translate(kMetricTranslationContext, series.legend.c_str());
    return metric.perGate ? text.arg(gate + 1) : text;
}

}  // namespace

DashboardController::DashboardController(PlotDashboard* dashboard, QObject* parent)
    : QObject(parent), dashboard_(dashboard)
{
    connect(dashboard_, &PlotDashboard::xAxisChanged, this, &DashboardController::updateAxisNote);
}

QStringList DashboardController::plotIds()
{
    QStringList ids;
    for (MetricPlotGroup group : metricPlotGroups()) ids << plotIdOf(group);
    return ids;
}

void DashboardController::setUpPlots()
{
    if (plotsReady_) return;
    plotsReady_ = true;
    for (MetricPlotGroup id : metricPlotGroups()) {
        QString title, yLabel;
        switch (id) {
            case MetricPlotGroup::Accuracy: title = tr("Token accuracy"), yLabel = tr("accuracy"); break;
            case MetricPlotGroup::Gates: title = tr("Compression per gate"), yLabel = tr("ratio"); break;
            case MetricPlotGroup::Keep: title = tr("Overall keep ratio"), yLabel = tr("kept fraction"); break;
            case MetricPlotGroup::Loss: title = tr("Loss"), yLabel = tr("loss"); break;
            case MetricPlotGroup::Lambda: title = tr("Compression weight λ"), yLabel = tr("λ"); break;
            case MetricPlotGroup::Quality:
                title = tr("Free-running reconstruction"), yLabel = tr("score (0–100)");
                break;
            case MetricPlotGroup::LearningRate: title = tr("Learning rate"), yLabel = tr("lr"); break;
            case MetricPlotGroup::Throughput: title = tr("Throughput"), yLabel = tr("non-pad tokens/s"); break;
        }
        MetricPlot* plot = dashboard_->addPlot(plotIdOf(id), title, yLabel);
        // Fractions read best on their whole range.
        if (metricPlotGroupScale(id) == MetricScale::Fraction) plot->setYRange(0, 1);
    }
}

QVector<DashboardController::SeriesSpec> DashboardController::seriesFor(int gateCount)
{
    // Within a plot: the training curves, then the validation ones; a per-gate family gate by
    // gate (R_1, kept_1, R_2, kept_2); otherwise in schema order.
    struct Entry {
        int plot, record, gate, index;  // gate: -1 for metrics that are not per gate
        SeriesSpec spec;
    };
    std::vector<Entry> entries;
    const auto& schema = metricSchema();
    const auto add = [&](const MetricDefinition& metric, int index, MetricRecord record,
                         const std::optional<MetricSeries>& series) {
        if (!series) return;
        const int plot =
            static_cast<int>(std::find(metricPlotGroups().begin(), metricPlotGroups().end(), series->group) -
                             metricPlotGroups().begin());
        const int gates = metric.perGate ? gateCount : 1;
        for (int gate = 0; gate < gates; ++gate)
            entries.push_back(
                {plot,
                 static_cast<int>(record),
                 metric.perGate ? gate : -1,
                 index,
                 {plotIdOf(series->group), metricId(record, metric.column(gate)), legendText(metric, *series, gate),
                  penStyle(series->line), metricPlotFactor(metric, series->group), metric.perGate ? gate : -1}});
    };
    for (std::size_t i = 0; i < schema.size(); ++i) {
        add(schema[i], static_cast<int>(i), MetricRecord::Step, schema[i].step.series);
        add(schema[i], static_cast<int>(i), MetricRecord::Eval, schema[i].eval.series);
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.plot, a.record, a.gate, a.index) < std::tie(b.plot, b.record, b.gate, b.index);
    });
    QVector<SeriesSpec> specs;
    for (const Entry& entry : entries) specs.push_back(entry.spec);
    return specs;
}

void DashboardController::clearRuns(bool overlay)
{
    dashboard_->clearData();
    dashboard_->setSeriesKey({});
    dashboard_->setAxisNote(QString());
    runNames_.clear();
    liveRun_.clear();
    liveGates_ = 0;
    lastX_ = MetricPlot::XValues{};
    overlay_ = overlay;
}

QColor DashboardController::colorFor(const QString& runName, int seriesIndex, int seriesCount) const
{
    if (overlay_) return kPalette[runNames_.indexOf(runName) % kPaletteSize];
    Q_UNUSED(seriesCount);
    return kPalette[seriesIndex % kPaletteSize];
}

void DashboardController::addRunSeries(const QString& runName, int gateCount)
{
    setUpPlots();
    if (!runNames_.contains(runName)) runNames_.push_back(runName);
    const auto specs = seriesFor(gateCount);
    // Colours restart in every plot, so a plot's series are told apart at a glance.
    QHash<QString, int> indexInPlot;
    for (const auto& spec : specs) {
        factors_.insert(spec.metric, spec.factor);
        MetricPlot* plot = dashboard_->plot(spec.plot);
        if (!plot) continue;
        const int index = indexInPlot[spec.plot]++;
        const QString label = overlay_ ? runName + QStringLiteral(": ") + spec.label : spec.label;
        // The curves of one gate (its soft ratio and hard-kept fraction) share a colour and are told
        // apart by their lines.
        const int colourIndex = spec.gate >= 0 ? spec.gate : index;
        const Qt::PenStyle style = overlay_ || spec.gate >= 0 ? spec.style : Qt::SolidLine;
        // Overlaid, a metric's curves of every run share one legend entry (grey, its line style)
        // and the runs' colours are named once, above the plots.
        plot->addSeries(seriesId(runName, spec.metric), label, colorFor(runName, colourIndex, specs.size()), style,
                        overlay_ ? spec.label : QString());
    }
    if (overlay_) {
        QList<QPair<QString, QColor>> key;
        for (const QString& name : std::as_const(runNames_)) key.append({name, colorFor(name, 0, 0)});
        dashboard_->setSeriesKey(key);
    }
}

// Non-finite values (a diverged step's NaN loss) go to the plot too: it breaks the line there and
// marks them, instead of drawing a straight line across the steps that went wrong.
void DashboardController::append(const QString& runName, const QString& metric, const MetricPlot::XValues& x,
                                 double value)
{
    const QString id = seriesId(runName, metric);
    for (const auto& plotId : dashboard_->plotIds()) {
        MetricPlot* plot = dashboard_->plot(plotId);
        if (plot && plot->hasSeries(id)) plot->appendPoint(id, x, value * factors_.value(metric, 1.0));
    }
}

template <typename Record>
void DashboardController::appendRecord(const Record& record, int gateCount, const MetricPlot::XValues& x)
{
    for (const MetricValue& value : metricValues(record, gateCount))
        if (fieldOf<Record>(*value.metric).series)
            append(liveRun_, metricId(recordOf<Record>(), value.column), x, value.value);
}

void DashboardController::beginLiveRun(const QString& runName, int gateCount)
{
    liveRun_ = runName;
    liveGates_ = gateCount;
    addRunSeries(runName, gateCount);
}

void DashboardController::addStep(const StepMetrics& m)
{
    if (liveRun_.isEmpty()) return;
    lastX_.step = static_cast<double>(m.step);
    lastX_.wall = m.wallSeconds;
    // A step of a run resumed from a checkpoint that predates the counts has NaN for them.
    lastX_.tokens = m.tokensSeen;
    lastX_.flops = m.trainFlops;
    lastX_.clock = m.unixTime > 0 ? m.unixTime : std::numeric_limits<double>::quiet_NaN();
    appendRecord(m, std::max(liveGates_, recordGateCount(m)), lastX_);
    updateAxisNote();
}

void DashboardController::addEvaluation(const EvalMetrics& m)
{
    if (liveRun_.isEmpty()) return;
    MetricPlot::XValues x = lastX_;  // evaluations happen at a step: that step's position
    x.step = static_cast<double>(m.step);
    appendRecord(m, std::max(liveGates_, recordGateCount(m)), x);
}

bool DashboardController::addRunFromDirectory(const QString& runDirectory, QString* error)
{
    const QString name = QFileInfo(runDirectory).fileName();
    const QDir dir(runDirectory);
    const auto fileOf = [&dir](MetricRecord record) {
        return dir.filePath(
            QString::fromLatin1(metricRecordFile(record).data(), static_cast<int>(metricRecordFile(record).size())));
    };
    // Column names are canonical here whatever the run's version wrote (readMetricsTable applies the
    // schema's aliases), so an old run's curves land in the same series as a new one's.
    MetricsTable train, validation;
    try {
        train = readMetricsTable(fileOf(MetricRecord::Step).toStdString());
        if (QFileInfo::exists(fileOf(MetricRecord::Eval)))
            validation = readMetricsTable(fileOf(MetricRecord::Eval).toStdString());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    const MetricDefinition& gateFamily = metricDefinition(metric_name::kGateRatio);
    int gates = 0;
    while (train.column(gateFamily.column(gates)) >= 0) ++gates;
    addRunSeries(name, gates);

    // Where each training row sits on every x axis; an evaluation takes the position of the first
    // training row at or after its step. Columns an older run did not write are NaN.
    const QVector<MetricPlot::XValues> trainX = xValuesOf(train);
    const auto load = [&](const MetricsTable& table, MetricRecord record, const QVector<MetricPlot::XValues>& x) {
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const QString metric = metricId(record, table.columns[c]);
            const QString id = seriesId(name, metric);
            const double scale = factors_.value(metric, 1.0);
            for (const auto& plotId : dashboard_->plotIds()) {
                MetricPlot* plot = dashboard_->plot(plotId);
                if (!plot || !plot->hasSeries(id)) continue;
                QVector<double> vs;
                vs.reserve(static_cast<qsizetype>(table.rows.size()));
                // NaN and inf included: MetricPlot marks them.
                for (std::size_t r = 0; r < table.rows.size(); ++r) vs.push_back(table.rows[r][c] * scale);
                plot->appendPoints(id, x, vs);
            }
        }
    };
    load(train, MetricRecord::Step, trainX);
    QVector<MetricPlot::XValues> evalX;
    for (double step : validation.values(metric_name::kStep)) evalX.push_back(xValueAt(trainX, step));
    load(validation, MetricRecord::Eval, evalX);
    updateAxisNote();
    return true;
}

QVector<MetricPlot::XValues> DashboardController::xValuesOf(const MetricsTable& train)
{
    const auto column = [&train](std::string_view name) {
        std::vector<double> values = train.values(name);
        values.resize(train.rows.size(), std::numeric_limits<double>::quiet_NaN());  // absent: NaN
        return values;
    };
    const auto steps = column(metric_name::kStep), walls = column(metric_name::kWallSeconds),
               tokens = column(metric_name::kTokensSeen), flops = column(metric_name::kTrainFlops),
               clock = column(metric_name::kUnixTime);
    QVector<MetricPlot::XValues> x(static_cast<qsizetype>(train.rows.size()));
    for (std::size_t r = 0; r < train.rows.size(); ++r)
        x[static_cast<qsizetype>(r)] = {steps[r], walls[r], tokens[r], flops[r], clock[r]};
    return x;
}

MetricPlot::XValues DashboardController::xValueAt(const QVector<MetricPlot::XValues>& trainX, double step)
{
    const auto it = std::lower_bound(trainX.cbegin(), trainX.cend(), step,
                                     [](const MetricPlot::XValues& x, double s) { return x.step < s; });
    MetricPlot::XValues x = it != trainX.cend() ? *it : (trainX.isEmpty() ? MetricPlot::XValues{} : trainX.back());
    if (trainX.isEmpty()) x.wall = 0;
    x.step = step;
    return x;
}

void DashboardController::updateAxisNote()
{
    const MetricPlot::XAxis axis = dashboard_->xAxis();
    QStringList missing;
    if (axis != MetricPlot::XAxis::Step && axis != MetricPlot::XAxis::WallTime) {
        MetricPlot* loss = dashboard_->plot(plotIdOf(MetricPlotGroup::Loss));
        const QString metric = metricId(MetricRecord::Step, std::string(metric_name::kLoss));
        for (const QString& run : std::as_const(runNames_)) {
            const QString id = seriesId(run, metric);
            if (loss && loss->hasSeries(id) && loss->pointCount(id) > 0 && !loss->hasXValues(id, axis)) missing << run;
        }
    }
    dashboard_->setAxisNote(
        missing.isEmpty()
            ? QString()
            : tr("Not on this axis: %1 (written before the workbench recorded it; the step and training-time axes "
                 "show it).")
                  .arg(missing.join(QStringLiteral(", "))));
}

void DashboardController::setGrouping(const QStringList& groupBy, BandKind band)
{
    groupBy_ = groupBy;
    band_ = band;
}

QStringList DashboardController::addRunsFromDirectories(const QStringList& requested, QStringList* problems)
{
    groupCount_ = 0;
    // A run named twice is drawn once (and never counted twice in a group's mean).
    QStringList runDirectories;
    QStringList seen;
    for (const QString& dir : requested) {
        const QString canonical = QFileInfo(dir).canonicalFilePath();
        const QString key = canonical.isEmpty() ? QDir::cleanPath(dir) : canonical;
        if (seen.contains(key)) continue;
        seen << key;
        runDirectories << dir;
    }
    QStringList shown;
    if (groupBy_.isEmpty() || runDirectories.size() < 2) {
        for (const QString& dir : runDirectories) {
            QString error;
            if (addRunFromDirectory(dir, &error)) {
                shown << dir;
                ++groupCount_;
            } else if (problems) {
                *problems << error;
            }
        }
        return shown;
    }
    // Read every run first: a group's curve needs all its members.
    struct Loaded {
        QString dir;
        std::unique_ptr<RunCurves> curves;
        std::optional<RunConfig> config;
    };
    std::vector<Loaded> runs;
    for (const QString& dir : runDirectories) {
        Loaded run{dir, nullptr, std::nullopt};
        try {
            run.curves = std::make_unique<RunCurves>(readRunCurves(dir.toStdString()));
        } catch (const std::exception& e) {
            if (problems) *problems << QString::fromStdString(e.what());
            continue;
        }
        try {
            run.config = loadConfigFile(QDir(dir).filePath(QStringLiteral("config.json")).toStdString());
        } catch (const std::exception&) {
            // Without its configuration a run cannot join a group: it draws alone.
        }
        runs.push_back(std::move(run));
    }
    std::vector<RunConfig> configs;
    std::vector<std::string> names;
    std::vector<std::size_t> grouped;  // indices into runs with a config
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (!runs[i].config) continue;
        grouped.push_back(i);
        configs.push_back(*runs[i].config);
        names.push_back(runs[i].curves->name);
    }
    std::vector<std::string> keys;
    for (const QString& key : groupBy_) keys.push_back(key.toStdString());
    std::vector<RunGroup> groups;
    try {
        groups = groupRuns(configs, names, keys);
    } catch (const std::invalid_argument& e) {
        if (problems) *problems << QString::fromStdString(e.what());
        for (std::size_t i = 0; i < grouped.size(); ++i) groups.push_back({{i}, names[i]});
    }
    // Groups in the order of their first member; ungrouped runs after them.
    for (const RunGroup& group : groups) {
        if (group.members.size() == 1) {
            const Loaded& run = runs[grouped[group.members.front()]];
            if (addRunFromDirectory(run.dir)) shown << run.dir;
        } else {
            std::vector<const RunCurves*> members;
            for (std::size_t member : group.members) {
                members.push_back(runs[grouped[member]].curves.get());
                shown << runs[grouped[member]].dir;
            }
            // One group has nothing that sets it apart: it is named by what it groups, not by its
            // first run ("seed1 (3 runs)" read as seed 1 alone).
            const QString label = groups.size() == 1 ? tr("grouped by %1").arg(groupBy_.join(QStringLiteral(", ")))
                                                     : QString::fromStdString(group.label);
            addGroup(tr("%1 (%n runs)", nullptr, static_cast<int>(members.size())).arg(label), members);
        }
        ++groupCount_;
    }
    for (const Loaded& run : runs) {
        if (run.config) continue;
        if (addRunFromDirectory(run.dir)) {
            shown << run.dir;
            ++groupCount_;
        }
    }
    return shown;
}

void DashboardController::addGroup(const QString& name, const std::vector<const RunCurves*>& members)
{
    int gates = 0;
    for (const RunCurves* member : members) gates = std::max(gates, member->gates);
    addRunSeries(name, gates);
    // Every metric any member has, each the group's mean with its band.
    QStringList metrics;
    for (const RunCurves* member : members)
        for (const auto& entry : member->byMetric) {
            const QString metric = QString::fromStdString(entry.first);
            if (!metrics.contains(metric)) metrics << metric;
        }
    // Each member's position on every x axis, step by step; the group sits at the members' mean
    // there (an axis a member did not record leaves the group off it at that step).
    std::vector<QVector<MetricPlot::XValues>> memberX;
    for (const RunCurves* member : members) {
        std::map<double, MetricPlot::XValues> byStep;
        const auto fill = [&](std::string_view column, double MetricPlot::XValues::*field) {
            const auto found = member->byMetric.find("train/" + std::string(column));
            if (found == member->byMetric.end()) return;
            for (const CurvePoint& p : found->second) {
                MetricPlot::XValues& x = byStep[p.step];
                x.step = p.step;
                x.*field = p.y;
            }
        };
        fill(metric_name::kWallSeconds, &MetricPlot::XValues::wall);
        fill(metric_name::kTokensSeen, &MetricPlot::XValues::tokens);
        fill(metric_name::kTrainFlops, &MetricPlot::XValues::flops);
        fill(metric_name::kUnixTime, &MetricPlot::XValues::clock);
        QVector<MetricPlot::XValues> xs;
        for (const auto& entry : byStep) xs.push_back(entry.second);
        memberX.push_back(xs);
    }
    const auto groupX = [&](double step) {
        MetricPlot::XValues mean;
        mean.step = step;
        double* fields[] = {&mean.wall, &mean.tokens, &mean.flops, &mean.clock};
        double sums[4] = {0, 0, 0, 0};
        for (const auto& xs : memberX) {
            const MetricPlot::XValues x = xValueAt(xs, step);
            const double values[] = {x.wall, x.tokens, x.flops, x.clock};
            for (int i = 0; i < 4; ++i) sums[i] += values[i];  // NaN spreads: off that axis
        }
        for (int i = 0; i < 4; ++i) *fields[i] = sums[i] / static_cast<double>(memberX.size());
        return mean;
    };
    for (const QString& metric : std::as_const(metrics)) {
        const QString id = seriesId(name, metric);
        std::vector<std::vector<CurvePoint>> points;
        for (const RunCurves* member : members) {
            const auto found = member->byMetric.find(metric.toStdString());
            if (found != member->byMetric.end()) points.push_back(found->second);
        }
        const double scale = factors_.value(metric, 1.0);
        // A band of a bounded metric stays inside its range: a 95% interval of three seeds'
        // accuracies can reach below 0, which no seed can.
        double low = -std::numeric_limits<double>::infinity(), high = std::numeric_limits<double>::infinity();
        if (const auto column = findMetricColumn(metric.section(QLatin1Char('/'), 1).toStdString())) {
            if (column->metric->scale == MetricScale::Fraction) low = 0, high = scale;
            if (column->metric->scale == MetricScale::Percent) low = 0, high = 100 * scale;
            if (column->metric->scale == MetricScale::Count) low = 0;
        }
        QVector<MetricPlot::XValues> xs;
        QVector<double> means, lows, highs;
        for (const GroupCurvePoint& p : groupCurve(points, band_)) {
            xs << groupX(p.step);
            means << p.mean * scale;
            lows << std::clamp(p.low * scale, low, high);
            highs << std::clamp(p.high * scale, low, high);
        }
        for (const auto& plotId : dashboard_->plotIds()) {
            MetricPlot* plot = dashboard_->plot(plotId);
            if (!plot || !plot->hasSeries(id)) continue;
            plot->appendPoints(id, xs, means);
            plot->setBand(id, lows, highs);
        }
    }
    updateAxisNote();
}

}  // namespace megatoken
