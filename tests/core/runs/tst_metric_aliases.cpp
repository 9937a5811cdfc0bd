// Run folders and sweeps written before the metric schema (eval.csv's rougeL_free / exact_free /
// rougeL_tf / exact_tf, sweep.csv's keep_ratio / steps) still open with every metric under its
// canonical name: in MetricsTable, the run summary, the long CSV, sweep.csv and a resumed run.
// The header lines below, and tests/data/runs/before-schema/ (metrics.csv, eval.csv, config.json,
// status.json of a 100-step tiny run), are copied from files the old code wrote.
#include "core/runs/LongCsv.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsLog.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunSummary.h"
#include "core/runs/SweepTable.h"

#include "support/TestFiles.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace megatoken;
using megatoken::test::writeFile;

Q_DECLARE_METATYPE(megatoken::MetricRecord)

namespace {

namespace fs = std::filesystem;

const fs::path kOldRun = fs::path(MEGATOKEN_TEST_DATA_DIR) / "runs" / "before-schema";
constexpr int kOldRunGates = 2;

// Header lines as the code before the schema wrote them.
const char* const kOldMetricsHeader =
    "step,epoch,loss,ce,compression,lambda,accuracy,soft_keep,hard_keep,lr,tokens_per_s,wall_s,R_1,R_2,kept_1,kept_2";
const char* const kOldEvalHeader = "step,texts,accuracy_hard,accuracy_soft,ce_hard,accuracy_free,bleu_free,rougeL_free,"
                                   "exact_free,bleu_tf,rougeL_tf,exact_tf,hard_keep,soft_keep,seconds,kept_1,kept_2";
const char* const kOldSweepHeader = "method,target_keep,run,steps,texts,keep_ratio,accuracy_hard,accuracy_soft,"
                                    "accuracy_free,bleu_free,rouge_l_free,exact_match_free,tokens_per_s_masked,"
                                    "tokens_per_s_hard";

std::vector<std::string> sorted(std::vector<std::string> names)
{
    std::sort(names.begin(), names.end());
    return names;
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

// The columns the current code writes but for those added since the old run was written: the
// compute and clock axes' (an old run has none; the dashboard says so).
std::vector<std::string> columnsOfOldRuns(MetricRecord record)
{
    std::vector<std::string> columns;
    for (const std::string& column : metricColumns(record, kOldRunGates))
        if (column != "tokens_seen" && column != "train_flops" && column != "time") columns.push_back(column);
    return columns;
}

class TestMetricAliases : public QObject {
    Q_OBJECT

private slots:
    // An old header, with one row, reads as the current columns of its file, each value under
    // its canonical name.
    void oldHeaderReadsAsCanonical_data()
    {
        QTest::addColumn<MetricRecord>("record");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("row");
        QTest::addColumn<QString>("column");  // a canonical column whose old name differed
        QTest::addColumn<double>("value");    // its value in row

        QTest::newRow("metrics.csv, soft_keep before hard_keep")
            << MetricRecord::Step << kOldMetricsHeader
            << "1,0,9.00842,9.00842,0.984712,0,0.00120192,0.984708,1,1e-05,2949.16,0.282119,0.992295,0.992353,1,1"
            << "soft_keep" << 0.984708;
        QTest::newRow("eval.csv: rougeL_free")
            << MetricRecord::Eval << kOldEvalHeader
            << "100,512,0.420406,0.420406,4.06604,0.373076,4.14895,0.315324,0.00585938,4.34252,0.364241,0.00585938,1,"
               "0.986407,5.50316,1,1"
            << "rouge_l_free" << 0.315324;
        QTest::newRow("eval.csv: exact_free")
            << MetricRecord::Eval << kOldEvalHeader
            << "100,512,0.420406,0.420406,4.06604,0.373076,4.14895,0.315324,0.00585938,4.34252,0.364241,0.00585938,1,"
               "0.986407,5.50316,1,1"
            << "exact_match_free" << 0.00585938;
        QTest::newRow("eval.csv: rougeL_tf")
            << MetricRecord::Eval << kOldEvalHeader
            << "100,512,0.420406,0.420406,4.06604,0.373076,4.14895,0.315324,0.00585938,4.34252,0.364241,0.00585938,1,"
               "0.986407,5.50316,1,1"
            << "rouge_l_tf" << 0.364241;
        QTest::newRow("eval.csv: exact_tf")
            << MetricRecord::Eval << kOldEvalHeader
            << "100,512,0.420406,0.420406,4.06604,0.373076,4.14895,0.315324,0.00585938,4.34252,0.364241,0.005,1,"
               "0.986407,5.50316,1,1"
            << "exact_match_tf" << 0.005;
        QTest::newRow("sweep.csv: keep_ratio")
            << MetricRecord::Sweep << kOldSweepHeader
            << "learned,0.5,learned-keep0.50,400,1000,0.633254,0.670419,0.881839,0.60005,34.7253,0.488214,0.002,"
               "3902.59047,4208.83125"
            << "hard_keep" << 0.633254;
        QTest::newRow("sweep.csv: steps")
            << MetricRecord::Sweep << kOldSweepHeader
            << "learned,0.5,learned-keep0.50,400,1000,0.633254,0.670419,0.881839,0.60005,34.7253,0.488214,0.002,"
               "3902.59047,4208.83125"
            << "step" << 400.0;
        QTest::newRow("sweep.csv: rouge_l_free, already canonical")
            << MetricRecord::Sweep << kOldSweepHeader
            << "learned,0.5,learned-keep0.50,400,1000,0.633254,0.670419,0.881839,0.60005,34.7253,0.488214,0.002,"
               "3902.59047,4208.83125"
            << "rouge_l_free" << 0.488214;
    }

    void oldHeaderReadsAsCanonical()
    {
        QFETCH(MetricRecord, record);
        QFETCH(QString, header);
        QFETCH(QString, row);
        QFETCH(QString, column);
        QFETCH(double, value);
        QTemporaryDir temp;
        const fs::path file = fs::path(temp.path().toStdString()) / metricRecordFile(record);
        writeFile(file, (header + "\n" + row + "\n").toStdString());
        const MetricDefinition* metric = findMetricColumn(column.toStdString())->metric;

        if (record == MetricRecord::Sweep) {
            const std::vector<SweepRow> rows = readSweepTable(file.string());
            QCOMPARE(rows.size(), std::size_t(1));
            QCOMPARE(metric->sweep.get(rows[0], 0), value);
            QCOMPARE(rows[0].method, std::string("learned"));
            QCOMPARE(rows[0].run, std::string("learned-keep0.50"));
            return;
        }
        const MetricsTable table = readMetricsTable(file.string());
        // Every column the current code writes, no other (the old order may differ).
        QCOMPARE(sorted(table.columns), sorted(columnsOfOldRuns(record)));
        QCOMPARE(table.values(column.toStdString()), std::vector<double>{value});
    }

    // The real 100-step run written by the old code: every column of both files has all its
    // values under its canonical name, the curves the dashboard and the long CSV read.
    void oldRunHasEveryCurve_data()
    {
        QTest::addColumn<MetricRecord>("record");
        QTest::addColumn<int>("rows");
        QTest::newRow("metrics.csv") << MetricRecord::Step << 100;
        QTest::newRow("eval.csv") << MetricRecord::Eval << 1;
    }

    void oldRunHasEveryCurve()
    {
        QFETCH(MetricRecord, record);
        QFETCH(int, rows);
        const MetricsTable table = readMetricsTable((kOldRun / metricRecordFile(record)).string());
        QCOMPARE(table.rows.size(), std::size_t(rows));
        for (const std::string& column : columnsOfOldRuns(record)) {
            const std::vector<double> values = table.values(column);
            QVERIFY2(values.size() == std::size_t(rows), column.c_str());
            QVERIFY2(std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }),
                     column.c_str());
        }
    }

    void oldRunSummary()
    {
        const RunSummary summary = summarizeRun(kOldRun.string());
        QVERIFY2(summary.error.empty(), summary.error.c_str());
        QCOMPARE(summary.steps, std::int64_t(100));
        QCOMPARE(summary.totalSteps, std::int64_t(100));
        QCOMPARE(summary.finalEval.accuracyHard, 0.420406);
        QCOMPARE(summary.finalEval.keepRatio, 1.0);
        QCOMPARE(summary.targetKeep, 0.5);
        QVERIFY(!summary.bestAtTarget.valid());  // it kept everything
        QCOMPARE(summary.status, std::string("completed"));
    }

    // The long CSV of an old run names its metrics as a new run's: validation/rouge_l_free, not
    // validation/rougeL_free.
    void oldRunLongCsvUsesCanonicalNames()
    {
        std::ostringstream out;
        writeLongCsv(out, {kOldRun.string()});
        std::set<std::string> metrics;
        std::istringstream lines(out.str());
        std::string line;
        std::getline(lines, line);
        while (std::getline(lines, line)) {
            std::istringstream cells(line);
            std::string run, step, metric;
            std::getline(cells, run, ',');
            std::getline(cells, step, ',');
            std::getline(cells, metric, ',');
            metrics.insert(metric);
        }
        std::set<std::string> expected;
        for (MetricRecord record : {MetricRecord::Step, MetricRecord::Eval})
            for (const std::string& column : columnsOfOldRuns(record))
                if (column != metric_name::kStep) expected.insert(std::string(metricRecordPrefix(record)) + column);
        QCOMPARE(metrics, expected);
        for (const MetricAlias& alias : metricAliases())
            QVERIFY2(out.str().find("/" + alias.oldName + ",") == std::string::npos, alias.oldName.c_str());
    }

    // Resuming an old run rewrites both files under the current header, each kept value in its
    // column, and appends in the new order.
    void resumingAnOldRunMovesEveryValue_data()
    {
        QTest::addColumn<MetricRecord>("record");
        QTest::addColumn<int>("lastStep");
        QTest::addColumn<int>("keptRows");
        QTest::newRow("metrics.csv, cut at 50") << MetricRecord::Step << 50 << 50;
        QTest::newRow("eval.csv, cut at 100") << MetricRecord::Eval << 100 << 1;
        QTest::newRow("eval.csv, cut at 99") << MetricRecord::Eval << 99 << 0;
    }

    void resumingAnOldRunMovesEveryValue()
    {
        QFETCH(MetricRecord, record);
        QFETCH(int, lastStep);
        QFETCH(int, keptRows);
        QTemporaryDir temp;
        const fs::path run = fs::path(temp.path().toStdString());
        for (const char* file : {"metrics.csv", "eval.csv"}) fs::copy_file(kOldRun / file, run / file);
        const MetricsTable before = readMetricsTable((kOldRun / metricRecordFile(record)).string());
        {
            MetricsLog log(run.string(), kOldRunGates);
            log.open(true, lastStep);
        }
        const std::string text = readText(run / metricRecordFile(record));
        std::string expectedHeader;
        for (const std::string& column : metricColumns(record, kOldRunGates))
            expectedHeader += (expectedHeader.empty() ? "" : ",") + column;
        QCOMPARE(text.substr(0, text.find('\n')), expectedHeader);
        const MetricsTable after = readMetricsTable((run / metricRecordFile(record)).string());
        QCOMPARE(after.rows.size(), std::size_t(keptRows));
        for (const std::string& column : after.columns) {
            const std::vector<double> old = before.values(column);
            const std::vector<double> now = after.values(column);
            if (old.empty()) {
                // A column the old run did not write (tokens_seen, train_flops, time): empty, NaN.
                QVERIFY2(std::all_of(now.begin(), now.end(), [](double v) { return std::isnan(v); }), column.c_str());
                continue;
            }
            QVERIFY2(std::equal(now.begin(), now.end(), old.begin()), column.c_str());
        }
        // The untouched source still has the old names: it is a copy.
        QVERIFY(readText(kOldRun / "eval.csv").find("rougeL_free") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestMetricAliases)
#include "tst_metric_aliases.moc"
