#pragma once
// Starting a run from another run's weights (run.init_from): a pretrained T5 made by
// `megatoken import-hf`, with Megatoken gates added on top by the new run's config.

#include <string>
#include <vector>

#include <torch/torch.h>

#include "core/config/RunConfig.h"
#include "core/engine/model/MegatokenModel.h"

namespace megatoken {

struct InitSource {
    std::string checkpoint;      // the newest checkpoint of the run directory
    RunConfig config;            // the config saved in it
    std::string tokenizerModel;  // its serialized sentencepiece model
};

// The newest checkpoint of the run directory. Throws std::runtime_error naming the directory when it
// is missing or has no checkpoint (saying so when it is a Hugging Face folder not yet imported).
// Cheap: the trainer calls it before it creates the new run's directory or reads the corpus.
std::string initCheckpoint(const std::string& runDirectory);

// Reads the newest checkpoint's config and tokenizer. Throws std::runtime_error naming the directory
// when it is missing or has no checkpoint, CheckpointError for a broken checkpoint.
InitSource readInitSource(const std::string& runDirectory);

// The fields that fix the weights' shapes (vocabulary, widths, depths, feed-forward kind, head tying,
// positions, relative buckets, norm epsilon, pad and eos ids) copied from `source` into `target`;
// the gates, decoder window, dropout and attention kernel stay the target's.
void adoptModelShape(ModelConfig& target, const ModelConfig& source);

// Loads the source checkpoint's weights into `model`. Returns the parameters the checkpoint lacked
// (the new gates). Throws CheckpointError when a lacking parameter is not a gate's (the shapes do not
// fit) or a shape differs, naming the file and the parameters.
std::vector<std::string> loadInitWeights(const std::string& checkpoint, MegatokenModel& model);

// Opens the learned gates of a model whose gates were just added: gate by gate, the offset on its
// logit (TokenGate::addLogitOffset) rises until every droppable token of `ids` [B, L] (not padding,
// not EOS) has alpha >= minAlpha at that gate, without noise, under the soft mask. Gates already that
// open are left alone; fixed-rule gates have nothing to open. Returns the offset added per gate.
// The pretrained states are untouched: only the gates' own offsets move.
std::vector<double> openGates(MegatokenModel& model, const torch::Tensor& ids, double minAlpha = 0.95);

}  // namespace megatoken
