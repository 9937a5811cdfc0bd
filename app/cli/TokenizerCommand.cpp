#include "app/cli/TokenizerCommand.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/cli/CorpusOptions.h"
#include "app/cli/InterruptScope.h"
#include "app/cli/ProgressLine.h"
#include "core/data/Split.h"
#include "core/data/TextReader.h"
#include "core/tokenizer/Tokenizer.h"

namespace megatoken::cli {
namespace {

struct TrainArgs {
    CorpusOptions corpus;
    std::string out;
    TokenizerTrainOptions options;
    bool json = false;
};

struct EncodeArgs {
    std::string model;
    std::vector<std::string> texts;
    bool json = false;
};

void runTrain(TrainArgs& args)
{
    namespace fs = std::filesystem;
    const auto start = std::chrono::steady_clock::now();
    std::error_code error;
    fs::create_directories(args.out, error);
    if (error) throw std::runtime_error(args.out + ": cannot create the output directory (" + error.message() + ")");

    // Only the training split: validation and test texts stay unseen, as they will in training.
    // Ctrl-C cancels reading or training at once; the output directory keeps what it had.
    Feedback feedback;
    const InterruptScope interrupts(feedback);
    std::vector<std::string> texts;
    ReadStats stats;
    {
        ProgressLine progress("reading " + args.corpus.displayName());
        feedback.setListener([&progress](double fraction, const std::string&) { progress.update(fraction); });
        auto reader = openTextReader(args.corpus.toSpec(), &feedback);
        std::string text;
        while (reader->next(text))
            if (splitOf(text) == Split::Train) texts.push_back(text);
        stats = reader->stats();
        feedback.setListener({});
    }
    const double readSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!args.json)
        std::fprintf(stderr, "training a %s tokenizer (vocab %d) on %zu texts...\n", args.options.modelType.c_str(),
                     args.options.vocabSize, texts.size());

    const auto trainStart = std::chrono::steady_clock::now();
    const std::string prefix = (fs::path(args.out) / "tokenizer").string();
    Tokenizer tokenizer = [&] {
        ProgressLine progress("training the tokenizer");
        feedback.setListener([&progress](double fraction, const std::string&) { progress.update(fraction); });
        Tokenizer trained = Tokenizer::train(texts, prefix, args.options, &feedback);
        feedback.setListener({});
        return trained;
    }();
    const double trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - trainStart).count();

    if (args.json) {
        std::cout << nlohmann::json{{"model", prefix + ".model"},    {"vocab_size", tokenizer.vocabSize()},
                                    {"texts", texts.size()},         {"read_seconds", readSeconds},
                                    {"train_seconds", trainSeconds}, {"pad_id", tokenizer.padId()},
                                    {"eos_id", tokenizer.eosId()},   {"unk_id", tokenizer.unkId()}}
                         .dump(2)
                  << std::endl;
        return;
    }
    std::printf("Tokenizer: %s.model\n", prefix.c_str());
    std::printf("  vocab %d (pad %d, eos %d, unk %d), %s\n", tokenizer.vocabSize(), tokenizer.padId(),
                tokenizer.eosId(), tokenizer.unkId(), args.options.modelType.c_str());
    std::printf("  trained on %zu texts (train split of %s) in %.1f s; reading took %.1f s\n", texts.size(),
                args.corpus.displayName().c_str(), trainSeconds, readSeconds);
    const std::string example = "The quick brown fox jumps over the lazy dog.";
    std::printf("  example: ");
    for (const auto& piece : tokenizer.encodePieces(example)) std::printf("[%s]", piece.c_str());
    std::printf("\n");
}

void runEncode(const EncodeArgs& args)
{
    const Tokenizer tokenizer = Tokenizer::load(args.model);
    nlohmann::json all = nlohmann::json::array();
    for (const auto& text : args.texts) {
        const auto ids = tokenizer.encode(text);
        const auto pieces = tokenizer.encodePieces(text);
        if (args.json) {
            all.push_back({{"text", text}, {"ids", ids}, {"pieces", pieces}, {"decoded", tokenizer.decode(ids)}});
            continue;
        }
        std::printf("%s\n ", text.c_str());
        for (std::size_t i = 0; i < ids.size(); ++i) std::printf(" %s(%d)", pieces[i].c_str(), ids[i]);
        std::printf("\n");
    }
    if (args.json) std::cout << all.dump(2) << std::endl;
}

}  // namespace

void addTokenizerCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("tokenizer", "Train or try a sentencepiece tokenizer");
    command->require_subcommand(1);

    auto train = std::make_shared<TrainArgs>();
    auto* trainCommand = command->add_subcommand(
        "train", "Train a sentencepiece model (T5 ids: pad 0, eos 1, unk 2) on a corpus's training split");
    train->corpus.addTo(*trainCommand);
    trainCommand->add_option("--out", train->out, "Output directory; receives tokenizer.model and tokenizer.vocab")
        ->required();
    trainCommand->add_option("--vocab", train->options.vocabSize, "Vocabulary size")
        ->capture_default_str()
        ->check(CLI::Range(8, 1000000));
    trainCommand->add_option("--coverage", train->options.characterCoverage, "Character coverage")
        ->capture_default_str()
        ->check(CLI::Range(0.5, 1.0));
    trainCommand->add_option("--model-type", train->options.modelType, "unigram, bpe, word or char")
        ->capture_default_str();
    trainCommand->add_option("--max-sentences", train->options.maxSentences, "Sample at most N sentences (0: all)")
        ->capture_default_str();
    trainCommand->add_option("--threads", train->options.numThreads, "Threads (0: all cores)")->capture_default_str();
    trainCommand->add_flag("--json", train->json, "Machine-readable output");
    trainCommand->callback([train] { runTrain(*train); });

    auto encode = std::make_shared<EncodeArgs>();
    auto* encodeCommand = command->add_subcommand("encode", "Show the pieces and ids of texts");
    encodeCommand->add_option("--model", encode->model, "A sentencepiece .model")->required()->check(CLI::ExistingFile);
    encodeCommand->add_option("texts", encode->texts, "Texts to encode")->required();
    encodeCommand->add_flag("--json", encode->json, "Machine-readable output");
    encodeCommand->callback([encode] { runEncode(*encode); });
}

}  // namespace megatoken::cli
