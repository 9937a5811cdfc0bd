// The metric schema (core/runs/MetricSchema): the table is consistent, the aliases point at
// canonical names, and docs/metrics.md is generated from it.
#include "core/runs/MetricSchema.h"

#include <QtTest>

#include <cmath>
#include <set>
#include <string>

using namespace megatoken;

namespace {

const QString kRepositoryRoot = QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/../..");

// Set MEGATOKEN_UPDATE_GENERATED=1 to rewrite docs/metrics.md from the code instead of checking it.
bool updateGeneratedFiles()
{
    return qEnvironmentVariableIntValue("MEGATOKEN_UPDATE_GENERATED") == 1;
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
