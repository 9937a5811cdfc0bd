#pragma once
// Decides what the dashboard shows: which plots exist (the authors' "training dynamics" view
// first: accuracy and the compression of every gate), which series each metric feeds, and the
// colours. Feeds live steps of the running training and loads finished runs from their metrics
// files, one colour per run when several are overlaid. The plots, the series, their legends and
// lines, and how a value is read from a step, an evaluation or a file column all come from the
// metric schema (core/runs/MetricSchema.h); a series id is "<run>|<prefix><column>", e.g.
// "e3|validation/rouge_l_free".

#include <QColor>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include "app/gui/MetricTypes.h"
#include "core/stats/SampleSummary.h"
#include "widgets/plot/MetricPlot.h"

namespace megatoken {

class PlotDashboard;
struct MetricsTable;
struct RunCurves;

class DashboardController : public QObject {
    Q_OBJECT
public:
    explicit DashboardController(PlotDashboard* dashboard, QObject* parent = nullptr);

    // Creates the standard plots (once).
    void setUpPlots();

    // Drops every series; the next run added gets the first colour again. overlay: several runs
    // will share the plots, so each run gets one colour (series told apart by line style);
    // otherwise each series of the single run gets its own colour.
    void clearRuns(bool overlay = false);
    QStringList runs() const { return runNames_; }

    // A live run: series for its gates are created here; later steps and evaluations append.
    void beginLiveRun(const QString& runName, int gateCount);
    void addStep(const StepMetrics& metrics);
    void addEvaluation(const EvalMetrics& metrics);

    // A finished (or interrupted) run from its directory. Returns false with a message naming the
    // file when its metrics cannot be read.
    bool addRunFromDirectory(const QString& runDirectory, QString* error = nullptr);

    // Run groups (core/runs/RunGroups.h). With groupBy non-empty, runs opened together by
    // addRunsFromDirectories() whose configs differ only in those keys (and in where and under
    // which name they ran) draw as one curve per group: at each step the members' mean, with a
    // band of the kind given (core/runs/GroupCurve.h), labelled with what sets the group apart and
    // its size ("gates.merge=left (3 runs)"). A group of one, and a run whose config.json cannot
    // be read, draw as a run. Empty groupBy: one curve per run. Applies from the next
    // addRunsFromDirectories().
    void setGrouping(const QStringList& groupBy, BandKind band);
    QStringList groupBy() const { return groupBy_; }
    BandKind band() const { return band_; }

    // Every run directory, grouped as above (a directory named twice counts once). Returns the
    // directories shown; problems gets a message naming the file for each that could not be read.
    // A band of a metric bounded to 0..1 or 0..100 (or a count) is clamped to that range. With a
    // single group, its label says what grouped it ("grouped by optim.seed (3 runs)").
    QStringList addRunsFromDirectories(const QStringList& runDirectories, QStringList* problems = nullptr);
    // The groups the last addRunsFromDirectories() drew (groups of one included).
    int groupCount() const { return groupCount_; }

    // Plot ids, in display order.
    static QStringList plotIds();

private:
    struct SeriesSpec {
        QString plot, metric, label;  // metric: "train/R_2", "validation/bleu_free"
        Qt::PenStyle style = Qt::SolidLine;
        double factor = 1;  // the values are drawn times this (metricPlotFactor)
        int gate = -1;      // 0-based for a per-gate family's series, else -1
    };
    // The series one run shows; gates: the run's gate count.
    static QVector<SeriesSpec> seriesFor(int gateCount);
    void addRunSeries(const QString& runName, int gateCount);
    QColor colorFor(const QString& runName, int seriesIndex, int seriesCount) const;
    void append(const QString& runName, const QString& metric, const MetricPlot::XValues& x, double value);
    template <typename Record>
    void appendRecord(const Record& record, int gateCount, const MetricPlot::XValues& x);
    // Every training row's position on each x axis (metrics.csv's step, wall_s, tokens_seen,
    // train_flops and time; NaN for a column an older run lacks), and an evaluation's at its step.
    static QVector<MetricPlot::XValues> xValuesOf(const MetricsTable& train);
    static MetricPlot::XValues xValueAt(const QVector<MetricPlot::XValues>& trainX, double step);
    // Names the runs the chosen x axis cannot show (older runs without tokens, FLOPs or clock time).
    void updateAxisNote();
    void addGroup(const QString& name, const std::vector<const RunCurves*>& members);

    PlotDashboard* dashboard_;
    QStringList runNames_;
    QString liveRun_;
    int liveGates_ = 0;
    MetricPlot::XValues lastX_;  // evaluations carry no position: they take the last step's
    bool plotsReady_ = false;
    bool overlay_ = false;
    QHash<QString, double> factors_;  // metric id -> SeriesSpec::factor, for every plotted metric
    QStringList groupBy_;
    BandKind band_ = BandKind::MinMax;
    int groupCount_ = 0;
};

}  // namespace megatoken
