// Run directories as the history reads them: metrics tables, status.json, run summaries, the
// run list and the long CSV export.
#include "core/config/Presets.h"
#include "core/runs/LongCsv.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunStatus.h"
#include "core/runs/RunSummary.h"

#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

#include <QtTest>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace megatoken;
using megatoken::test::messageOf;
using megatoken::test::writeFile;

namespace {

namespace fs = std::filesystem;

// A run directory with a config of totalSteps steps, dated hoursAgo in the past.
fs::path makeRun(const fs::path& runsDir, const std::string& name, std::int64_t totalSteps, int hoursAgo = 0)
{
    const fs::path run = runsDir / name;
    writeFile(run / "config.json",
              "{\n  \"preset\": \"small\",\n  \"optim\": {\"steps\": " + std::to_string(totalSteps) + "}\n}\n");
    fs::last_write_time(run / "config.json", fs::file_time_type::clock::now() - std::chrono::hours(hoursAgo));
    return run;
}

const char* const kMetricsHeader = "step,loss,hard_keep\n";
const char* const kEvalHeader = "step,accuracy_hard,hard_keep\n";

}  // namespace

class TestRunSummary : public QObject {
    Q_OBJECT

private slots:
    void readsNumbersAndNaN()
    {
        QTemporaryDir temp;
        const fs::path file = fs::path(temp.path().toStdString()) / "metrics.csv";
        writeFile(file, "step,loss,lr\r\n1,2.5,nan\r\n2,,1e-3\r\n\r\n3,-nan,+inf\r\n");
        const MetricsTable table = readMetricsTable(file.string());
        QCOMPARE(table.columns, (std::vector<std::string>{"step", "loss", "lr"}));
        QCOMPARE(table.rows.size(), std::size_t(3));
        QCOMPARE(table.column("lr"), 2);
        QCOMPARE(table.column("missing"), -1);
        QVERIFY(table.values("missing").empty());
        QCOMPARE(table.values("step"), (std::vector<double>{1, 2, 3}));
        QVERIFY(std::isnan(table.rows[0][2]));
        QVERIFY(std::isnan(table.rows[1][1]));
        QVERIFY(std::isnan(table.rows[2][1]));
        QCOMPARE(table.rows[1][2], 1e-3);
        QVERIFY(std::isinf(table.rows[2][2]));
    }

    void tableErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expectedError");  // after "<file>", empty for none
        QTest::addColumn<int>("rows");

        QTest::newRow("short middle row") << "step,loss\n1,2\n2\n3,4\n"
                                          << ":3: expected 2 cells, got 1" << 0;
        QTest::newRow("long middle row") << "step,loss\n1,2,3\n2,4\n"
                                         << ":2: expected 2 cells, got 3" << 0;
        QTest::newRow("not a number") << "step,loss\n1,abc\n2,4\n"
                                      << ":2: column 'loss': not a number: 'abc'" << 0;
        QTest::newRow("terminated bad last row") << "step,loss\n1,2\n2\n"
                                                 << ":3: expected 2 cells, got 1" << 0;
        QTest::newRow("truncated last row") << "step,loss\n1,2\n2"
                                            << "" << 1;
        QTest::newRow("truncated in a number") << "step,loss\n1,2\n2,1e"
                                               << "" << 1;
        QTest::newRow("last row without newline") << "step,loss\n1,2\n2,3"
                                                  << "" << 2;
        QTest::newRow("header only") << "step,loss\n"
                                     << "" << 0;
        QTest::newRow("empty file") << ""
                                    << "" << 0;
    }

    void tableErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expectedError);
        QFETCH(int, rows);
        QTemporaryDir temp;
        const std::string file = temp.filePath("metrics.csv").toStdString();
        writeFile(file, text.toStdString());
        MetricsTable table;
        const QString error = messageOf<RunFileError>([&] { table = readMetricsTable(file); });
        QCOMPARE(error, expectedError.isEmpty() ? QString() : QString::fromStdString(file) + expectedError);
        if (expectedError.isEmpty()) QCOMPARE(int(table.rows.size()), rows);
    }

    void missingTableNamesFile()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("nowhere/metrics.csv").toStdString();
        const QString error = messageOf<RunFileError>([&] { readMetricsTable(file); });
        QVERIFY2(error.startsWith(QString::fromStdString(file) + ": cannot open"), qPrintable(error));
    }

    void statusRoundTrip()
    {
        QTemporaryDir temp;
        const std::string run = temp.path().toStdString();
        QVERIFY(!readRunStatus(run).has_value());

        RunStatus status;
        status.state = "running";
        status.step = 1200;
        status.totalSteps = 2000;
        status.message = "lambda \"controller\" settling";
        writeRunStatus(run, status);
        // No temporary (status.json.tmp-<pid>-<n>) left beside it.
        QVERIFY(
            QDir(QFileInfo(QString::fromStdString(runStatusPath(run))).absolutePath()).entryList({"*.tmp*"}).isEmpty());

        const std::optional<RunStatus> read = readRunStatus(run);
        QVERIFY(read.has_value());
        QCOMPARE(read->state, status.state);
        QCOMPARE(read->step, status.step);
        QCOMPARE(read->totalSteps, status.totalSteps);
        QCOMPARE(read->message, status.message);
        // Filled in with the time of writing.
        QVERIFY(QDateTime::fromString(QString::fromStdString(read->updated), Qt::ISODate).isValid());
        QVERIFY(QString::fromStdString(read->updated).endsWith('Z'));

        status.updated = "2026-11-23T02:40:00Z";
        status.state = "completed";
        writeRunStatus(run, status);
        QCOMPARE(readRunStatus(run)->updated, status.updated);
        QCOMPARE(readRunStatus(run)->state, std::string("completed"));
    }

    void badStatusNamesFile()
    {
        QTemporaryDir temp;
        const std::string run = temp.path().toStdString();
        writeFile(fs::path(run) / "status.json", "{\"state\": 3}");
        const QString error = messageOf<RunFileError>([&] { readRunStatus(run); });
        QVERIFY2(error.startsWith(QString::fromStdString(runStatusPath(run)) + ": field \"state\""), qPrintable(error));

        writeFile(fs::path(run) / "status.json", "{\"state\": ");
        QVERIFY(messageOf<RunFileError>([&] { readRunStatus(run); }).contains("not valid JSON"));

        // A number beyond a double: nlohmann throws out_of_range, not parse_error (found by
        // fuzz_run_files); still a RunFileError naming the file.
        writeFile(fs::path(run) / "status.json", "{\"step\": 6E666666600}");
        const QString overflow = messageOf<RunFileError>([&] { readRunStatus(run); });
        QVERIFY2(overflow.startsWith(QString::fromStdString(runStatusPath(run)) + ": not valid JSON"),
                 qPrintable(overflow));

        // A double beyond int64 where a step count belongs: cast to int64 it was undefined
        // behaviour (found by fuzz_run_files under UBSan); now the field is named.
        writeFile(fs::path(run) / "status.json", "{\"state\": \"running\", \"step\": 1.11111e+122}");
        const QString huge = messageOf<RunFileError>([&] { readRunStatus(run); });
        QCOMPARE(huge,
                 QString::fromStdString(runStatusPath(run)) + ": field \"step\" is not a whole number (1.11111e+122)");
        writeFile(fs::path(run) / "status.json", "{\"state\": \"running\", \"step\": 40.0, \"total_steps\": 100}");
        QCOMPARE(readRunStatus(run)->step, std::int64_t{40});
    }

    void summaries_data()
    {
        QTest::addColumn<QString>("metrics");  // empty: no metrics.csv
        QTest::addColumn<QString>("eval");     // empty: no eval.csv
        QTest::addColumn<QString>("status");   // empty: no status.json
        QTest::addColumn<qlonglong>("steps");
        QTest::addColumn<double>("finalAccuracy");  // the last evaluation's; -1: NaN
        QTest::addColumn<double>("keep");           // the same evaluation's keep ratio; -1: NaN
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("error");  // after the run directory; empty for none

        const QString metrics = QString(kMetricsHeader) + "1,9,1\n2,8,0.9\n3,7,0.8\n";
        const QString eval = QString(kEvalHeader) + "1,0.5,0.95\n2,0.75,0.85\n3,0.625,0.7\n";
        QTest::newRow("completed by steps") << metrics << eval << "" << 3LL << 0.625 << 0.7 << "completed"
                                            << "";
        // No evaluation: no accuracy, and no keep ratio either (a training batch's keep is not the
        // same measurement).
        QTest::newRow("no eval") << metrics << ""
                                 << "" << 3LL << -1.0 << -1.0 << "completed"
                                 << "";
        QTest::newRow("incomplete") << QString(kMetricsHeader) + "1,9,1\n2,8,0.9\n"
                                    << ""
                                    << "" << 2LL << -1.0 << -1.0 << "incomplete"
                                    << "";
        QTest::newRow("fresh run") << ""
                                   << ""
                                   << "" << 0LL << -1.0 << -1.0 << "incomplete"
                                   << "";
        QTest::newRow("status.json wins")
            << metrics << eval << R"({"state": "diverged", "step": 3})" << 3LL << 0.625 << 0.7 << "diverged"
            << "";
        QTest::newRow("running") << QString(kMetricsHeader) + "1,9,1\n"
                                 << ""
                                 << R"({"state": "running"})" << 1LL << -1.0 << -1.0 << "running"
                                 << "";
        QTest::newRow("truncated last line") << QString(kMetricsHeader) + "1,9,1\n2,8,0.9\n3,7"
                                             << ""
                                             << "" << 2LL << -1.0 << -1.0 << "incomplete"
                                             << "";
        QTest::newRow("NaN accuracy at the end") << metrics << QString(kEvalHeader) + "1,0.25,0.8\n2,nan,0.9\n"
                                                 << "" << 3LL << -1.0 << 0.9 << "completed"
                                                 << "";
        QTest::newRow("malformed middle row") << QString(kMetricsHeader) + "1,9,1\n2,8\n3,7,0.8\n"
                                              << eval << "" << 0LL << 0.625 << 0.7 << "incomplete"
                                              << "/metrics.csv:3: expected 3 cells, got 2";
        QTest::newRow("unreadable status") << metrics << ""
                                           << "[1, 2]" << 3LL << -1.0 << -1.0 << "completed"
                                           << "/status.json: expected a JSON object, got array";
    }

    void summaries()
    {
        QFETCH(QString, metrics);
        QFETCH(QString, eval);
        QFETCH(QString, status);
        QFETCH(qlonglong, steps);
        QFETCH(double, finalAccuracy);
        QFETCH(double, keep);
        QFETCH(QString, state);
        QFETCH(QString, error);

        QTemporaryDir temp;
        const fs::path run = makeRun(temp.path().toStdString(), "e3", 3);
        if (!metrics.isEmpty()) writeFile(run / "metrics.csv", metrics.toStdString());
        if (!eval.isEmpty()) writeFile(run / "eval.csv", eval.toStdString());
        if (!status.isEmpty()) writeFile(run / "status.json", status.toStdString());

        const RunSummary summary = summarizeRun(run.string());
        QCOMPARE(summary.directory, run.string());
        QCOMPARE(summary.name, std::string("e3"));
        QCOMPARE(summary.preset, std::string("small"));
        QCOMPARE(summary.totalSteps, std::int64_t(3));
        QCOMPARE(summary.targetKeep, 0.5);  // the small preset's
        QCOMPARE(summary.steps, std::int64_t(steps));
        if (finalAccuracy < 0)
            QVERIFY(std::isnan(summary.finalEval.accuracyHard));
        else
            QCOMPARE(summary.finalEval.accuracyHard, finalAccuracy);
        if (keep < 0)
            QVERIFY(std::isnan(summary.finalEval.keepRatio));
        else
            QCOMPARE(summary.finalEval.keepRatio, keep);
        QCOMPARE(summary.finalEval.valid(), !eval.isEmpty());
        // None of these evaluations kept 0.55 or less.
        QVERIFY(!summary.bestAtTarget.valid());
        QCOMPARE(QString::fromStdString(summary.status), state);
        QCOMPARE(QString::fromStdString(summary.error),
                 error.isEmpty() ? QString() : QString::fromStdString(run.string()) + error);
        const QDateTime created = QDateTime::fromString(QString::fromStdString(summary.created), Qt::ISODate);
        QVERIFY2(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 60, summary.created.c_str());
    }

    // Best at target: the highest hard accuracy among the evaluations with keep <= target + 0.05,
    // the earliest of equal ones, never an accuracy from one evaluation beside another's keep.
    void bestAtTarget_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<qlonglong>("step");  // -1: none
        QTest::addColumn<double>("accuracy");
        QTest::addColumn<double>("keep");
        // The small preset's target 0.5: rows 2-5 qualify (0.55 on the limit); 3 and 4 tie at 0.72.
        QTest::newRow("preset target") << R"({"preset": "small"})" << 3LL << 0.72 << 0.54;
        QTest::newRow("config target 0.45")
            << R"({"preset": "small", "loss": {"target_keep": 0.45}})" << 4LL << 0.72 << 0.5;
        QTest::newRow("config target 0.3")
            << R"({"preset": "small", "loss": {"target_keep": 0.3}})" << -1LL << 0.0 << 0.0;
    }
    void bestAtTarget()
    {
        QFETCH(QString, config);
        QFETCH(qlonglong, step);
        QFETCH(double, accuracy);
        QFETCH(double, keep);
        QTemporaryDir temp;
        const fs::path run = fs::path(temp.path().toStdString()) / "r";
        writeFile(run / "config.json", config.toStdString());
        writeFile(run / "eval.csv",
                  std::string(kEvalHeader) + "1,0.9,0.8\n2,0.7,0.55\n3,0.72,0.54\n4,0.72,0.5\n5,0.6,0.45\n6,nan,0.4\n");
        const RunSummary summary = summarizeRun(run.string());
        QCOMPARE(summary.finalEval.step, std::int64_t{6});
        QCOMPARE(summary.bestAtTarget.step, std::int64_t(step));
        if (step < 0) return;
        QCOMPARE(summary.bestAtTarget.accuracyHard, accuracy);
        QCOMPARE(summary.bestAtTarget.keepRatio, keep);
    }

    void summaryWithoutStepsTakesThemFromPreset()
    {
        QTemporaryDir temp;
        const fs::path run = fs::path(temp.path().toStdString()) / "old";
        writeFile(run / "config.json", "// hand-written\n{\"preset\": \"tiny\"}\n");
        const RunSummary summary = summarizeRun(run.string() + "/");
        QCOMPARE(summary.name, std::string("old"));
        QCOMPARE(summary.preset, std::string("tiny"));
        QCOMPARE(summary.totalSteps, preset("tiny").optim.steps);
        QVERIFY(summary.error.empty());

        // A step budget that is no whole number in int64 (UB to cast before) counts as missing.
        writeFile(run / "config.json", "{\"preset\": \"tiny\", \"optim\": {\"steps\": 1e122}}\n");
        QCOMPARE(summarizeRun(run.string() + "/").totalSteps, preset("tiny").optim.steps);
    }

    // `--resume --steps 24` on a run configured for 60 leaves config.json at 60: the budget the
    // run last trained to is status.json's, so the table reads 24 / 24, not 24 / 60.
    void statusTotalStepsWinOverTheConfig()
    {
        QTemporaryDir temp;
        const fs::path run = makeRun(temp.path().toStdString(), "resumed", 60);
        writeFile(run / "metrics.csv", std::string(kMetricsHeader) + "23,9,1\n24,8,0.9\n");
        writeFile(run / "status.json", R"({"state": "completed", "step": 24, "total_steps": 24})");
        const RunSummary summary = summarizeRun(run.string());
        QCOMPARE(summary.totalSteps, std::int64_t{24});
        QCOMPARE(summary.steps, std::int64_t{24});
        // Without a budget in status.json (files from before it was written) the config's stands.
        writeFile(run / "status.json", R"({"state": "stopped", "step": 24})");
        QCOMPARE(summarizeRun(run.string()).totalSteps, std::int64_t{60});
    }

    void listsNewestFirst()
    {
        QTemporaryDir temp;
        const fs::path runs = temp.path().toStdString();
        makeRun(runs, "oldest", 10, 48);
        makeRun(runs, "newest", 10, 0);
        makeRun(runs, "middle", 10, 24);
        fs::create_directories(runs / "not-a-run");
        writeFile(runs / "notes.txt", "not a run either");

        std::vector<std::string> names;
        for (const RunSummary& summary : listRuns(runs.string())) names.push_back(summary.name);
        QCOMPARE(names, (std::vector<std::string>{"newest", "middle", "oldest"}));
    }

    void missingRunsDirectoryIsEmpty()
    {
        QTemporaryDir temp;
        QVERIFY(listRuns(temp.filePath("no-such-folder").toStdString()).empty());
    }

    void longCsv()
    {
        QTemporaryDir temp;
        const fs::path runs = temp.path().toStdString();
        const fs::path first = makeRun(runs, "a", 2);
        writeFile(first / "metrics.csv", "step,loss,hard_keep\n1,2.5,1\n2,0.123456789012,nan\n");
        writeFile(first / "eval.csv", "step,accuracy_hard\n2,0.75\n");
        const fs::path second = makeRun(runs, "b,2", 2);
        writeFile(second / "metrics.csv", "step,loss\n1,3\n2,1e-07\n1000000001,123456789.5");

        std::ostringstream out;
        writeLongCsv(out, {first.string(), second.string()});
        QCOMPARE(QString::fromStdString(out.str()),
                 QStringLiteral("run,step,metric,value\n"
                                "a,1,train/loss,2.5\n"
                                "a,1,train/hard_keep,1\n"
                                "a,2,train/loss,0.123456789012\n"  // every digit the file had
                                "a,2,train/hard_keep,NaN\n"
                                "a,2,validation/accuracy_hard,0.75\n"
                                "\"b,2\",1,train/loss,3\n"
                                "\"b,2\",2,train/loss,1e-07\n"
                                // integers keep every digit: not 1e+09
                                "\"b,2\",1000000001,train/loss,123456789.5\n"));

        const QString file = temp.filePath("export.csv");
        writeLongCsvFile(file.toStdString(), {first.string(), second.string()});
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(written.readAll()), QString::fromStdString(out.str()));
        QVERIFY(QDir(QFileInfo(file).absolutePath()).entryList({"*.tmp*"}).isEmpty());
    }

    void longCsvErrorsNameFile()
    {
        QTemporaryDir temp;
        const fs::path run = makeRun(temp.path().toStdString(), "bad", 2);
        writeFile(run / "metrics.csv", "step,loss\n1\n2,3\n");
        const QString target = temp.filePath("export.csv");
        const QString error = messageOf<RunFileError>([&] { writeLongCsvFile(target.toStdString(), {run.string()}); });
        QCOMPARE(error, QString::fromStdString((run / "metrics.csv").string()) + ":2: expected 2 cells, got 1");
        QVERIFY(!QFile::exists(target));
        QVERIFY(QDir(QFileInfo(target).absolutePath()).entryList({"*.tmp*"}).isEmpty());

        const QString unwritable = temp.filePath("no-such-folder/export.csv");
        const QString writeError = messageOf<RunFileError>([&] { writeLongCsvFile(unwritable.toStdString(), {}); });
        QVERIFY2(writeError.startsWith(unwritable + ": cannot write"), qPrintable(writeError));
    }
};

QTEST_GUILESS_MAIN(TestRunSummary)
#include "tst_run_summary.moc"
