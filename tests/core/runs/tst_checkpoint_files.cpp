// Finding, pruning and cleaning up checkpoint files as files (no LibTorch).
#include "core/runs/CheckpointFiles.h"

#include "support/TestFiles.h"

#include <QtTest>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>

using namespace megatoken;
using megatoken::test::writeFile;
namespace fs = std::filesystem;

namespace {

std::set<std::string> namesIn(const fs::path& folder)
{
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
}

// A pid that is surely not running: a child that has exited and been reaped.
std::string deadPid()
{
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return std::to_string(child);
}

}  // namespace

class TestCheckpointFiles : public QObject {
    Q_OBJECT

private slots:
    void newestIgnoresTemporaries()
    {
        QTemporaryDir temp;
        const fs::path run = temp.path().toStdString();
        QCOMPARE(latestCheckpoint(run.string()), std::string());  // no checkpoints folder
        writeFile(run / "checkpoints" / "step-00000005.pt", "a");
        writeFile(run / "checkpoints" / "step-00000010.pt", "b");
        // A writer killed while saving step 15 left only its temporary: not a checkpoint.
        writeFile(run / "checkpoints" / ("step-00000015.pt.tmp-" + deadPid() + "-3"), "partial");
        QCOMPARE(latestCheckpoint(run.string()), (run / "checkpoints" / "step-00000010.pt").string());
    }

    void pruneKeepsTheNewest()
    {
        QTemporaryDir temp;
        const fs::path folder = fs::path(temp.path().toStdString()) / "checkpoints";
        for (const char* name : {"step-00000001.pt", "step-00000002.pt", "step-00000010.pt", "notes.txt"})
            writeFile(folder / name, "x");
        pruneCheckpoints(folder.string(), 2);
        QCOMPARE(namesIn(folder), (std::set<std::string>{"step-00000002.pt", "step-00000010.pt", "notes.txt"}));
    }

    void staleTemporariesOfARunAreRemoved()
    {
        QTemporaryDir temp;
        const fs::path run = temp.path().toStdString();
        const std::string dead = deadPid();
        writeFile(run / ("status.json.tmp-" + dead + "-0"), "{");
        writeFile(run / "checkpoints" / ("step-00000020.pt.tmp-" + dead + "-5"), "partial");
        writeFile(run / "checkpoints" / "step-00000010.pt", "kept");
        writeFile(run / "metrics.csv", "step\n");
        QCOMPARE(removeStaleRunTemporaries(run.string()), std::size_t(2));
        QCOMPARE(namesIn(run), (std::set<std::string>{"checkpoints", "metrics.csv"}));
        QCOMPARE(namesIn(run / "checkpoints"), (std::set<std::string>{"step-00000010.pt"}));
    }
};

QTEST_APPLESS_MAIN(TestCheckpointFiles)
#include "tst_checkpoint_files.moc"
