// core/runs/GroupLongCsv: run groups' statistics in the long CSV shape, by hand.
#include "core/config/ConfigOverride.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "core/runs/GroupLongCsv.h"
#include "core/runs/RunFileError.h"

#include "support/TestFiles.h"

#include <QtTest>

#include <filesystem>
#include <sstream>

using namespace megatoken;
namespace fs = std::filesystem;

namespace {

// A run directory with the given config overrides, metrics.csv and (unless empty) eval.csv.
std::string makeRun(const fs::path& root, const std::string& name, const std::vector<std::string>& overrides,
                    const std::string& metrics, const std::string& eval)
{
    const fs::path dir = root / name;
    fs::create_directories(dir);
    RunConfig config = preset("tiny");
    applyOverrides(config, overrides);
    test::writeFile(dir / "config.json", configJsonText(config));
    test::writeFile(dir / "metrics.csv", metrics);
    if (!eval.empty()) test::writeFile(dir / "eval.csv", eval);
    return dir.string();
}

}  // namespace

class TestGroupLongCsv : public QObject {
    Q_OBJECT

private slots:
    // Seeds 1, 2, 3 of one configuration (c still training: one step) and one run at another
    // target keep ratio: two groups. Every number below is worked out by hand.
    void seedsBecomeOneGroupWithItsStatistics()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const fs::path root = tmp.path().toStdString();
        const std::vector<std::string> dirs{
            makeRun(root, "a", {"optim.seed=1"}, "step,wall_s,loss\n10,1,4\n20,2,2\n", "step,accuracy_hard\n20,0.5\n"),
            makeRun(root, "b", {"optim.seed=2"}, "step,wall_s,loss\n10,1.5,6\n20,3,4\n",
                    "step,accuracy_hard\n20,0.7\n"),
            makeRun(root, "c", {"optim.seed=3"}, "step,wall_s,loss\n10,2,5\n", ""),
            makeRun(root, "d", {"optim.seed=1", "loss.target_keep=0.3"}, "step,wall_s,loss\n10,1,9\n", ""),
        };
        std::ostringstream out;
        writeGroupLongCsv(out, dirs, {"optim.seed"}, BandKind::MinMax);
        // Step 10 loss: 4, 6, 5: mean 5, SD 1. Step 20: 2, 4: mean 3, SD sqrt(2) = 1.41421356...
        // Wall time is a metric too (its mean is the group's x on the wall-time axis).
        const std::string expected =
            "group,runs,step,metric,n,mean,sd,min,max,band,band_low,band_high\n"
            "loss.target_keep=0.5,3,10,train/loss,3,5,1,4,6,min-max,4,6\n"
            "loss.target_keep=0.5,3,20,train/loss,2,3,1.4142135623730951,2,4,min-max,2,4\n"
            "loss.target_keep=0.5,3,10,train/wall_s,3,1.5,0.5,1,2,min-max,1,2\n"
            "loss.target_keep=0.5,3,20,train/wall_s,2,2.5,0.7071067811865476,2,3,min-max,2,3\n"
            "loss.target_keep=0.5,3,20,validation/accuracy_hard,2,0.6,0.14142135623730948,0.5,0.7,min-max,0.5,0.7\n"
            "loss.target_keep=0.3,1,10,train/loss,1,9,NaN,9,9,min-max,9,9\n"
            "loss.target_keep=0.3,1,10,train/wall_s,1,1,NaN,1,1,min-max,1,1\n";
        QCOMPARE(QString::fromStdString(out.str()), QString::fromStdString(expected));

        // The 95% interval of the mean at step 10: 5 +- t(0.975, 2) * 1 / sqrt(3) = 5 +- 2.48414.
        std::ostringstream ci;
        writeGroupLongCsv(ci, {dirs[0], dirs[1], dirs[2]}, {"optim.seed"}, BandKind::ConfidenceInterval);
        std::istringstream lines(ci.str());
        std::string header, first;
        std::getline(lines, header);
        std::getline(lines, first);
        QVERIFY2(first.rfind("a,3,10,train/loss,3,5,1,4,6,ci95,2.5158", 0) == 0, first.c_str());
        QVERIFY2(first.find(",7.4841") != std::string::npos, first.c_str());
    }

    void unreadableConfigIsNamed()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const fs::path root = tmp.path().toStdString();
        const std::string run = makeRun(root, "a", {}, "step,wall_s,loss\n10,1,4\n", "");
        test::writeFile(fs::path(run) / "config.json", "{\"gates\": ");
        std::ostringstream out;
        try {
            writeGroupLongCsv(out, {run}, {"optim.seed"}, BandKind::MinMax);
            QFAIL("expected RunFileError");
        } catch (const RunFileError& e) {
            QVERIFY2(std::string(e.what()).find((fs::path(run) / "config.json").string() + ": ") == 0, e.what());
            QVERIFY2(std::string(e.what()).find("not valid JSON") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestGroupLongCsv)
#include "tst_group_long_csv.moc"
