#pragma once
#include <CLI/CLI.hpp>

namespace megatoken::cli {

// `megatoken score --hyp FILE --ref FILE [--ref FILE2 ...] [--lowercase] [--json]`: corpus BLEU
// with sacreBLEU's defaults and signature, ROUGE-1/2/L/Lsum with rouge_score's, and exact match,
// for any prediction file (core/eval/TextScores.h).
void addScoreCommand(CLI::App& app);

}  // namespace megatoken::cli
