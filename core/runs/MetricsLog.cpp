#include "core/runs/MetricsLog.h"

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "core/io/AtomicFile.h"
#include "core/io/NumberFormat.h"

namespace megatoken {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
    return out;
}

std::string number(double v) { return formatGeneral(v, 6); }

// Keeps the header and the rows whose first field (the step) is <= lastStep; atomic rewrite.
void truncateAfter(const std::string& path, const std::string& header, std::int64_t lastStep) {
    std::ifstream in(path);
    std::ostringstream kept;
    kept << header << '\n';
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (first) { first = false; continue; }  // old header
        if (line.empty()) continue;
        try {
            if (std::stoll(line.substr(0, line.find(','))) <= lastStep) kept << line << '\n';
        } catch (const std::exception&) {
            // A torn last line from a crash: dropped.
        }
    }
    writeFileAtomically(path, kept.str());
}

}  // namespace

MetricsLog::MetricsLog(std::string directory, int gateCount) : directory_(std::move(directory)), gateCount_(gateCount) {}

std::vector<std::string> MetricsLog::stepColumns(int gateCount) {
    std::vector<std::string> c{"step", "epoch", "loss", "ce", "compression", "lambda", "accuracy", "soft_keep",
                               "hard_keep", "lr", "tokens_per_s", "wall_s"};
    for (int g = 1; g <= gateCount; ++g) c.push_back("R_" + std::to_string(g));
    for (int g = 1; g <= gateCount; ++g) c.push_back("kept_" + std::to_string(g));
    return c;
}

std::vector<std::string> MetricsLog::evalColumns(int gateCount) {
    std::vector<std::string> c{"step", "texts", "accuracy_hard", "accuracy_soft", "ce_hard", "accuracy_free",
                               "bleu_free", "rougeL_free", "exact_free", "bleu_tf", "rougeL_tf", "exact_tf",
                               "hard_keep", "soft_keep", "seconds"};
    for (int g = 1; g <= gateCount; ++g) c.push_back("kept_" + std::to_string(g));
    return c;
}

void MetricsLog::open(bool resume, std::int64_t lastStep) {
    const auto stepHeader = join(stepColumns(gateCount_));
    const auto evalHeader = join(evalColumns(gateCount_));
    const auto openOne = [&](std::ofstream& stream, const std::string& path, const std::string& header) {
        if (resume && std::filesystem::exists(path)) {
            truncateAfter(path, header, lastStep);
            stream.open(path, std::ios::app);
        } else {
            stream.open(path, std::ios::trunc);
            stream << header << '\n';
        }
        if (!stream) throw std::runtime_error(path + ": cannot open for writing");
        stream.flush();
    };
    openOne(steps_, stepFile(), stepHeader);
    openOne(evals_, evalFile(), evalHeader);
}

void MetricsLog::appendStep(const StepMetrics& m) {
    steps_ << m.step << ',' << m.epoch << ',' << number(m.loss) << ',' << number(m.crossEntropy) << ','
           << number(m.compressionLoss) << ',' << number(m.lambda) << ',' << number(m.tokenAccuracy) << ','
           << number(m.softKeepRatio) << ',' << number(m.hardKeepRatio) << ',' << number(m.learningRate) << ','
           << number(m.tokensPerSecond) << ',' << number(m.wallSeconds);
    for (int g = 0; g < gateCount_; ++g) steps_ << ',' << number(g < int(m.gateRatios.size()) ? m.gateRatios[g] : 0.0);
    for (int g = 0; g < gateCount_; ++g) steps_ << ',' << number(g < int(m.gateKept.size()) ? m.gateKept[g] : 0.0);
    steps_ << '\n';
    steps_.flush();  // a crash loses at most the current line
}

void MetricsLog::appendEval(const EvalMetrics& m) {
    evals_ << m.step << ',' << m.texts << ',' << number(m.accuracyHard) << ',' << number(m.accuracySoft) << ','
           << number(m.crossEntropyHard) << ',' << number(m.accuracyFree) << ',' << number(m.bleuFree) << ','
           << number(m.rougeLFree) << ',' << number(m.exactMatchFree) << ',' << number(m.bleuTeacherForced) << ','
           << number(m.rougeLTeacherForced) << ',' << number(m.exactMatchTeacherForced) << ','
           << number(m.hardKeepRatio) << ',' << number(m.softKeepRatio) << ',' << number(m.seconds);
    for (int g = 0; g < gateCount_; ++g) evals_ << ',' << number(g < int(m.gateKept.size()) ? m.gateKept[g] : 0.0);
    evals_ << '\n';
    evals_.flush();
}

}  // namespace megatoken
