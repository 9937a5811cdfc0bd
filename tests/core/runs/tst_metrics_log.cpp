// MetricsLog on a full disk (RLIMIT_FSIZE makes write(2) fail with EFBIG as ENOSPC would): a row
// that cannot be written throws FileWriteError naming its file and the system's reason, the file
// keeps exactly the rows before it (no half row), readers read it, and a resume from the last
// checkpoint's step continues it with every step once.
#include <QtTest>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/feedback/TrainingObserver.h"
#include "core/io/AtomicFile.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsLog.h"
#include "core/runs/MetricsTable.h"
#include "support/FileSizeLimit.h"

using namespace megatoken;

Q_DECLARE_METATYPE(megatoken::MetricRecord)

namespace {

namespace fs = std::filesystem;

constexpr int kGates = 2;

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

StepMetrics stepRow(std::int64_t step)
{
    StepMetrics m;
    m.step = step;
    m.loss = m.crossEntropy = 10.0 / static_cast<double>(step);
    m.tokenAccuracy = 0.01 * static_cast<double>(step);
    m.gateRatios = {0.9, 0.8};
    m.gateKept = {0.95, 0.85};
    m.learningRate = 3e-3;
    m.tokensPerSecond = 1234.5;
    m.wallSeconds = 0.25 * static_cast<double>(step);
    return m;
}

EvalMetrics evalRow(std::int64_t step)
{
    EvalMetrics m;
    m.step = step;
    m.texts = 32;
    m.accuracyHard = 0.5;
    m.bleuFree = 12.5;
    m.gateKept = {0.9, 0.7};
    return m;
}

// Step s's row in metrics.csv (MetricRecord::Step) or eval.csv.
void append(MetricsLog& log, MetricRecord record, std::int64_t step)
{
    if (record == MetricRecord::Step)
        log.appendStep(stepRow(step));
    else
        log.appendEval(evalRow(step));
}

std::vector<std::int64_t> stepsIn(const std::string& path)
{
    std::vector<std::int64_t> steps;
    for (double step : readMetricsTable(path).values(metric_name::kStep))
        steps.push_back(static_cast<std::int64_t>(step));
    return steps;
}

}  // namespace

class TestMetricsLog : public QObject {
    Q_OBJECT
private slots:
    void rowOnAFullDiskIsNamedAndNeverHalfWritten_data()
    {
        QTest::addColumn<MetricRecord>("record");
        QTest::addColumn<int>("room");  // bytes of the failing row that still fit
        QTest::newRow("metrics.csv, the disk fills inside the row") << MetricRecord::Step << 30;
        QTest::newRow("metrics.csv, the disk is already full") << MetricRecord::Step << 0;
        QTest::newRow("eval.csv, the disk fills inside the row") << MetricRecord::Eval << 20;
    }

    void rowOnAFullDiskIsNamedAndNeverHalfWritten()
    {
        QFETCH(MetricRecord, record);
        QFETCH(int, room);
        QTemporaryDir dir;
        const std::string run = dir.path().toStdString();
        MetricsLog log(run, kGates);
        log.open(false, 0);
        for (std::int64_t step = 1; step <= 6; ++step) append(log, record, step);
        const std::string path = record == MetricRecord::Step ? log.stepFile() : log.evalFile();
        const std::string before = readAll(path);

        QString message;
        {
            const testing::FileSizeLimit limit(before.size() + static_cast<std::size_t>(room));
            QVERIFY(limit.active());
            try {
                append(log, record, 7);
            } catch (const FileWriteError& e) {
                message = QString::fromStdString(e.what());
            }
        }
        QCOMPARE(message,
                 QString::fromStdString(path) + ": write error (" + QString::fromLocal8Bit(std::strerror(EFBIG)) + ")");
        QCOMPARE(readAll(path), before);  // rows 1..6 intact, nothing of row 7
        QCOMPARE(stepsIn(path), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));

        // The run stopped there; its last checkpoint was step 4. The resume cuts the file back to
        // step 4 and continues: every step once.
        MetricsLog resumed(run, kGates);
        resumed.open(true, 4);
        for (std::int64_t step = 5; step <= 8; ++step) append(resumed, record, step);
        QCOMPARE(stepsIn(path), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
    }

    void openNamesTheFileItCannotWrite()
    {
        QTemporaryDir dir;
        const std::string run = dir.filePath("deleted-run").toStdString();  // no such folder
        MetricsLog log(run, kGates);
        QString message;
        try {
            log.open(false, 0);
        } catch (const FileWriteError& e) {
            message = QString::fromStdString(e.what());
        }
        QVERIFY2(message.startsWith(QString::fromStdString(log.stepFile()) + ": cannot write ("), qPrintable(message));
        QVERIFY2(message.contains(QString::fromLocal8Bit(std::strerror(ENOENT))), qPrintable(message));
    }

    // A resume whose truncation cannot be written keeps the file as it was.
    void resumeOnAFullDiskKeepsTheRows()
    {
        QTemporaryDir dir;
        const std::string run = dir.path().toStdString();
        {
            MetricsLog log(run, kGates);
            log.open(false, 0);
            for (std::int64_t step = 1; step <= 6; ++step) log.appendStep(stepRow(step));
        }
        const std::string path = MetricsLog(run, kGates).stepFile();
        const std::string before = readAll(path);
        QString message;
        {
            const testing::FileSizeLimit limit(100);
            QVERIFY(limit.active());
            MetricsLog resumed(run, kGates);
            try {
                resumed.open(true, 4);
            } catch (const FileWriteError& e) {
                message = QString::fromStdString(e.what());
            }
        }
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": write error ("), qPrintable(message));
        QCOMPARE(readAll(path), before);
    }
};

QTEST_APPLESS_MAIN(TestMetricsLog)
#include "tst_metrics_log.moc"
