#include "core/runs/MetricSchema.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "core/feedback/TrainingObserver.h"
#include "core/io/NumberFormat.h"
#include "core/runs/SweepTable.h"

// Labels and legends are marked for Qt's lupdate, which collects them into translations/*.ts
// in the context "megatoken::MetricSchema" (app/CMakeLists.txt lists this file among the
// translated sources). core/ has no Qt, so here the marker is only the text itself.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace megatoken {

namespace {

namespace name = metric_name;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

MetricFormat fixed(int decimals)
{
    return {MetricFormat::Style::Fixed, decimals};
}
MetricFormat general(int digits)
{
    return {MetricFormat::Style::General, digits};
}

// A scalar field, from an accessor `[](auto& record) -> auto& { return record.member; }` that
// serves both reading (const record) and writing. Integer members are rounded on the way in.
template <typename Record, typename Access>
MetricField<Record> field(Access access)
{
    MetricField<Record> result;
    result.get = [access](const Record& record, int) { return static_cast<double>(access(record)); };
    result.set = [access](Record& record, int, double value) {
        auto& member = access(record);
        using Member = std::decay_t<decltype(member)>;
        if constexpr (std::is_integral_v<Member>)
            member = std::isfinite(value) ? static_cast<Member>(std::llround(value)) : Member{};
        else
            member = value;
    };
    return result;
}

// A per-gate field, from an accessor to the record's std::vector<double> (one value per gate).
template <typename Record, typename Access>
MetricField<Record> gateField(Access access)
{
    MetricField<Record> result;
    result.get = [access](const Record& record, int gate) {
        const std::vector<double>& values = access(record);
        return gate >= 0 && static_cast<std::size_t>(gate) < values.size() ? values[static_cast<std::size_t>(gate)]
                                                                           : kNaN;
    };
    result.set = [access](Record& record, int gate, double value) {
        if (gate < 0) return;
        std::vector<double>& values = access(record);
        if (values.size() <= static_cast<std::size_t>(gate)) values.resize(static_cast<std::size_t>(gate) + 1, kNaN);
        values[static_cast<std::size_t>(gate)] = value;
    };
    return result;
}

// A value computed from others in the record: shown, never stored.
template <typename Record, typename Compute>
MetricField<Record> derived(Compute compute)
{
    MetricField<Record> result;
    result.get = [compute](const Record& record, int) { return compute(record); };
    return result;
}

template <typename Record>
MetricField<Record> onConsole(MetricField<Record> result)
{
    result.console = true;
    return result;
}

template <typename Record>
MetricField<Record> plotted(MetricField<Record> result, MetricPlotGroup plot, const char* legend,
                            MetricLine line = MetricLine::Solid)
{
    result.series = MetricSeries{plot, legend, line};
    return result;
}

MetricDefinition define(std::string_view metricName, const char* label, const char* shortLabel, MetricScale scale,
                        MetricFormat format, const char* description)
{
    MetricDefinition definition;
    definition.name = std::string(metricName);
    definition.label = label;
    definition.shortLabel = shortLabel;
    definition.scale = scale;
    definition.format = format;
    definition.description = description;
    return definition;
}

MetricDefinition withUnit(MetricDefinition definition, const char* unit)
{
    definition.unit = unit;
    return definition;
}

std::vector<MetricDefinition> buildSchema()
{
    using S = MetricScale;
    using P = MetricPlotGroup;
    using L = MetricLine;
    std::vector<MetricDefinition> all;

    // ---- where a row stands ----
    {
        auto d = define(name::kStep, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "training step"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "step"), S::Count, fixed(0),
                        "Optimizer steps taken, from 1. In eval.csv and sweep.csv: the step whose weights were "
                        "evaluated (Trainer, SweepRunner).");
        d.step = field<StepMetrics>([](auto& m) -> auto& { return m.step; });
        d.eval = field<EvalMetrics>([](auto& m) -> auto& { return m.step; });
        d.sweep = field<SweepRow>([](auto& r) -> auto& { return r.steps; });
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kEpoch, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "epoch"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "epoch"), S::Count, fixed(0),
                        "Passes over the training split completed before this step, from 0.");
        d.step = field<StepMetrics>([](auto& m) -> auto& { return m.epoch; });
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kTargetKeep, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "target keep ratio"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "target"), S::Fraction, fixed(2),
                        "The loss.target_keep the sweep point's run was trained for.");
        d.sweep = field<SweepRow>([](auto& r) -> auto& { return r.targetKeep; });
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kTexts, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "evaluated texts"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "texts"), S::Count, fixed(0),
                        "Texts of the split the evaluation scored (Evaluator).");
        d.eval = field<EvalMetrics>([](auto& m) -> auto& { return m.texts; });
        d.sweep = field<SweepRow>([](auto& r) -> auto& { return r.texts; });
        all.push_back(std::move(d));
    }

    // ---- training losses ----
    {
        auto d = define(name::kLoss, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "total training loss"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "loss"), S::Linear, fixed(3),
                        "Cross-entropy plus λ times the compression loss, this step's batch.");
        d.step = plotted(onConsole(field<StepMetrics>([](auto& m) -> auto& { return m.loss; })), P::Loss,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "total"));
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kCrossEntropy, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "training cross-entropy"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "ce"), S::Linear, fixed(3),
                        "Token cross-entropy of the reconstruction under the training mask, nats per non-pad token.");
        d.step = plotted(onConsole(field<StepMetrics>([](auto& m) -> auto& { return m.crossEntropy; })), P::Loss,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "cross-entropy"), L::Dashed);
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kCompression, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "compression loss"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "compr."), S::Linear, fixed(3),
                        "Mean over gates and batch of R(s)² (CompressionLoss).");
        d.step = plotted(field<StepMetrics>([](auto& m) -> auto& { return m.compressionLoss; }), P::Loss,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "compression mean R²"), L::Dotted);
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kLambda, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "compression weight λ"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "λ"), S::Linear, fixed(2),
                        "The weight of the compression loss this step (lambda schedule or controller).");
        d.step = plotted(onConsole(field<StepMetrics>([](auto& m) -> auto& { return m.lambda; })), P::Lambda,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "λ"));
        all.push_back(std::move(d));
    }

    // ---- accuracy and reconstruction quality ----
    {
        auto d = define(name::kAccuracy, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "training token accuracy"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "acc"), S::Fraction, fixed(3),
                        "Teacher-forced token accuracy of this step's batch under the training mask.");
        d.step = plotted(onConsole(field<StepMetrics>([](auto& m) -> auto& { return m.tokenAccuracy; })), P::Accuracy,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "train (training mask)"));
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kAccuracyHard,
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "teacher-forced token accuracy, hard mask"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "acc. hard"), S::Fraction, fixed(3),
                        "Teacher-forced token accuracy with the dropped tokens invisible: the honest figure "
                        "(Evaluator).");
        d.paretoOrder = 3;
        d.eval = plotted(onConsole(field<EvalMetrics>([](auto& m) -> auto& { return m.accuracyHard; })), P::Accuracy,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "val. hard mask"));
        d.sweep = onConsole(field<SweepRow>([](auto& r) -> auto& { return r.accuracyHard; }));
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kAccuracySoft,
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "teacher-forced token accuracy, soft mask"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "acc. soft"), S::Fraction, fixed(3),
                        "Teacher-forced token accuracy under the soft training mask (Evaluator).");
        d.eval = plotted(onConsole(field<EvalMetrics>([](auto& m) -> auto& { return m.accuracySoft; })), P::Accuracy,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "val. soft mask"), L::Dashed);
        d.sweep = field<SweepRow>([](auto& r) -> auto& { return r.accuracySoft; });
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kCrossEntropyHard,
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "teacher-forced NLL, hard mask"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "nll"), S::Linear, fixed(4),
                        "Teacher-forced mean cross-entropy per label token (EOS included, padding not), nats, with "
                        "the dropped tokens invisible; for a model without gates, Hugging Face's loss with labels = "
                        "input ids.");
        d.eval = field<EvalMetrics>([](auto& m) -> auto& { return m.crossEntropyHard; });
        all.push_back(std::move(d));
    }
    {
        auto d =
            define(name::kAccuracyFree, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "free-running token accuracy"),
                   QT_TRANSLATE_NOOP("megatoken::MetricSchema", "acc. free"), S::Fraction, fixed(3),
                   "Position-wise token accuracy of greedy decoding under the hard mask (Evaluator).");
        d.paretoOrder = 4;
        d.eval = plotted(onConsole(field<EvalMetrics>([](auto& m) -> auto& { return m.accuracyFree; })), P::Accuracy,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "val. free-running"), L::Dotted);
        d.sweep = field<SweepRow>([](auto& r) -> auto& { return r.accuracyFree; });
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kBleuFree, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "free-running BLEU"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "BLEU"), S::Percent, fixed(1),
                        "sacreBLEU of greedy decoding under the hard mask against the input (core/eval/Bleu).");
        d.paretoOrder = 1;
        d.eval = plotted(onConsole(field<EvalMetrics>([](auto& m) -> auto& { return m.bleuFree; })), P::Quality,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "BLEU"));
        d.sweep = onConsole(field<SweepRow>([](auto& r) -> auto& { return r.bleuFree; }));
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kRougeLFree, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "free-running ROUGE-L F1"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "ROUGE-L"), S::Fraction, fixed(3),
                        "rouge-score ROUGE-L F-measure of greedy decoding under the hard mask (core/eval/Rouge).");
        d.paretoOrder = 2;
        d.eval = plotted(onConsole(field<EvalMetrics>([](auto& m) -> auto& { return m.rougeLFree; })), P::Quality,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "ROUGE-L ×100"), L::Dashed);
        d.sweep = onConsole(field<SweepRow>([](auto& r) -> auto& { return r.rougeLFree; }));
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kExactMatchFree, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "free-running exact match"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "exact"), S::Fraction, fixed(3),
                        "Share of texts whose greedy decoding equals the input exactly.");
        d.eval = plotted(field<EvalMetrics>([](auto& m) -> auto& { return m.exactMatchFree; }), P::Quality,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "exact match %"), L::Dotted);
        d.sweep = field<SweepRow>([](auto& r) -> auto& { return r.exactMatchFree; });
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kBleuTeacherForced, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "teacher-forced BLEU"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "BLEU tf"), S::Percent, fixed(1),
                        "sacreBLEU of the teacher-forced argmax outputs, as the authors report it.");
        d.eval = field<EvalMetrics>([](auto& m) -> auto& { return m.bleuTeacherForced; });
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kRougeLTeacherForced,
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "teacher-forced ROUGE-L F1"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "ROUGE-L tf"), S::Fraction, fixed(3),
                        "ROUGE-L F-measure of the teacher-forced argmax outputs.");
        d.eval = field<EvalMetrics>([](auto& m) -> auto& { return m.rougeLTeacherForced; });
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kExactMatchTeacherForced,
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "teacher-forced exact match"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "exact tf"), S::Fraction, fixed(3),
                        "Share of texts whose teacher-forced argmax output equals the input exactly.");
        d.eval = field<EvalMetrics>([](auto& m) -> auto& { return m.exactMatchTeacherForced; });
        all.push_back(std::move(d));
    }

    // ---- compression ----
    {
        auto d = define(name::kHardKeep, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "kept fraction of tokens"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "kept"), S::Fraction, fixed(3),
                        "Hard-kept fraction of the non-pad tokens after the last gate (1 without gates): in "
                        "metrics.csv this step's batch, in eval.csv and sweep.csv the evaluated texts.");
        d.step = plotted(onConsole(field<StepMetrics>([](auto& m) -> auto& { return m.hardKeepRatio; })), P::Keep,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "train, hard"));
        d.eval = plotted(onConsole(field<EvalMetrics>([](auto& m) -> auto& { return m.hardKeepRatio; })), P::Keep,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "val., hard"), L::Dotted);
        d.sweep = onConsole(field<SweepRow>([](auto& r) -> auto& { return r.keepRatio; }));
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kSoftKeep, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "soft keep ratio L(S)/L(0)"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "soft kept"), S::Fraction, fixed(3),
                        "L(S) / L(0): the keep probabilities after the last gate summed over the non-pad tokens, "
                        "over their count (CompressionLoss).");
        d.step = plotted(onConsole(field<StepMetrics>([](auto& m) -> auto& { return m.softKeepRatio; })), P::Keep,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "train, soft L(S)/L(0)"), L::Dashed);
        d.eval = field<EvalMetrics>([](auto& m) -> auto& { return m.softKeepRatio; });
        all.push_back(std::move(d));
    }

    // ---- optimizer and speed ----
    {
        auto d = define(name::kLearningRate, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "learning rate"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "lr"), S::Log, general(3),
                        "The optimizer's learning rate this step (warm-up and schedule applied).");
        d.step = plotted(field<StepMetrics>([](auto& m) -> auto& { return m.learningRate; }), P::LearningRate,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "learning rate"));
        all.push_back(std::move(d));
    }
    {
        auto d =
            withUnit(define(name::kTokensPerSecond, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "training throughput"),
                            QT_TRANSLATE_NOOP("megatoken::MetricSchema", "throughput"), S::Linear, fixed(0),
                            "Non-pad tokens per second of this training step (timing: varies between runs)."),
                     "tokens/s");
        d.step = plotted(onConsole(field<StepMetrics>([](auto& m) -> auto& { return m.tokensPerSecond; })),
                         P::Throughput, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "tokens/s"));
        all.push_back(std::move(d));
    }
    {
        auto d = withUnit(define(name::kTokensPerSecondMasked,
                                 QT_TRANSLATE_NOOP("megatoken::MetricSchema", "inference throughput, masked"),
                                 QT_TRANSLATE_NOOP("megatoken::MetricSchema", "tok/s masked"), S::Linear, fixed(0),
                                 "Teacher-forced encoder and decoder at batch 64 with the threshold mask, non-pad "
                                 "tokens per second (InferenceTiming)."),
                          "tokens/s");
        d.sweep = onConsole(field<SweepRow>([](auto& r) -> auto& { return r.tokensPerSecondMasked; }));
        all.push_back(std::move(d));
    }
    {
        auto d = withUnit(define(name::kTokensPerSecondHard,
                                 QT_TRANSLATE_NOOP("megatoken::MetricSchema", "inference throughput, hard removal"),
                                 QT_TRANSLATE_NOOP("megatoken::MetricSchema", "tok/s hard"), S::Linear, fixed(0),
                                 "The same with the dropped tokens removed from the sequence (InferenceTiming)."),
                          "tokens/s");
        d.sweep = onConsole(field<SweepRow>([](auto& r) -> auto& { return r.tokensPerSecondHard; }));
        all.push_back(std::move(d));
    }
    {
        auto d =
            withUnit(define(name::kSpeedup, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "speed-up of hard removal"),
                            QT_TRANSLATE_NOOP("megatoken::MetricSchema", "speed-up"), S::Linear, fixed(2),
                            "tokens_per_s_hard / tokens_per_s_masked; computed, not stored."),
                     "×");
        d.sweep = onConsole(derived<SweepRow>([](const SweepRow& r) {
            return r.tokensPerSecondMasked > 0 ? r.tokensPerSecondHard / r.tokensPerSecondMasked : kNaN;
        }));
        all.push_back(std::move(d));
    }
    {
        auto d = withUnit(define(name::kWallSeconds, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "wall time"),
                                 QT_TRANSLATE_NOOP("megatoken::MetricSchema", "wall"), S::Linear, fixed(1),
                                 "Seconds since the run (or the resumed run) started, at the end of this step."),
                          "s");
        d.step = field<StepMetrics>([](auto& m) -> auto& { return m.wallSeconds; });
        all.push_back(std::move(d));
    }
    {
        auto d =
            withUnit(define(name::kTokensSeen, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "training tokens seen"),
                            QT_TRANSLATE_NOOP("megatoken::MetricSchema", "tokens"), S::Count, fixed(0),
                            "Non-pad tokens of every training batch up to this step (the dashboard's tokens "
                            "axis); not in runs written before it was counted."),
                     "tokens");
        d.step = field<StepMetrics>([](auto& m) -> auto& { return m.tokensSeen; });
        all.push_back(std::move(d));
    }
    {
        auto d = withUnit(
            define(name::kTrainFlops, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "estimated training FLOPs"),
                   QT_TRANSLATE_NOOP("megatoken::MetricSchema", "FLOPs"), S::Log, general(4),
                   "3 x the forward FLOPs (FlopCount: a multiply-add counts 2) of every training batch's padded "
                   "shape up to this step: forward and backward (Kaplan et al. 2020, sec. 2.1). The dashboard's "
                   "compute axis; not in runs written before it was counted."),
            "FLOPs");
        d.step = field<StepMetrics>([](auto& m) -> auto& { return m.trainFlops; });
        all.push_back(std::move(d));
    }
    {
        auto d =
            withUnit(define(name::kUnixTime, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "clock time"),
                            QT_TRANSLATE_NOOP("megatoken::MetricSchema", "time"), S::Count, fixed(0),
                            "Whole seconds since 1970-01-01 UTC at the end of this step (the dashboard's clock-time "
                            "axis); not in runs written before it was recorded."),
                     "s");
        d.step = field<StepMetrics>([](auto& m) -> auto& { return m.unixTime; });
        all.push_back(std::move(d));
    }
    {
        auto d = withUnit(define(name::kEvalSeconds, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "evaluation time"),
                                 QT_TRANSLATE_NOOP("megatoken::MetricSchema", "took"), S::Linear, fixed(1),
                                 "Seconds the evaluation took."),
                          "s");
        d.eval = onConsole(field<EvalMetrics>([](auto& m) -> auto& { return m.seconds; }));
        all.push_back(std::move(d));
    }

    // ---- per gate (last in every file) ----
    {
        auto d = define(name::kGateRatio, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "soft ratio R(s) at gate %1"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "R%1"), S::Fraction, fixed(3),
                        "L(s) / L(s-1): the soft keep ratio of gate s relative to the gate before it, batch mean "
                        "(CompressionLoss).");
        d.perGate = true;
        d.step = plotted(gateField<StepMetrics>([](auto& m) -> auto& { return m.gateRatios; }), P::Gates,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "R(s) gate %1 (soft)"));
        all.push_back(std::move(d));
    }
    {
        auto d = define(name::kGateKept, QT_TRANSLATE_NOOP("megatoken::MetricSchema", "kept fraction after gate %1"),
                        QT_TRANSLATE_NOOP("megatoken::MetricSchema", "kept%1"), S::Fraction, fixed(3),
                        "Hard-kept fraction of the non-pad tokens after gate s (of all tokens, not of those "
                        "reaching the gate).");
        d.perGate = true;
        d.step = plotted(gateField<StepMetrics>([](auto& m) -> auto& { return m.gateKept; }), P::Gates,
                         QT_TRANSLATE_NOOP("megatoken::MetricSchema", "kept after gate %1 (hard)"), L::Dashed);
        d.eval = gateField<EvalMetrics>([](auto& m) -> auto& { return m.gateKept; });
        all.push_back(std::move(d));
    }
    return all;
}

// text with its "%1" (the gate number in per-gate labels) replaced.
std::string replaceGateMarker(std::string text, const std::string& replacement)
{
    const auto at = text.find("%1");
    if (at != std::string::npos) text.replace(at, 2, replacement);
    return text;
}

std::string replaceGate(const std::string& text, int gate)
{
    return replaceGateMarker(text, std::to_string(gate + 1));
}

// "kept_2" -> ("kept", 1); nothing when column is not <stem>_<number from 1>.
std::optional<std::pair<std::string_view, int>> splitGateColumn(std::string_view column)
{
    const auto underscore = column.rfind('_');
    if (underscore == std::string_view::npos || underscore + 1 == column.size()) return std::nullopt;
    int number = 0;
    for (char c : column.substr(underscore + 1)) {
        if (c < '0' || c > '9' || number > 100000) return std::nullopt;
        number = number * 10 + (c - '0');
    }
    if (number < 1) return std::nullopt;
    return std::make_pair(column.substr(0, underscore), number - 1);
}

}  // namespace

// ---- records, plots, scales ----

std::string_view metricRecordFile(MetricRecord record)
{
    switch (record) {
        case MetricRecord::Step: return "metrics.csv";
        case MetricRecord::Eval: return "eval.csv";
        case MetricRecord::Sweep: return "sweep.csv";
    }
    return {};
}

std::string_view metricRecordPrefix(MetricRecord record)
{
    switch (record) {
        case MetricRecord::Step: return "train/";
        case MetricRecord::Eval: return "validation/";
        case MetricRecord::Sweep: return "sweep/";
    }
    return {};
}

std::string_view metricScaleName(MetricScale scale)
{
    switch (scale) {
        case MetricScale::Count: return "count";
        case MetricScale::Fraction: return "0..1";
        case MetricScale::Percent: return "0..100";
        case MetricScale::Log: return "log";
        case MetricScale::Linear: return "linear";
    }
    return {};
}

const std::vector<MetricPlotGroup>& metricPlotGroups()
{
    static const std::vector<MetricPlotGroup> plots{MetricPlotGroup::Accuracy,     MetricPlotGroup::Gates,
                                                    MetricPlotGroup::Keep,         MetricPlotGroup::Loss,
                                                    MetricPlotGroup::Lambda,       MetricPlotGroup::Quality,
                                                    MetricPlotGroup::LearningRate, MetricPlotGroup::Throughput};
    return plots;
}

std::string_view metricPlotGroupId(MetricPlotGroup plot)
{
    switch (plot) {
        case MetricPlotGroup::Accuracy: return "accuracy";
        case MetricPlotGroup::Gates: return "gates";
        case MetricPlotGroup::Keep: return "keep";
        case MetricPlotGroup::Loss: return "loss";
        case MetricPlotGroup::Lambda: return "lambda";
        case MetricPlotGroup::Quality: return "quality";
        case MetricPlotGroup::LearningRate: return "learning_rate";
        case MetricPlotGroup::Throughput: return "throughput";
    }
    return {};
}

MetricScale metricPlotGroupScale(MetricPlotGroup plot)
{
    switch (plot) {
        case MetricPlotGroup::Accuracy:
        case MetricPlotGroup::Gates:
        case MetricPlotGroup::Keep: return MetricScale::Fraction;
        case MetricPlotGroup::Quality: return MetricScale::Percent;
        case MetricPlotGroup::LearningRate: return MetricScale::Log;
        case MetricPlotGroup::Loss:
        case MetricPlotGroup::Lambda:
        case MetricPlotGroup::Throughput: return MetricScale::Linear;
    }
    return MetricScale::Linear;
}

double metricPlotFactor(const MetricDefinition& metric, MetricPlotGroup plot)
{
    return metric.scale == MetricScale::Fraction && metricPlotGroupScale(plot) == MetricScale::Percent ? 100.0 : 1.0;
}

// ---- one definition ----

bool MetricDefinition::in(MetricRecord record) const
{
    switch (record) {
        case MetricRecord::Step: return static_cast<bool>(step);
        case MetricRecord::Eval: return static_cast<bool>(eval);
        case MetricRecord::Sweep: return static_cast<bool>(sweep);
    }
    return false;
}

bool MetricDefinition::storedIn(MetricRecord record) const
{
    switch (record) {
        case MetricRecord::Step: return step.stored();
        case MetricRecord::Eval: return eval.stored();
        case MetricRecord::Sweep: return sweep.stored();
    }
    return false;
}

std::string MetricDefinition::column(int gate) const
{
    return perGate ? name + "_" + std::to_string(gate + 1) : name;
}

std::string MetricDefinition::labelFor(int gate) const
{
    return replaceGate(label, gate);
}

std::string MetricDefinition::shortLabelFor(int gate) const
{
    return replaceGate(shortLabel, gate);
}

std::string MetricDefinition::display(double value) const
{
    return format.style == MetricFormat::Style::Fixed ? formatFixed(value, format.precision)
                                                      : formatGeneral(value, format.precision);
}

std::string MetricDefinition::cell(double value, int significantDigits) const
{
    if (scale == MetricScale::Count && std::isfinite(value) && std::fabs(value) < 9.0e15)
        return std::to_string(std::llround(value));
    return formatGeneral(value, significantDigits);
}

// ---- the table ----

const std::vector<MetricDefinition>& metricSchema()
{
    static const std::vector<MetricDefinition> schema = buildSchema();
    return schema;
}

const MetricDefinition* findMetric(std::string_view metricName)
{
    for (const MetricDefinition& definition : metricSchema())
        if (definition.name == metricName) return &definition;
    return nullptr;
}

const MetricDefinition& metricDefinition(std::string_view metricName)
{
    if (const MetricDefinition* definition = findMetric(metricName)) return *definition;
    throw std::out_of_range("no metric called '" + std::string(metricName) + "' in the metric schema");
}

std::optional<MetricColumn> findMetricColumn(std::string_view column)
{
    const std::string canonical = canonicalMetricName(column);
    if (const MetricDefinition* definition = findMetric(canonical); definition && !definition->perGate)
        return MetricColumn{definition, 0};
    if (const auto split = splitGateColumn(canonical)) {
        const MetricDefinition* definition = findMetric(split->first);
        if (definition && definition->perGate) return MetricColumn{definition, split->second};
    }
    return std::nullopt;
}

std::vector<std::string> metricColumns(MetricRecord record, int gateCount)
{
    std::vector<std::string> columns;
    for (const MetricDefinition& definition : metricSchema()) {
        if (!definition.storedIn(record)) continue;
        if (!definition.perGate) {
            columns.push_back(definition.name);
            continue;
        }
        for (int gate = 0; gate < gateCount; ++gate) columns.push_back(definition.column(gate));
    }
    return columns;
}

namespace {

template <typename Record>
std::vector<MetricValue> valuesOf(const Record& record, int gateCount)
{
    std::vector<MetricValue> values;
    for (const MetricDefinition& definition : metricSchema()) {
        const MetricField<Record>& field = fieldOf<Record>(definition);
        if (!field) continue;
        const int columns = definition.perGate ? gateCount : 1;
        for (int gate = 0; gate < columns; ++gate)
            values.push_back({&definition, gate, definition.column(gate), field.get(record, gate), field.stored()});
    }
    return values;
}

}  // namespace

std::vector<MetricValue> metricValues(const StepMetrics& record, int gateCount)
{
    return valuesOf(record, gateCount);
}

std::vector<MetricValue> metricValues(const EvalMetrics& record, int gateCount)
{
    return valuesOf(record, gateCount);
}

std::vector<MetricValue> metricValues(const SweepRow& record)
{
    return valuesOf(record, 0);
}

int recordGateCount(const StepMetrics& record)
{
    return static_cast<int>(std::max(record.gateRatios.size(), record.gateKept.size()));
}

int recordGateCount(const EvalMetrics& record)
{
    return static_cast<int>(record.gateKept.size());
}

std::vector<const MetricDefinition*> paretoQualityMetrics()
{
    std::vector<const MetricDefinition*> metrics;
    for (const MetricDefinition& definition : metricSchema())
        if (definition.paretoOrder > 0 && definition.sweep) metrics.push_back(&definition);
    std::stable_sort(metrics.begin(), metrics.end(), [](const MetricDefinition* a, const MetricDefinition* b) {
        return a->paretoOrder < b->paretoOrder;
    });
    return metrics;
}

// ---- aliases ----

const std::vector<MetricAlias>& metricAliases()
{
    static const std::vector<MetricAlias> aliases{
        {"rougeL_free", std::string(name::kRougeLFree), "eval.csv"},
        {"exact_free", std::string(name::kExactMatchFree), "eval.csv"},
        {"rougeL_tf", std::string(name::kRougeLTeacherForced), "eval.csv"},
        {"exact_tf", std::string(name::kExactMatchTeacherForced), "eval.csv"},
        {"ce_hard", std::string(name::kCrossEntropyHard), "eval.csv"},
        {"keep_ratio", std::string(name::kHardKeep), "sweep.csv"},
        {"steps", std::string(name::kStep), "sweep.csv"},
        {"bleu", std::string(name::kBleuFree), "megatoken-plot --metric"},
        {"rouge", std::string(name::kRougeLFree), "megatoken-plot --metric"},
        {"accuracy-hard", std::string(name::kAccuracyHard), "megatoken-plot --metric"},
        {"accuracy-free", std::string(name::kAccuracyFree), "megatoken-plot --metric"},
    };
    return aliases;
}

std::string canonicalMetricName(std::string_view metricName)
{
    for (const MetricAlias& alias : metricAliases())
        if (alias.oldName == metricName) return alias.name;
    return std::string(metricName);
}

// ---- docs/metrics.md ----

namespace {

std::string filesOf(const MetricDefinition& definition)
{
    std::string files;
    for (MetricRecord record : {MetricRecord::Step, MetricRecord::Eval, MetricRecord::Sweep}) {
        if (!definition.in(record)) continue;
        if (!files.empty()) files += ", ";
        files += std::string(metricRecordFile(record)) + (definition.storedIn(record) ? "" : " (computed)");
    }
    return files;
}

std::string plotsOf(const MetricDefinition& definition)
{
    std::string plots;
    const auto add = [&](const std::optional<MetricSeries>& series) {
        if (!series) return;
        const std::string id(metricPlotGroupId(series->group));
        if (plots.find(id) == std::string::npos) plots += (plots.empty() ? "" : ", ") + id;
    };
    add(definition.step.series);
    add(definition.eval.series);
    return plots;
}

std::string consoleOf(const MetricDefinition& definition)
{
    std::string lines;
    if (definition.step.console) lines += "step";
    if (definition.eval.console) lines += std::string(lines.empty() ? "" : ", ") + "eval";
    if (definition.sweep.console) lines += std::string(lines.empty() ? "" : ", ") + "sweep";
    return lines;
}

}  // namespace

std::string metricSchemaMarkdown()
{
    std::ostringstream out;
    out << "# Metrics\n\n"
           "<!-- Generated from the metric schema in core/runs/MetricSchema.cpp by metricSchemaMarkdown();\n"
           "     tst_metric_schema fails when this file is out of date. Regenerate it with\n"
           "     MEGATOKEN_UPDATE_GENERATED=1 build/bin/tst_metric_schema -->\n\n"
           "Every number a run reports has one name, the column below, in every file and view: a run's\n"
           "`metrics.csv` (one row per training step) and `eval.csv` (one row per evaluation), a sweep's\n"
           "`sweep.csv` and `sweep.md`, the long CSV of several runs (`train/<column>`,\n"
           "`validation/<column>`), the JSON events of `megatoken train --json` and `megatoken eval --json`,\n"
           "the console lines, the dashboard and the Sweep tab. Per-gate columns end in the gate number,\n"
           "from 1 (`R_1`, `kept_2`). Files keep 6 significant digits (`metrics.csv`, `eval.csv`) or 9\n"
           "(`sweep.csv`, the long CSV), with a decimal point whatever the locale.\n\n"
           "| Column | Label | Unit | Scale | Files | Dashboard plot | Console | Description |\n"
           "|---|---|---|---|---|---|---|---|\n";
    for (const MetricDefinition& d : metricSchema()) {
        const std::string column = d.perGate ? d.name + "_<gate>" : d.name;
        const std::string label = replaceGateMarker(d.label, "s");
        out << "| `" << column << "` | " << label << " | " << d.unit << " | " << metricScaleName(d.scale) << " | "
            << filesOf(d) << " | " << plotsOf(d) << " | " << consoleOf(d) << " | " << d.description << " |\n";
    }
    out << "\nThe Pareto plot of a sweep (the Sweep tab, `megatoken-plot pareto --metric NAME`) offers as its "
           "quality axis:";
    bool first = true;
    for (const MetricDefinition* d : paretoQualityMetrics()) {
        out << (first ? " " : ", ") << '`' << d->name << '`';
        first = false;
    }
    out << " (the first is the default).\n\n"
           "## Names written before the schema\n\n"
           "Run folders and sweeps written by earlier versions still open with all their curves: wherever a\n"
           "run file is read (the run history, the dashboard, the Sweep tab, the long CSV, a resumed run),\n"
           "these names are read as the canonical ones.\n\n"
           "| Old name | Read as | Written by |\n"
           "|---|---|---|\n";
    for (const MetricAlias& alias : metricAliases())
        out << "| `" << alias.oldName << "` | `" << alias.name << "` | " << alias.writtenBy << " |\n";
    return out.str();
}

}  // namespace megatoken
