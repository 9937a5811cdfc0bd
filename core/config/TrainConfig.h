#pragma once
// Everything besides the model that a training run needs. Plain data: no torch, no Qt.

#include <cstdint>
#include <string>

namespace megatoken {

struct DataConfig {
    std::string corpus;           // "" or "wordnet": the default corpus; else a file
    std::string format = "auto";  // auto, text, csv, tsv, jsonl, wordnet
    std::string column;           // CSV/TSV column (name or index)
    std::string field = "text";   // JSONL key
    bool lowercase = false;
    std::int64_t maxTokens = 64;         // per text, EOS included (longer texts are truncated)
    std::int64_t minTokens = 2;          // EOS included
    std::int64_t maxTexts = 0;           // 0: all
    std::int64_t validationTexts = 512;  // evaluated every eval_every steps (0: the whole split)
    std::int64_t batchSize = 64;
    bool bucketByLength = true;
};

struct TokenizerConfig {
    std::string model;  // an existing .model; empty: train one on the corpus's training split
    std::int64_t vocabSize = 4096;
    double characterCoverage = 0.9995;
};

enum class LambdaSchedule {
    Constant,  // lambda from step 0
    Step,      // 0 until warmup_steps, then lambda (the authors': 3 after 500)
    Ramp,      // linear from 0 at warmup_steps to lambda at warmup_steps + ramp_steps
    Target,    // a PI controller steers lambda so the overall keep ratio settles at target_keep
};

// The term that pushes the gates to drop, weighted by lambda. none: the post's compression loss
// (mean over gates of R(s)^2). binomial: Nawrot et al.'s prior, the negative log-likelihood of the
// soft kept count k = sum of alpha over the n droppable tokens under Binomial(n, p), p = the gate's
// share of the keep target, continuous through lgamma, divided by n, averaged over rows and gates.
// keep_mse: the squared error of the soft keep ratio k / n against p, averaged the same way.
enum class LossPrior { None, Binomial, KeepMse };

// What the target schedule's PI controller measures against loss.target_keep. overall: the kept
// share of all the batch's tokens, EOS (never dropped) included. droppable: the kept share of the
// tokens a gate may drop (EOS and padding left out), the quantity the calibrated gates and the
// fixed rules aim at (KeepRatioTarget). With overall, a calibrated run's controller sees EOS as
// too much kept and raises lambda all run long against the calibration (docs/experiments.md, "Why
// the learned gates lose at 0.3").
enum class KeepMeasure { Overall, Droppable };

struct LossConfig {
    double lambda = 3.0;
    LambdaSchedule schedule = LambdaSchedule::Target;
    // The tiny default's schedule (docs/experiments.md, "The tiny default in 20 minutes"): compression
    // starts early and reaches its target by step 500, leaving most of the budget to recover; preset
    // tiny-search keeps the earlier 250 and 600.
    std::int64_t warmupSteps = 150;  // the model learns to copy before it has to compress
    std::int64_t rampSteps = 500;
    // Target mode.
    double targetKeep = 0.5;             // overall hard-kept fraction to reach and hold
    std::int64_t targetRampSteps = 350;  // the target falls from 1 to targetKeep over these steps
    double controllerKp = 1.0;           // lambda per unit of keep-ratio error
    double controllerKi = 0.005;         // lambda per unit of error per step
    double controllerEma = 0.97;         // smoothing of the measured keep ratio before the controller
    double controllerDeadBand = 0.01;
    KeepMeasure controllerMeasure = KeepMeasure::Overall;
    double lambdaMin = -1.0;  // negative lambda revives gates that collapsed
    double lambdaMax = 10.0;
    LossPrior prior = LossPrior::None;
    // MrT5's attention-score regulariser: beta * (mean(clamp(s, min=5)) - 5) over the raw attention
    // logits s (q.k, before position bias and masks) of every encoder self-attention; 0: off.
    double attentionScoreBeta = 0.0;
};

enum class OptimizerKind { Adam, AdamW };
enum class LearningRateSchedule { Constant, Cosine };

struct OptimConfig {
    OptimizerKind optimizer = OptimizerKind::AdamW;
    double learningRate = 1e-3;
    double weightDecay = 0.0;
    std::int64_t warmupSteps = 100;
    // Cosine to the end of optim.steps; its gain over a constant rate was within the seeds' spread
    // (docs/experiments.md). Preset tiny-search keeps the earlier constant rate.
    LearningRateSchedule schedule = LearningRateSchedule::Cosine;
    double minLearningRateFraction = 0.1;  // cosine ends at this fraction of the peak
    double clipNorm = 1.0;                 // 0: no clipping
    // The gates' parameters learn at this fraction of the learning rate, so a gate cannot move its
    // whole layer faster than the keep-ratio controller reacts.
    double gateLearningRateScale = 1.0;
    // The tiny preset in about 20 minutes on 2 CPU cores: 19 min 41 s on the machine of 2026-12-02
    // afternoon, 23 min 32 s on the same machine that morning (docs/experiments.md, "The tiny
    // default in 20 minutes"). Preset tiny-search keeps 2,000.
    std::int64_t steps = 2700;
    std::uint64_t seed = 42;
};

struct RunSettings {
    std::string name;  // run directory name; empty: <preset>-<date>-<time>
    std::string runsDirectory = "runs";
    std::int64_t evalEvery = 250;  // an evaluation of 512 texts costs about 15 steps on the CPU
    std::int64_t checkpointEvery = 500;
    std::string device = "auto";       // auto, cpu, cuda, cuda:N
    std::int64_t threads = 0;          // CPU intra-op threads; 0: one per core
    std::int64_t maxBadSteps = 5;      // consecutive NaN/Inf steps before the run stops
    std::int64_t decodeMaxLength = 0;  // free-running decoding limit; 0: data.max_tokens
    // Distributed runs: how long a rank waits for the others (the rendezvous, every collective).
    std::int64_t distributedTimeoutSeconds = 300;
    // A run directory whose newest checkpoint's weights start this run (a pretrained model made by
    // `megatoken import-hf`): its model shape and tokenizer replace this config's; the gates (added,
    // starting open), decoder window, dropout and training settings are this config's.
    std::string initFrom;
};

}  // namespace megatoken
