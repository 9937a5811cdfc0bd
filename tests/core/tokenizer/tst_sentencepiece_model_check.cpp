// The checks in front of sentencepiece (core/tokenizer/SentencePieceModelCheck): a hand-built
// character map (darts-clone double array + replacement strings) passes, and each way a damaged one
// would make sentencepiece read out of bounds is named. Whole models are tested in tst_tokenizer.
#include "core/tokenizer/SentencePieceModelCheck.h"

#include <QtTest>

#include <cstdint>
#include <string>
#include <vector>

using namespace megatoken;

namespace {

// darts-clone unit encodings (darts.h): an inner unit with a label, an offset (< 2^21, bit 9
// clear) and a leaf flag; a value unit (bit 31 set, so no label ever matches it).
uint32_t innerUnit(uint32_t label, uint32_t offset, bool hasLeaf)
{
    return (offset << 10) | (hasLeaf ? 1U << 8 : 0) | label;
}
uint32_t valueUnit(uint32_t value)
{
    return (1U << 31) | value;
}

// The blob sentencepiece stores: uint32 trie size in bytes, the units, then the strings.
std::string blobOf(const std::vector<uint32_t>& units, const std::string& strings)
{
    const uint32_t size = static_cast<uint32_t>(units.size() * sizeof(uint32_t));
    std::string blob(reinterpret_cast<const char*>(&size), sizeof size);
    blob.append(reinterpret_cast<const char*>(units.data()), size);
    return blob + strings;
}

// A two-block trie that maps "a" to the string at 0: the root's base is 256; 'a' lands on
// 256 ^ 0x61 = 353, whose offset 97 leads to 353 ^ 97 = 256, where the value unit sits.
std::vector<uint32_t> trieForA(uint32_t value = 0, uint32_t offsetOfA = 97)
{
    std::vector<uint32_t> units(512, 0);
    units[0] = innerUnit(0, 256, false);
    units[353] = innerUnit(0x61, offsetOfA, true);
    units[256] = valueUnit(value);
    return units;
}

}  // namespace

class TestSentencePieceModelCheck : public QObject {
    Q_OBJECT

private slots:
    void aSoundCharacterMapPasses()
    {
        QVERIFY(!precompiledCharsMapProblem(blobOf(trieForA(), std::string("b\0", 2))).has_value());
        QVERIFY(!precompiledCharsMapProblem("").has_value());  // no map: sentencepiece normalises nothing
    }

    void damagedCharacterMapsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("blob");
        QTest::addColumn<QString>("problem");
        const auto row = [](const char* name, const std::string& blob, const char* problem) {
            QTest::newRow(name) << QByteArray(blob.data(), static_cast<qsizetype>(blob.size())) << QString(problem);
        };
        const std::string strings("b\0", 2);
        // 353 ^ (97 ^ 512) = 768: past the 512 units.
        row("a state past the trie", blobOf(trieForA(0, 97 ^ 512), strings),
            "a trie state at 768 lies outside its 512 units");
        std::vector<uint32_t> rootOutside = trieForA();
        rootOutside[0] = innerUnit(0, 4096, false);
        row("the root past the trie", blobOf(rootOutside, strings), "a trie state at 4096 lies outside its 512 units");
        row("a replacement past the strings", blobOf(trieForA(7), strings),
            "a replacement at 7 lies outside its 2-byte string block");
        row("a replacement without its NUL", blobOf(trieForA(), "bc"), "a replacement at 0 lies outside its 2-byte");
        row("a trie too short for one block", blobOf(std::vector<uint32_t>(100, 0), strings),
            "a trie state at 0 lies outside its 100 units");
        row("an empty trie", blobOf({}, strings), "has an empty trie");
    }

    void damagedCharacterMapsAreNamed()
    {
        QFETCH(QByteArray, blob);
        QFETCH(QString, problem);
        const auto found = precompiledCharsMapProblem(std::string_view(blob.constData(), blob.size()));
        QVERIFY2(found.has_value(), "a damaged map passed");
        QVERIFY2(QString::fromStdString(*found).contains(problem), found->c_str());
    }

    void aModelWithADamagedMapIsRefused()
    {
        // ModelProto { pieces: {piece "<unk>", type UNKNOWN}, trainer_spec {}, normalizer_spec {
        // precompiled_charsmap: <damaged> } }
        const auto field = [](int number, const std::string& bytes) {
            std::string out(1, static_cast<char>(number << 3 | 2));
            for (std::size_t n = bytes.size();; n >>= 7) {
                out += static_cast<char>((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
                if (n <= 0x7f) break;
            }
            return out + bytes;
        };
        const std::string piece = field(1, field(1, "<unk>"));
        const std::string sound = piece + field(2, "") + field(3, field(2, blobOf(trieForA(), std::string("b\0", 2))));
        QVERIFY(!sentencePieceModelProblem(sound).has_value());
        const std::string damaged =
            piece + field(2, "") + field(3, field(2, blobOf(trieForA(9), std::string("b\0", 2))));
        const auto problem = sentencePieceModelProblem(damaged);
        QVERIFY(problem.has_value());
        QVERIFY2(QString::fromStdString(*problem).contains("character map is damaged"), problem->c_str());
        // The denormalizer's map (field 5) is checked as well.
        const auto denormalizer = sentencePieceModelProblem(sound + field(5, field(2, blobOf(trieForA(9), "b"))));
        QVERIFY(denormalizer.has_value());
    }
};

QTEST_GUILESS_MAIN(TestSentencePieceModelCheck)
#include "tst_sentencepiece_model_check.moc"
