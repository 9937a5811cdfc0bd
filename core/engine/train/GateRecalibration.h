#pragma once
#include <torch/torch.h>

#include <cstddef>
#include <vector>

#include "core/data/EncodedCorpus.h"
#include "core/engine/model/MegatokenModel.h"

namespace megatoken {

// Recalibration of the learned gates' keep ratio in evaluation mode, like recomputing batch norm's
// statistics without dropout. Training calibrates each gate's logit offset on its own batches
// (gates.calibration_rate), where dropout and the gate noise widen the spread of the logits; a
// model evaluated without them then kept 0.63 of its tokens at a target of 0.5 (docs/experiments.md,
// "The search"). This sets every calibrated learned gate's offset so that, in evaluation mode and
// under the hard mask, it keeps exactly its share of the target (KeepRatioTarget::perGate) of the
// droppable tokens of `texts` (indices into corpus: training texts held out of the batches, never
// the validation split), gate after gate, each on the tokens the gates before it let through.
// Texts the model trained on are a biased sample: their gate logits sit lower, so gates set on them
// kept 0.530 of the training texts but 0.561 of validation at a target of 0.5 (docs/experiments.md);
// the trainer therefore holds its calibration texts out of training (Trainer::encodeCorpus).
// Batches of batchSize texts; the model is left in the mode it was in. Gates that are not learned
// and calibrated (fixed rules, gates.keep=quantile, calibration_rate 0, or still in warm-up) are
// left alone. Returns the shift given to each gate (0 for those left alone).
// Whether recalibrateGates moves any gate of a model of this config: at least one gate, learned,
// with a threshold and a calibration rate above 0 (a model without gates, gates.every = 0, has
// nothing to recalibrate and keeps every training text).
bool recalibratesGates(const ModelConfig& config);

std::vector<double> recalibrateGates(MegatokenModel& model, const EncodedCorpus& corpus,
                                     const std::vector<std::size_t>& texts, std::size_t batchSize,
                                     const torch::Device& device);

}  // namespace megatoken
