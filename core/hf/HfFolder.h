#pragma once
// Telling a Hugging Face model folder from a run directory, for the messages of commands that are
// given one where the other belongs (`train --init-from`, `eval --run`, `export-hf --run`).

#include <string>

namespace megatoken {

// True when `folder` holds config.json and weights in a Hugging Face layout (model.safetensors,
// model.safetensors.index.json or pytorch_model.bin).
bool looksLikeHfFolder(const std::string& folder);

// "" or, for a Hugging Face folder, a sentence that says to import it first:
// "; it is a Hugging Face model folder: import it first with `megatoken import-hf <folder> --name NAME`".
std::string hfFolderHint(const std::string& folder);

}  // namespace megatoken
