#include "core/config/ConfigKeys.h"

#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include "core/config/ConfigError.h"
#include "core/config/EditDistance.h"
#include "core/config/EnumNames.h"
#include "core/config/Presets.h"
#include "core/io/NumberFormat.h"

// The group titles are marked for Qt's lupdate; core/ has no Qt, so here the marker is the text.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace megatoken {

using nlohmann::json;

namespace {

// Range shorthands for the table below.
ConfigRange unbounded()
{
    return {};
}
ConfigRange atLeast(double min)
{
    return {min, std::nullopt, false, false};
}
ConfigRange above(double min)
{
    return {min, std::nullopt, true, false};
}
ConfigRange below(double max)
{
    return {std::nullopt, max, false, true};
}
ConfigRange between(double min, double max)
{
    return {min, max, false, false};
}
ConfigRange fromUpToExcluding(double min, double max)
{
    return {min, max, false, true};
}
ConfigRange aboveUpTo(double min, double max)
{
    return {min, max, true, false};
}

// Whether the int64 from a config value fits the field's integer type.
template <typename Field>
bool fitsIn(std::int64_t value)
{
    if constexpr (std::is_same_v<Field, std::int64_t>) {
        return true;
    } else if constexpr (std::is_unsigned_v<Field>) {
        return value >= 0 && static_cast<std::uint64_t>(value) <= std::numeric_limits<Field>::max();
    } else {
        return value >= std::numeric_limits<Field>::min() && value <= std::numeric_limits<Field>::max();
    }
}

ConfigKey makeKey(std::string name, ConfigValueType type, std::string help)
{
    ConfigKey key;
    const auto dot = name.find('.');
    key.group = dot == std::string::npos ? std::string() : name.substr(0, dot);
    key.name = std::move(name);
    key.type = type;
    key.help = std::move(help);
    return key;
}

// Each builder takes an accessor, a generic lambda `[](auto& c) -> auto& { return c.model.dModel; }`,
// which serves both get (on a const config) and set.

template <typename Access>
ConfigKey intKey(std::string name, Access access, ConfigRange range, std::string help)
{
    ConfigKey key = makeKey(std::move(name), ConfigValueType::Int, std::move(help));
    key.range = range;
    key.get = [access](const RunConfig& config) { return json(static_cast<std::int64_t>(access(config))); };
    key.set = [access, keyName = key.name](RunConfig& config, const json& value) {
        using Field = std::remove_reference_t<decltype(access(config))>;
        const auto number = value.get<std::int64_t>();
        if (!fitsIn<Field>(number))
            throw ConfigError(keyName, std::to_string(number) + " does not fit this setting's integer type");
        access(config) = static_cast<Field>(number);
    };
    return key;
}

template <typename Access>
ConfigKey doubleKey(std::string name, Access access, ConfigRange range, std::string help)
{
    ConfigKey key = makeKey(std::move(name), ConfigValueType::Double, std::move(help));
    key.range = range;
    key.get = [access](const RunConfig& config) { return json(access(config)); };
    key.set = [access](RunConfig& config, const json& value) { access(config) = value.get<double>(); };
    return key;
}

template <typename Access>
ConfigKey boolKey(std::string name, Access access, std::string help)
{
    ConfigKey key = makeKey(std::move(name), ConfigValueType::Bool, std::move(help));
    key.get = [access](const RunConfig& config) { return json(access(config)); };
    key.set = [access](RunConfig& config, const json& value) { access(config) = value.get<bool>(); };
    return key;
}

template <typename Access>
ConfigKey stringKey(std::string name, Access access, std::string help)
{
    ConfigKey key = makeKey(std::move(name), ConfigValueType::String, std::move(help));
    key.get = [access](const RunConfig& config) { return json(access(config)); };
    key.set = [access](RunConfig& config, const json& value) { access(config) = value.get<std::string>(); };
    return key;
}

// A std::string field restricted to a list of names.
template <typename Access>
ConfigKey choiceKey(std::string name, Access access, std::vector<std::string> choices, std::string help)
{
    ConfigKey key = stringKey(std::move(name), access, std::move(help));
    key.type = ConfigValueType::Enum;
    key.allowedValues = std::move(choices);
    return key;
}

template <typename Enum, typename Access>
ConfigKey enumKey(std::string name, Access access, std::string help)
{
    ConfigKey key = makeKey(std::move(name), ConfigValueType::Enum, std::move(help));
    for (const auto& entry : enumNames<Enum>()) key.allowedValues.emplace_back(entry.second);
    key.get = [access](const RunConfig& config) { return json(std::string(enumName<Enum>(access(config)))); };
    key.set = [access, keyName = key.name](RunConfig& config, const json& value) {
        const auto parsed = parseEnum<Enum>(value.get<std::string>());
        if (!parsed) throw ConfigError(keyName, "unknown value " + value.dump());
        access(config) = *parsed;
    };
    return key;
}

ConfigKey advanced(ConfigKey key)
{
    key.advanced = true;
    return key;
}

std::vector<std::string> corpusFormatNames()
{
    // The canonical names of CorpusFormat (core/data/CorpusSpec.h).
    return {"auto", "text", "csv", "tsv", "jsonl", "wordnet"};
}

// The preset key's values: the presets, and the name an imported run carries.
std::vector<std::string> presetKeyValues()
{
    auto names = presetNames();
    names.emplace_back(kImportedPreset);
    return names;
}

std::vector<ConfigKey> buildTable()
{
    std::vector<ConfigKey> keys{
        choiceKey(
            "preset", [](auto& c) -> auto& { return c.preset; }, presetKeyValues(),
            "The preset this configuration starts from; a config file's preset supplies every key "
            "the file leaves out, except that a file without \"config_version\": 2 was written before "
            "segment merging became the default and without gates.merge means none. tiny-search: the tiny "
            "default before the search (2,000 steps at a constant learning rate, later compression), which "
            "the other presets' schedules keep. tiny-drop: tiny-search without merging (the default before "
            "that). "
            "hf-import: a run made by megatoken import-hf."),

        // data
        stringKey(
            "data.corpus", [](auto& c) -> auto& { return c.data.corpus; },
            "Training texts: a .txt, .csv, .tsv or .jsonl file, or a WordNet directory; empty or "
            "\"wordnet\" uses the built-in WordNet glosses; \"python-docs\" the longer paragraphs of the "
            "Python documentation (Debian package python3-doc)."),
        choiceKey(
            "data.format", [](auto& c) -> auto& { return c.data.format; }, corpusFormatNames(),
            "How to read data.corpus; auto decides by the file's extension."),
        stringKey(
            "data.column", [](auto& c) -> auto& { return c.data.column; },
            "CSV/TSV column holding the text, by header name or 0-based index; empty picks the column "
            "named \"text\" or the only one."),
        stringKey(
            "data.field", [](auto& c) -> auto& { return c.data.field; },
            "JSONL key holding the text; a dotted path such as review.text reaches into nested objects."),
        boolKey(
            "data.lowercase", [](auto& c) -> auto& { return c.data.lowercase; },
            "Lowercase every text before tokenizing, which shrinks what the model has to reconstruct."),
        intKey(
            "data.max_tokens", [](auto& c) -> auto& { return c.data.maxTokens; }, atLeast(2),
            "Longest text in tokens, EOS included; longer texts are truncated, which bounds memory and "
            "the length of what must be reconstructed."),
        intKey(
            "data.min_tokens", [](auto& c) -> auto& { return c.data.minTokens; }, atLeast(1),
            "Shortest text kept, in tokens with EOS; shorter texts are skipped."),
        intKey(
            "data.max_texts", [](auto& c) -> auto& { return c.data.maxTexts; }, atLeast(0),
            "Read at most this many texts from the corpus (0: all), for quick experiments."),
        intKey(
            "data.validation_texts", [](auto& c) -> auto& { return c.data.validationTexts; }, atLeast(0),
            "Validation texts scored at every evaluation (0: the whole validation split)."),
        intKey(
            "data.batch_size", [](auto& c) -> auto& { return c.data.batchSize; }, atLeast(1),
            "Texts per optimizer step."),
        boolKey(
            "data.bucket_by_length", [](auto& c) -> auto& { return c.data.bucketByLength; },
            "Batch texts of similar length together, so less compute is spent on padding."),

        // tokenizer
        stringKey(
            "tokenizer.model", [](auto& c) -> auto& { return c.tokenizer.model; },
            "An existing SentencePiece .model file; empty trains a new one on the corpus's training split."),
        intKey(
            "tokenizer.vocab_size", [](auto& c) -> auto& { return c.tokenizer.vocabSize; }, between(8, 1000000),
            "Pieces in a newly trained SentencePiece vocabulary (ignored when tokenizer.model is set)."),
        doubleKey(
            "tokenizer.character_coverage", [](auto& c) -> auto& { return c.tokenizer.characterCoverage; },
            aboveUpTo(0, 1),
            "Fraction of the corpus's characters the trained vocabulary must cover; rarer characters "
            "become <unk>."),

        // model
        intKey(
            "model.vocab_size", [](auto& c) -> auto& { return c.model.vocabSize; }, atLeast(8),
            "Rows of the token embedding and of the output layer; must cover every id the tokenizer "
            "produces."),
        intKey(
            "model.d_model", [](auto& c) -> auto& { return c.model.dModel; }, atLeast(1),
            "Width of the hidden states (the residual stream) of encoder and decoder."),
        intKey(
            "model.num_heads", [](auto& c) -> auto& { return c.model.numHeads; }, atLeast(1),
            "Attention heads per attention layer."),
        intKey(
            "model.d_kv", [](auto& c) -> auto& { return c.model.dKv; }, atLeast(1),
            "Width of each head's queries, keys and values; as in T5, num_heads * d_kv need not equal "
            "d_model."),
        intKey(
            "model.d_ff", [](auto& c) -> auto& { return c.model.dFf; }, atLeast(1),
            "Inner width of each feed-forward block."),
        intKey(
            "model.encoder_layers", [](auto& c) -> auto& { return c.model.encoderLayers; }, atLeast(1),
            "Number of encoder blocks; gates follow some of them (see gates.every and gates.first)."),
        intKey(
            "model.decoder_layers", [](auto& c) -> auto& { return c.model.decoderLayers; }, atLeast(1),
            "Number of decoder blocks."),
        enumKey<FeedForwardKind>(
            "model.feed_forward", [](auto& c) -> auto& { return c.model.feedForward; },
            "Feed-forward block: relu as in the original T5, or gated-gelu as in T5 1.1 "
            "and Flan-T5."),
        doubleKey(
            "model.dropout", [](auto& c) -> auto& { return c.model.dropout; }, fromUpToExcluding(0, 1),
            "Dropout probability during training."),
        boolKey(
            "model.tied_head", [](auto& c) -> auto& { return c.model.tiedHead; },
            "Share the output layer's weights with the input embedding, as the original T5 does."),
        boolKey(
            "model.absolute_positions", [](auto& c) -> auto& { return c.model.absolutePositions; },
            "Add learned absolute position embeddings to the inputs: a small model trained from scratch "
            "needed them to learn to copy, T5 checkpoints have none."),
        intKey(
            "model.max_positions", [](auto& c) -> auto& { return c.model.maxPositions; }, atLeast(1),
            "Number of learned absolute positions, so the longest sequence the model accepts when "
            "model.absolute_positions is on."),
        intKey(
            "model.relative_buckets", [](auto& c) -> auto& { return c.model.relativeBuckets; }, atLeast(4),
            "Number of T5 relative-position buckets in the attention bias: exact for short distances, "
            "logarithmic beyond."),
        intKey(
            "model.relative_max_distance", [](auto& c) -> auto& { return c.model.relativeMaxDistance; }, atLeast(1),
            "Distance from which relative positions all share the last bucket."),
        intKey(
            "model.decoder_window", [](auto& c) -> auto& { return c.model.decoderWindow; }, atLeast(0),
            "The decoder's self-attention sees only this many previous tokens, so it must read the "
            "encoder's megatokens instead of continuing the text like a language model. 0: unlimited "
            "(full causal self-attention, as T5 has; an imported model starts with it)."),
        boolKey(
            "model.scaled_attention", [](auto& c) -> auto& { return c.model.scaledAttention; },
            "Divide attention logits by sqrt(d_kv); T5 does not, and its initialisation accounts for that."),
        enumKey<AttentionKernel>(
            "model.attention_kernel", [](auto& c) -> auto& { return c.model.attentionKernel; },
            "How attention is computed: fused = LibTorch 2.x's scaled_dot_product_attention "
            "with the position, padding and gate terms as its additive mask (the explicit path "
            "on LibTorch 1.13, which lacks it); explicit = matmul, softmax, matmul, for "
            "mechanisms that change the softmax itself. Both give the same outputs and "
            "gradients within 1e-4 (with dropout off: they draw dropout's random numbers "
            "differently, so the same seed trains differently)."),
        boolKey(
            "model.softmax1", [](auto& c) -> auto& { return c.model.softmax1; },
            "Softmax with +1 in the denominator (\"attention is off by one\", as MrT5 uses): "
            "exp(s_i) / (1 + sum_j exp(s_j)) in every attention layer, so a query may attend to "
            "nothing; runs the explicit attention path."),
        advanced(doubleKey(
            "model.layer_norm_epsilon", [](auto& c) -> auto& { return c.model.layerNormEpsilon; }, above(0),
            "Epsilon of the RMS norms, which keeps them finite on all-zero states.")),
        advanced(intKey(
            "model.pad_id", [](auto& c) -> auto& { return c.model.padId; }, atLeast(0),
            "Token id of padding (T5: 0); padded positions are masked out of attention and loss.")),
        advanced(intKey(
            "model.eos_id", [](auto& c) -> auto& { return c.model.eosId; }, atLeast(0),
            "Token id that ends every text (T5: 1).")),

        // gates
        enumKey<GateRule>(
            "gates.rule", [](auto& c) -> auto& { return c.model.gates.rule; },
            "What decides which tokens a gate drops: learned (the Megatoken gate), or a fixed-rule "
            "baseline keeping the same share at every gate (target_keep^(1/gates)): random, "
            "first-k, attention (most attention received) or stride (segments pooled into one token)."),
        enumKey<GateForm>(
            "gates.form", [](auto& c) -> auto& { return c.model.gates.form; },
            "How a gate turns its score E0 into the keep probability alpha: post = sigmoid(E0/tau "
            "+ beta) as in the authors' post, code = sigmoid((E0 + beta)/tau) as in their code, "
            "mrt5 = MrT5's delete gate: ln alpha = k * sigmoid(-(E0/tau + beta)) with k = "
            "gates.mrt5_k, a key (column) bias only, dropped below gates.threshold (MrT5: k/2)."),
        doubleKey(
            "gates.tau", [](auto& c) -> auto& { return c.model.gates.tau; }, above(0),
            "Temperature of the keep score: lower values make each gate's decision sharper "
            "(alpha = sigmoid(E0/tau + beta) in the post form)."),
        doubleKey(
            "gates.beta", [](auto& c) -> auto& { return c.model.gates.beta; }, unbounded(),
            "Bias added inside the sigmoid; positive values keep more tokens early in training."),
        enumKey<GateNoise>(
            "gates.noise", [](auto& c) -> auto& { return c.model.gates.noise; },
            "Noise added to the gate score in training only, which pushes the gates towards "
            "confident keep-or-drop decisions."),
        doubleKey(
            "gates.noise_scale", [](auto& c) -> auto& { return c.model.gates.noiseScale; }, atLeast(0),
            "Multiplier on the gate noise (0: none)."),
        enumKey<GateSource>(
            "gates.source", [](auto& c) -> auto& { return c.model.gates.source; },
            "Where a gate's score comes from: element0 reads E[0] of the hidden state (the "
            "post), projection a small learned readout that varies across tokens (MrT5 style)."),
        intKey(
            "gates.every", [](auto& c) -> auto& { return c.model.gates.every; }, atLeast(0),
            "A gate after every k-th encoder block (0: no gates, a plain autoencoder)."),
        intKey(
            "gates.first", [](auto& c) -> auto& { return c.model.gates.first; }, atLeast(0),
            "The encoder block (0-based) after which the first gate sits. Deciding late: "
            "first = encoder_layers - 1 with every = 1 puts one gate after the last block, so no "
            "encoder block sees a gate mask and only the decoder's memory is compressed."),
        boolKey(
            "gates.reset_element0", [](auto& c) -> auto& { return c.model.gates.resetElement0; },
            "Zero element 0 of the hidden state before each gated block, as the authors' code does, so "
            "every gate reads a fresh score."),
        doubleKey(
            "gates.threshold", [](auto& c) -> auto& { return c.model.gates.threshold; }, below(0),
            "A token whose ln alpha at a gate is at or below this counts as dropped there (the hard "
            "mask used at evaluation). With gates.form=mrt5 it applies to G and must lie in "
            "(mrt5_k, 0): MrT5 uses mrt5_k/2 = -15."),
        boolKey(
            "gates.straight_through", [](auto& c) -> auto& { return c.model.gates.straightThrough; },
            "Train with the hard mask in the forward pass and the soft mask's gradient, so a token "
            "counted as dropped cannot still leak into attention."),
        doubleKey(
            "gates.calibration_rate", [](auto& c) -> auto& { return c.model.gates.calibrationRate; }, between(0, 1),
            "Keep-ratio calibration (0: off): each gate's logit gets a non-learned offset that every "
            "training step moves by this fraction of the shift that would make the batch keep the "
            "gate's share of the target keep ratio (noise-free logits); before every evaluation and "
            "the last checkpoint it is set exactly in evaluation mode (no dropout, no noise) on "
            "training texts held out of the batches (a tenth, at most 512); saved with the model and "
            "used at evaluation."),
        enumKey<GateKeep>(
            "gates.keep", [](auto& c) -> auto& { return c.model.gates.keep; },
            "How a learned gate picks the tokens it keeps: threshold = ln alpha above "
            "gates.threshold (the post); quantile = exactly ceil(rho*n) of the n droppable tokens "
            "of every row, rho = the gate's share of the keep target (Nugget, DynamicViT), with a "
            "straight-through sigmoid around the row's k-th largest logit."),
        enumKey<GateMask>(
            "gates.mask", [](auto& c) -> auto& { return c.model.gates.mask; },
            "How the gate mask enters attention: additive = ln alpha added to the logits (the "
            "post); multiplicative = the keep mask multiplies exp(logit) inside the softmax "
            "(DynamicViT, LTMP): hard 0/1 forward, the soft alpha's gradient, so a dropped token "
            "still gets a gradient. Runs the explicit attention path."),
        enumKey<GateMerge>(
            "gates.merge", [](auto& c) -> auto& { return c.model.gates.merge; },
            "What becomes of a dropped token's state: none = dropped; similar = averaged into the "
            "kept token with the most similar hidden state (cosine; ToMe); left = into the nearest "
            "kept token to its left; segment = each run of dropped tokens into the next kept token "
            "(dynamic pooling). Size-weighted, with +ln size on each key's logit afterwards. The default "
            "(segment) merges with a fixed gates.rule too; a sweep's fixed-rule baselines never merge, so "
            "for the plain rule with megatoken train set gates.merge=none."),
        doubleKey(
            "gates.mrt5_k", [](auto& c) -> auto& { return c.model.gates.mrt5K; }, below(0),
            "gates.form=mrt5: the gate's scale k in G = k * sigmoid(-z), the most negative bias a "
            "deleted token's key gets (MrT5: -30)."),

        // loss
        doubleKey(
            "loss.lambda", [](auto& c) -> auto& { return c.loss.lambda; }, unbounded(),
            "Weight of the compression loss that pushes the gates to drop tokens, for the constant, "
            "step and ramp schedules (target steers it itself)."),
        enumKey<LambdaSchedule>(
            "loss.schedule", [](auto& c) -> auto& { return c.loss.schedule; },
            "How lambda evolves: constant, step (0, then lambda after warmup_steps), ramp "
            "(rising linearly over ramp_steps) or target (a PI controller holds the keep "
            "ratio at target_keep)."),
        intKey(
            "loss.warmup_steps", [](auto& c) -> auto& { return c.loss.warmupSteps; }, atLeast(0),
            "Steps trained as a plain autoencoder (lambda 0) before compression starts."),
        intKey(
            "loss.ramp_steps", [](auto& c) -> auto& { return c.loss.rampSteps; }, atLeast(0),
            "Ramp schedule: steps over which lambda rises linearly from 0 to loss.lambda."),
        doubleKey(
            "loss.target_keep", [](auto& c) -> auto& { return c.loss.targetKeep; }, aboveUpTo(0, 1),
            "Target schedule: the overall fraction of tokens the gates should keep."),
        intKey(
            "loss.target_ramp_steps", [](auto& c) -> auto& { return c.loss.targetRampSteps; }, atLeast(0),
            "Target schedule: steps after the warm-up over which the target falls from 1 (keep all) to "
            "target_keep, so compression grows as a curriculum instead of collapsing at once."),
        doubleKey(
            "loss.controller_kp", [](auto& c) -> auto& { return c.loss.controllerKp; }, atLeast(0),
            "Target schedule: lambda per unit of keep-ratio error (the proportional gain)."),
        doubleKey(
            "loss.controller_ki", [](auto& c) -> auto& { return c.loss.controllerKi; }, atLeast(0),
            "Target schedule: lambda per unit of error accumulated per step (the integral gain), which "
            "removes the steady offset a proportional controller leaves."),
        doubleKey(
            "loss.controller_ema", [](auto& c) -> auto& { return c.loss.controllerEma; }, fromUpToExcluding(0, 1),
            "Target schedule: smoothing of the measured keep ratio so batch noise does not jerk lambda "
            "around (0: none)."),
        doubleKey(
            "loss.controller_dead_band", [](auto& c) -> auto& { return c.loss.controllerDeadBand; }, atLeast(0),
            "Target schedule: keep-ratio errors smaller than this are ignored."),
        enumKey<KeepMeasure>(
            "loss.controller_measure", [](auto& c) -> auto& { return c.loss.controllerMeasure; },
            "Target schedule: the keep ratio the controller holds at loss.target_keep. overall = the "
            "kept share of all tokens, EOS (never dropped) included; droppable = the kept share of "
            "the tokens the gates may drop, what calibrated gates and fixed rules aim at (with "
            "overall a calibrated run's lambda climbs against its calibration all run long)."),
        doubleKey(
            "loss.lambda_min", [](auto& c) -> auto& { return c.loss.lambdaMin; }, unbounded(),
            "Target schedule: lowest lambda; a negative value rewards keeping, which revives gates that "
            "dropped everything. With loss.prior set lambda stops at 0: a negative weight on a prior "
            "pushes the keep ratio away from the target."),
        doubleKey(
            "loss.lambda_max", [](auto& c) -> auto& { return c.loss.lambdaMax; }, unbounded(),
            "Target schedule: highest lambda."),
        enumKey<LossPrior>(
            "loss.prior", [](auto& c) -> auto& { return c.loss.prior; },
            "The term lambda weighs: none = the compression loss (mean of R(s)^2); binomial = the "
            "negative log-likelihood of each gate's soft kept count under Binomial(n, its keep "
            "target), per token (Nawrot et al.); keep_mse = the squared error of each gate's soft "
            "keep ratio against its target."),
        doubleKey(
            "loss.attention_score_beta", [](auto& c) -> auto& { return c.loss.attentionScoreBeta; }, atLeast(0),
            "MrT5's attention-score regulariser: adds beta * (mean(clamp(s, min=5)) - 5) over the raw "
            "logits s of every encoder self-attention, which keeps them from growing (0: off; runs "
            "the explicit attention path in training)."),

        // optim
        enumKey<OptimizerKind>(
            "optim.optimizer", [](auto& c) -> auto& { return c.optim.optimizer; },
            "adam, or adamw with weight decay decoupled from the gradient."),
        doubleKey(
            "optim.lr", [](auto& c) -> auto& { return c.optim.learningRate; }, above(0),
            "Peak learning rate, reached after optim.warmup_steps."),
        doubleKey(
            "optim.weight_decay", [](auto& c) -> auto& { return c.optim.weightDecay; }, atLeast(0),
            "Weight decay: decoupled with adamw, an L2 term with adam."),
        intKey(
            "optim.warmup_steps", [](auto& c) -> auto& { return c.optim.warmupSteps; }, atLeast(0),
            "Steps over which the learning rate rises linearly from 0 to optim.lr."),
        enumKey<LearningRateSchedule>(
            "optim.schedule", [](auto& c) -> auto& { return c.optim.schedule; },
            "Learning rate after warm-up: constant, or a cosine decay to "
            "optim.min_lr_fraction of the peak at optim.steps."),
        doubleKey(
            "optim.min_lr_fraction", [](auto& c) -> auto& { return c.optim.minLearningRateFraction; }, between(0, 1),
            "Cosine schedule: the final learning rate as a fraction of the peak."),
        doubleKey(
            "optim.clip_norm", [](auto& c) -> auto& { return c.optim.clipNorm; }, atLeast(0),
            "Clip the gradient's global norm to this (0: no clipping), which tames loss spikes."),
        doubleKey(
            "optim.gate_lr_scale", [](auto& c) -> auto& { return c.optim.gateLearningRateScale; }, atLeast(0),
            "The gates' own parameters learn at this fraction of the learning rate, so a gate cannot "
            "swing its whole layer faster than the keep-ratio controller reacts (1: same rate)."),
        intKey(
            "optim.steps", [](auto& c) -> auto& { return c.optim.steps; }, atLeast(1), "Optimizer steps to train for."),
        intKey(
            "optim.seed", [](auto& c) -> auto& { return c.optim.seed; }, atLeast(0),
            "Seed of every random choice (initialisation, shuffling, dropout, gate noise), so a run can be "
            "repeated exactly."),

        // run
        stringKey(
            "run.name", [](auto& c) -> auto& { return c.run.name; },
            "Name of the run's directory under run.runs_directory; empty: <preset>-<date>-<time>."),
        stringKey(
            "run.runs_directory", [](auto& c) -> auto& { return c.run.runsDirectory; },
            "Directory holding one sub-directory per run."),
        stringKey(
            "run.init_from", [](auto& c) -> auto& { return c.run.initFrom; },
            "A run directory (e.g. one made by megatoken import-hf) whose newest checkpoint's weights "
            "start this run: its model shape and tokenizer replace this config's, while the gates (added, "
            "starting open), decoder window, dropout and training settings are this config's. Empty: "
            "train from scratch."),
        intKey(
            "run.eval_every", [](auto& c) -> auto& { return c.run.evalEvery; }, atLeast(0),
            "Evaluate on the validation texts every this many steps, and at the end (0: never)."),
        intKey(
            "run.checkpoint_every", [](auto& c) -> auto& { return c.run.checkpointEvery; }, atLeast(0),
            "Save a checkpoint every this many steps (0: only at the end and on stop)."),
        stringKey(
            "run.device", [](auto& c) -> auto& { return c.run.device; },
            "Where to train: auto (CUDA when available), cpu, cuda or cuda:N."),
        intKey(
            "run.threads", [](auto& c) -> auto& { return c.run.threads; }, atLeast(0),
            "CPU threads for tensor operations (0: one per core)."),
        intKey(
            "run.max_bad_steps", [](auto& c) -> auto& { return c.run.maxBadSteps; }, atLeast(1),
            "Stop the run after this many consecutive steps with a NaN or infinite loss."),
        intKey(
            "run.decode_max_length", [](auto& c) -> auto& { return c.run.decodeMaxLength; }, atLeast(0),
            "Longest free-running decode at evaluation, in tokens (0: data.max_tokens)."),
        intKey(
            "run.distributed_timeout_s", [](auto& c) -> auto& { return c.run.distributedTimeoutSeconds; }, atLeast(1),
            "Distributed runs (WORLD_SIZE > 1, or megatoken train --nproc): seconds a process waits for the "
            "others at the rendezvous and in every collective before it stops the run with an error naming "
            "the rank that went silent."),
    };
    // Defaults come from the structs themselves, so the table cannot contradict them.
    const RunConfig defaults;
    for (ConfigKey& key : keys) key.defaultValue = key.get(defaults);
    return keys;
}

}  // namespace

std::string_view typeName(ConfigValueType type)
{
    switch (type) {
        case ConfigValueType::Int: return "int";
        case ConfigValueType::Double: return "double";
        case ConfigValueType::Bool: return "bool";
        case ConfigValueType::String: return "string";
        case ConfigValueType::Enum: return "enum";
    }
    return "?";
}

bool ConfigRange::contains(double value) const
{
    if (min && (minExclusive ? value <= *min : value < *min)) return false;
    if (max && (maxExclusive ? value >= *max : value > *max)) return false;
    return true;
}

std::string ConfigRange::describe() const
{
    if (min && max)
        return (minExclusive ? "(" : "[") + numberText(*min) + ", " + numberText(*max) + (maxExclusive ? ")" : "]");
    if (min) return (minExclusive ? "> " : ">= ") + numberText(*min);
    if (max) return (maxExclusive ? "< " : "<= ") + numberText(*max);
    return {};
}

std::string ConfigKey::memberName() const
{
    return group.empty() ? name : name.substr(group.size() + 1);
}

const std::vector<ConfigGroup>& configGroups()
{
    // Titles are marked for Qt's lupdate; the configuration form (widgets/config/ConfigForm.cpp)
    // translates them in this context, and app/CMakeLists.txt lists this file among the translated
    // sources.
    // clang-format off
    static const std::vector<ConfigGroup> groups{
        {"data", QT_TRANSLATE_NOOP("megatoken::ConfigKeys", "Corpus and batches")},
        {"tokenizer", QT_TRANSLATE_NOOP("megatoken::ConfigKeys", "Tokenizer")},
        {"model", QT_TRANSLATE_NOOP("megatoken::ConfigKeys", "Model shape")},
        {"gates", QT_TRANSLATE_NOOP("megatoken::ConfigKeys", "Token gates")},
        {"loss", QT_TRANSLATE_NOOP("megatoken::ConfigKeys", "Compression loss")},
        {"optim", QT_TRANSLATE_NOOP("megatoken::ConfigKeys", "Optimizer")},
        {"run", QT_TRANSLATE_NOOP("megatoken::ConfigKeys", "Run")},
    };
    // clang-format on
    return groups;
}

const std::vector<ConfigKey>& configKeys()
{
    static const std::vector<ConfigKey> keys = buildTable();
    return keys;
}

const ConfigKey* findConfigKey(std::string_view name)
{
    for (const ConfigKey& key : configKeys())
        if (key.name == name) return &key;
    return nullptr;
}

const ConfigKey& configKey(std::string_view name)
{
    if (const ConfigKey* key = findConfigKey(name)) return *key;
    throw ConfigError(std::string(name), unknownKeyMessage(name));
}

std::optional<std::string> closestConfigKey(std::string_view unknown)
{
    std::vector<std::string> names;
    for (const ConfigKey& key : configKeys()) names.push_back(key.name);
    if (auto match = closestMatch(unknown, names)) return match;
    // A bare member name ("tau", "lr") or one put in the wrong group ("model.tau") most likely
    // means the key that ends in it.
    const auto dot = unknown.find('.');
    const std::string_view member = dot == std::string_view::npos ? unknown : unknown.substr(dot + 1);
    std::vector<std::string> members;
    for (const ConfigKey& key : configKeys()) members.push_back(key.memberName());
    if (auto match = closestMatch(member, members))
        for (const ConfigKey& key : configKeys())
            if (key.memberName() == *match) return key.name;
    // A name spelt out where the key abbreviates it to its initials ("learning_rate" for "lr").
    std::string initials;
    for (std::size_t i = 0; i < member.size(); ++i)
        if (i == 0 || member[i - 1] == '_') initials += member[i];
    if (initials.size() > 1)
        for (const ConfigKey& key : configKeys())
            if (key.memberName() == initials) return key.name;
    return std::nullopt;
}

std::string unknownKeyMessage(std::string_view unknown)
{
    if (const auto suggestion = closestConfigKey(unknown)) return "unknown key (did you mean \"" + *suggestion + "\"?)";
    return "unknown key (`megatoken config keys` lists them all)";
}

}  // namespace megatoken
