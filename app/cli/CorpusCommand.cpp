#include "app/cli/CorpusCommand.h"

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "app/cli/CorpusOptions.h"
#include "app/cli/InterruptScope.h"
#include "app/cli/ProgressLine.h"
#include "core/data/LengthBucketedBatches.h"
#include "core/data/LengthSummary.h"
#include "core/data/Split.h"
#include "core/data/TextReader.h"
#include "core/tokenizer/Tokenizer.h"

namespace megatoken::cli {
namespace {

struct CorpusArgs {
    CorpusOptions corpus;
    bool stats = false;
    std::size_t preview = 0;
    std::string tokenizer;
    std::size_t maxTokens = 64;
    std::size_t batchSize = 64;
    std::uint64_t limit = 0;
    bool json = false;
};

nlohmann::json toJson(const LengthSummary& s)
{
    return {{"count", s.count}, {"mean", s.mean}, {"min", s.min}, {"p50", s.p50},
            {"p90", s.p90},     {"p95", s.p95},   {"p99", s.p99}, {"max", s.max}};
}

void printSummary(const char* name, const LengthSummary& s)
{
    std::printf("  %-16s mean %.1f  min %u  p50 %u  p90 %u  p95 %u  p99 %u  max %u\n", name, s.mean, s.min, s.p50,
                s.p90, s.p95, s.p99, s.max);
}

std::size_t codePoints(const std::string& text)
{
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80 ? 1 : 0;
    return count;
}

int runCorpus(const CorpusArgs& args)
{
    const auto start = std::chrono::steady_clock::now();
    const CorpusSpec spec = args.corpus.toSpec();

    std::optional<Tokenizer> tokenizer;
    if (!args.tokenizer.empty()) tokenizer = Tokenizer::load(args.tokenizer);

    Feedback feedback;  // Ctrl-C stops the reading within 1 MiB
    const InterruptScope interrupts(feedback);
    std::unique_ptr<TextReader> reader;
    {
        auto progress = std::make_shared<ProgressLine>("reading " + args.corpus.displayName());
        feedback.setListener([progress](double fraction, const std::string&) { progress->update(fraction); });
        reader = openTextReader(spec, &feedback);
        std::string text;
        std::vector<std::uint32_t> charLengths, tokenLengths;
        std::array<std::uint64_t, 3> splitCounts{0, 0, 0};
        std::uint64_t truncated = 0;
        std::uint64_t shown = 0;
        while (reader->next(text)) {
            if (shown < args.preview) {
                std::printf("%s\n", text.c_str());
                ++shown;
            }
            charLengths.push_back(static_cast<std::uint32_t>(codePoints(text)));
            ++splitCounts[static_cast<int>(splitOf(text))];
            if (tokenizer) {
                const std::size_t tokens = tokenizer->encode(text).size() + 1;  // + EOS
                tokenLengths.push_back(static_cast<std::uint32_t>(tokens));
                truncated += tokens > args.maxTokens ? 1 : 0;
            }
            if (args.limit && charLengths.size() >= args.limit) break;
        }
        progress->finish();
        if (!args.stats) return 0;

        const ReadStats& stats = reader->stats();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto chars = summarizeLengths(charLengths);

        // Padding of length-bucketed against plain random batches, on the lengths training would see.
        std::optional<std::pair<double, double>> padding;
        std::optional<LengthSummary> tokens;
        if (tokenizer) {
            std::vector<std::size_t> clipped(tokenLengths.begin(), tokenLengths.end());
            for (auto& length : clipped) length = std::min(length, args.maxTokens);
            BatchingOptions batching;
            batching.batchSize = args.batchSize;
            const double bucketed = paddingFraction(makeBatches(clipped, batching), clipped);
            batching.bucketByLength = false;
            const double random = paddingFraction(makeBatches(clipped, batching), clipped);
            padding = std::make_pair(bucketed, random);
            tokens = summarizeLengths(tokenLengths);
        }

        if (args.json) {
            nlohmann::json out = {
                {"corpus", args.corpus.displayName()},
                {"texts", stats.textsYielded},
                {"records", stats.recordsSeen},
                {"skipped",
                 {{"malformed", stats.skippedMalformed},
                  {"short", stats.skippedShort},
                  {"oversized", stats.skippedOversized},
                  {"duplicates", stats.skippedDuplicates}}},
                {"invalid_utf8_records", stats.invalidUtf8Records},
                {"bytes", stats.bytesRead},
                {"splits", {{"train", splitCounts[0]}, {"validation", splitCounts[1]}, {"test", splitCounts[2]}}},
                {"chars", toJson(chars)},
                {"warnings", stats.warnings},
                {"seconds", seconds}};
            if (tokens) {
                out["tokens"] = toJson(*tokens);
                out["tokenizer"] = args.tokenizer;
                out["max_tokens"] = args.maxTokens;
                out["truncated_texts"] = truncated;
                out["padding"] = {
                    {"batch_size", args.batchSize}, {"bucketed", padding->first}, {"random", padding->second}};
            }
            std::cout << out.dump(2) << std::endl;
            return 0;
        }
        std::printf("Corpus: %s\n", args.corpus.displayName().c_str());
        std::printf("  texts            %llu (train %llu, validation %llu, test %llu)\n",
                    static_cast<unsigned long long>(stats.textsYielded),
                    static_cast<unsigned long long>(splitCounts[0]), static_cast<unsigned long long>(splitCounts[1]),
                    static_cast<unsigned long long>(splitCounts[2]));
        std::printf("  read             %s in %.1f s (%.1f MiB)\n", stats.summary().c_str(), seconds,
                    static_cast<double>(stats.bytesRead) / (1024.0 * 1024.0));
        printSummary("chars per text", chars);
        if (tokens) {
            printSummary("tokens per text", *tokens);
            std::printf("  over %zu tokens   %llu texts (%.2f%%) would be truncated\n", args.maxTokens,
                        static_cast<unsigned long long>(truncated),
                        100.0 * static_cast<double>(truncated) /
                            std::max<double>(1.0, static_cast<double>(tokens->count)));
            std::printf("  padding at batch %zu: length-bucketed %.1f%%, random %.1f%%\n", args.batchSize,
                        100.0 * padding->first, 100.0 * padding->second);
        } else {
            std::printf("  (token lengths and batch padding: add --tokenizer MODEL)\n");
        }
        for (const auto& warning : stats.warnings) std::printf("  warning: %s\n", warning.c_str());
    }
    return 0;
}

}  // namespace

void addCorpusCommand(CLI::App& app)
{
    auto args = std::make_shared<CorpusArgs>();
    auto* command = app.add_subcommand("corpus", "Read a corpus: statistics and a preview");
    args->corpus.addTo(*command);
    command->add_flag("--stats", args->stats, "Print counts, skipped records and length percentiles");
    command->add_option("--preview", args->preview, "Print the first N texts");
    command->add_option("--tokenizer", args->tokenizer, "A sentencepiece .model for token-length statistics")
        ->check(CLI::ExistingFile);
    command
        ->add_option("--max-tokens", args->maxTokens, "Truncation length used for the truncation and padding figures")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    command->add_option("--batch-size", args->batchSize, "Batch size for the padding figures")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    command->add_option("--limit", args->limit, "Stop after N texts");
    command->add_flag("--json", args->json, "Machine-readable output");
    command->callback([args] {
        if (args->preview == 0) args->stats = true;  // statistics are the default action
        const int code = runCorpus(*args);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace megatoken::cli
