// The sweep trains each point once, writes one table row per point, and a rerun adds what is
// missing without training or evaluating anything twice.
#include <QtTest>

#include <filesystem>

#include "core/engine/train/Sweep.h"
#include "core/feedback/Feedback.h"
#include "core/runs/RunStatus.h"
#include "core/runs/SweepTable.h"
#include "support/SmallRunConfig.h"

using namespace megatoken;

namespace {

struct QuietObserver : TrainingObserver {
    int steps = 0;
    std::vector<std::string> logs;
    void onStep(const StepMetrics&) override { ++steps; }
    void onLog(const std::string& message) override { logs.push_back(message); }
};

SweepOptions smallSweep(const QString& directory, std::vector<SweepPoint> points)
{
    SweepOptions options;
    options.base = testing::smallRunConfig(directory, "", 8);
    options.base.loss.schedule = LambdaSchedule::Target;
    options.base.loss.warmupSteps = 2;
    options.base.loss.targetRampSteps = 2;
    options.directory = directory.toStdString();
    options.points = std::move(points);
    options.evalTexts = 40;
    options.timingTexts = 32;
    options.timingRepeats = 1;
    return options;
}

}  // namespace

class TestSweep : public QObject {
    Q_OBJECT
private slots:
    void gridNamesEveryPoint()
    {
        const auto points = sweepGrid({GateRule::Learned, GateRule::StridePool}, {0.5, 0.25});
        QCOMPARE(points.size(), std::size_t{4});
        QCOMPARE(points[0].name(), std::string("learned-keep0.50"));
        QCOMPARE(points[3].name(), std::string("stride-keep0.25"));
    }

    void runsEachPointOnceAndKeepsTheTable()
    {
        QTemporaryDir directory;
        const QString sweepDir = directory.path() + "/s";
        QuietObserver observer;
        Feedback feedback;
        std::vector<std::size_t> reported;
        SweepRunner first(smallSweep(sweepDir, {{GateRule::FirstK, 0.5}, {GateRule::Random, 0.5}}), observer, feedback,
                          [&](const SweepRow&, std::size_t done, std::size_t) { reported.push_back(done); });
        const auto rows = first.run();
        QCOMPARE(rows.size(), std::size_t{2});
        QCOMPARE(reported, (std::vector<std::size_t>{1, 2}));
        QCOMPARE(observer.steps, 16);
        for (const auto& row : rows) {
            QCOMPARE(row.steps, std::int64_t{8});
            QCOMPARE(row.texts, std::int64_t{40});
            // Two gates at the target 0.5: each keeps ~0.71 of what reaches it; EOS always stays.
            QVERIFY2(row.keepRatio > 0.45 && row.keepRatio < 0.7, qPrintable(QString::number(row.keepRatio)));
            QVERIFY(row.accuracyHard >= 0.0 && row.accuracyHard <= 1.0);
            QVERIFY(row.tokensPerSecondMasked > 0 && row.tokensPerSecondHard > 0);
        }
        QCOMPARE(rows[0].method, std::string("first-k"));
        const std::string table = (sweepDir + "/sweep.csv").toStdString();
        QCOMPARE(readSweepTable(table).size(), std::size_t{2});
        QVERIFY(std::filesystem::exists((sweepDir + "/sweep.md").toStdString()));
        QCOMPARE(readRunStatus((sweepDir + "/first-k-keep0.50").toStdString())->state, std::string(kRunStateCompleted));

        // A rerun with one more point trains only that one and keeps the earlier rows.
        QuietObserver again;
        SweepRunner second(
            smallSweep(sweepDir, {{GateRule::FirstK, 0.5}, {GateRule::Random, 0.5}, {GateRule::StridePool, 0.5}}),
            again, feedback);
        const auto all = second.run();
        QCOMPARE(all.size(), std::size_t{3});
        QCOMPARE(again.steps, 8);
        QVERIFY(std::abs(all[0].accuracyHard - rows[0].accuracyHard) < 1e-8);  // read back, not re-evaluated
        QCOMPARE(all[2].method, std::string("stride"));

        // Retiming measures the throughput again and touches nothing else.
        QuietObserver retimer;
        auto options =
            smallSweep(sweepDir, {{GateRule::FirstK, 0.5}, {GateRule::Random, 0.5}, {GateRule::StridePool, 0.5}});
        options.retimeOnly = true;
        const auto retimed = SweepRunner(options, retimer, feedback).run();
        QCOMPARE(retimed.size(), std::size_t{3});
        QCOMPARE(retimer.steps, 0);
        for (std::size_t i = 0; i < retimed.size(); ++i) {
            QCOMPARE(retimed[i].run, all[i].run);
            QVERIFY(std::abs(retimed[i].bleuFree - all[i].bleuFree) < 1e-6);
            QVERIFY(retimed[i].tokensPerSecondHard > 0);
        }
    }

    void aStoppedPointIsResumedNotRestarted()
    {
        QTemporaryDir directory;
        const QString sweepDir = directory.path() + "/s";
        Feedback stop;
        struct StoppingObserver : QuietObserver {
            Feedback* stop = nullptr;
            void onStep(const StepMetrics& m) override
            {
                ++steps;
                if (m.step == 3) stop->cancel();
            }
        } observer;
        observer.stop = &stop;
        SweepRunner first(smallSweep(sweepDir, {{GateRule::AttentionReceived, 0.5}}), observer, stop);
        QVERIFY(first.run().empty());
        QCOMPARE(readRunStatus((sweepDir + "/attention-keep0.50").toStdString())->state, std::string(kRunStateStopped));

        QuietObserver again;
        Feedback feedback;
        SweepRunner second(smallSweep(sweepDir, {{GateRule::AttentionReceived, 0.5}}), again, feedback);
        const auto rows = second.run();
        QCOMPARE(rows.size(), std::size_t{1});
        QCOMPARE(again.steps, 5);  // steps 4..8
        QCOMPARE(rows[0].steps, std::int64_t{8});
    }

    void aBrokenTableIsReportedByName()
    {
        QTemporaryDir directory;
        const QString sweepDir = directory.path() + "/s";
        std::filesystem::create_directories(sweepDir.toStdString());
        QFile file(sweepDir + "/sweep.csv");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("method,run\nlearned,x\n");
        file.close();
        QuietObserver observer;
        Feedback feedback;
        SweepRunner runner(smallSweep(sweepDir, {{GateRule::FirstK, 0.5}}), observer, feedback);
        try {
            runner.run();
            QFAIL("expected an error");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains("sweep.csv") && QString(e.what()).contains("missing column"), e.what());
        }
        QCOMPARE(observer.steps, 0);  // nothing trained over a table it could not read
    }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "tst_sweep_torch.moc"
