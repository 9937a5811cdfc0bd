// The safetensors reader and writer (core/io/Safetensors) against the reference implementation:
// files written by safetensors.torch.save_file (tests/data/safetensors/, made by
// scripts/make-safetensors-fixtures.py) read back exactly, the F16 and BF16 conversions agree with
// torch's for all 65,536 bit patterns of each, and our writer's output is byte-identical to
// save_file's. Damaged headers, lying offsets, files truncated after opening and broken sharded
// checkpoints are refused with the file and the tensor named; a full disk keeps the earlier file.
#include "core/io/Safetensors.h"

#include "core/io/AtomicFile.h"
#include "support/ErrorMessage.h"
#include "support/FileSizeLimit.h"
#include "support/TestFiles.h"

#include <QtTest>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

#include <sys/stat.h>

using namespace megatoken;
using megatoken::test::messageOf;
namespace fs = std::filesystem;

namespace {

const QString kFixtures = QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/safetensors");
constexpr float kInf = std::numeric_limits<float>::infinity();
const float kNaN = std::numeric_limits<float>::quiet_NaN();

std::string fixture(const QString& name)
{
    return (kFixtures + "/" + name).toStdString();
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::uint32_t bitsOf(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

// Equal bit for bit (so -0.0 is not 0.0), or both NaN (the payload is not compared).
bool sameFloat(float a, float b)
{
    return (std::isnan(a) && std::isnan(b)) || bitsOf(a) == bitsOf(b);
}

// "" when equal, else where they first differ.
QString compareFloats(const std::vector<float>& actual, const QList<float>& expected)
{
    if (actual.size() != std::size_t(expected.size()))
        return QString("%1 values, expected %2").arg(actual.size()).arg(expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i)
        if (!sameFloat(actual[i], expected[int(i)]))
            return QString("element %1: %2 (0x%3), expected %4 (0x%5)")
                .arg(i)
                .arg(double(actual[i]))
                .arg(bitsOf(actual[i]), 8, 16, QChar('0'))
                .arg(double(expected[int(i)]))
                .arg(bitsOf(expected[int(i)]), 8, 16, QChar('0'));
    return {};
}

QByteArray lengthPrefix(quint64 n)
{
    QByteArray bytes(8, '\0');
    for (int i = 0; i < 8; ++i) bytes[i] = char((n >> (8 * i)) & 0xff);
    return bytes;
}

// A safetensors file: the header's length, the header, the data.
QByteArray safetensorsBytes(const QByteArray& header, const QByteArray& data = {})
{
    return lengthPrefix(quint64(header.size())) + header + data;
}

std::vector<float> readFloats(const SafetensorsFile& file, const SafetensorsTensor& tensor)
{
    std::vector<float> values(std::size_t(tensor.numel()));
    file.readAsFloat32(tensor, values.data());
    return values;
}

std::vector<float> readFloats(const SafetensorsCheckpoint& checkpoint, const std::string& name)
{
    const SafetensorsTensor* tensor = checkpoint.find(name);
    if (!tensor) return {};
    std::vector<float> values(std::size_t(tensor->numel()));
    checkpoint.readAsFloat32(*tensor, values.data());
    return values;
}

QString safetensorsErrorOf(const std::function<void()>& action)
{
    return messageOf<SafetensorsError>(action);
}

// The what() as bytes, for messages that quote bytes that are not UTF-8.
std::string safetensorsWhatOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const SafetensorsError& error) {
        return error.what();
    }
    return {};
}

// The tensors of writer-reference.safetensors (scripts/make-safetensors-fixtures.py,
// writer_tensors), in the reference writer's order (by name).
struct WriterTensors {
    std::vector<float> a = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 1.5f};
    std::vector<float> b = {kInf, -0.0f, -kInf, 0x1p-149f, 3.0f};
    std::vector<float> quoted = {7.0f};
    float scalar = 3.25f;
    std::vector<SafetensorsEntry> entries() const
    {
        return {{"a.weight", {2, 3}, a.data()},
                {"b.bias", {5}, b.data()},
                {"empty", {0, 4}, nullptr},
                {"name \"quoted\" \\ \xc3\xbc\xe4\xb8\xad\x01\t/", {1}, quoted.data()},
                {"scalar", {}, &scalar}};
    }
};

}  // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private slots:
    // values.safetensors as save_file laid it out: the tensors sorted by dtype, then name (the
    // file order), absolute offsets, the metadata.
    void readsTheHeaderOfAReferenceFile()
    {
        const std::string path = fixture("values.safetensors");
        const SafetensorsFile file = SafetensorsFile::open(path);
        QCOMPARE(file.path(), path);
        std::vector<std::string> names;
        for (const SafetensorsTensor& tensor : file.tensors()) {
            names.push_back(tensor.name);
            QCOMPARE(tensor.file, path);
        }
        const std::vector<std::string> order = {"ids", "empty", "f32", "scalar", "bf16", "empty_bf16", "f16"};
        QCOMPARE(names, order);
        QCOMPARE(file.metadata(), (std::map<std::string, std::string>{
                                      {"format", "pt"}, {"note", "made by scripts/make-safetensors-fixtures.py"}}));
        QCOMPARE(file.headerSize(), std::uint64_t(512));
        QCOMPARE(file.fileSize(), std::uint64_t(8 + 512 + 108));
        const SafetensorsTensor* f32 = file.find("f32");
        QVERIFY(f32);
        QCOMPARE(f32->dtype, std::string("F32"));
        QCOMPARE(f32->shape, (std::vector<std::int64_t>{2, 5}));
        QCOMPARE(f32->begin, std::uint64_t(8 + 512 + 24));
        QCOMPARE(f32->end, std::uint64_t(8 + 512 + 64));
        QCOMPARE(f32->numel(), std::int64_t(10));
        QCOMPARE(file.find("scalar")->shape, std::vector<std::int64_t>{});
        QCOMPARE(file.find("scalar")->numel(), std::int64_t(1));
        QCOMPARE(file.find("empty_bf16")->numel(), std::int64_t(0));
        QVERIFY(!file.find("missing"));
        QVERIFY(!file.find("__metadata__"));
    }

    void readsValuesExactly_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<float>>("expected");
        QTest::newRow("F32 with inf, NaN, subnormals, -0.0, FLT_MAX")
            << "f32"
            << QList<float>{1.0f, -2.5f, kInf, -kInf, kNaN, 0x1p-149f, 0x1p-126f, -0.0f, 0x1.fffffep127f, 0.1f};
        QTest::newRow("F16: largest, smallest subnormal and normal, 0.1 rounded")
            << "f16" << QList<float>{1.0f, -2.5f, 65504.0f, 0x1p-24f, 0x1p-14f, -0.0f, kInf, -kInf, kNaN, 0x1.998p-4f};
        QTest::newRow("BF16: largest, smallest subnormal and normal, 0.1 rounded")
            << "bf16"
            << QList<float>{1.0f, -2.5f, 0x1.fep127f, 0x1p-133f, 0x1p-126f, -0.0f, kInf, -kInf, kNaN, 0x1.9ap-4f};
        QTest::newRow("scalar") << "scalar" << QList<float>{42.5f};
        QTest::newRow("F32 of zero elements") << "empty" << QList<float>{};
        QTest::newRow("BF16 of zero elements") << "empty_bf16" << QList<float>{};
    }

    void readsValuesExactly()
    {
        QFETCH(QString, name);
        QFETCH(QList<float>, expected);
        const SafetensorsFile file = SafetensorsFile::open(fixture("values.safetensors"));
        const SafetensorsTensor* tensor = file.find(name.toStdString());
        QVERIFY(tensor);
        const QString difference = compareFloats(readFloats(file, *tensor), expected);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void readsOtherDtypesAsBytes()
    {
        const SafetensorsFile file = SafetensorsFile::open(fixture("values.safetensors"));
        const SafetensorsTensor* ids = file.find("ids");
        QVERIFY(ids);
        std::int64_t values[3] = {};
        file.readBytes(*ids, values);
        QCOMPARE(values[0], std::int64_t(1));
        QCOMPARE(values[1], std::int64_t(-2));
        QCOMPARE(values[2], std::int64_t(3));
    }

    void otherDtypesAreNotFloat32()
    {
        const std::string path = fixture("values.safetensors");
        const SafetensorsFile file = SafetensorsFile::open(path);
        std::vector<float> out(3);
        const QString message = safetensorsErrorOf([&] { file.readAsFloat32(*file.find("ids"), out.data()); });
        QCOMPARE(message, QString::fromStdString(path) +
                              ": tensor 'ids': dtype I64 cannot be read as float32 (F32, F16 and BF16 can)");
    }

    // Every F16 (BF16) bit pattern, in a file we write, read through readAsFloat32 and converted
    // alone, against torch's float32 value of it (half-floats.safetensors).
    void halfFloatsMatchTorchForEveryBitPattern_data()
    {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<QString>("reference");
        QTest::newRow("F16") << "F16"
                             << "f16";
        QTest::newRow("BF16") << "BF16"
                              << "bf16";
    }

    void halfFloatsMatchTorchForEveryBitPattern()
    {
        QFETCH(QString, dtype);
        QFETCH(QString, reference);
        const SafetensorsFile references = SafetensorsFile::open(fixture("half-floats.safetensors"));
        const std::vector<float> expected = readFloats(references, *references.find(reference.toStdString()));
        QCOMPARE(expected.size(), std::size_t(65536));

        QByteArray data(2 * 65536, '\0');
        for (int i = 0; i < 65536; ++i) {
            data[2 * i] = char(i & 0xff);
            data[2 * i + 1] = char(i >> 8);
        }
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "all.safetensors",
                                                 safetensorsBytes("{\"all\":{\"dtype\":\"" + dtype.toUtf8() +
                                                                      "\",\"shape\":[256,256],\"data_offsets\":[0," +
                                                                      QByteArray::number(data.size()) + "]}}",
                                                                  data));
        const SafetensorsFile file = SafetensorsFile::open(path);
        const std::vector<float> read = readFloats(file, file.tensors().front());
        const auto convert = dtype == "F16" ? float16ToFloat32 : bfloat16ToFloat32;
        int mismatches = 0, nans = 0;
        QString first;
        for (std::size_t i = 0; i < 65536; ++i) {
            const float alone = convert(std::uint16_t(i));
            if (!sameFloat(read[i], expected[i]) || !sameFloat(alone, expected[i])) {
                if (mismatches++ == 0)
                    first = QString("pattern 0x%1: read %2, converted %3, torch %4")
                                .arg(i, 4, 16, QChar('0'))
                                .arg(double(read[i]))
                                .arg(double(alone))
                                .arg(double(expected[i]));
            }
            nans += std::isnan(expected[i]);
        }
        QVERIFY2(mismatches == 0, qPrintable(QString("%1 mismatches; first %2").arg(mismatches).arg(first)));
        QCOMPARE(nans, dtype == "F16" ? 2 * 1023 : 2 * 127);  // all NaN patterns, both signs
    }

    // Our writer against save_file: the same tensors, in name order, the same metadata.
    void writerMatchesTheReferenceByteForByte_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<bool>("empty");
        QTest::newRow("tensors, an escaped name, a scalar, a zero-size tensor, metadata")
            << "writer-reference.safetensors" << false;
        QTest::newRow("no tensor, no metadata") << "writer-reference-empty.safetensors" << true;
    }

    void writerMatchesTheReferenceByteForByte()
    {
        QFETCH(QString, reference);
        QFETCH(bool, empty);
        QTemporaryDir dir;
        const std::string path = dir.filePath("ours.safetensors").toStdString();
        const WriterTensors tensors;
        if (empty)
            writeSafetensors(path, {});
        else
            writeSafetensors(path, tensors.entries(), {{"format", "pt"}});
        const std::string expected = readAll(fixture(reference));
        QVERIFY(!expected.empty());
        QCOMPARE(QByteArray::fromStdString(readAll(path)), QByteArray::fromStdString(expected));
    }

    void writtenFilesReadBack()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("round-trip.safetensors").toStdString();
        std::vector<float> big(300000);
        for (std::size_t i = 0; i < big.size(); ++i) big[i] = float(i) * 0.25f - 7.0f;  // several write chunks
        const WriterTensors small;
        std::vector<SafetensorsEntry> entries = small.entries();
        entries.insert(entries.begin(), {"z.big", {3, 100000}, big.data()});  // not in name order
        writeSafetensors(path, entries, {{"b", "2"}, {"a", "1"}});

        const SafetensorsFile file = SafetensorsFile::open(path);
        QCOMPARE((file.headerSize() % 8), std::uint64_t(0));
        QCOMPARE(file.metadata(), (std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}}));
        QCOMPARE(file.tensors().size(), entries.size());
        for (std::size_t t = 0; t < entries.size(); ++t) {
            const SafetensorsTensor& tensor = file.tensors()[t];
            QCOMPARE(tensor.name, entries[t].name);  // in the given order
            QCOMPARE(tensor.dtype, std::string("F32"));
            QCOMPARE(tensor.shape, entries[t].shape);
            const std::vector<float> read = readFloats(file, tensor);
            const QList<float> expected(entries[t].data, entries[t].data + read.size());
            const QString difference = compareFloats(read, expected);
            QVERIFY2(difference.isEmpty(), qPrintable(QString::fromStdString(tensor.name) + ": " + difference));
        }
    }

    void writerRefusesBadEntries_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<qint64>>("shape");
        QTest::addColumn<bool>("twice");
        QTest::addColumn<bool>("nullData");
        QTest::addColumn<QString>("expected");  // after "<path>: "
        QTest::newRow("name used twice") << "w" << QList<qint64>{2} << true << false
                                         << "tensor 'w': the name is used twice";
        QTest::newRow("the metadata's name") << "__metadata__" << QList<qint64>{1} << false << false
                                             << "tensor '__metadata__': the name is reserved for the metadata";
        QTest::newRow("negative dimension")
            << "w" << QList<qint64>{2, -3} << false << false << "tensor 'w': negative dimension -3";
        QTest::newRow("element count overflows") << "w" << QList<qint64>{1LL << 32, 1LL << 32} << false << false
                                                 << "tensor 'w': the element count or byte size of the shape overflows";
        QTest::newRow("byte size overflows") << "w" << QList<qint64>{1LL << 62} << false << false
                                             << "tensor 'w': the element count or byte size of the shape overflows";
        QTest::newRow("no data") << "w" << QList<qint64>{2} << false << true << "tensor 'w': no data for 2 elements";
        QTest::newRow("name not UTF-8") << QString::fromLatin1("bad\xff") << QList<qint64>{2} << false << false << "";
    }

    void writerRefusesBadEntries()
    {
        QFETCH(QString, name);
        QFETCH(QList<qint64>, shape);
        QFETCH(bool, twice);
        QFETCH(bool, nullData);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("refused.safetensors").toStdString();
        const float data[2] = {1.0f, 2.0f};
        const std::string tensorName = expected.isEmpty() ? std::string("bad\xff") : name.toStdString();
        const SafetensorsEntry entry{tensorName, {shape.begin(), shape.end()}, nullData ? nullptr : data};
        std::vector<SafetensorsEntry> entries{entry};
        if (twice) entries.push_back(entry);
        const std::string message = safetensorsWhatOf([&] { writeSafetensors(path, entries); });
        if (expected.isEmpty())
            QCOMPARE(message, path + ": tensor 'bad\xff': the name is not valid UTF-8");
        else
            QCOMPARE(QString::fromStdString(message), QString::fromStdString(path) + ": " + expected);
        QVERIFY2(fs::is_empty(dir.path().toStdString()), "nothing may be written");
    }

    void writerRefusesMetadataThatIsNotUtf8()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("refused.safetensors").toStdString();
        const std::string message = safetensorsWhatOf([&] {
            writeSafetensors(path, {}, {{"key", std::string("\xc3(", 2)}});
        });
        QCOMPARE(message, path + ": metadata string '\xc3(' is not valid UTF-8");
    }

    void writerNamesAMissingFolder()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("no/such/folder/model.safetensors").toStdString();
        const float value = 1.0f;
        const QString message = messageOf<FileWriteError>([&] { writeSafetensors(path, {{"w", {}, &value}}); });
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": cannot write ("), qPrintable(message));
    }

    // A full disk (RLIMIT_FSIZE: write(2) fails with EFBIG part-way) while a file is replaced: the
    // writer throws FileWriteError naming it, and the earlier file stays whole, no temporary left.
    void fullDiskKeepsTheEarlierFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.safetensors").toStdString();
        const WriterTensors small;
        writeSafetensors(path, small.entries(), {{"format", "pt"}});
        const std::string before = readAll(path);
        std::vector<float> big(100000, 0.5f);
        QString message;
        {
            const testing::FileSizeLimit limit(4096);
            QVERIFY(limit.active());
            message = messageOf<FileWriteError>([&] { writeSafetensors(path, {{"big", {100000}, big.data()}}); });
        }
        QCOMPARE(message,
                 QString::fromStdString(path) + ": write error (" + QString::fromLocal8Bit(std::strerror(EFBIG)) + ")");
        QCOMPARE(readAll(path), before);
        QCOMPARE(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator()), 1);
        QCOMPARE(SafetensorsFile::open(path).tensors().size(), std::size_t(5));
    }

    // Files the reference reader accepts: padding, entries in any order, fields it ignores.
    void acceptsWhatTheReferenceAccepts_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("order");  // the tensors in file order
        const QByteArray eight(8, '\x01');
        QTest::newRow("no tensor") << safetensorsBytes("{}") << QStringList{};
        QTest::newRow("padded with spaces, newlines and tabs")
            << safetensorsBytes(" \n{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}\t   ", eight)
            << QStringList{"a"};
        QTest::newRow("entries out of offset order (offsets decide)")
            << safetensorsBytes("{\"b\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[4,8]},"
                                "\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}",
                                eight)
            << QStringList{"a", "b"};
        QTest::newRow("unknown fields ignored, empty metadata")
            << safetensorsBytes("{\"__metadata__\":{},\"a\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8],"
                                "\"extra\":[1,{}]}}",
                                eight)
            << QStringList{"a"};
        QTest::newRow("zero-size tensors between others")
            << safetensorsBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                                "\"z\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]},"
                                "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                                eight)
            << QStringList{"a", "z", "b"};
        QTest::newRow("metadata null (as absent), an unknown field twice")
            << safetensorsBytes("{\"__metadata__\":null,\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8],"
                                "\"x\":1,\"x\":2}}",
                                eight)
            << QStringList{"a"};
        QTest::newRow("F4, two to a byte")
            << safetensorsBytes("{\"a\":{\"dtype\":\"F4\",\"shape\":[4,4],\"data_offsets\":[0,8]}}", eight)
            << QStringList{"a"};
    }

    void acceptsWhatTheReferenceAccepts()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, order);
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "good.safetensors", bytes);
        QStringList names;
        try {
            const SafetensorsFile file = SafetensorsFile::open(path);
            for (const SafetensorsTensor& tensor : file.tensors()) names << QString::fromStdString(tensor.name);
        } catch (const SafetensorsError& error) {
            QFAIL(error.what());
        }
        QCOMPARE(names, order);
    }

    void refusesDamagedFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");  // the message after "<path>: ", or its start when it ends in "..."
        const auto tensor = [](const QByteArray& fields) -> QByteArray { return "{\"w\":{" + fields + "}}"; };
        const QByteArray f32x2 = "\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]";
        const QByteArray eight(8, '\0');

        QTest::newRow("empty file") << QByteArray() << "empty file, not a safetensors file";
        QTest::newRow("shorter than 8 bytes")
            << QByteArray("\x02\0\0\0\0", 5)
            << "file of 5 bytes is too short for a safetensors header (8 bytes or more)";
        QTest::newRow("header length beyond the file")
            << lengthPrefix(100) + "{}"
            << "header length 100 bytes goes beyond the end of the file (10 bytes; truncated, or not a safetensors "
               "file?)";
        QTest::newRow("header length over 100 MB")
            << lengthPrefix(100000001) + "{}"
            << "header length 100000001 bytes exceeds the limit of 100000000 bytes (not a safetensors file?)";
        QTest::newRow("header length 2^64-1")
            << lengthPrefix(~quint64(0)) + "{}"
            << "header length 18446744073709551615 bytes exceeds the limit of 100000000 bytes (not a safetensors "
               "file?)";
        QTest::newRow("header length 0") << lengthPrefix(0) << "header is not valid JSON (...";
        QTest::newRow("not JSON") << safetensorsBytes("{\"w\": nope}") << "header is not valid JSON (...";
        QTest::newRow("not UTF-8") << safetensorsBytes("{\"\xff\":{}}") << "header is not valid JSON (...";
        QTest::newRow("padded with NUL bytes") << safetensorsBytes(QByteArray("{}\0\0\0\0\0\0", 8))
                                               << "header is not valid JSON (a NUL byte at byte 2 of it)";
        QTest::newRow("a NUL byte, then more JSON")  // nlohmann's parser would stop at the NUL
            << safetensorsBytes(QByteArray("{}\0", 3) + "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}")
            << "header is not valid JSON (a NUL byte at byte 2 of it)";
        QTest::newRow("an array") << safetensorsBytes("[1,2]") << "header is not a JSON object (it is array)";
        QTest::newRow("a string") << safetensorsBytes("\"w\"") << "header is not a JSON object (it is string)";
        QTest::newRow("entry not an object")
            << safetensorsBytes("{\"w\":[]}") << "tensor 'w': entry is not an object (it is array)";
        QTest::newRow("no dtype") << safetensorsBytes(tensor("\"shape\":[2],\"data_offsets\":[0,8]"), eight)
                                  << "tensor 'w': no \"dtype\"";
        QTest::newRow("dtype not a string")
            << safetensorsBytes(tensor("\"dtype\":32,\"shape\":[2],\"data_offsets\":[0,8]"), eight)
            << "tensor 'w': \"dtype\" is not a string";
        QTest::newRow("unknown dtype") << safetensorsBytes(
                                              tensor("\"dtype\":\"F12\",\"shape\":[2],\"data_offsets\":[0,8]"), eight)
                                       << "tensor 'w': unknown dtype 'F12'";
        QTest::newRow("no shape") << safetensorsBytes(tensor("\"dtype\":\"F32\",\"data_offsets\":[0,8]"), eight)
                                  << "tensor 'w': no \"shape\"";
        QTest::newRow("shape not an array")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]"), eight)
            << "tensor 'w': \"shape\" is not an array";
        QTest::newRow("negative shape") << safetensorsBytes(
                                               tensor("\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]"), eight)
                                        << "tensor 'w': shape has a negative dimension (-2)";
        QTest::newRow("fractional shape")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]"), eight)
            << "tensor 'w': shape has a dimension that is not an integer (2.5)";
        QTest::newRow("dimension beyond int64")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[9223372036854775808],\"data_offsets\":[0,8]"),
                                eight)
            << "tensor 'w': shape dimension 9223372036854775808 overflows int64";
        QTest::newRow("no offsets") << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[2]"), eight)
                                    << "tensor 'w': no \"data_offsets\"";
        QTest::newRow("one offset") << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8]"),
                                                        eight)
                                    << "tensor 'w': \"data_offsets\" is not two non-negative integers [begin, end]";
        QTest::newRow("negative offset")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]"), eight)
            << "tensor 'w': \"data_offsets\" is not two non-negative integers [begin, end]";
        QTest::newRow("offsets out of order")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]"), eight)
            << "tensor 'w': data_offsets [8, 0] end before they begin";
        QTest::newRow("end beyond the file (a lying header)")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]"), eight)
            << "tensor 'w': data_offsets [0, 16] end beyond the data, which are 8 bytes (truncated file, or a "
               "header that does not match it)";
        QTest::newRow("offsets far beyond the file")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[18446744073709551608,"
                                       "18446744073709551615]"),
                                eight)
            << "tensor 'w': data_offsets [18446744073709551608, 18446744073709551615] end beyond the data, which are "
               "8 bytes (truncated file, or a header that does not match it)";
        QTest::newRow("numel * size != end - begin")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]"), eight)
            << "tensor 'w': data_offsets [0, 8] hold 8 bytes, but 3 elements of F32 take 12";
        QTest::newRow("shape product overflows")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]"),
                                eight)
            << "tensor 'w': the element count of shape [4294967296,4294967296] overflows int64";
        QTest::newRow("byte size overflows")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,8]"),
                                eight)
            << "tensor 'w': the byte size of shape [4611686018427387904] overflows";
        QTest::newRow("not whole bytes") << safetensorsBytes(
                                                tensor("\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,8]"), eight)
                                         << "tensor 'w': 3 elements of F4 are not a whole number of bytes";
        QTest::newRow("overlap") << safetensorsBytes(
                                        "{\"a\":{" + f32x2 +
                                            "},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                                        QByteArray(12, '\0'))
                                 << "tensor 'b': data_offsets [4, 12] overlap tensor 'a', which ends at 8";
        QTest::newRow("the same bytes twice")
            << safetensorsBytes("{\"a\":{" + f32x2 + "},\"b\":{" + f32x2 + "}}", eight)
            << "tensor 'b': data_offsets [0, 8] overlap tensor 'a', which ends at 8";
        QTest::newRow("gap")
            << safetensorsBytes("{\"a\":{" + f32x2 +
                                    "},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}",
                                QByteArray(20, '\0'))
            << "tensor 'b': data_offsets [12, 20] leave a gap of 4 bytes after tensor 'a', which ends at 8";
        QTest::newRow("gap before the first tensor")
            << safetensorsBytes(tensor("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]"), QByteArray(12, '\0'))
            << "tensor 'w': data_offsets [4, 12] leave a gap: the 4 bytes before it are no tensor's";
        QTest::newRow("bytes after the last tensor")
            << safetensorsBytes(tensor(f32x2), QByteArray(12, '\0'))
            << "the last 4 bytes of the file are no tensor's data (the header does not cover the file)";
        QTest::newRow("data but no tensor")
            << safetensorsBytes("{}", eight)
            << "the last 8 bytes of the file are no tensor's data (the header does not cover the file)";
        // The reference keeps the last entry of a name given twice; we refuse it.
        QTest::newRow("a name twice") << safetensorsBytes("{\"w\":{" + f32x2 + "},\"w\":{" + f32x2 + "}}", eight)
                                      << "tensor 'w': appears twice in the header";
        // Found by fuzz_safetensors against the reference reader, which refuses it.
        QTest::newRow("a field twice") << safetensorsBytes("{\"w\":{\"shape\":[4]," + f32x2 + "}}", eight)
                                       << "tensor 'w': \"shape\" appears twice in its entry";
        QTest::newRow("metadata twice") << safetensorsBytes("{\"__metadata__\":{},\"__metadata__\":{}}")
                                        << "\"__metadata__\" appears twice in the header";
        QTest::newRow("byte order mark") << safetensorsBytes("\xef\xbb\xbf{}     ")
                                         << "header is not valid JSON (it begins with a byte order mark)";
        QTest::newRow("metadata not an object") << safetensorsBytes("{\"__metadata__\":[]}")
                                                << "\"__metadata__\" is not an object of strings (it is array)";
        QTest::newRow("metadata value not a string") << safetensorsBytes("{\"__metadata__\":{\"steps\":10}}")
                                                     << "\"__metadata__\": 'steps' is not a string (it is number)";
    }

    void refusesDamagedFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "damaged.safetensors", bytes);
        const QString message = safetensorsErrorOf([&] { SafetensorsFile::open(path); });
        const QString full = QString::fromStdString(path) + ": " + expected;
        if (expected.endsWith("..."))
            QVERIFY2(message.startsWith(full.chopped(3)), qPrintable(message));
        else
            QCOMPARE(message, full);
    }

    void namesAFileItCannotOpen()
    {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("missing.safetensors").toStdString();
        QCOMPARE(safetensorsErrorOf([&] { SafetensorsFile::open(missing); }),
                 QString::fromStdString(missing) + ": cannot open (" + QString::fromLocal8Bit(std::strerror(ENOENT)) +
                     ")");
        const std::string folder = dir.path().toStdString();
        QCOMPARE(safetensorsErrorOf([&] { SafetensorsFile::open(folder); }),
                 QString::fromStdString(folder) + ": not a regular file");
        const std::string fifo = dir.filePath("fifo.safetensors").toStdString();  // would block a plain open
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        QCOMPARE(safetensorsErrorOf([&] { SafetensorsFile::open(fifo); }),
                 QString::fromStdString(fifo) + ": not a regular file");
        const std::string index = dir.filePath("model.safetensors.index.json").toStdString();
        QCOMPARE(::mkfifo(index.c_str(), 0600), 0);
        QCOMPARE(safetensorsErrorOf([&] { SafetensorsCheckpoint::openFolder(folder); }),
                 QString::fromStdString(index) + ": not a regular file");
    }

    // The file shrinks between open() and a read: the read names the file and the tensor; the
    // tensors still wholly inside the file read as before.
    void fileTruncatedAfterOpen()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("values.safetensors").toStdString();
        fs::copy_file(fixture("values.safetensors"), path);
        const SafetensorsFile file = SafetensorsFile::open(path);
        fs::resize_file(path, file.fileSize() - 4);
        std::vector<float> out(10);
        const QString message = safetensorsErrorOf([&] { file.readAsFloat32(*file.find("f16"), out.data()); });
        QCOMPARE(message, QString::fromStdString(path) +
                              ": tensor 'f16': the file is shorter than its header says: the tensor's data end at byte "
                              "628, the file is now 624 bytes (truncated since it was opened?)");
        fs::resize_file(path, 8 + 512 + 30);  // inside f32
        QVERIFY(
            safetensorsErrorOf([&] {
                file.readAsFloat32(*file.find("f32"), out.data());
            }).startsWith(QString::fromStdString(path) + ": tensor 'f32': the file is shorter than its header says"));
        QCOMPARE(readFloats(file, *file.find("empty")).size(), std::size_t(0));
        std::int64_t ids[3] = {};
        file.readBytes(*file.find("ids"), ids);
        QCOMPARE(ids[1], std::int64_t(-2));
    }

    void refusesATensorOfAnotherFile()
    {
        const SafetensorsFile values = SafetensorsFile::open(fixture("values.safetensors"));
        const SafetensorsFile single = SafetensorsFile::open(fixture("single/model.safetensors"));
        float out[10];
        const QString message = safetensorsErrorOf([&] { single.readAsFloat32(*values.find("f32"), out); });
        QCOMPARE(message, QString::fromStdString(single.path()) +
                              ": tensor 'f32': not a tensor of this file (it names " +
                              QString::fromStdString(values.path()) + ")");
        SafetensorsTensor made = *single.find("lm_head.weight");
        made.end += 4;  // a copy changed by hand: not trusted
        QVERIFY(!safetensorsErrorOf([&] { single.readAsFloat32(made, out); }).isEmpty());
        made.shape = {-1, 2};
        QVERIFY(safetensorsErrorOf([&] { made.numel(); }).contains("tensor 'lm_head.weight'"));
    }

    void readsAShardedCheckpoint()
    {
        const std::string folder = fixture("sharded");
        const SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint::openFolder(folder);
        const std::vector<std::string> names = {"decoder.block.0.weight", "encoder.block.0.weight",
                                                "encoder.final_layer_norm.weight", "shared.weight"};
        QCOMPARE(checkpoint.names(), names);
        const std::string shard1 = folder + "/model-00001-of-00002.safetensors";
        const std::string shard2 = folder + "/model-00002-of-00002.safetensors";
        QCOMPARE(checkpoint.files(), (std::vector<std::string>{shard1, shard2}));
        QCOMPARE(checkpoint.find("shared.weight")->file, shard2);
        QCOMPARE(checkpoint.find("shared.weight")->dtype, std::string("F16"));
        QCOMPARE(checkpoint.find("decoder.block.0.weight")->dtype, std::string("BF16"));
        QVERIFY(!checkpoint.find("lm_head.weight"));

        QList<float> encoder;
        for (int i = 0; i < 12; ++i) encoder << float(i) / 8;
        QCOMPARE(compareFloats(readFloats(checkpoint, "encoder.block.0.weight"), encoder), QString());
        QCOMPARE(compareFloats(readFloats(checkpoint, "encoder.final_layer_norm.weight"), {1.0f, 0.5f, -0.25f}),
                 QString());
        QCOMPARE(compareFloats(readFloats(checkpoint, "decoder.block.0.weight"), {-2, -1, 0, 1, 2, 3}), QString());
        QCOMPARE(compareFloats(readFloats(checkpoint, "shared.weight"), {0.5f, -1.0f, 2.0f, 65504.0f}), QString());
    }

    void readsAOneFileCheckpoint()
    {
        const std::string folder = fixture("single");
        for (const SafetensorsCheckpoint& checkpoint :
             {SafetensorsCheckpoint::openFolder(folder),
              SafetensorsCheckpoint::openFile(folder + "/model.safetensors")}) {
            QCOMPARE(checkpoint.names(), std::vector<std::string>{"lm_head.weight"});
            QCOMPARE(checkpoint.files(), std::vector<std::string>{folder + "/model.safetensors"});
            QCOMPARE(compareFloats(readFloats(checkpoint, "lm_head.weight"), {1, 2, 3, 4}), QString());
        }
    }

    void folderWithoutACheckpoint()
    {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        QCOMPARE(safetensorsErrorOf([&] { SafetensorsCheckpoint::openFolder(folder); }),
                 QString::fromStdString(folder) +
                     ": no checkpoint here: neither model.safetensors.index.json nor model.safetensors");
        const std::string missing = folder + "/gone";
        QCOMPARE(safetensorsErrorOf([&] { SafetensorsCheckpoint::openFolder(missing); }),
                 QString::fromStdString(missing) +
                     ": not a folder (looked for model.safetensors.index.json and model.safetensors in it)");
    }

    // A damaged sharded checkpoint: the index file (with the two good shards beside it) as given.
    // In `expected`, {dir} is the folder and {index} the index file.
    void refusesBrokenIndexes_data()
    {
        QTest::addColumn<QByteArray>("index");
        QTest::addColumn<QString>("expected");  // the whole message, or its start when it ends in "..."
        const QByteArray shard1 = "model-00001-of-00002.safetensors";
        const QByteArray shard2 = "model-00002-of-00002.safetensors";
        const auto withMap = [&](const QByteArray& extra) -> QByteArray {
            return "{\"metadata\":{\"total_size\":80},\"weight_map\":{\"decoder.block.0.weight\":\"" + shard2 +
                   "\",\"encoder.block.0.weight\":\"" + shard1 + "\",\"encoder.final_layer_norm.weight\":\"" + shard1 +
                   "\"" + extra + "}}";
        };
        QTest::newRow("well-formed (only shared.weight unlisted)") << withMap("") << "";
        QTest::newRow("broken JSON") << QByteArray("{\"weight_map\": {") << "{index}: not valid JSON (...";
        QTest::newRow("a NUL byte") << QByteArray("{}\0", 3) + "{\"weight_map\": 1}"
                                    << "{index}: not valid JSON (a NUL byte at byte 2)";
        QTest::newRow("not an object") << QByteArray("[]") << "{index}: not a JSON object (it is array)";
        QTest::newRow("no weight_map") << QByteArray("{\"metadata\":{}}")
                                       << "{index}: no \"weight_map\" object (tensor name -> shard file)";
        QTest::newRow("weight_map value not a string")
            << QByteArray("{\"weight_map\":{\"w\":1}}")
            << "{index}: tensor 'w': weight_map value is not a file name (it is number)";
        QTest::newRow("missing shard")
            << withMap(",\"lm_head.weight\":\"model-00003-of-00003.safetensors\"")
            << "{index}: tensor 'lm_head.weight': its shard {dir}/model-00003-of-00003.safetensors is missing";
        QTest::newRow("shard path going up")
            << withMap(",\"x\":\"../" + shard1 + "\"")
            << "{index}: tensor 'x': shard path '../model-00001-of-00002.safetensors' is not a file inside the "
               "index's folder (absolute, empty or \"..\")";
        QTest::newRow("shard path going up inside")
            << withMap(",\"x\":\"sub/../../" + shard1 + "\"")
            << "{index}: tensor 'x': shard path 'sub/../../model-00001-of-00002.safetensors' is not a file inside "
               "the index's folder (absolute, empty or \"..\")";
        QTest::newRow("absolute shard path")
            << withMap(",\"x\":\"/etc/passwd\"")
            << "{index}: tensor 'x': shard path '/etc/passwd' is not a file inside the index's folder (absolute, "
               "empty or \"..\")";
        QTest::newRow("empty shard path")
            << withMap(",\"x\":\"\"")
            << "{index}: tensor 'x': shard path '' is not a file inside the index's folder (absolute, empty or "
               "\"..\")";
        QTest::newRow("a tensor its shard lacks")
            << withMap(",\"encoder.missing\":\"" + shard1 + "\"")
            << "{index}: tensor 'encoder.missing': not in its shard {dir}/model-00001-of-00002.safetensors (the "
               "index says it is)";
        QTest::newRow("a tensor in the other shard")
            << withMap(",\"shared.weight\":\"" + shard1 + "\"")
            << "{index}: tensor 'shared.weight': not in its shard {dir}/model-00001-of-00002.safetensors (the index "
               "says it is)";
        QTest::newRow("a tensor in two shards")
            << withMap(",\"shared.weight\":\"" + shard2 + "\",\"extra\":\"model-00003.safetensors\"")
            << "{index}: tensor 'shared.weight': in two shards, {dir}/model-00002-of-00002.safetensors and "
               "{dir}/model-00003.safetensors";
        QTest::newRow("a damaged shard") << withMap(",\"y\":\"damaged.safetensors\"")
                                         << "{dir}/damaged.safetensors: file of 3 bytes is too short "
                                            "for a safetensors header (8 bytes or more)";
    }

    void refusesBrokenIndexes()
    {
        QFETCH(QByteArray, index);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        for (const char* shard : {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"})
            fs::copy_file(fixture(QString("sharded/") + shard), folder + "/" + shard);
        const float value = 1.0f;
        writeSafetensors(folder + "/model-00003.safetensors", {{"extra", {}, &value}, {"shared.weight", {}, &value}});
        test::writeFile(dir, "damaged.safetensors", "\x01\x02\x03");
        const std::string indexPath = test::writeFile(dir, "model.safetensors.index.json", index);
        const QString message = safetensorsErrorOf([&] { SafetensorsCheckpoint::openFolder(folder); });
        const QString full = QString(expected)
                                 .replace("{index}", QString::fromStdString(indexPath))
                                 .replace("{dir}", QString::fromStdString(folder));
        if (expected.endsWith("..."))
            QVERIFY2(message.startsWith(full.chopped(3)), qPrintable(message));
        else
            QCOMPARE(message, full);
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
