// `megatoken eval` and `megatoken inspect`: open a run directory and look at what it learned.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/cli/CorpusOptions.h"
#include "app/cli/InterruptScope.h"
#include "app/cli/MetricText.h"
#include "app/cli/TrainCommand.h"
#include "core/config/CorpusSpecFromConfig.h"
#include "core/data/EncodedCorpus.h"
#include "core/data/Split.h"
#include "core/data/SplitReader.h"
#include "core/data/TextReader.h"
#include "core/engine/inspect/Inspector.h"
#include "core/engine/train/Evaluator.h"
#include "core/engine/train/RunLoader.h"

namespace megatoken::cli {
namespace {

struct EvalArgs {
    std::string run;
    std::string checkpoint;
    std::string split = "validation";
    CorpusOptions corpus;
    std::int64_t maxTexts = 1000;
    bool json = false;
};

void runEval(const EvalArgs& args)
{
    Feedback feedback;  // Ctrl-C: reading, encoding and scoring stop within a batch
    const InterruptScope interrupts(feedback);
    LoadedRun run = loadRun(args.run, args.checkpoint);
    std::vector<std::string> texts;
    std::string source;
    if (!args.corpus.input.empty()) {
        texts = readAllTexts(args.corpus.toSpec(), nullptr, &feedback, static_cast<std::size_t>(args.maxTexts));
        source = args.corpus.input;
    } else {
        const auto split = parseSplit(args.split);
        if (!split)
            throw std::invalid_argument("--split: unknown split '" + args.split + "' (train, validation, test)");
        const CorpusSpec spec = corpusSpecFor(run.config.data);
        texts = readSplitTexts(spec, *split, args.maxTexts, &feedback);
        source =
            std::string(splitName(*split)) + " split of " + (spec.path.empty() ? std::string("wordnet") : spec.path);
    }
    EncodeOptions encodeOptions;
    encodeOptions.maxTokens = static_cast<std::size_t>(run.config.data.maxTokens);
    encodeOptions.minTokens = static_cast<std::size_t>(run.config.data.minTokens);
    const auto corpus = encodeTexts(*run.tokenizer, texts, encodeOptions, &feedback);
    if (corpus.size() == 0) throw std::runtime_error(source + ": no text to evaluate");
    EvalOptions options;
    options.batchSize = run.config.data.batchSize;
    options.decodeMaxLength = run.config.data.maxTokens;
    const auto result = evaluate(*run.model, corpus, *run.tokenizer, options, torch::kCPU, &feedback);
    EvalMetrics m = result.metrics;
    m.step = run.step;  // the checkpoint's step: the step column of eval.csv
    if (args.json) {
        nlohmann::json report = {{"run", args.run}, {"checkpoint", run.checkpoint}, {"source", source}};
        report.update(metricJson(m));
        std::cout << report.dump(2) << std::endl;
        return;
    }
    std::printf("Run %s, step %lld, on %lld texts (%s)\n%s", args.run.c_str(), static_cast<long long>(run.step),
                static_cast<long long>(m.texts), source.c_str(), metricReport(m).c_str());
}

struct InspectArgs {
    std::string run;
    std::string checkpoint;
    std::vector<std::string> texts;
    std::optional<double> threshold;
    bool json = false;
};

void runInspect(const InspectArgs& args)
{
    // The same core path as the GUI's inspector.
    const auto inspector = Inspector::fromRun(args.run, args.checkpoint);
    nlohmann::json all = nlohmann::json::array();
    for (const auto& text : args.texts) {
        const auto inspection = inspector->inspect(text, args.threshold);
        if (args.json) {
            const double scale = std::sqrt(static_cast<double>(inspection.dKv));
            nlohmann::json pieces = nlohmann::json::array();
            for (const auto& p : inspection.pieces) {
                nlohmann::json keep = nlohmann::json::array();
                for (double g : p.accumulated) keep.push_back(std::exp(g / scale));
                nlohmann::json attended = nlohmann::json::array();
                for (const auto& gate : p.topAttended) {
                    nlohmann::json top = nlohmann::json::array();
                    for (const auto& [position, weight] : gate)
                        top.push_back({{"position", position}, {"weight", weight}});
                    attended.push_back(top);
                }
                pieces.push_back({{"id", p.id},
                                  {"piece", p.piece},
                                  {"display", p.display},
                                  {"log_alpha", p.logAlpha},
                                  {"accumulated", p.accumulated},
                                  {"keep_probability", keep},
                                  {"dropped_at_gate", p.droppedAtGate},
                                  {"merged_into", p.mergedInto},  // gates.merge: the piece it joined
                                  {"absorbed", p.absorbed},       // per gate: the pieces that joined it
                                  {"top_attended", attended}});
            }
            // The decoder's cross-attention while writing reconstruction_free, head-averaged per
            // decoder block: [block][output piece][input piece].
            const CrossAttention& c = inspection.crossAttention;
            std::vector<std::string> inputPieces;
            for (const auto& p : inspection.pieces) inputPieces.push_back(p.display);
            nlohmann::json cross = nlohmann::json::array();
            for (std::int64_t b = 0; b < c.blocks; ++b) {
                nlohmann::json rows = nlohmann::json::array();
                for (std::int64_t o = 0; o < c.outputLength; ++o) {
                    nlohmann::json row = nlohmann::json::array();
                    for (std::int64_t i = 0; i < c.inputLength; ++i) row.push_back(c.weight(b, -1, o, i));
                    rows.push_back(row);
                }
                cross.push_back(rows);
            }
            all.push_back({{"text", text},
                           {"cross_attention",
                            {{"output_pieces", c.outputPieces},
                             {"input_pieces", inputPieces},
                             {"head_mean", cross},
                             {"layout", "head_mean[decoder block][output piece][input piece]: the attention each "
                                        "output piece of reconstruction_free paid each input piece, averaged "
                                        "over heads; dropped input pieces get 0"}}},
                           {"gate_blocks", inspection.gateBlocks},
                           {"pieces", pieces},
                           {"kept_count", inspection.keptCount},
                           {"megatokens", inspection.megatokens},
                           {"reconstruction_free", inspection.reconstructionFree},
                           {"reconstruction_teacher_forced", inspection.reconstructionTeacherForced},
                           {"token_accuracy_teacher_forced", inspection.tokenAccuracyTeacherForced},
                           {"threshold", inspection.threshold},
                           {"step", inspector->step()}});
            continue;
        }
        std::printf("%s\n", text.c_str());
        std::printf("  %-14s", "piece");
        for (std::size_t g = 0; g < inspection.gateBlocks.size(); ++g)
            std::printf("  gate%zu(b%lld)", g + 1, static_cast<long long>(inspection.gateBlocks[g]));
        std::printf("\n");
        for (const auto& p : inspection.pieces) {
            // printf pads by bytes; pad by code points so multi-byte pieces ("·the") line up.
            std::size_t width = 0;
            for (unsigned char c : p.display) width += (c & 0xC0) != 0x80 ? 1 : 0;
            std::printf("  %s%*s", p.display.c_str(), static_cast<int>(width < 14 ? 14 - width : 0), "");
            for (std::size_t g = 0; g < p.logAlpha.size(); ++g) {
                // A piece dropped at an earlier gate is gone: its score at a later one means nothing.
                if (p.droppedAtGate >= 0 && static_cast<int>(g) > p.droppedAtGate) {
                    std::printf("  %8s  ", "-");
                    continue;
                }
                const bool dropped = p.droppedAtGate >= 0 && static_cast<int>(g) == p.droppedAtGate;
                std::printf("  %8.3f%s ", std::exp(p.logAlpha[g]), dropped ? "x" : " ");
            }
            std::printf("\n");
        }
        std::printf("  kept per gate:");
        for (int k : inspection.keptCount) std::printf(" %d/%zu", k, inspection.pieces.size());
        std::printf("  (alpha; x = dropped there, - = gone before, threshold ln alpha <= %.2f)\n",
                    inspection.threshold);
        std::printf("  megatokens:     ");
        for (const auto& m : inspection.megatokens) std::printf("[%s]", m.c_str());
        std::printf("\n  free-running:   %s\n  teacher-forced: %s\n\n", inspection.reconstructionFree.c_str(),
                    inspection.reconstructionTeacherForced.c_str());
    }
    if (args.json) std::cout << all.dump(2) << std::endl;
}

}  // namespace

void addEvalCommand(CLI::App& app)
{
    auto args = std::make_shared<EvalArgs>();
    auto* command = app.add_subcommand("eval", "Evaluate a run: teacher-forced and free-running scores, keep ratios");
    command->add_option("--run", args->run, "Run directory")->required();
    command->add_option("--checkpoint", args->checkpoint, "A checkpoint file (default: the newest)");
    command->add_option("--split", args->split, "train, validation or test of the run's corpus")->capture_default_str();
    args->corpus.addTo(*command);
    command->add_option("--max-texts", args->maxTexts, "Evaluate at most N texts (0: all)")->capture_default_str();
    command->add_flag("--json", args->json, "Machine-readable output");
    command->callback([args] { runEval(*args); });
}

void addInspectCommand(CLI::App& app)
{
    auto args = std::make_shared<InspectArgs>();
    auto* command = app.add_subcommand(
        "inspect", "Show every piece's keep score at every gate, the dropped pieces and the reconstruction");
    command->add_option("--run", args->run, "Run directory")->required();
    command->add_option("--checkpoint", args->checkpoint, "A checkpoint file (default: the newest)");
    command->add_option("--text", args->texts, "Text to inspect (repeatable)")->required();
    command->add_option("--threshold", args->threshold,
                        "Hard-drop threshold on ln alpha (default: the run's gates.threshold)");
    command->add_flag("--json", args->json, "Machine-readable output");
    command->callback([args] { runInspect(*args); });
}

}  // namespace megatoken::cli
