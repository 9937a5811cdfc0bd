// The sweep trains each point once, writes one table row per point, and a rerun adds what is
// missing without training or evaluating anything twice. Seeds and variants: the grid and run
// names, `--variant` parsing with its exact errors, adding seeds to a sweep (only the new seed
// trains), runs trained with other settings refused, and `megatoken sweep --seeds 2 --variant
// v:gates.tau=0.5 --methods learned,first-k` end to end through the CLI.
#include <QtTest>

#include <QProcess>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/config/ConfigKeys.h"
#include "core/config/EnumNames.h"
#include "core/config/RunConfigJson.h"
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

std::string readAll(const QString& path)
{
    std::ifstream file(path.toStdString(), std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// "learned, random, first-k, attention, stride": the methods a variant may not be named after.
std::string methodList()
{
    std::string names;
    for (const auto& [rule, name] : enumNames<GateRule>()) names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
}

}  // namespace

Q_DECLARE_METATYPE(std::vector<std::string>)

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

    void gridWithSeedsAndVariants()
    {
        const SweepVariant tau{"tau05", {"gates.tau=0.5"}};
        const auto points = sweepGrid({GateRule::Learned, GateRule::FirstK}, {0.5}, {tau}, 2);
        std::vector<std::string> names;
        for (const auto& point : points) names.push_back(point.name());
        // Seeds outermost; seed 0 keeps the one-seed name, so adding seeds reuses a sweep's runs.
        QCOMPARE(names, (std::vector<std::string>{"learned-keep0.50", "first-k-keep0.50", "tau05-keep0.50",
                                                  "learned-keep0.50-seed01", "first-k-keep0.50-seed01",
                                                  "tau05-keep0.50-seed01"}));
        QCOMPARE(points[2].method(), std::string("tau05"));
        QCOMPARE(points[1].method(), std::string("first-k"));
        QCOMPARE((SweepPoint{GateRule::StridePool, 0.25, 11, {}}.name()), std::string("stride-keep0.25-seed11"));

        RunConfig base = testing::smallRunConfig("/tmp/unused", "", 8);
        base.optim.seed = 42;
        base.model.gates.rule = GateRule::Random;  // the point's rule wins
        const RunConfig variant = points[5].config(base, "/sweeps/s");
        QCOMPARE(variant.model.gates.rule, GateRule::Learned);
        QCOMPARE(variant.model.gates.tau, 0.5);
        QCOMPARE(variant.optim.seed, std::uint64_t(43));  // base + seed index
        QCOMPARE(variant.loss.targetKeep, 0.5);
        QCOMPARE(variant.run.name, std::string("tau05-keep0.50-seed01"));
        QCOMPARE(variant.run.runsDirectory, std::string("/sweeps/s"));
        const RunConfig firstK = points[1].config(base, "/sweeps/s");
        QCOMPARE(firstK.model.gates.rule, GateRule::FirstK);
        QCOMPARE(firstK.optim.seed, std::uint64_t(42));
        QCOMPARE(firstK.model.gates.tau, base.model.gates.tau);
        // Fixed rules are the plain baselines: they drop, whatever the base merges; learned points
        // and variants keep the base's merging (the tiny default, segment).
        base.model.gates.merge = GateMerge::Segment;
        QCOMPARE(points[1].config(base, "/sweeps/s").model.gates.merge, GateMerge::None);
        QCOMPARE((SweepPoint{GateRule::StridePool, 0.5, 0, {}}.config(base, "/s").model.gates.merge), GateMerge::None);
        QCOMPARE(points[0].config(base, "/sweeps/s").model.gates.merge, GateMerge::Segment);
        QCOMPARE(points[5].config(base, "/sweeps/s").model.gates.merge, GateMerge::Segment);
        QVERIFY(sweepGrid({GateRule::Learned}, {0.5}, {}, 3).size() == 3);
    }

    void parsesVariants_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("name");
        QTest::addColumn<std::vector<std::string>>("overrides");
        QTest::newRow("one key") << "tau05:gates.tau=0.5"
                                 << "tau05" << std::vector<std::string>{"gates.tau=0.5"};
        QTest::newRow("two keys, spaces") << " v2 : gates.tau=0.5 , optim.seed=7"
                                          << "v2" << std::vector<std::string>{"gates.tau=0.5", "optim.seed=7"};
        QTest::newRow("a value with a comma") << "col:data.column=a,b,gates.tau=2"
                                              << "col" << std::vector<std::string>{"data.column=a,b", "gates.tau=2"};
        QTest::newRow("trailing comma") << "x.y_z-1:gates.tau=1,"
                                        << "x.y_z-1" << std::vector<std::string>{"gates.tau=1"};
    }

    void parsesVariants()
    {
        QFETCH(QString, spec);
        QFETCH(QString, name);
        QFETCH(std::vector<std::string>, overrides);
        const RunConfig base = testing::smallRunConfig("/tmp/unused", "", 8);
        const SweepVariant variant = parseSweepVariant(spec.toStdString(), base);
        QCOMPARE(QString::fromStdString(variant.name), name);
        QCOMPARE(variant.overrides, overrides);
    }

    void refusesBadVariants_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("error");
        QTest::newRow("no colon") << "tau05"
                                  << "'tau05': expected NAME:key=value,key=value (e.g. tau05:gates.tau=0.5)";
        QTest::newRow("no name") << ":gates.tau=0.5"
                                 << "':gates.tau=0.5': the name before ':' is missing";
        QTest::newRow("space in the name")
            << "a b:gates.tau=0.5"
            << "'a b:gates.tau=0.5': the name 'a b' may hold only letters, digits, '.', '_' and '-'";
        QTest::newRow("a method's name") << "random:gates.tau=0.5"
                                         << QString::fromStdString(
                                                "'random:gates.tau=0.5': 'random' is the name of a method (" +
                                                methodList() + "); call the variant something else");
        QTest::newRow("given twice") << "v:gates.tau=1"
                                     << "'v:gates.tau=1': a variant called 'v' is given twice";
        QTest::newRow("no keys") << "w:"
                                 << "'w:': no key=value after 'w:'";
        QTest::newRow("unknown key") << "w:gates.tua=0.5"
                                     << "'w:gates.tua=0.5': gates.tua: unknown key (did you mean \"gates.tau\"?)";
        QTest::newRow("bad value") << "w:gates.tau=abc"
                                   << "'w:gates.tau=abc': gates.tau: expected a number, got \"abc\"";
        QTest::newRow("out of range") << "w:gates.tau=-1"
                                      << "'w:gates.tau=-1': gates.tau: must be > 0 (got -1)";
        QTest::newRow("no value")
            << "w:gates.tau"
            << "'w:gates.tau': gates.tau: expected key=value (e.g. gates.tau=0.5), got \"gates.tau\"";
        QTest::newRow("the bad key of several") << "w:gates.tau=0.5,optim.lr=1,gates.tau=x"
                                                << "'w:gates.tau=0.5,optim.lr=1,gates.tau=x': gates.tau: expected a "
                                                   "number, got \"x\"";
        QTest::newRow("the rule") << "w:gates.rule=random"
                                  << "'w:gates.rule=random': gates.rule: a variant trains the learned gates; the fixed "
                                     "rules are --methods";
        QTest::newRow("the target") << "w:loss.target_keep=0.3"
                                    << "'w:loss.target_keep=0.3': loss.target_keep: the sweep sets it for every point "
                                       "(--targets)";
        QTest::newRow("the run name") << "w:run.name=x"
                                      << "'w:run.name=x': run.name: the sweep names its runs";
    }

    void refusesBadVariants()
    {
        QFETCH(QString, spec);
        QFETCH(QString, error);
        const RunConfig base = testing::smallRunConfig("/tmp/unused", "", 8);
        const std::vector<SweepVariant> earlier{{"v", {"gates.tau=2"}}};
        try {
            parseSweepVariant(spec.toStdString(), base, earlier);
            QFAIL("expected an error");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString::fromStdString(e.what()), error);
        }
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

    // Two sweeps of one folder, side by side (one per core): each writes the table under the
    // folder's lock, merged with what the other wrote since it read it, so neither loses a row.
    // The second sweep runs while the first trains its point (from the first's log callback).
    void twoSweepsOfOneFolderKeepEachOthersRows()
    {
        QTemporaryDir directory;
        const QString sweepDir = directory.path() + "/s";
        Feedback feedback;
        struct Interleaving : QuietObserver {
            std::function<void()> whileTraining;
            void onLog(const std::string& message) override
            {
                QuietObserver::onLog(message);
                if (whileTraining && message.find("training first-k-keep0.50") != std::string::npos)
                    std::exchange(whileTraining, nullptr)();
            }
        } first;
        std::vector<SweepRow> secondRows;
        first.whileTraining = [&] {
            QuietObserver second;
            secondRows = SweepRunner(smallSweep(sweepDir, {{GateRule::StridePool, 0.5}}), second, feedback).run();
        };
        const auto rows = SweepRunner(smallSweep(sweepDir, {{GateRule::FirstK, 0.5}}), first, feedback).run();
        QCOMPARE(secondRows.size(), std::size_t{1});
        QCOMPARE(rows.size(), std::size_t{2});  // the first sweep's row, and the second's read back
        const auto table = readSweepTable((sweepDir + "/sweep.csv").toStdString());
        QCOMPARE(table.size(), std::size_t{2});
        QCOMPARE(table[0].run, std::string("stride-keep0.50"));
        QCOMPARE(table[1].run, std::string("first-k-keep0.50"));
        QVERIFY(readAll(sweepDir + "/sweep.md").find("stride-keep0.50") != std::string::npos);
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

    void addingSeedsTrainsOnlyTheNewSeeds()
    {
        QTemporaryDir directory;
        const QString sweepDir = directory.path() + "/s";
        Feedback feedback;
        // One seed: today's sweep.csv, no sweep-runs.csv.
        QuietObserver first;
        const auto one = SweepRunner(smallSweep(sweepDir, sweepGrid({GateRule::FirstK}, {0.5})), first, feedback).run();
        QCOMPARE(one.size(), std::size_t{1});
        QCOMPARE(first.steps, 8);
        QCOMPARE(one[0].seeds, 1);
        std::string header;
        for (const auto& column : sweepColumns()) header += (header.empty() ? "" : ",") + column;
        QCOMPARE(readAll(sweepDir + "/sweep.csv").substr(0, header.size() + 1), header + "\n");
        QVERIFY(!QFileInfo::exists(sweepDir + "/sweep-runs.csv"));

        // Two seeds: seed 0 is the run already there; only seed 1 trains, with optim.seed + 1.
        QuietObserver second;
        SweepRunner two(smallSweep(sweepDir, sweepGrid({GateRule::FirstK}, {0.5}, {}, 2)), second, feedback);
        const auto rows = two.run();
        QCOMPARE(second.steps, 8);
        QCOMPARE(rows.size(), std::size_t{1});
        QCOMPARE(rows[0].seeds, 2);
        QCOMPARE(rows[0].run, std::string("first-k-keep0.50"));
        const auto& runs = two.runRows();
        QCOMPARE(runs.size(), std::size_t{2});
        QCOMPARE(runs[0].run, std::string("first-k-keep0.50"));
        QCOMPARE(runs[1].run, std::string("first-k-keep0.50-seed01"));
        QCOMPARE(runs[1].seed, 1);
        QVERIFY(std::abs(runs[0].accuracyHard - one[0].accuracyHard) < 1e-8);  // read back, not re-evaluated
        QVERIFY(std::abs(rows[0].accuracyHard - (runs[0].accuracyHard + runs[1].accuracyHard) / 2) < 1e-12);
        QVERIFY(std::abs(rows[0].spread("accuracy_hard") -
                         std::abs(runs[0].accuracyHard - runs[1].accuracyHard) / std::sqrt(2.0)) < 1e-12);
        QCOMPARE(loadConfigFile((sweepDir + "/first-k-keep0.50-seed01/config.json").toStdString()).optim.seed,
                 std::uint64_t(43));
        const auto table = readSweepTable((sweepDir + "/sweep.csv").toStdString());
        QCOMPARE(table.size(), std::size_t{1});
        QCOMPARE(table[0].seeds, 2);
        QVERIFY(std::abs(table[0].spread("hard_keep") - rows[0].spread("hard_keep")) < 1e-8);
        QCOMPARE(readSweepTable((sweepDir + "/sweep-runs.csv").toStdString()).size(), std::size_t{2});
        QVERIFY(QString::fromStdString(readAll(sweepDir + "/sweep.md")).contains(QStringLiteral(" ± ")));

        // Again: nothing trains or is scored again.
        QuietObserver third;
        QCOMPARE(SweepRunner(smallSweep(sweepDir, sweepGrid({GateRule::FirstK}, {0.5}, {}, 2)), third, feedback)
                     .run()
                     .size(),
                 std::size_t{1});
        QCOMPARE(third.steps, 0);

        // Retiming keeps the seeds apart and the means whole.
        auto retime = smallSweep(sweepDir, sweepGrid({GateRule::FirstK}, {0.5}, {}, 2));
        retime.retimeOnly = true;
        QuietObserver timer;
        SweepRunner retimer(retime, timer, feedback);
        const auto retimed = retimer.run();
        QCOMPARE(retimed.size(), std::size_t{1});
        QCOMPARE(retimed[0].seeds, 2);
        QCOMPARE(retimer.runRows().size(), std::size_t{2});
        QVERIFY(std::abs(retimed[0].bleuFree - rows[0].bleuFree) < 1e-8);

        // Another base seed would mix seeds in one row: refused before anything trains.
        auto otherSeed = smallSweep(sweepDir, sweepGrid({GateRule::FirstK}, {0.5}, {}, 2));
        otherSeed.base.optim.seed = 7;
        QuietObserver refused;
        try {
            SweepRunner(otherSeed, refused, feedback).run();
            QFAIL("expected an error");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     sweepDir + "/first-k-keep0.50: trained with optim.seed = 42, but the sweep now asks for 7; move "
                                "the run away, or give the variant or the sweep another name");
        }
        QCOMPARE(refused.steps, 0);
    }

    void cliSweepWithSeedsAndVariant()
    {
        // The CLI beside this test (build/bin/megatoken), on the small model, as a user runs it.
        const QString cli = QCoreApplication::applicationDirPath() + "/megatoken";
        QVERIFY2(QFileInfo::exists(cli), qPrintable(cli + " is not built (cmake --build build --target megatoken)"));
        QTemporaryDir directory;
        RunConfig config = testing::smallRunConfig(directory.path(), "", 8);
        config.loss.schedule = LambdaSchedule::Target;
        config.loss.warmupSteps = 2;
        config.loss.targetRampSteps = 2;
        config.model.gates.tau = 1.0;
        const QString configFile = directory.filePath("small.json");
        saveConfigFile(config, configFile.toStdString());
        const QStringList arguments{"sweep",           "--config",  configFile,        "--out",     directory.path(),
                                    "--name",          "s",         "--seeds",         "2",         "--variant",
                                    "v:gates.tau=0.5", "--methods", "learned,first-k", "--targets", "0.5",
                                    "--eval-texts",    "40",        "--timing-texts",  "32"};
        QProcess process;
        process.start(cli, arguments);
        QVERIFY(process.waitForFinished(540000));
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(err.right(3000)));

        const QString sweepDir = directory.filePath("s");
        const auto rows = readSweepTable((sweepDir + "/sweep.csv").toStdString());
        QCOMPARE(rows.size(), std::size_t{3});
        QStringList methods;
        for (const auto& row : rows) {
            methods << QString::fromStdString(row.method);
            QCOMPARE(row.seeds, 2);
            QCOMPARE(row.steps, std::int64_t{8});
            QCOMPARE(row.texts, std::int64_t{40});
            QCOMPARE(row.targetKeep, 0.5);
            for (const std::string& metric : sweepSpreadMetrics())
                QVERIFY2(std::isfinite(row.spread(metric)) && row.spread(metric) >= 0, metric.c_str());
        }
        QCOMPARE(methods, (QStringList{"learned", "first-k", "v"}));
        QCOMPARE(rows[2].run, std::string("v-keep0.50"));
        const auto runs = readSweepTable((sweepDir + "/sweep-runs.csv").toStdString());
        QCOMPARE(runs.size(), std::size_t{6});
        QStringList runNames;
        for (const auto& run : runs) runNames << QString::fromStdString(run.run);
        QCOMPARE(runNames, (QStringList{"learned-keep0.50", "first-k-keep0.50", "v-keep0.50", "learned-keep0.50-seed01",
                                        "first-k-keep0.50-seed01", "v-keep0.50-seed01"}));
        // Each row is the mean of its two runs.
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(std::abs(rows[i].bleuFree - (runs[i].bleuFree + runs[i + 3].bleuFree) / 2) < 1e-6);
            QVERIFY(std::abs(rows[i].keepRatio - (runs[i].keepRatio + runs[i + 3].keepRatio) / 2) < 1e-6);
        }
        // The variant trained the learned gates with its override and the seed's offset.
        const RunConfig variant = loadConfigFile((sweepDir + "/v-keep0.50-seed01/config.json").toStdString());
        QCOMPARE(variant.model.gates.rule, GateRule::Learned);
        QCOMPARE(variant.model.gates.tau, 0.5);
        QCOMPARE(variant.optim.seed, config.optim.seed + 1);
        QCOMPARE(loadConfigFile((sweepDir + "/learned-keep0.50/config.json").toStdString()).model.gates.tau, 1.0);
        // The Markdown on stdout and in sweep.md: mean ± SD with the seed count.
        QVERIFY2(out.contains(QStringLiteral("| method | run | seeds |")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("| v | v-keep0.50 | 2 |")) && out.contains(QStringLiteral(" ± ")),
                 qPrintable(out));
        QVERIFY2(out.contains(QString::fromStdString(readAll(sweepDir + "/sweep.md"))), qPrintable(out));
        if (QFileInfo::exists(QCoreApplication::applicationDirPath() + "/megatoken-plot"))
            QVERIFY2(QFileInfo(sweepDir + "/pareto.png").size() > 0, qPrintable(err.right(2000)));

        // The same command again: every run is in the table; nothing trains or is scored.
        QProcess again;
        again.start(cli, arguments + QStringList{"--no-plot"});
        QVERIFY(again.waitForFinished(120000));
        const QString againErr = QString::fromUtf8(again.readAllStandardError());
        QCOMPARE(again.exitCode(), 0);
        QCOMPARE(againErr.count(QStringLiteral("skipped")), 6);
        QVERIFY2(!againErr.contains(QStringLiteral("training ")) && !againErr.contains(QStringLiteral("evaluating ")),
                 qPrintable(againErr));

        // A bad --variant stops before anything runs, naming the key.
        QProcess bad;
        bad.start(cli, {"sweep", "--config", configFile, "--out", directory.path(), "--name", "bad", "--variant",
                        "w:gates.tua=0.5"});
        QVERIFY(bad.waitForFinished(60000));
        QVERIFY(bad.exitCode() != 0);
        const QString badErr = QString::fromUtf8(bad.readAllStandardError());
        QVERIFY2(badErr.contains(QStringLiteral("--variant: 'w:gates.tua=0.5': gates.tua: unknown key")),
                 qPrintable(badErr));
        QVERIFY(!QFileInfo::exists(directory.filePath("bad")));
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

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep_torch.moc"
