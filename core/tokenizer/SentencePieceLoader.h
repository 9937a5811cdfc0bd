#pragma once
// Finding and opening the megatoken_spm module (see SentencePieceApi.h for why sentencepiece lives
// in a module). The module is looked up, in order, at:
//   1. $MEGATOKEN_SPM_MODULE, when set (then the only candidate: a wrong override is an error,
//      not something to fall back from silently);
//   2. <dir of the executable>/../lib/libmegatoken_spm.so           (build tree, relocated install)
//   3. <dir of the executable>/../lib/megatoken/libmegatoken_spm.so (install tree)
//   4. the module's path in the build tree, then in the configured install prefix.
// It is opened once per process (thread-safe); if that fails, every later call throws the same
// TokenizerError listing the paths tried.

#include <string>

#include "core/tokenizer/SentencePieceApi.h"

namespace megatoken {

struct SentencePieceModule {
    const MtSpmApi* api = nullptr;  // lives for the life of the process
    std::string path;               // the file it was opened from
};

// Throws TokenizerError when no candidate could be opened.
const SentencePieceModule& sentencePieceModule();

}  // namespace megatoken
