#pragma once
// Hugging Face T5 weights in and out of a MegatokenModel, through the one name table
// core/hf/T5TensorNames.h. The safetensors files are read tensor by tensor straight into the
// parameters' storage (no second copy of the model in memory) and written from it.

#include <string>

#include "core/engine/model/MegatokenModel.h"

namespace megatoken {

class SafetensorsCheckpoint;

// Loads every T5 weight of `checkpoint` into `model` (float32, on the CPU), which must have been
// built from the same folder's config (readT5Config). Also reads back the "megatoken.*" tensors an
// export wrote for what T5 lacks (the gates); parameters of ours that the checkpoint lacks keep their
// initialisation only when they are not T5 weights.
// Throws HfError naming `source` (the folder or file) and listing, all at once, the T5 tensors
// missing from the checkpoint, the tensors with another shape than the config implies (each with
// both shapes), and the names nothing here knows; SafetensorsError for an unreadable tensor.
void loadT5Weights(MegatokenModel& model, const SafetensorsCheckpoint& checkpoint, const std::string& source);

// Writes the model's weights as a Hugging Face T5 model.safetensors at `path` (atomically), under
// the names transformers expects (fused q/k/v split again), plus every parameter and buffer T5
// lacks (the gates) as "megatoken.<name>". Metadata {"format": "pt"}, as save_pretrained writes.
// Throws FileWriteError (a full disk, a missing folder) naming the file.
void writeT5Weights(MegatokenModel& model, const std::string& path);

}  // namespace megatoken
