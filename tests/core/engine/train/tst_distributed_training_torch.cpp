// Data-parallel training across processes (Trainer::setDistributed, core/engine/distributed/):
// two processes on loopback (Gloo, one thread each, dropout 0, no gate noise, the gates and their
// calibration, the binomial prior and the keep-ratio controller all active) take the same steps as
// one process with the same global batch, loss within 1e-5 at every step; a run of 2 ranks resumes
// on 4 and on 1 with the same data order and every step once; `--nproc` launches local ranks; and
// mismatched configs, a port in use and a silent rank fail with messages that name them.
#include <QtTest>

#include <QProcess>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/config/RunConfigJson.h"
#include "support/SmallRunConfig.h"

using namespace megatoken;

namespace {

// A port nothing listens on right now (bound to 0, read, closed).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

QString cli()
{
    return QCoreApplication::applicationDirPath() + "/megatoken";
}

// The small run, made deterministic across process counts: no dropout, no gate noise, and the
// gates at work from the first steps (target ramp of 5 steps, the binomial prior) so that the
// all-gathered calibration, the prior's global row counts and the controller are all exercised.
QString writeConfig(const QString& directory, std::int64_t steps)
{
    RunConfig c = testing::smallRunConfig(directory + "/runs", "", steps);
    c.run.threads = 1;
    c.run.evalEvery = 10;
    c.run.checkpointEvery = 10;
    c.run.distributedTimeoutSeconds = 60;
    c.data.batchSize = 15;  // odd: shards of 8 and 7 rows, and of 4, 4, 4, 3
    c.model.dropout = 0.0;
    c.model.gates.noise = GateNoise::None;
    c.loss.schedule = LambdaSchedule::Target;
    c.loss.warmupSteps = 0;
    c.loss.rampSteps = 5;
    c.loss.targetRampSteps = 5;
    c.loss.prior = LossPrior::Binomial;
    // A constant rate: a cosine decays over optim.steps, so the 10-step run that --resume --steps 20
    // extends would not have taken the 20-step run's first 10 steps.
    c.optim.schedule = LearningRateSchedule::Constant;
    QDir().mkpath(directory);
    const QString path = directory + "/config.json";
    saveConfigFile(c, path.toStdString());
    return path;
}

struct Launch {
    QProcess process;
    QString out, err;
};

// Starts `megatoken train ...` as rank `rank` of `world` (torchrun's variables; world 1: none).
std::unique_ptr<Launch> start(const QStringList& arguments, int rank, int world, int port)
{
    auto launch = std::make_unique<Launch>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("WORLD_SIZE");
    env.remove("RANK");
    env.remove("SLURM_NTASKS");
    if (world > 1) {
        env.insert("RANK", QString::number(rank));
        env.insert("LOCAL_RANK", QString::number(rank));
        env.insert("WORLD_SIZE", QString::number(world));
        env.insert("LOCAL_WORLD_SIZE", QString::number(world));
        env.insert("MASTER_ADDR", "127.0.0.1");
        env.insert("MASTER_PORT", QString::number(port));
    }
    launch->process.setProcessEnvironment(env);
    launch->process.start(cli(), QStringList{"train"} + arguments);
    return launch;
}

void finish(Launch& launch, int timeoutMs = 300000)
{
    launch.process.waitForFinished(timeoutMs);
    launch.out = QString::fromUtf8(launch.process.readAllStandardOutput());
    launch.err = QString::fromUtf8(launch.process.readAllStandardError());
}

// step -> loss, from --json's step events (full double precision).
std::map<int, double> lossesOf(const QString& jsonLines)
{
    std::map<int, double> losses;
    for (const QString& line : jsonLines.split('\n', Qt::SkipEmptyParts)) {
        const auto event = nlohmann::json::parse(line.toStdString(), nullptr, false);
        if (event.is_discarded() || event.value("event", "") != "step") continue;
        losses[event.at("step").get<int>()] = event.at("loss").get<double>();
    }
    return losses;
}

// The step column of a run's metrics.csv.
std::vector<int> metricSteps(const QString& runDirectory)
{
    std::ifstream file((runDirectory + "/metrics.csv").toStdString());
    std::string line;
    std::getline(file, line);
    std::vector<int> steps;
    while (std::getline(file, line))
        if (!line.empty()) steps.push_back(std::stoi(line.substr(0, line.find(','))));
    return steps;
}

// Runs `world` ranks of `megatoken train arguments` to the end; rank 0's stdout and everyone's
// stderr.
QString runRanks(const QStringList& arguments, int world, QString* errors = nullptr)
{
    const int port = freePort();
    std::vector<std::unique_ptr<Launch>> ranks;
    for (int r = 0; r < world; ++r) ranks.push_back(start(arguments, r, world, port));
    QString err;
    bool ok = true;
    for (auto& r : ranks) {
        finish(*r);
        err += r->err;
        ok = ok && r->process.exitStatus() == QProcess::NormalExit && r->process.exitCode() == 0;
    }
    if (errors) *errors = err;
    if (!ok) qWarning("%s", qPrintable(err.right(4000)));
    return ok ? ranks.front()->out : QString();
}

void compareLosses(const std::map<int, double>& expected, const std::map<int, double>& actual, int first, int last)
{
    for (int step = first; step <= last; ++step) {
        QVERIFY2(expected.count(step) && actual.count(step), qPrintable(QString("step %1 missing").arg(step)));
        const double a = expected.at(step), b = actual.at(step);
        QVERIFY2(
            std::abs(a - b) <= 1e-5,
            qPrintable(QString("step %1: one process %2, several %3").arg(step).arg(a, 0, 'g', 12).arg(b, 0, 'g', 12)));
    }
}

}  // namespace

class TestDistributedTraining : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::map<int, double> single_;  // one process, 20 steps

private slots:
    void initTestCase()
    {
        QVERIFY(QFileInfo::exists(cli()));
        const QString config = writeConfig(dir_.path(), 20);
        const QString out = runRanks({"--config", config, "--name", "single", "--json"}, 1);
        QVERIFY(!out.isEmpty());
        single_ = lossesOf(out);
        QCOMPARE(single_.size(), std::size_t{20});
    }

    void twoRanksTakeOneProcesssSteps()
    {
        const QString config = dir_.path() + "/config.json";
        const QString out = runRanks({"--config", config, "--name", "two", "--json"}, 2);
        QVERIFY(!out.isEmpty());
        const auto losses = lossesOf(out);
        QCOMPARE(losses.size(), std::size_t{20});
        compareLosses(single_, losses, 1, 20);
        std::vector<int> expected(20);
        std::iota(expected.begin(), expected.end(), 1);
        QCOMPARE(metricSteps(dir_.path() + "/runs/two"), expected);
        // Rank 0 alone wrote the run: one run directory, its eval rows from the sharded evaluation.
        QVERIFY(!QFileInfo::exists(dir_.path() + "/runs/two-2"));
        QVERIFY(QFileInfo::exists(dir_.path() + "/runs/two/predictions.tsv"));
    }

    void resumesOnOtherWorldSizes_data()
    {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("then");
        QTest::newRow("2 ranks, then 4") << 2 << 4;
        QTest::newRow("2 ranks, then 1") << 2 << 1;
    }
    void resumesOnOtherWorldSizes()
    {
        QFETCH(int, first);
        QFETCH(int, then);
        const QString name = QString("resumed-%1-%2").arg(first).arg(then);
        const QString config = writeConfig(dir_.path() + "/" + name, 10);
        const QString before = runRanks({"--config", config, "--name", name, "--json"}, first);
        QVERIFY(!before.isEmpty());
        const QString after = runRanks(
            {"--resume", "--out", dir_.path() + "/" + name + "/runs", "--name", name, "--steps", "20", "--json"}, then);
        QVERIFY(!after.isEmpty());
        compareLosses(single_, lossesOf(before), 1, 10);
        const auto resumed = lossesOf(after);
        QCOMPARE(resumed.begin()->first, 11);
        compareLosses(single_, resumed, 11, 20);
        std::vector<int> expected(20);
        std::iota(expected.begin(), expected.end(), 1);
        QCOMPARE(metricSteps(dir_.path() + "/" + name + "/runs/" + name), expected);
    }

    void nprocLaunchesLocalRanks()
    {
        const QString config = dir_.path() + "/config.json";
        auto launch = start({"--config", config, "--name", "nproc", "--json", "--nproc", "2"}, 0, 1, 0);
        finish(*launch);
        QVERIFY2(launch->process.exitCode() == 0, qPrintable(launch->err.right(3000)));
        QVERIFY(launch->err.contains("2 processes on this host"));
        compareLosses(single_, lossesOf(launch->out), 1, 20);
        QVERIFY(launch->out.contains("x 2 processes (Gloo)"));
    }

    void mismatchedConfigsAreNamed()
    {
        const QString config = dir_.path() + "/config.json";
        const int port = freePort();
        auto rank0 =
            start({"--config", config, "--name", "mismatch", "--set", "run.distributed_timeout_s=20"}, 0, 2, port);
        auto rank1 = start({"--config", config, "--name", "mismatch", "--set", "run.distributed_timeout_s=20", "--set",
                            "gates.tau=0.5"},
                           1, 2, port);
        finish(*rank0);
        finish(*rank1);
        QCOMPARE(rank0->process.exitCode(), 1);
        QCOMPARE(rank1->process.exitCode(), 1);
        QVERIFY2(rank0->err.contains("the ranks' configs differ: gates.tau (1.0 on rank 0, 0.5 on rank 1)"),
                 qPrintable(rank0->err.right(2000)));
        QVERIFY2(rank1->err.contains("gates.tau"), qPrintable(rank1->err.right(2000)));
    }

    void portInUseIsNamed()
    {
        // Something else listens on the port: rank 0 cannot serve the rendezvous there.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_ANY);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        QCOMPARE(::listen(fd, 4), 0);
        socklen_t length = sizeof address;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        const int port = ntohs(address.sin_port);
        auto rank0 =
            start({"--config", dir_.path() + "/config.json", "--name", "busy", "--set", "run.distributed_timeout_s=5"},
                  0, 2, port);
        finish(*rank0, 120000);
        ::close(fd);
        QCOMPARE(rank0->process.exitCode(), 1);
        QVERIFY2(
            rank0->err.contains("rank 0 of 2: could not serve the rendezvous at 127.0.0.1:" + QString::number(port)),
            qPrintable(rank0->err.right(2000)));
        QVERIFY(rank0->err.contains("if the port is in use, choose another MASTER_PORT"));
    }

    void aSilentRankIsNamed()
    {
        // Rank 1 never comes: rank 0 gives up at its timeout and says so. LibTorch 1.13's store
        // lets rank 0 on, and Gloo's connection names the missing rank; 2.x's store itself waits for
        // the clients and counts them.
        auto rank0 =
            start({"--config", dir_.path() + "/config.json", "--name", "alone", "--set", "run.distributed_timeout_s=3"},
                  0, 2, freePort());
        finish(*rank0, 120000);
        QCOMPARE(rank0->process.exitCode(), 1);
        QVERIFY2(rank0->err.contains("rank 0 of 2: could not connect the Gloo process group within 3 s "
                                     "(run.distributed_timeout_s): rank 1 never joined") ||
                     rank0->err.contains("not every rank joined within 3 s (run.distributed_timeout_s): Timed out "
                                         "after 4 seconds waiting for clients. 1/2 clients joined."),
                 qPrintable(rank0->err.right(2000)));
    }
};

QTEST_GUILESS_MAIN(TestDistributedTraining)
#include "tst_distributed_training_torch.moc"
