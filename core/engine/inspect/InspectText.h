#pragma once
// The computation behind an Inspection: one text through a model, under the hard (threshold)
// mask that evaluation uses.

#include <torch/torch.h>

#include <optional>
#include <string>

#include "core/engine/model/MegatokenModel.h"
#include "core/inspect/Inspection.h"

namespace megatoken {

class Tokenizer;

// threshold: the hard-drop threshold on ln alpha; unset: the model's gates.threshold.
Inspection inspectText(MegatokenModel& model, const Tokenizer& tokenizer, const std::string& text,
                       std::int64_t maxTokens, const torch::Device& device,
                       std::optional<double> threshold = std::nullopt);

}  // namespace megatoken
