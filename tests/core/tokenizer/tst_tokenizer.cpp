#include <QtTest>

#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <thread>

#include "core/tokenizer/Tokenizer.h"

using megatoken::Tokenizer;
using megatoken::TokenizerError;
using megatoken::TokenizerTrainOptions;

namespace {

// Lines in other scripts, repeated so that every character they use makes the vocabulary.
const std::vector<std::string> kNonAsciiLines{
    "A naïve café owner served crème brûlée.",
    "Grüße aus Köln, sagte der Bäcker.",
    "Привет, мир! Как дела?",
    "Москва и Санкт-Петербург большие города.",
    "El niño comió una piña en la mañana.",
    "Ελληνικά γράμματα είναι όμορφα.",
};

// A few thousand English sentences from a small grammar: varied enough for a 300-piece vocabulary,
// deterministic, and free of licensing questions.
std::vector<std::string> trainingSentences()
{
    const std::vector<std::string> determiners{"the",  "a",   "every", "our", "her",   "this",
                                               "that", "one", "some",  "his", "their", "my"};
    const std::vector<std::string> adjectives{
        "old",     "young",    "quiet",    "tired",   "curious", "wooden",    "broken",   "ancient",
        "yellow",  "northern", "empty",    "strange", "heavy",   "important", "frozen",   "difficult",
        "public",  "bright",   "careful",  "famous",  "gentle",  "hungry",    "narrow",   "patient",
        "rusty",   "silver",   "sudden",   "tiny",    "wealthy", "anxious",   "clever",   "distant",
        "elegant", "fragile",  "generous", "honest",  "modern",  "noisy",     "ordinary", "peaceful"};
    const std::vector<std::string> nouns{
        "farmer",   "teacher",   "neighbour",  "committee", "engineer", "librarian",  "student",     "captain",
        "nurse",    "mayor",     "brother",    "orchestra", "cat",      "scientist",  "grandmother", "baker",
        "stranger", "soldier",   "journalist", "fence",     "bicycle",  "manuscript", "apple",       "bridge",
        "bottle",   "newspaper", "noise",      "village",   "coin",     "train",      "suitcase",    "garden",
        "letter",   "river",     "painting",   "table",     "problem",  "library",    "storm",       "morning",
        "festival", "harbour",   "moon",       "station",   "winter",   "valley",     "church",      "kitchen",
        "window",   "mountain",  "island",     "forest",    "castle",   "market",     "doctor",      "lawyer",
        "pilot",    "musician",  "painter",    "merchant",  "sailor",   "shepherd",   "emperor",     "telescope",
        "umbrella", "lantern",   "blanket",    "violin",    "hammer",   "ladder",     "basket",      "carpet",
        "mirror",   "pocket",    "ribbon",     "saddle",    "thunder",  "volcano",    "whistle",     "anchor"};
    const std::vector<std::string> verbs{
        "painted",    "repaired",   "discovered", "measured",  "carried",   "described", "ignored",      "borrowed",
        "questioned", "celebrated", "examined",   "delivered", "organized", "forgot",    "photographed", "recommended",
        "translated", "protected",  "abandoned",  "counted",   "admired",   "believed",  "climbed",      "defended",
        "embraced",   "followed",   "guarded",    "hesitated", "imagined",  "joined",    "kicked",       "launched",
        "mentioned",  "noticed",    "observed",   "pursued",   "quoted",    "rescued",   "searched",     "touched",
        "unlocked",   "visited",    "wrapped",    "yelled",    "zipped",    "announced", "balanced",     "cleaned",
        "dropped",    "explained"};
    const std::vector<std::string> prepositions{"near",    "behind", "under",   "across", "beside",
                                                "without", "during", "before",  "after",  "inside",
                                                "beyond",  "around", "against", "toward", "through"};
    std::vector<std::string> sentences;
    uint32_t state = 12345;
    auto pick = [&](const std::vector<std::string>& words) -> const std::string& {
        state = state * 1664525u + 1013904223u;  // a fixed LCG: same corpus on every platform
        return words[(state >> 8) % words.size()];
    };
    for (int i = 0; i < 3000; ++i) {
        std::string subject = pick(determiners) + " " + pick(adjectives) + " " + pick(nouns);
        subject[0] = char(std::toupper(static_cast<unsigned char>(subject[0])));
        sentences.push_back(subject + " " + pick(verbs) + " " + pick(determiners) + " " + pick(adjectives) + " " +
                            pick(nouns) + " " + pick(prepositions) + " the " + pick(nouns) + (i % 7 == 0 ? "?" : ".") +
                            (i % 11 == 0 ? " It was " + std::to_string(i % 60) + ":30." : ""));
    }
    for (int repeat = 0; repeat < 10; ++repeat)
        sentences.insert(sentences.end(), kNonAsciiLines.begin(), kNonAsciiLines.end());
    return sentences;
}

TokenizerTrainOptions smallOptions()
{
    TokenizerTrainOptions options;
    options.vocabSize = 300;
    options.characterCoverage = 1.0;  // keep the rare non-ASCII characters of kNonAsciiLines
    return options;
}

QString ids(const std::vector<int>& values)
{
    QStringList parts;
    for (int value : values) parts << QString::number(value);
    return parts.join(' ');
}

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

void writeFile(const QString& path, const std::string& bytes)
{
    std::ofstream out(path.toStdString(), std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

std::string readFile(const QString& path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Minimal protobuf writer, to build a model by hand with a layout this project never trains.
std::string varint(uint64_t value)
{
    std::string out;
    do {
        out += char((value & 0x7f) | (value > 0x7f ? 0x80 : 0));
        value >>= 7;
    } while (value);
    return out;
}
std::string bytesField(int field, const std::string& payload)
{
    return varint(uint64_t(field) << 3 | 2) + varint(payload.size()) + payload;
}
std::string pieceField(const std::string& piece, float score, int type)
{
    char scoreBytes[4];
    std::memcpy(scoreBytes, &score, 4);  // little-endian hosts only, like the rest of the project
    return bytesField(1, bytesField(1, piece) + varint(2 << 3 | 5) + std::string(scoreBytes, 4) + varint(3 << 3 | 0) +
                             varint(uint64_t(type)));
}

// Offset of the first top-level field that is not a piece, i.e. where trainer_spec starts.
size_t endOfPieces(const std::string& model)
{
    size_t pos = 0;
    while (pos < model.size() && model[pos] == char(1 << 3 | 2)) {
        ++pos;
        uint64_t length = 0;
        for (int shift = 0;; shift += 7) {
            const auto byte = static_cast<unsigned char>(model[pos++]);
            length |= uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80)) break;
        }
        pos += length;
    }
    return pos;
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::vector<std::string> sentences_;
    std::optional<Tokenizer> tokenizer_;
    std::optional<Tokenizer> byteFallback_;  // spells uncovered characters as byte pieces
    QString modelPath_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        sentences_ = trainingSentences();
        const std::string prefix = dir_.filePath("small").toStdString();
        try {
            tokenizer_.emplace(Tokenizer::train(sentences_, prefix, smallOptions()));
            TokenizerTrainOptions bytes = smallOptions();
            bytes.byteFallback = true;
            bytes.vocabSize = 500;
            byteFallback_.emplace(Tokenizer::train(sentences_, dir_.filePath("bytes").toStdString(), bytes));
        } catch (const TokenizerError& e) {
            QFAIL(e.what());
        }
        modelPath_ = dir_.filePath("small.model");
    }

    void writesModelAndVocab()
    {
        QVERIFY(QFileInfo(modelPath_).size() > 0);
        QVERIFY(QFileInfo(dir_.filePath("small.vocab")).size() > 0);
        QCOMPARE(qs(tokenizer_->modelPath()), modelPath_);
        QCOMPARE(tokenizer_->vocabSize(), 300);
    }

    void specialIdsFollowT5()
    {
        QCOMPARE(tokenizer_->padId(), 0);
        QCOMPARE(tokenizer_->eosId(), 1);
        QCOMPARE(tokenizer_->unkId(), 2);
        QCOMPARE(qs(tokenizer_->piece(0)), QString("<pad>"));
        QCOMPARE(qs(tokenizer_->piece(1)), QString("</s>"));
        QCOMPARE(qs(tokenizer_->piece(2)), QString("<unk>"));
        QCOMPARE(tokenizer_->pieceToId("</s>"), 1);
        QCOMPARE(tokenizer_->pieceToId("no such piece, surely"), tokenizer_->unkId());
        QCOMPARE(tokenizer_->pieceToId("<s>"), tokenizer_->unkId());  // no bos
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("training sentence") << qs(sentences_.at(0));
        QTest::newRow("new combination") << "The curious captain translated a strange noise near the harbour.";
        QTest::newRow("digits and punctuation") << "At 17:30, the 24 coins were counted?";
        QTest::newRow("single word") << "yesterday";
        QTest::newRow("latin accents") << "naïve café";
        QTest::newRow("german") << "Grüße aus Köln";
        QTest::newRow("cyrillic") << "Привет, мир";
        QTest::newRow("greek") << "Ελληνικά γράμματα";
        QTest::newRow("empty") << "";
    }
    void roundTrip()
    {
        QFETCH(QString, text);
        const std::string utf8 = text.toStdString();
        const std::vector<int> encoded = tokenizer_->encode(utf8);
        QVERIFY2(std::find(encoded.begin(), encoded.end(), tokenizer_->unkId()) == encoded.end(),
                 qPrintable(ids(encoded)));
        QCOMPARE(qs(tokenizer_->decode(encoded)), text);
    }

    void encodeAddsNoEos()
    {
        const std::vector<int> encoded = tokenizer_->encode("The baker counted the garden fence.");
        QVERIFY(!encoded.empty());
        QVERIFY(encoded.back() != tokenizer_->eosId());
        QVERIFY(std::all_of(encoded.begin(), encoded.end(),
                            [&](int id) { return id > 2 && id < tokenizer_->vocabSize(); }));
    }

    void decodeSkipsPadAndEos()
    {
        const std::string text = "The mayor forgot an important letter.";
        std::vector<int> padded = tokenizer_->encode(text);
        padded.push_back(tokenizer_->eosId());
        padded.insert(padded.end(), 5, tokenizer_->padId());
        QCOMPARE(qs(tokenizer_->decode(padded)), qs(text));
        QCOMPARE(qs(tokenizer_->decode({})), QString());
    }

    void uncoveredCharactersBecomeUnk()
    {
        const std::vector<int> encoded = tokenizer_->encode("I saw a 🦀 and a 漢 today.");
        QCOMPARE(std::count(encoded.begin(), encoded.end(), tokenizer_->unkId()), 2);
        QVERIFY(qs(tokenizer_->decode(encoded)).contains(QString::fromUtf8("⁇")));
    }

    void encodePiecesMatchesEncode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("english") << "Every student examined the frozen river around the island.";
        QTest::newRow("cyrillic") << "Москва большие города";
        QTest::newRow("with unk") << "a 🦀 crab";
    }
    void encodePiecesMatchesEncode()
    {
        QFETCH(QString, text);
        const std::vector<int> encoded = tokenizer_->encode(text.toStdString());
        const std::vector<std::string> pieces = tokenizer_->encodePieces(text.toStdString());
        QCOMPARE(pieces.size(), encoded.size());
        for (size_t i = 0; i < pieces.size(); ++i) {
            if (encoded[i] == tokenizer_->unkId()) continue;  // the piece is the unknown text
            QCOMPARE(tokenizer_->pieceToId(pieces[i]), encoded[i]);
            QCOMPARE(qs(tokenizer_->piece(encoded[i])), qs(pieces[i]));
        }
    }

    void displayPieceOfSpecials()
    {
        QCOMPARE(qs(tokenizer_->displayPiece(0)), QString("<pad>"));
        QCOMPARE(qs(tokenizer_->displayPiece(1)), QString("</s>"));
        QCOMPARE(qs(tokenizer_->displayPiece(2)), QString("<unk>"));
    }

    void displayPieceMarksWordStarts()
    {
        const int the = tokenizer_->pieceToId("\u2581the");
        QVERIFY(the != tokenizer_->unkId());
        QCOMPARE(qs(tokenizer_->displayPiece(the)), QString::fromUtf8("·the"));
        for (int id = 3; id < tokenizer_->vocabSize(); ++id) {
            const QString spelled = qs(tokenizer_->piece(id));
            QString expected = spelled;
            expected.replace(QChar(0x2581), QChar(0x00b7));
            QCOMPARE(qs(tokenizer_->displayPiece(id)), expected);
        }
    }

    void displayPieceOfBytes_data()
    {
        QTest::addColumn<QString>("piece");
        QTest::addColumn<QString>("shown");
        QTest::newRow("newline") << "<0x0A>" << QString::fromUtf8("⏎");
        QTest::newRow("tab") << "<0x09>" << QString::fromUtf8("⇥");
        QTest::newRow("space") << "<0x20>" << QString::fromUtf8("·");
        QTest::newRow("printable") << "<0x41>"
                                   << "A";
        QTest::newRow("control") << "<0x07>"
                                 << "<0x07>";
        QTest::newRow("utf-8 lead byte") << "<0xF0>"
                                         << "<0xF0>";
    }
    void displayPieceOfBytes()
    {
        QFETCH(QString, piece);
        QFETCH(QString, shown);
        const int id = byteFallback_->pieceToId(piece.toStdString());
        QVERIFY(id != byteFallback_->unkId());
        QCOMPARE(qs(byteFallback_->displayPiece(id)), shown);
    }

    void byteFallbackKeepsUncoveredCharacters()
    {
        const std::string crab = "a 🦀 crab";
        const std::vector<int> encoded = byteFallback_->encode(crab);
        QCOMPARE(std::count(encoded.begin(), encoded.end(), byteFallback_->unkId()), 0);
        QCOMPARE(qs(byteFallback_->decode(encoded)), qs(crab));
    }

    void outOfRangeIdsThrow_data()
    {
        QTest::addColumn<int>("id");
        QTest::newRow("negative") << -1;
        QTest::newRow("vocab size") << 300;
        QTest::newRow("huge") << (1 << 30);
    }
    void outOfRangeIdsThrow()
    {
        QFETCH(int, id);
        QVERIFY_THROWS_EXCEPTION(TokenizerError, tokenizer_->piece(id));
        QVERIFY_THROWS_EXCEPTION(TokenizerError, tokenizer_->displayPiece(id));
        try {
            tokenizer_->decode({5, id});
            QFAIL("decode accepted an id out of range");
        } catch (const TokenizerError& e) {
            QVERIFY2(QString(e.what()).contains("small.model"), e.what());
            QVERIFY2(QString(e.what()).contains(QString::number(id)), e.what());
        }
    }

    void serializedRoundTrip()
    {
        const std::string bytes = tokenizer_->serializedModel();
        QVERIFY(bytes.size() > 1000);
        const Tokenizer copy = Tokenizer::fromSerialized(bytes, "checkpoint/tokenizer");
        QVERIFY(copy.modelPath().empty());
        QCOMPARE(copy.vocabSize(), tokenizer_->vocabSize());
        QCOMPARE(copy.serializedModel() == bytes, true);
        for (size_t i = 0; i < sentences_.size(); i += 97)
            QCOMPARE(ids(copy.encode(sentences_[i])), ids(tokenizer_->encode(sentences_[i])));
    }

    void loadReadsTheSameModel()
    {
        const Tokenizer loaded = Tokenizer::load(modelPath_.toStdString());
        QCOMPARE(qs(loaded.modelPath()), modelPath_);
        for (size_t i = 0; i < sentences_.size(); i += 101)
            QCOMPARE(ids(loaded.encode(sentences_[i])), ids(tokenizer_->encode(sentences_[i])));
    }

    void movedTokenizerStillWorks()
    {
        Tokenizer a = Tokenizer::load(modelPath_.toStdString());
        Tokenizer b = std::move(a);
        QCOMPARE(ids(b.encode("The baker")), ids(tokenizer_->encode("The baker")));
        a = std::move(b);
        QCOMPARE(ids(a.encode("The baker")), ids(tokenizer_->encode("The baker")));
    }

    void specialIdsComeFromTheModel()
    {
        // sentencepiece's own default layout: unk 0, bos 1, eos 2, no pad.
        const std::string model = pieceField("<unk>", 0, 2) + pieceField("<s>", 0, 3) + pieceField("</s>", 0, 3) +
                                  pieceField("\u2581", -1, 1) + pieceField("a", -2, 1) + pieceField("b", -2, 1) +
                                  pieceField("\u2581ab", -1, 1) + bytesField(2, "") + bytesField(3, "");
        const Tokenizer foreign = Tokenizer::fromSerialized(model, "handmade.model");
        QCOMPARE(foreign.vocabSize(), 7);
        QCOMPARE(foreign.unkId(), 0);
        QCOMPARE(foreign.eosId(), 2);
        QCOMPARE(foreign.padId(), -1);
        QCOMPARE(ids(foreign.encode("ab")), QString("6"));
        QCOMPARE(qs(foreign.decode({1, 6, 2})), QString("ab"));
        QCOMPARE(qs(foreign.displayPiece(6)), QString::fromUtf8("·ab"));
    }

    void badHandmadeModelsThrow_data()
    {
        QTest::addColumn<QByteArray>("model");
        const std::string specs = bytesField(2, "") + bytesField(3, "");
        const std::string normal = pieceField("\u2581", -1, 1) + pieceField("a", -2, 1);
        QTest::newRow("no unk piece") << QByteArray::fromStdString(pieceField("<s>", 0, 3) + normal + specs);
        QTest::newRow("duplicate piece") << QByteArray::fromStdString(pieceField("<unk>", 0, 2) + normal +
                                                                      pieceField("a", -3, 1) + specs);
        QTest::newRow("broken normalization rules")
            << QByteArray::fromStdString(pieceField("<unk>", 0, 2) + normal + bytesField(2, "") +
                                         bytesField(3, bytesField(2, "not a compiled character map")));
        QTest::newRow("no specs") << QByteArray::fromStdString(pieceField("<unk>", 0, 2) + normal);
        QTest::newRow("group wire type") << QByteArray::fromStdString(std::string("\x0b\x0c") + specs);
    }
    void badHandmadeModelsThrow()
    {
        QFETCH(QByteArray, model);
        try {
            Tokenizer::fromSerialized(model.toStdString(), "handmade.model");
            QFAIL("loaded a bad model");
        } catch (const TokenizerError& e) {
            qDebug() << e.what();
            QVERIFY2(QString(e.what()).startsWith("handmade.model: not a sentencepiece model ("), e.what());
        }
    }

    void badModelFilesThrow_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("missing") << "missing";
        QTest::newRow("directory") << "directory";
        QTest::newRow("empty") << "empty";
        QTest::newRow("text") << "text";
        QTest::newRow("random bytes") << "random";
        QTest::newRow("first byte only") << "first byte";
        QTest::newRow("truncated in half") << "half";
        QTest::newRow("last byte missing") << "minus one";
        QTest::newRow("pieces only") << "pieces only";
        QTest::newRow("half of the pieces") << "half of the pieces";
    }
    void badModelFilesThrow()
    {
        QFETCH(QString, kind);
        const std::string good = readFile(modelPath_);
        const QString path = dir_.filePath("bad-" + QString(kind).replace(' ', '-') + ".model");
        if (kind == "directory") QVERIFY(QDir().mkpath(path));
        if (kind == "empty") writeFile(path, "");
        if (kind == "text") writeFile(path, "this is not a sentencepiece model\n");
        if (kind == "random") {
            std::string noise(4096, '\0');
            uint32_t state = 99;
            for (char& c : noise) c = char((state = state * 1103515245u + 12345u) >> 16);
            writeFile(path, noise);
        }
        if (kind == "first byte") writeFile(path, good.substr(0, 1));
        if (kind == "half") writeFile(path, good.substr(0, good.size() / 2));
        if (kind == "minus one") writeFile(path, good.substr(0, good.size() - 1));
        if (kind == "pieces only") writeFile(path, good.substr(0, endOfPieces(good)));
        if (kind == "half of the pieces") {
            const std::string pieces = good.substr(0, endOfPieces(good));
            writeFile(path, pieces.substr(0, endOfPieces(pieces.substr(0, pieces.size() / 2))));
        }
        try {
            Tokenizer::load(path.toStdString());
            QFAIL("loaded a bad model");
        } catch (const TokenizerError& e) {
            qDebug() << e.what();
            QVERIFY2(QString(e.what()).contains(path), e.what());
        }
    }

    void invalidTrainOptionsThrow_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("vocab 0") << "vocabSize";
        QTest::newRow("coverage 1.5") << "characterCoverage";
        QTest::newRow("model type") << "modelType";
        QTest::newRow("threads") << "numThreads";
        QTest::newRow("too few sentences sampled") << "maxSentences";
        QTest::newRow("empty text list") << "texts";
        QTest::newRow("every text over 1 MiB") << "longTexts";
    }
    void invalidTrainOptionsThrow()
    {
        QFETCH(QString, option);
        TokenizerTrainOptions options = smallOptions();
        std::vector<std::string> texts{"one sentence", "another sentence"};
        if (option == "vocabSize") options.vocabSize = 0;
        if (option == "characterCoverage") options.characterCoverage = 1.5;
        if (option == "modelType") options.modelType = "wordpiece";
        if (option == "numThreads") options.numThreads = -1;
        if (option == "maxSentences") options.maxSentences = 50;
        if (option == "texts") texts.clear();
        if (option == "longTexts") texts = {std::string((1 << 20) + 1, 'a'), std::string((1 << 20) + 5, 'b')};
        const QString prefix = dir_.filePath("invalid-" + option);
        try {
            Tokenizer::train(texts, prefix.toStdString(), options);
            QFAIL("trained with an invalid option");
        } catch (const TokenizerError& e) {
            QVERIFY2(QString(e.what()).contains(option == "longTexts" ? QString("split the corpus") : option),
                     e.what());
            QVERIFY2(QString(e.what()).contains(prefix), e.what());
        }
        QVERIFY(!QFile::exists(prefix + ".model"));
    }

    void linesLongerThanSentencePiecesDefaultTrain()
    {
        // sentencepiece skips sentences over 4192 bytes by default and then failed with an empty
        // message ("training failed (sentencepiece: )"); the limit now follows the longest text.
        std::vector<std::string> texts;
        for (int i = 0; i < 60; ++i) {
            std::string text;
            while (text.size() < 5000) text += "line " + std::to_string(i) + " has words and more words, ";
            texts.push_back(text);
        }
        TokenizerTrainOptions options = smallOptions();
        options.vocabSize = 32;
        const QString prefix = dir_.filePath("long-lines");
        std::optional<Tokenizer> tokenizer;
        try {
            tokenizer.emplace(Tokenizer::train(texts, prefix.toStdString(), options));
        } catch (const TokenizerError& e) {
            QFAIL(e.what());
        }
        QCOMPARE(tokenizer->vocabSize(), 32);
        QVERIFY(!tokenizer->encode("line 7 has words").empty());
    }

    void trainingFailureNamesThePrefix()
    {
        // Valid options, but 300 pieces cannot be drawn from two sentences.
        const QString prefix = dir_.filePath("tiny");
        try {
            Tokenizer::train({"one sentence", "another sentence"}, prefix.toStdString(), smallOptions());
            QFAIL("trained 300 pieces on two sentences");
        } catch (const TokenizerError& e) {
            qDebug() << e.what();
            QVERIFY2(QString(e.what()).contains(prefix), e.what());
            QVERIFY2(QString(e.what()).contains("training failed"), e.what());
        }
    }

    void encodeIsThreadSafe()
    {
        std::vector<std::vector<int>> expected;
        for (const std::string& sentence : sentences_) expected.push_back(tokenizer_->encode(sentence));
        std::atomic<int> mismatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (size_t i = t; i < sentences_.size(); ++i) {
                    const std::vector<int> encoded = tokenizer_->encode(sentences_[i]);
                    if (encoded != expected[i] || tokenizer_->decode(encoded) != sentences_[i]) ++mismatches;
                }
            });
        for (std::thread& thread : threads) thread.join();
        QCOMPARE(mismatches.load(), 0);
    }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
