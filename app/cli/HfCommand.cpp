#include "app/cli/HfCommand.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/InterruptScope.h"
#include "core/config/RunConfig.h"
#include "core/engine/train/HfImport.h"
#include "core/feedback/Feedback.h"
#include "core/io/NumberFormat.h"

namespace megatoken::cli {
namespace {

struct ImportArgs {
    std::string folder;
    std::string name;
    std::string out;
    bool json = false;
};

struct ExportArgs {
    std::string run;
    std::string out;
    std::string checkpoint;
    std::string referenceInputs;
    std::string referenceOut;
    bool overwrite = false;
};

void runImport(const ImportArgs& args)
{
    Feedback feedback;
    const InterruptScope interrupts(feedback);
    const std::string runs = args.out.empty() ? RunSettings{}.runsDirectory : args.out;
    std::string name = args.name;
    if (name.empty()) {
        // The folder's own name, also for "flan-t5-small/" and ".".
        auto path = std::filesystem::absolute(args.folder).lexically_normal();
        if (path.filename().empty()) path = path.parent_path();
        name = path.filename().string();
    }
    if (name.empty() || name == "." || name == ".." || name.find_first_of("/\\") != std::string::npos)
        throw CLI::ValidationError("--name", "must be a plain directory name, without / or \\ (e.g. --name "
                                             "flan-t5-small), got \"" +
                                                 name + "\"");
    std::error_code error;
    std::filesystem::create_directories(runs, error);
    const std::string runDirectory = (std::filesystem::path(runs) / name).string();
    const auto start = std::chrono::steady_clock::now();
    const HfImportResult result = importHfFolder(args.folder, runDirectory, &feedback);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const ModelConfig& m = result.config.model;
    if (args.json) {
        std::cout << nlohmann::json{{"run", result.runDirectory},
                                    {"checkpoint", result.checkpoint},
                                    {"parameters", result.parameterCount},
                                    {"vocab_size", m.vocabSize},
                                    {"tokenizer_pieces", result.tokenizerPieces},
                                    {"weight_files", result.weightFiles},
                                    {"gates", m.gateCount()},
                                    {"seconds", seconds}}
                         .dump(2)
                  << std::endl;
        return;
    }
    std::printf("Imported %s into %s in %s s\n", args.folder.c_str(), result.runDirectory.c_str(),
                formatFixed(seconds, 1).c_str());
    std::printf("  %lld parameters: d_model %lld, %lld heads x %lld, d_ff %lld (%s), %lld encoder + %lld decoder "
                "blocks, %s head\n",
                static_cast<long long>(result.parameterCount), static_cast<long long>(m.dModel),
                static_cast<long long>(m.numHeads), static_cast<long long>(m.dKv), static_cast<long long>(m.dFf),
                m.feedForward == FeedForwardKind::GatedGelu ? "gated-gelu" : "relu",
                static_cast<long long>(m.encoderLayers), static_cast<long long>(m.decoderLayers),
                m.tiedHead ? "tied" : "untied");
    std::printf("  vocabulary %lld rows, tokenizer %d pieces; %d gate(s); decoder window %s\n",
                static_cast<long long>(m.vocabSize), result.tokenizerPieces, m.gateCount(),
                m.decoderWindow == 0 ? "unlimited" : std::to_string(m.decoderWindow).c_str());
    std::printf("Next: megatoken eval --run %s --corpus FILE, or megatoken train --preset flan-t5-small --init-from %s "
                "--corpus FILE\n",
                result.runDirectory.c_str(), result.runDirectory.c_str());
}

void runExport(const ExportArgs& args)
{
    if (args.referenceInputs.empty() != args.referenceOut.empty())
        throw CLI::ValidationError("--reference-out", "--reference-inputs and --reference-out go together");
    exportHfRun(args.run, args.out, args.checkpoint, args.overwrite);
    if (!args.referenceOut.empty()) {
        writeHfReference(args.run, args.referenceInputs, args.referenceOut, args.checkpoint);
        std::printf("Wrote %s: what transformers should compute for %s (check: scripts/make-t5-fixture.py "
                    "--check-export %s --reference %s --out REPORT.json)\n",
                    args.referenceOut.c_str(), args.referenceInputs.c_str(), args.out.c_str(),
                    args.referenceOut.c_str());
    }
    std::printf("Exported %s to %s (config.json, model.safetensors, spiece.model); transformers loads it with "
                "T5ForConditionalGeneration.from_pretrained, without the gates\n",
                args.run.c_str(), args.out.c_str());
}

}  // namespace

void addHfCommands(CLI::App& app)
{
    auto importArgs = std::make_shared<ImportArgs>();
    auto* importCommand =
        app.add_subcommand("import-hf", "Create a run directory from a Hugging Face T5 / Flan-T5 folder (config.json, "
                                        "model.safetensors or shards, spiece.model)");
    importCommand->add_option("folder", importArgs->folder, "The Hugging Face model folder")
        ->required()
        ->check(CLI::ExistingDirectory);
    importCommand->add_option("--name", importArgs->name, "Run name (default: the folder's name)");
    importCommand->add_option("--out", importArgs->out, "Runs directory (default runs/)");
    importCommand->add_flag("--json", importArgs->json, "Print the result as JSON");
    importCommand->callback([importArgs] { runImport(*importArgs); });

    auto exportArgs = std::make_shared<ExportArgs>();
    auto* exportCommand = app.add_subcommand(
        "export-hf", "Write a run as a Hugging Face T5 folder (config.json, model.safetensors, spiece.model); "
                     "the gates go along as megatoken.* tensors, which transformers ignores");
    exportCommand->add_option("--run", exportArgs->run, "The run directory")->required()->check(CLI::ExistingDirectory);
    exportCommand->add_option("--out", exportArgs->out, "The folder to write")->required();
    exportCommand->add_flag("--overwrite", exportArgs->overwrite,
                            "Replace the --out folder whole when it exists and is not empty (by default that is an "
                            "error: it may be the downloaded model)");
    exportCommand->add_option("--checkpoint", exportArgs->checkpoint, "A checkpoint file (default: the newest)")
        ->check(CLI::ExistingFile);
    exportCommand
        ->add_option("--reference-inputs", exportArgs->referenceInputs,
                     "A .safetensors with input_ids and attention_mask (I64 [B, L]) to compute the outputs "
                     "transformers should give for the exported folder")
        ->check(CLI::ExistingFile);
    exportCommand->add_option("--reference-out", exportArgs->referenceOut,
                              "Where to write those outputs (encoder_hidden, logits) for "
                              "scripts/make-t5-fixture.py --check-export");
    exportCommand->callback([exportArgs] { runExport(*exportArgs); });
}

}  // namespace megatoken::cli
