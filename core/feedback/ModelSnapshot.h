#pragma once
// A copy of a training model's weights taken between two steps, with what it takes to use it on
// its own (config and tokenizer). Plain bytes, so it crosses threads and Qt signals freely and the
// inspector never touches the training thread's tensors.

#include <cstdint>
#include <string>

namespace megatoken {

struct ModelSnapshot {
    std::int64_t step = 0;
    std::string runDirectory;
    std::string configJson;      // the run's config (RunConfigJson)
    std::string tokenizerModel;  // serialized sentencepiece model
    std::string weights;         // the model's parameters and buffers, a torch archive
};

}  // namespace megatoken
