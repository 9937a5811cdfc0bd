#include "app/cli/ScoreCommand.h"

#include "core/eval/TextScores.h"
#include "core/io/NumberFormat.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace megatoken::cli {

namespace {

struct ScoreArgs {
    std::string hypotheses;
    std::vector<std::string> references;
    bool lowercase = false;
    std::string tokenize = "13a";
    bool json = false;
};

nlohmann::json rougeJson(const RougeScore& s)
{
    return {{"precision", s.precision}, {"recall", s.recall}, {"fmeasure", s.fmeasure}};
}

std::string rougeLine(const char* name, const RougeScore& s)
{
    std::string line = name;
    line.resize(11, ' ');
    return line + "F " + formatFixed(s.fmeasure, 4) + "  P " + formatFixed(s.precision, 4) + "  R " +
           formatFixed(s.recall, 4);
}

void runScore(const ScoreArgs& args)
{
    TextScoreOptions options;
    options.lowercase = args.lowercase;
    options.tokenizer = args.tokenize == "none" ? BleuTokenizer::None : BleuTokenizer::Mteval13a;
    const TextScores s = scoreFiles(args.hypotheses, args.references, options);
    const std::string bleuText = sacreBleuScoreText(s.bleu);
    if (args.json) {
        nlohmann::json precisions = nlohmann::json::array();
        for (double p : s.bleu.precisions) precisions.push_back(p);
        const double ratio = s.bleu.referenceLength ? static_cast<double>(s.bleu.hypothesisLength) /
                                                          static_cast<double>(s.bleu.referenceLength)
                                                    : 0.0;
        const nlohmann::json report = {
            {"hypothesis_file", args.hypotheses},
            {"reference_files", args.references},
            {"segments", s.segments},
            {"bleu",
             {{"score", s.bleu.score},
              {"signature", s.bleuSignature},
              {"verbose_score", bleuText.substr(bleuText.find(' ', 7) + 1)},
              {"precisions", precisions},
              {"bp", s.bleu.brevityPenalty},
              {"ratio", ratio},
              {"hyp_len", s.bleu.hypothesisLength},
              {"ref_len", s.bleu.referenceLength}}},
            {"rouge",
             {{"rouge1", rougeJson(s.rouge.rouge1)},
              {"rouge2", rougeJson(s.rouge.rouge2)},
              {"rougeL", rougeJson(s.rouge.rougeL)},
              {"rougeLsum", rougeJson(s.rouge.rougeLsum)}}},
            {"exact_match", s.exactMatch},
            {"exact_matches", s.exactMatches},
            {"checked_against", {{"sacrebleu", kSacreBleuCheckedVersion}, {"rouge-score", kRougeScoreCheckedVersion}}},
        };
        std::cout << report.dump(2) << std::endl;
        return;
    }
    std::cout << bleuText << "\n"
              << "  signature " << s.bleuSignature << "\n"
              << rougeLine("ROUGE-1", s.rouge.rouge1) << "\n"
              << rougeLine("ROUGE-2", s.rouge.rouge2) << "\n"
              << rougeLine("ROUGE-L", s.rouge.rougeL) << "\n"
              << rougeLine("ROUGE-Lsum", s.rouge.rougeLsum) << "\n"
              << "exact match " << formatFixed(s.exactMatch, 4) << " (" << s.exactMatches << " of " << s.segments
              << " segments)\n"
              << "(" << s.segments << " segments, " << s.referenceStreams
              << (s.referenceStreams == 1 ? " reference" : " references")
              << " each; megatoken's own BLEU and ROUGE, equal to sacreBLEU " << kSacreBleuCheckedVersion
              << " and rouge-score " << kRougeScoreCheckedVersion << " on scripts/compare-score.py's files)"
              << std::endl;
}

}  // namespace

void addScoreCommand(CLI::App& app)
{
    auto args = std::make_shared<ScoreArgs>();
    auto* command = app.add_subcommand(
        "score", "Score any prediction file: corpus BLEU (sacreBLEU's defaults and signature), ROUGE-1/2/L/Lsum "
                 "(rouge-score's defaults) and exact match, one segment per line");
    command->add_option("--hyp", args->hypotheses, "Hypotheses (system outputs), one per line, UTF-8")
        ->required()
        ->check(CLI::ExistingFile);
    command
        ->add_option("--ref", args->references,
                     "References, one per line and as many lines as --hyp; repeat for more references per segment")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_flag("--lowercase,-l", args->lowercase,
                      "Lowercase (Unicode, like Python's str.lower()) before BLEU and exact match; ROUGE always "
                      "lowercases");
    command->add_option("--tokenize", args->tokenize, "BLEU tokenizer: 13a (sacreBLEU's default) or none")
        ->check(CLI::IsMember({"13a", "none"}))
        ->capture_default_str();
    command->add_flag("--json", args->json, "Machine-readable output");
    command->callback([args] { runScore(*args); });
}

}  // namespace megatoken::cli
