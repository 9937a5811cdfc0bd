#pragma once
// A Hugging Face T5 folder (config.json, model.safetensors or shards with their index, spiece.model)
// to a run directory that `eval`, `inspect`, the GUI and `train --init-from` open like any other,
// and a run back to such a folder.
//
// The imported run is the Hugging Face model exactly: relative positions only, full causal decoder
// self-attention (model.decoder_window 0), no gates; its one checkpoint is step 0.

#include <cstdint>
#include <string>

#include "core/config/RunConfig.h"

namespace megatoken {

class Feedback;

struct HfImportResult {
    std::string runDirectory;
    std::string checkpoint;  // <run>/checkpoints/step-00000000.pt
    RunConfig config;
    int tokenizerPieces = 0;  // spiece.model's pieces (T5: 32,000; the model has 32,128 rows)
    std::int64_t parameterCount = 0;
    std::vector<std::string> weightFiles;  // the .safetensors files read
};

// Creates `runDirectory` (which must not exist yet) with config.json, tokenizer.model (a copy of
// spiece.model), status.json (state "imported") and checkpoints/step-00000000.pt. A folder written
// by exportHfRun carries its run config under the "megatoken" key of config.json and its gates as
// megatoken.* tensors; they come back too.
// Throws HfError naming the file and tensors concerned: a missing or unreadable config.json, an
// unsupported config (core/hf/T5Config.h), missing spiece.model, a tokenizer with more pieces than
// the model's vocab_size or other pad/eos ids than the config, missing, unknown or misshapen tensors
// (core/engine/model/HfT5Weights.h); SafetensorsError for a corrupt, truncated or lying file;
// TokenizerError for a broken spiece.model. Nothing is left behind on failure: the run directory is
// written under a temporary name and renamed into place last.
// feedback (may be null): progress over the tensors read, cancellation between tensors.
HfImportResult importHfFolder(const std::string& folder, const std::string& runDirectory, Feedback* feedback = nullptr);

// Writes a Hugging Face folder from a run's checkpoint (the newest, or `checkpoint`): config.json
// (T5's fields, plus the run's config under "megatoken"), model.safetensors (core/engine/model/
// HfT5Weights.h) and spiece.model. transformers loads it as T5ForConditionalGeneration, ignoring
// the gates, so it runs the model with every token kept and unlimited decoder self-attention.
// `outFolder` must not exist or be empty, unless `overwrite`: then the whole folder is replaced
// (never a mix of two models' files). The folder is written under a temporary name beside it and
// renamed into place last. Throws HfError when outFolder exists and is not empty (without
// overwrite) or the model has something T5 lacks (absolute positions, scaled attention),
// CheckpointError for a broken checkpoint, FileWriteError for a file that cannot be written.
void exportHfRun(const std::string& runDirectory, const std::string& outFolder, const std::string& checkpoint = {},
                 bool overwrite = false);

// What transformers should compute from an exported folder, for checking an export with
// transformers itself (scripts/make-t5-fixture.py --check-export): the run's checkpoint as
// T5ForConditionalGeneration runs it (no gates, unlimited decoder self-attention), on the
// `input_ids` [B, L] (I64) and `attention_mask` [B, L] of `inputsFile` (the layout of the
// fixtures' parity.safetensors; padding is id 0), teacher-forced with labels = input_ids. Writes
// `outFile` (F32): input_ids, attention_mask, encoder_hidden [B, L, D], logits [B, L, V].
// Throws SafetensorsError for an unreadable inputs file or one without those tensors, HfError when
// the model cannot be a T5, FileWriteError when outFile cannot be written.
void writeHfReference(const std::string& runDirectory, const std::string& inputsFile, const std::string& outFile,
                      const std::string& checkpoint = {});

}  // namespace megatoken
