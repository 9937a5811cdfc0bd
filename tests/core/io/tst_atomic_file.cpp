// writeFileAtomically: the new content or the old, never a mix, and every failure named with its
// path: a missing folder, a write that fails (a full disk, simulated with RLIMIT_FSIZE, which makes
// write(2) fail with EFBIG the way ENOSPC would), a rename that fails (the target is a folder).
#include <QtTest>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/resource.h>

#include "core/io/AtomicFile.h"

using namespace megatoken;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// No file but `keep` is left in `folder` (no temporaries).
bool onlyFileIs(const fs::path& folder, const std::string& keep)
{
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename() != keep) return false;
    return true;
}

template <typename F>
QString writeErrorOf(F&& f)
{
    try {
        f();
    } catch (const FileWriteError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "status.json";
        writeFileAtomically(path.string(), "first\n");
        QCOMPARE(readAll(path), std::string("first\n"));
        writeFileAtomically(path.string(), [](std::ostream& out) { out << "second " << 2 << '\n'; });
        QCOMPARE(readAll(path), std::string("second 2\n"));
        QVERIFY(onlyFileIs(path.parent_path(), "status.json"));
    }

    void missingFolderIsNamed()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("no/such/folder/metrics.csv").toStdString();
        const QString message = writeErrorOf([&] { writeFileAtomically(path, "x"); });
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": cannot write (No such file or directory)"),
                 qPrintable(message));
    }

    void failedWriteKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "eval.csv";
        writeFileAtomically(path.string(), "old content\n");
        // The file size limit makes write(2) fail part-way (EFBIG), as a full disk (ENOSPC) would.
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit previous{};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &previous) == 0);
        rlimit small = previous;
        small.rlim_cur = 4096;
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
        const QString message = writeErrorOf([&] { writeFileAtomically(path.string(), std::string(100000, 'x')); });
        ::setrlimit(RLIMIT_FSIZE, &previous);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY2(message.startsWith(QString::fromStdString(path.string()) + ": write error ("), qPrintable(message));
        QCOMPARE(readAll(path), std::string("old content\n"));
        QVERIFY2(onlyFileIs(path.parent_path(), "eval.csv"), "the temporary must be removed");
    }

    void failedRenameKeepsTheTarget()
    {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "sweep.csv";
        fs::create_directories(path / "occupied");  // a non-empty folder where the file should go
        const QString message = writeErrorOf([&] { writeFileAtomically(path.string(), "rows\n"); });
        QVERIFY2(message.startsWith(QString::fromStdString(path.string()) + ": cannot replace ("), qPrintable(message));
        QVERIFY(fs::is_directory(path / "occupied"));
        QVERIFY2(onlyFileIs(path.parent_path(), "sweep.csv"), "the temporary must be removed");
    }

    void throwingWriterLeavesNothing()
    {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "predictions.tsv";
        writeFileAtomically(path.string(), "kept\n");
        QVERIFY_THROWS_EXCEPTION(std::logic_error, writeFileAtomically(path.string(), [](std::ostream& out) {
                                     out << "half";
                                     throw std::logic_error("writer failed");
                                 }));
        QCOMPARE(readAll(path), std::string("kept\n"));
        QVERIFY(onlyFileIs(path.parent_path(), "predictions.tsv"));
    }

    void staleTemporariesOfDeadProcessesAreRemoved()
    {
        QTemporaryDir dir;
        const fs::path folder(dir.path().toStdString());
        // A pid that is surely not running: a child that has exited and been reaped.
        const pid_t child = ::fork();
        if (child == 0) ::_exit(0);
        QVERIFY(child > 0);
        int status = 0;
        QVERIFY(::waitpid(child, &status, 0) == child);
        const auto touch = [&](const std::string& name) { std::ofstream(folder / name) << "x"; };
        const std::string dead = std::to_string(child), alive = std::to_string(::getpid());
        touch("step-00000020.pt.tmp-" + dead + "-5");  // killed mid-checkpoint: removed
        touch("status.json.tmp-" + dead + "-0");       // removed
        touch("metrics.csv.tmp-" + alive + "-3");      // a live writer's (ours): kept
        touch("notes.tmp-abc");                        // not ours: kept
        touch("step-00000010.pt");                     // kept
        QCOMPARE(removeStaleTemporaries(folder.string()), std::size_t(2));
        std::set<std::string> left;
        for (const auto& entry : fs::directory_iterator(folder)) left.insert(entry.path().filename().string());
        QCOMPARE(left, (std::set<std::string>{"metrics.csv.tmp-" + alive + "-3", "notes.tmp-abc", "step-00000010.pt"}));
        QCOMPARE(removeStaleTemporaries((folder / "no-such-folder").string()), std::size_t(0));
    }

    void copiesAtomicallyAndNamesAMissingSource()
    {
        QTemporaryDir dir;
        const fs::path from = fs::path(dir.path().toStdString()) / "cache.model";
        const fs::path to = fs::path(dir.path().toStdString()) / "tokenizer.model";
        writeFileAtomically(from.string(), std::string("\0binary\n", 8));
        copyFileAtomically(from.string(), to.string());
        QCOMPARE(readAll(to), std::string("\0binary\n", 8));
        const QString message = writeErrorOf([&] { copyFileAtomically((from.string() + ".gone"), to.string()); });
        QVERIFY2(message.contains("cannot read " + QString::fromStdString(from.string()) + ".gone"),
                 qPrintable(message));
        QCOMPARE(readAll(to), std::string("\0binary\n", 8));
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
