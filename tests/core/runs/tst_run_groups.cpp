// core/runs/RunGroups: runs that differ only in the group-by keys are one group, with a label of
// what sets it apart.
#include "core/config/ConfigOverride.h"
#include "core/config/Presets.h"
#include "core/runs/RunGroups.h"

#include "support/ErrorMessage.h"

#include <QtTest>

#include <stdexcept>

using namespace megatoken;
using megatoken::test::messageOf;

namespace {

RunConfig tinyWith(const std::vector<std::string>& assignments)
{
    RunConfig config = preset("tiny");
    applyOverrides(config, assignments);
    return config;
}

// Three seeds of the tiny default, two of merge=similar, a fourth default seed on another thread
// count and folder (still the same configuration), and one at another target keep ratio.
std::vector<RunConfig> runs()
{
    return {tinyWith({"optim.seed=42", "run.name=a"}),
            tinyWith({"optim.seed=43", "run.name=b"}),
            tinyWith({"optim.seed=44", "run.name=c"}),
            tinyWith({"optim.seed=42", "gates.merge=similar", "run.name=d"}),
            tinyWith({"optim.seed=43", "gates.merge=similar", "run.name=e"}),
            tinyWith({"optim.seed=45", "run.threads=1", "run.runs_directory=elsewhere", "run.name=f"}),
            tinyWith({"optim.seed=42", "loss.target_keep=0.3", "run.name=g"})};
}

const std::vector<std::string> kNames{"a", "b", "c", "d", "e", "f", "g"};

}  // namespace

class TestRunGroups : public QObject {
    Q_OBJECT

private slots:
    void groupsBySeed()
    {
        const auto groups = groupRuns(runs(), kNames);
        QCOMPARE(groups.size(), std::size_t{3});
        QCOMPARE(groups[0].members, (std::vector<std::size_t>{0, 1, 2, 5}));
        QCOMPARE(groups[1].members, (std::vector<std::size_t>{3, 4}));
        QCOMPARE(groups[2].members, (std::vector<std::size_t>{6}));
        // The keys that differ between groups, in key-table order (gates before loss).
        QCOMPARE(groups[0].label, std::string("gates.merge=segment, loss.target_keep=0.5"));
        QCOMPARE(groups[1].label, std::string("gates.merge=similar, loss.target_keep=0.5"));
        QCOMPARE(groups[2].label, std::string("gates.merge=segment, loss.target_keep=0.3"));
    }

    // Grouping by a second key merges the merge variants into the default's group.
    void groupByTwoKeys()
    {
        const auto groups = groupRuns(runs(), kNames, {"optim.seed", "gates.merge"});
        QCOMPARE(groups.size(), std::size_t{2});
        QCOMPARE(groups[0].members, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));
        QCOMPARE(groups[0].label, std::string("loss.target_keep=0.5"));
        QCOMPARE(groups[1].label, std::string("loss.target_keep=0.3"));
    }

    // Nothing sets one group apart: its first member's name.
    void oneGroupIsNamedByItsFirstRun()
    {
        const auto all = runs();
        const auto groups = groupRuns({all[1], all[0]}, {"b", "a"});
        QCOMPARE(groups.size(), std::size_t{1});
        QCOMPARE(groups[0].label, std::string("b"));
        // No group-by key: every run is its own group, labelled by its seed.
        const auto each = groupRuns({all[0], all[1]}, {"a", "b"}, {});
        QCOMPARE(each.size(), std::size_t{2});
        QCOMPARE(each[1].label, std::string("optim.seed=43"));
    }

    void badArguments()
    {
        QVERIFY(
            messageOf<std::invalid_argument>([] { groupRuns(runs(), kNames, {"optim.sed"}); }).contains("optim.seed"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, groupRuns(runs(), {"a"}));
    }
};

QTEST_GUILESS_MAIN(TestRunGroups)
#include "tst_run_groups.moc"
