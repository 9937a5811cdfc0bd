// LibTorch and the tokenizer in one process. Linking libsentencepiece directly beside libtorch
// crashes at start-up (two protobufs); this test reaching its first line is half the proof, the
// torch work before, with and after sentencepiece is the other half.
#include <torch/torch.h>

#include <QtTest>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "core/tokenizer/Tokenizer.h"

using megatoken::Tokenizer;
using megatoken::TokenizerTrainOptions;

namespace {

std::vector<std::string> sentences()
{
    const std::vector<std::string> words{"river",    "stone",   "garden",  "winter",  "lantern", "harbour",  "violin",
                                         "market",   "forest",  "castle",  "window",  "thunder", "anchor",   "basket",
                                         "mirror",   "saddle",  "quiet",   "bright",  "ancient", "gentle",   "narrow",
                                         "silver",   "distant", "honest",  "carried", "painted", "followed", "noticed",
                                         "measured", "visited", "guarded", "dropped"};
    std::vector<std::string> result;
    uint32_t state = 7;
    for (int i = 0; i < 2000; ++i) {
        std::string sentence = "The";
        for (int w = 0; w < 6; ++w) {
            state = state * 1664525u + 1013904223u;
            sentence += " " + words[(state >> 8) % words.size()];
        }
        result.push_back(sentence + ".");
    }
    return result;
}

// Whether a file whose path contains nameFragment is mapped into this process. /proc/self/maps
// rather than dl_iterate_phdr: under ASan the sentencepiece module lives in a link-map namespace of
// its own (SentencePieceApi.h), which dl_iterate_phdr does not list.
bool libraryLoaded(const std::string& nameFragment)
{
    std::ifstream maps("/proc/self/maps");
    for (std::string line; std::getline(maps, line);)
        if (line.find(nameFragment) != std::string::npos) return true;
    return false;
}

void checkMatmul()
{
    const torch::Tensor a = torch::arange(6, torch::kFloat32).reshape({2, 3});
    const torch::Tensor b = torch::ones({3, 2});
    const torch::Tensor expected = torch::tensor({3.0f, 3.0f, 12.0f, 12.0f}).reshape({2, 2});
    QVERIFY(torch::equal(a.matmul(b), expected));
}

}  // namespace

class TestTokenizerWithTorch : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<Tokenizer> tokenizer_;

private slots:
    // PyPI's libtorch.so exports its own copies of libstdc++'s std::filesystem functions; a binary
    // whose calls bind to them crashes in remove_all (cmake/MegatokenHelpers.cmake names libstdc++
    // first). Every binary that links LibTorch must get the working ones.
    void standardLibraryWinsOverLibTorchsCopies()
    {
        namespace fs = std::filesystem;
        const fs::path root = fs::temp_directory_path() / ("megatoken-fs-" + std::to_string(::getpid()));
        fs::create_directories(root / "a" / "b");
        std::ofstream(root / "a" / "b" / "file.txt") << "x";
        QCOMPARE(fs::remove_all(root), std::uintmax_t{4});
        QVERIFY(!fs::exists(root));
    }

    void torchWorksBeforeTheTokenizer() { checkMatmul(); }

    void trainInTheSameProcess()
    {
        TokenizerTrainOptions options;
        options.vocabSize = 80;
        options.numThreads = 2;
        try {
            tokenizer_.emplace(Tokenizer::train(sentences(), dir_.filePath("t").toStdString(), options));
        } catch (const megatoken::TokenizerError& e) {
            QFAIL(e.what());
        }
        QCOMPARE(tokenizer_->vocabSize(), 80);
        QVERIFY(libraryLoaded("libsentencepiece"));
        QVERIFY(libraryLoaded("libtorch"));
    }

    void embedTokenIds()
    {
        const std::string text = "The quiet river carried the silver lantern.";
        const std::vector<int> ids = tokenizer_->encode(text);
        QVERIFY(ids.size() >= 7);
        const torch::Tensor tokens = torch::tensor(std::vector<int64_t>(ids.begin(), ids.end()), torch::kInt64);

        torch::manual_seed(0);
        torch::nn::Embedding embedding(
            torch::nn::EmbeddingOptions(tokenizer_->vocabSize(), 16).padding_idx(tokenizer_->padId()));
        const torch::Tensor vectors = embedding(tokens);
        QCOMPARE(vectors.sizes().vec(), (std::vector<int64_t>{int64_t(ids.size()), 16}));
        for (size_t i = 0; i < ids.size(); ++i) QVERIFY(torch::equal(vectors[long(i)], embedding->weight[ids[i]]));

        // A padded batch of two: the pad rows embed to zeros.
        const int64_t length = int64_t(ids.size()) + 3;
        torch::Tensor batch = torch::full({2, length}, tokenizer_->padId(), torch::kInt64);
        batch[0].narrow(0, 0, tokens.size(0)).copy_(tokens);
        batch[1].narrow(0, 0, 2).copy_(tokens.narrow(0, 0, 2));
        const torch::Tensor embedded = embedding(batch);
        QCOMPARE(embedded.sizes().vec(), (std::vector<int64_t>{2, length, 16}));
        QCOMPARE(embedded[1].narrow(0, 2, length - 2).abs().sum().item<float>(), 0.0f);

        // Back from tensor to text.
        const torch::Tensor row = batch[0].contiguous();
        const std::vector<int> decodedIds(row.data_ptr<int64_t>(), row.data_ptr<int64_t>() + length);
        QCOMPARE(QString::fromStdString(tokenizer_->decode(decodedIds)), QString::fromStdString(text));
    }

    void loadAgainAfterTorchWork()
    {
        const Tokenizer loaded = Tokenizer::load(dir_.filePath("t.model").toStdString());
        QCOMPARE(loaded.encode("The gentle anchor."), tokenizer_->encode("The gentle anchor."));
    }

    void torchWorksAfterTheTokenizer()
    {
        checkMatmul();
        torch::Tensor w = torch::randn({4, 4}, torch::requires_grad());
        const torch::Tensor loss = w.matmul(torch::ones({4, 1})).pow(2).sum();
        loss.backward();
        QVERIFY(w.grad().defined());
        QCOMPARE(w.grad().sizes().vec(), (std::vector<int64_t>{4, 4}));
    }
};

QTEST_APPLESS_MAIN(TestTokenizerWithTorch)
#include "tst_tokenizer_with_torch_torch.moc"
