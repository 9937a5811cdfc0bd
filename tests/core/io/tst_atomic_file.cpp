// writeFileAtomically: the new content or the old, never a mix, and every failure named with its
// path: a missing folder, a write that fails (a full disk, simulated with RLIMIT_FSIZE, which makes
// write(2) fail with EFBIG the way ENOSPC would), a rename that fails (the target is a folder).
// The same for files written in chunks (checkpoints) and for appended records (metrics rows),
// which are whole or absent.
#include <QtTest>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/resource.h>

#include "core/io/AtomicFile.h"
#include "support/FileSizeLimit.h"

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

// The system's words for an errno, as FileWriteError quotes them (in this locale's language).
QString systemReason(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
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
        QString message;
        {
            const testing::FileSizeLimit limit(4096);  // write(2) fails part-way (EFBIG), as on a full disk
            QVERIFY(limit.active());
            message = writeErrorOf([&] { writeFileAtomically(path.string(), std::string(100000, 'x')); });
        }
        QCOMPARE(message, QString::fromStdString(path.string()) + ": write error (" + systemReason(EFBIG) + ")");
        QCOMPARE(readAll(path), std::string("old content\n"));
        QVERIFY2(onlyFileIs(path.parent_path(), "eval.csv"), "the temporary must be removed");
    }

    void chunkedWriterCommitsWholeFiles()
    {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "step-00000010.pt";
        {
            AtomicFileWriter file(path.string());
            QVERIFY(file.write("PK", 2));
            QVERIFY(!fs::exists(path));  // nothing at the target before the commit
            QVERIFY(file.write(std::string(5000, 'w').data(), 5000));
            file.commit();
        }
        QCOMPARE(readAll(path), "PK" + std::string(5000, 'w'));
        QVERIFY(onlyFileIs(path.parent_path(), "step-00000010.pt"));
    }

    // A checkpoint streamed in chunks onto a full disk: the failed chunk and every later one
    // report false, commit() names the file and the system's reason, and the previous file stays.
    void chunkedWriterFailureKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "step-00000020.pt";
        writeFileAtomically(path.string(), "the previous checkpoint");
        const std::string chunk(3000, 'c');
        QString thrown, committed;
        {
            AtomicFileWriter file(path.string());
            const testing::FileSizeLimit limit(4096);
            QVERIFY(limit.active());
            QVERIFY(file.write(chunk.data(), chunk.size()));
            QVERIFY(!file.write(chunk.data(), chunk.size()));  // crosses 4096 bytes
            QVERIFY(!file.write("x", 1));                      // and stays failed
            thrown = writeErrorOf([&] { file.throwIfFailed(); });
            committed = writeErrorOf([&] { file.commit(); });
        }
        const QString expected = QString::fromStdString(path.string()) + ": write error (" + systemReason(EFBIG) + ")";
        QCOMPARE(thrown, expected);
        QCOMPARE(committed, expected);
        QCOMPARE(readAll(path), std::string("the previous checkpoint"));
        QVERIFY2(onlyFileIs(path.parent_path(), "step-00000020.pt"), "the temporary must be removed");
    }

    void chunkedWriterDestroyedUncommittedLeavesNothing()
    {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "step-00000030.pt";
        {
            AtomicFileWriter file(path.string());
            QVERIFY(file.write("half", 4));
        }  // an exception between the writes and the commit
        QVERIFY(fs::is_empty(path.parent_path()));
    }

    // metrics.csv on a full disk: a row is appended whole or not at all, whether the limit falls
    // inside it or right at its start, and the file takes rows again once there is room.
    void appendedRecordIsWholeOrAbsent_data()
    {
        QTest::addColumn<int>("room");  // bytes of the next record that still fit
        QTest::newRow("the disk fills inside the row") << 40;
        QTest::newRow("the disk is full before the row") << 0;
        QTest::newRow("one byte short") << 99;
    }

    void appendedRecordIsWholeOrAbsent()
    {
        QFETCH(int, room);
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "metrics.csv";
        const std::string before = "step,loss\n1,0.5\n2,0.25\n";
        const std::string record = std::string(99, '3') + "\n";  // 100 bytes
        AppendOnlyFile file(path.string());
        file.append("step,loss\n");
        file.append("1,0.5\n2,0.25\n");
        QCOMPARE(readAll(path), before);  // nothing waits in a buffer
        QString message;
        {
            const testing::FileSizeLimit limit(before.size() + static_cast<std::size_t>(room));
            QVERIFY(limit.active());
            message = writeErrorOf([&] { file.append(record); });
        }
        QCOMPARE(message, QString::fromStdString(path.string()) + ": write error (" + systemReason(EFBIG) + ")");
        QCOMPARE(readAll(path), before);  // no half row left behind
        file.append(record);
        QCOMPARE(readAll(path), before + record);
    }

    void appendOnlyFileNamesAMissingFolder()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("gone/eval.csv").toStdString();
        const QString message = writeErrorOf([&] { AppendOnlyFile file(path); });
        QCOMPARE(message, QString::fromStdString(path) + ": cannot write (" + systemReason(ENOENT) + ")");
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
