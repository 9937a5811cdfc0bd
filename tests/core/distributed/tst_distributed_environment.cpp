// The launchers' variables: torchrun's (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE,
// MASTER_ADDR, MASTER_PORT), Slurm's (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID,
// SLURM_NTASKS_PER_NODE) and `--nproc`'s rendezvous file, and the exact error for each bad value.
#include <QtTest>

#include <map>

#include "core/distributed/DistributedEnvironment.h"
#include "support/ErrorMessage.h"

using namespace megatoken;
using Variables = std::map<std::string, std::string>;
Q_DECLARE_METATYPE(Variables)

namespace {

std::optional<DistributedEnvironment> read(const Variables& variables)
{
    return distributedEnvironmentFrom([&](const char* name) -> const char* {
        const auto it = variables.find(name);
        return it == variables.end() ? nullptr : it->second.c_str();
    });
}

}  // namespace

class TestDistributedEnvironment : public QObject {
    Q_OBJECT
private slots:
    void singleProcess_data()
    {
        QTest::addColumn<Variables>("variables");
        QTest::newRow("nothing set") << Variables{};
        QTest::newRow("WORLD_SIZE=1") << Variables{{"WORLD_SIZE", "1"}, {"RANK", "0"}};
        QTest::newRow("one Slurm task") << Variables{{"SLURM_NTASKS", "1"}, {"SLURM_PROCID", "0"}};
    }
    void singleProcess()
    {
        QFETCH(Variables, variables);
        QVERIFY(!read(variables));
    }

    void torchrun()
    {
        const auto env = read({{"RANK", "3"},
                               {"WORLD_SIZE", "8"},
                               {"LOCAL_RANK", "1"},
                               {"LOCAL_WORLD_SIZE", "2"},
                               {"MASTER_ADDR", "node7"},
                               {"MASTER_PORT", "29511"},
                               {"SLURM_NTASKS", "99"}});
        QVERIFY(env);
        QCOMPARE(env->rank, 3);
        QCOMPARE(env->worldSize, 8);
        QCOMPARE(env->localRank, 1);
        QCOMPARE(env->localWorldSize, 2);
        QCOMPARE(env->masterAddress, std::string("node7"));
        QCOMPARE(int(env->masterPort), 29511);
        QCOMPARE(env->launcher, std::string("torchrun"));
        QVERIFY(!env->isMain());
    }

    void slurm()
    {
        const auto env = read({{"SLURM_PROCID", "0"},
                               {"SLURM_NTASKS", "4"},
                               {"SLURM_LOCALID", "0"},
                               {"SLURM_NTASKS_PER_NODE", "2(x2)"},
                               {"MASTER_ADDR", "10.0.0.1"}});
        QVERIFY(env);
        QCOMPARE(env->worldSize, 4);
        QCOMPARE(env->localWorldSize, 1);  // an uneven layout Slurm writes as "2(x2)": unknown
        QCOMPARE(int(env->masterPort), 29500);
        QCOMPARE(env->launcher, std::string("slurm"));
        QVERIFY(env->isMain());
    }

    void rendezvousFileNeedsNoMaster()
    {
        const auto env = read({{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MEGATOKEN_RENDEZVOUS_FILE", "/tmp/x/store"}});
        QVERIFY(env);
        QCOMPARE(env->storeFile, std::string("/tmp/x/store"));
    }

    void badValues_data()
    {
        QTest::addColumn<Variables>("variables");
        QTest::addColumn<QString>("message");
        const Variables base{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}};
        auto with = [&](const std::string& key, const std::string& value) {
            Variables v = base;
            v[key] = value;
            return v;
        };
        QTest::newRow("rank too large") << with("RANK", "2") << "RANK=2 is outside 0..1 (WORLD_SIZE=2)";
        QTest::newRow("not a number") << with("WORLD_SIZE", "two") << "WORLD_SIZE=two is not an integer";
        QTest::newRow("port") << with("MASTER_PORT", "70000") << "MASTER_PORT=70000 is outside 1..65535";
        Variables noRank = base;
        noRank.erase("RANK");
        QTest::newRow("no rank") << noRank << "WORLD_SIZE=2 but RANK is not set";
        Variables noMaster = base;
        noMaster.erase("MASTER_ADDR");
        QTest::newRow("no master") << noMaster
                                   << "MASTER_ADDR is not set (WORLD_SIZE=2): the host of rank 0's rendezvous";
        QTest::newRow("slurm rank") << Variables{{"SLURM_PROCID", "-1"}, {"SLURM_NTASKS", "2"}}
                                    << "SLURM_PROCID=-1 is outside 0..1 (SLURM_NTASKS=2)";
    }
    void badValues()
    {
        QFETCH(Variables, variables);
        QFETCH(QString, message);
        try {
            read(variables);
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }
};

QTEST_GUILESS_MAIN(TestDistributedEnvironment)
#include "tst_distributed_environment.moc"
