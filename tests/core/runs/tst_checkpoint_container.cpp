// The checks in front of LibTorch's checkpoint reader (no LibTorch here): archives laid out as
// LibTorch writes them pass; truncated, bit-flipped or misshapen ones are refused with the file
// and the problem named. The archives are built with libzip in memory.
#include "core/runs/CheckpointContainer.h"

#include "core/runs/RunFileError.h"
#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

#include <QtTest>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

using namespace megatoken;
using Entries = std::vector<std::pair<std::string, std::string>>;
Q_DECLARE_METATYPE(Entries)

namespace {

// The entries of a small checkpoint as LibTorch names them.
Entries checkpointEntries()
{
    return {{"step-00000001.pt/data.pkl", std::string("\x80\x02}q\x00.", 6)},
            {"step-00000001.pt/data/0", std::string(4096, '\x11')},
            {"step-00000001.pt/constants.pkl", std::string("\x80\x02).", 4)},
            {"step-00000001.pt/version", "3\n"}};
}

// A ZIP archive of `entries`, stored uncompressed as PyTorchStreamWriter does.
std::string zipOf(const Entries& entries)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    if (!archive) qFatal("zip_open_from_source: %s", zip_error_strerror(&error));
    zip_source_keep(target);
    for (const auto& [name, bytes] : entries) {
        zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
        const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) qFatal("zip_file_add: %s", zip_strerror(archive));
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    if (zip_close(archive) != 0) qFatal("zip_close failed");
    std::string bytes;
    zip_source_open(target);
    zip_source_seek(target, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(target);
    zip_source_seek(target, 0, SEEK_SET);
    bytes.resize(static_cast<std::size_t>(size));
    zip_source_read(target, bytes.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(target);
    zip_source_free(target);
    return bytes;
}

// The offset of the first occurrence of `needle` in `bytes` (a byte inside an entry's data).
std::size_t offsetOf(const std::string& bytes, const std::string& needle)
{
    const std::size_t at = bytes.find(needle);
    if (at == std::string::npos) qFatal("needle not found");
    return at;
}

}  // namespace

class TestCheckpointContainer : public QObject {
    Q_OBJECT

private slots:
    void aCheckpointLaidOutAsLibTorchWritesItPasses()
    {
        const std::string bytes = zipOf(checkpointEntries());
        const auto info = checkCheckpointContainer(bytes.data(), bytes.size(), "step-00000001.pt");
        QCOMPARE(info.folder, std::string("step-00000001.pt"));
        QCOMPARE(info.formatVersion, std::int64_t{3});
        QCOMPARE(info.entries, std::size_t{4});
        QCOMPARE(info.payloadBytes, std::uint64_t{6 + 4096 + 4 + 2});
        // The same through a file.
        QTemporaryDir folder;
        const std::string path = folder.path().toStdString() + "/step-00000001.pt";
        test::writeFile(path, bytes);
        QCOMPARE(checkCheckpointContainer(path).entries, std::size_t{4});
    }

    void damagedCheckpointsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        const std::string good = zipOf(checkpointEntries());
        const auto row = [](const char* name, const std::string& bytes, const char* problem) {
            QTest::newRow(name) << QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())) << QString(problem);
        };
        row("empty", "", "not a readable checkpoint");
        row("not a zip", std::string(300, 'x'), "Not a zip archive");
        row("truncated in the central directory", good.substr(0, good.size() - 40), "not a readable checkpoint");
        row("truncated in the data", good.substr(0, 2000), "not a readable checkpoint");
        std::string flipped = good;
        flipped[offsetOf(flipped, std::string(64, '\x11')) + 100] ^= 0x04;
        row("one bit flipped in a tensor", flipped, "entry 'step-00000001.pt/data/0': CRC error");
        Entries noPickle = checkpointEntries();
        noPickle.erase(noPickle.begin());
        row("no data.pkl", zipOf(noPickle), "no data.pkl in 'step-00000001.pt/'");
        Entries noVersion = checkpointEntries();
        noVersion.pop_back();
        row("no version", zipOf(noVersion), "no version entry");
        Entries badVersion = checkpointEntries();
        badVersion.back().second = "three\n";
        row("a version that is no number", zipOf(badVersion), "the version entry is not a positive integer");
        Entries twoFolders = checkpointEntries();
        twoFolders[1].first = "other/data/0";
        row("two top folders", zipOf(twoFolders), "entry 'other/data/0' is outside the top folder 'step-00000001.pt'");
        Entries noFolder = checkpointEntries();
        noFolder[0].first = "data.pkl";
        row("no top folder", zipOf(noFolder), "entry 'data.pkl' is not inside the archive's top folder");
    }

    void damagedCheckpointsAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        const QString message = test::messageOf<RunFileError>([&] {
            checkCheckpointContainer(bytes.constData(), static_cast<std::size_t>(bytes.size()), "runs/a/step-1.pt");
        });
        QVERIFY2(message.startsWith("runs/a/step-1.pt: "), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
    }

    void aMissingFileIsNamed()
    {
        const QString message = test::messageOf<RunFileError>(
            [&] { checkCheckpointContainer(std::string("/nonexistent/step-00000009.pt")); });
        QVERIFY2(message.startsWith("/nonexistent/step-00000009.pt: "), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestCheckpointContainer)
#include "tst_checkpoint_container.moc"
