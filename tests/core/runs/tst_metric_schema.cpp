// The metric schema (core/runs/MetricSchema): the table is consistent, every file a run or a
// sweep writes names a metric the same way (metrics.csv, eval.csv, sweep.csv, the long CSV),
// every entry round-trips through its file, and docs/metrics.md is generated from it.
#include "core/feedback/TrainingObserver.h"
#include "core/runs/LongCsv.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsLog.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/SweepTable.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace megatoken;

Q_DECLARE_METATYPE(megatoken::MetricRecord)

namespace {

namespace fs = std::filesystem;

const QString kRepositoryRoot = QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/../..");
constexpr int kGates = 2;

// Set MEGATOKEN_UPDATE_GENERATED=1 to rewrite docs/metrics.md from the code instead of checking it.
bool updateGeneratedFiles()
{
    return qEnvironmentVariableIntValue("MEGATOKEN_UPDATE_GENERATED") == 1;
}

std::string headerOf(const fs::path& file)
{
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::vector<std::string> split(const std::string& line)
{
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, ',')) cells.push_back(cell);
    return cells;
}

// A value for the index-th column that survives 6 significant digits exactly, different in
// every column; whole for counts.
double testValue(const MetricDefinition& metric, int index)
{
    if (metric.scale == MetricScale::Count) return 3.0 * (index + 1);
    return 0.125 * (index + 1);
}

// Records with every stored field set to its column's test value.
template <typename Record>
Record filledRecord(int gateCount)
{
    Record record;
    int index = 0;
    for (const MetricDefinition& metric : metricSchema()) {
        const MetricField<Record>& field = fieldOf<Record>(metric);
        if (!field.stored()) continue;
        for (int gate = 0; gate < (metric.perGate ? gateCount : 1); ++gate)
            field.set(record, gate, testValue(metric, index++));
    }
    return record;
}

struct WrittenFiles {
    fs::path run;         // metrics.csv, eval.csv
    fs::path sweep;       // sweep.csv
    std::string longCsv;  // of the run
};

// A run folder and a sweep table written by the code under test, from filledRecord()s.
WrittenFiles writeAll(const QTemporaryDir& temp)
{
    WrittenFiles files;
    files.run = fs::path(temp.path().toStdString()) / "run";
    fs::create_directories(files.run);
    {
        MetricsLog log(files.run.string(), kGates);
        log.open(false, 0);
        log.appendStep(filledRecord<StepMetrics>(kGates));
        log.appendEval(filledRecord<EvalMetrics>(kGates));
    }
    SweepRow row = filledRecord<SweepRow>(0);
    row.method = "learned";
    row.run = "learned-keep0.50";
    files.sweep = fs::path(temp.path().toStdString()) / "sweep.csv";
    writeSweepTable(files.sweep.string(), {row});
    std::ostringstream longCsv;
    writeLongCsv(longCsv, {files.run.string()});
    files.longCsv = longCsv.str();
    return files;
}

}  // namespace

class TestMetricSchema : public QObject {
    Q_OBJECT

private slots:
    void tableIsConsistent()
    {
        std::set<std::string> names;
        std::set<int> paretoOrders;
        for (const MetricDefinition& metric : metricSchema()) {
            const char* name = metric.name.c_str();
            QVERIFY2(names.insert(metric.name).second, name);  // one entry per name
            QVERIFY2(!metric.name.empty() && metric.name.find_first_of(",\" /") == std::string::npos, name);
            QVERIFY2(!metric.label.empty() && !metric.shortLabel.empty() && !metric.description.empty(), name);
            QVERIFY2(metric.in(MetricRecord::Step) || metric.in(MetricRecord::Eval) || metric.in(MetricRecord::Sweep),
                     name);
            // "%1" (the gate number) in the labels of per-gate families, nowhere else.
            QCOMPARE(metric.label.find("%1") != std::string::npos, metric.perGate);
            QCOMPARE(metric.shortLabel.find("%1") != std::string::npos, metric.perGate);
            QVERIFY2(!metric.perGate || !metric.sweep, name);  // sweep.csv has no per-gate columns
            QVERIFY2(!metric.sweep.series, name);              // the dashboard plots runs, not sweeps
            for (const auto* series : {&metric.step.series, &metric.eval.series})
                if (*series) QCOMPARE((*series)->legend.find("%1") != std::string::npos, metric.perGate);
            if (metric.paretoOrder > 0) {
                QVERIFY2(paretoOrders.insert(metric.paretoOrder).second, name);
                QVERIFY2(metric.sweep.stored(), name);
            }
            QCOMPARE(findMetric(metric.name), &metric);
            QCOMPARE(findMetricColumn(metric.column(1))->metric, &metric);
        }
        QVERIFY(findMetric("no_such_metric") == nullptr);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, metricDefinition("no_such_metric"));
        // Every constant of metric_name names an entry.
        for (std::string_view name : {metric_name::kStep, metric_name::kHardKeep, metric_name::kRougeLFree,
                                      metric_name::kExactMatchFree, metric_name::kGateRatio, metric_name::kGateKept,
                                      metric_name::kSpeedup, metric_name::kWallSeconds, metric_name::kTargetKeep})
            QVERIFY2(findMetric(name), std::string(name).c_str());
        QCOMPARE(paretoQualityMetrics().front()->name, std::string(metric_name::kBleuFree));
    }

    void aliasesPointAtCanonicalNames()
    {
        for (const MetricAlias& alias : metricAliases()) {
            QVERIFY2(findMetric(alias.name), alias.name.c_str());
            QVERIFY2(!findMetric(alias.oldName), alias.oldName.c_str());  // an old name is never current
            QCOMPARE(canonicalMetricName(alias.oldName), alias.name);
        }
        QCOMPARE(canonicalMetricName("rougeL_free"), std::string("rouge_l_free"));
        QCOMPARE(canonicalMetricName("R_2"), std::string("R_2"));  // not an alias: unchanged
        QCOMPARE(canonicalMetricName("my_column"), std::string("my_column"));
        const auto gate = findMetricColumn("kept_2");
        QVERIFY(gate);
        QCOMPARE(gate->metric->name, std::string("kept"));
        QCOMPARE(gate->gate, 1);
        QVERIFY(!findMetricColumn("kept_0"));
        QVERIFY(!findMetricColumn("kept"));    // a family's stem is not a column
        QVERIFY(!findMetricColumn("loss_1"));  // loss is not per gate
        QCOMPARE(findMetricColumn("exact_tf")->metric->name, std::string("exact_match_tf"));
    }

    // The same metric has the same column name in every file that holds it, every column of
    // every file is a schema name (never an old one), and the long CSV's metrics are the files'
    // columns behind the record's prefix.
    void namesAgreeAcrossFiles()
    {
        QTemporaryDir temp;
        const WrittenFiles files = writeAll(temp);
        const std::vector<std::string> step = split(headerOf(files.run / "metrics.csv"));
        const std::vector<std::string> eval = split(headerOf(files.run / "eval.csv"));
        const std::vector<std::string> sweep = split(headerOf(files.sweep));
        QCOMPARE(step, metricColumns(MetricRecord::Step, kGates));
        QCOMPARE(eval, metricColumns(MetricRecord::Eval, kGates));
        QCOMPARE(sweep, sweepColumns());

        std::map<const MetricDefinition*, std::set<std::string>> namesOf;  // metric -> its names in all files
        const auto collect = [&](const std::vector<std::string>& columns, const char* file) {
            for (const std::string& column : columns) {
                if (column == kSweepMethodColumn || column == kSweepRunColumn) continue;
                const auto found = findMetricColumn(column);
                QVERIFY2(found,
                         qPrintable(QStringLiteral("%1: %2 is not in the schema").arg(file).arg(column.c_str())));
                QCOMPARE(found->metric->column(found->gate), column);  // canonical, not an alias
                QCOMPARE(canonicalMetricName(column), column);
                if (!found->metric->perGate) namesOf[found->metric].insert(column);
            }
        };
        collect(step, "metrics.csv");
        collect(eval, "eval.csv");
        collect(sweep, "sweep.csv");
        for (const auto& [metric, names] : namesOf) QVERIFY2(names.size() == 1, metric->name.c_str());
        // The shared ones really are shared: the drift this schema ended.
        for (const char* shared :
             {"hard_keep", "accuracy_hard", "bleu_free", "rouge_l_free", "exact_match_free", "texts", "step"}) {
            QVERIFY2(std::count(eval.begin(), eval.end(), shared) == 1, shared);
            QVERIFY2(std::count(sweep.begin(), sweep.end(), shared) == 1, shared);
        }
        QVERIFY(std::count(step.begin(), step.end(), "hard_keep") == 1);

        // The long CSV: run,step,metric,value with metric = prefix + column.
        std::set<std::string> longMetrics;
        std::istringstream lines(files.longCsv);
        std::string line;
        std::getline(lines, line);
        QCOMPARE(line, std::string("run,step,metric,value"));
        while (std::getline(lines, line)) longMetrics.insert(split(line).at(2));
        std::set<std::string> expected;
        for (const std::string& column : step)
            if (column != "step") expected.insert(std::string(metricRecordPrefix(MetricRecord::Step)) + column);
        for (const std::string& column : eval)
            if (column != "step") expected.insert(std::string(metricRecordPrefix(MetricRecord::Eval)) + column);
        QCOMPARE(longMetrics, expected);
        QVERIFY(longMetrics.count("validation/rouge_l_free"));
        QVERIFY(longMetrics.count("train/kept_2"));
    }

    void everyEntryRoundTrips_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<MetricRecord>("record");
        QTest::addColumn<int>("gate");
        for (const MetricDefinition& metric : metricSchema()) {
            for (MetricRecord record : {MetricRecord::Step, MetricRecord::Eval, MetricRecord::Sweep}) {
                if (!metric.storedIn(record)) continue;
                for (int gate = 0; gate < (metric.perGate ? kGates : 1); ++gate)
                    QTest::addRow("%s: %s", metricRecordFile(record).data(), metric.column(gate).c_str())
                        << QString::fromStdString(metric.name) << record << gate;
            }
        }
    }

    // Written from a record through MetricsLog / writeSweepTable, read back through
    // readMetricsTable / readSweepTable and the schema's setters: the same number.
    void everyEntryRoundTrips()
    {
        QFETCH(QString, metric);
        QFETCH(MetricRecord, record);
        QFETCH(int, gate);
        const MetricDefinition& definition = metricDefinition(metric.toStdString());
        const std::string column = definition.column(gate);
        QTemporaryDir temp;
        const WrittenFiles files = writeAll(temp);

        double written = 0, read = 0, readIntoRecord = 0;
        if (record == MetricRecord::Sweep) {
            written = definition.sweep.get(filledRecord<SweepRow>(0), gate);
            const std::vector<SweepRow> rows = readSweepTable(files.sweep.string());
            QCOMPARE(rows.size(), std::size_t(1));
            read = readIntoRecord = definition.sweep.get(rows[0], gate);
        } else {
            const MetricsTable table = readMetricsTable((files.run / metricRecordFile(record)).string());
            QCOMPARE(table.rows.size(), std::size_t(1));
            QVERIFY2(table.column(column) >= 0, column.c_str());
            read = table.values(column).at(0);
            // Back into a record, column by column, as a reader of the files would.
            StepMetrics step;
            EvalMetrics eval;
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                const auto found = findMetricColumn(table.columns[c]);
                QVERIFY(found);
                if (record == MetricRecord::Step)
                    found->metric->step.set(step, found->gate, table.rows[0][c]);
                else
                    found->metric->eval.set(eval, found->gate, table.rows[0][c]);
            }
            if (record == MetricRecord::Step) {
                written = definition.step.get(filledRecord<StepMetrics>(kGates), gate);
                readIntoRecord = definition.step.get(step, gate);
            } else {
                written = definition.eval.get(filledRecord<EvalMetrics>(kGates), gate);
                readIntoRecord = definition.eval.get(eval, gate);
            }
        }
        QVERIFY2(std::isfinite(written), column.c_str());
        QCOMPARE(read, written);
        QCOMPARE(readIntoRecord, written);
    }

    void countsAreWrittenWhole()
    {
        const MetricDefinition& step = metricDefinition(metric_name::kStep);
        QCOMPARE(step.cell(1234567, 6), std::string("1234567"));  // %g would write 1.23457e+06
        QCOMPARE(metricDefinition(metric_name::kLearningRate).cell(1e-5, 6), std::string("1e-05"));
        QCOMPARE(metricDefinition(metric_name::kHardKeep).cell(std::nan(""), 6), std::string("nan"));
        QCOMPARE(metricDefinition(metric_name::kBleuFree).display(34.7253), std::string("34.7"));
        QCOMPARE(metricDefinition(metric_name::kGateKept).labelFor(1), std::string("kept fraction after gate 2"));
    }

    void fractionsShareAPercentPlotTimesHundred()
    {
        QCOMPARE(metricPlotFactor(metricDefinition(metric_name::kRougeLFree), MetricPlotGroup::Quality), 100.0);
        QCOMPARE(metricPlotFactor(metricDefinition(metric_name::kExactMatchFree), MetricPlotGroup::Quality), 100.0);
        QCOMPARE(metricPlotFactor(metricDefinition(metric_name::kBleuFree), MetricPlotGroup::Quality), 1.0);
        QCOMPARE(metricPlotFactor(metricDefinition(metric_name::kAccuracyHard), MetricPlotGroup::Accuracy), 1.0);
        // Every plot group has a series, and every series' plot is a group.
        std::set<MetricPlotGroup> used;
        for (const MetricDefinition& metric : metricSchema())
            for (const auto* series : {&metric.step.series, &metric.eval.series})
                if (*series) used.insert((*series)->group);
        QCOMPARE(used.size(), metricPlotGroups().size());
    }

    void markdownDocMatchesTheCode()
    {
        const QString path = kRepositoryRoot + "/docs/metrics.md";
        const std::string markdown = metricSchemaMarkdown();
        if (updateGeneratedFiles()) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(QByteArray::fromStdString(markdown));
        }
        QFile in(path);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path));
        QVERIFY2(in.readAll().toStdString() == markdown,
                 qPrintable(path + " differs from metricSchemaMarkdown(): run with MEGATOKEN_UPDATE_GENERATED=1"));
        for (const MetricDefinition& metric : metricSchema())
            QVERIFY2(markdown.find("| `" + metric.name) != std::string::npos, metric.name.c_str());
        for (const MetricAlias& alias : metricAliases())
            QVERIFY2(markdown.find("| `" + alias.oldName + "` | `" + alias.name + "` |") != std::string::npos,
                     alias.oldName.c_str());
    }
};

QTEST_APPLESS_MAIN(TestMetricSchema)
#include "tst_metric_schema.moc"
