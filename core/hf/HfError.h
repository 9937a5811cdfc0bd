#pragma once
// Errors of the Hugging Face import and export: what() is "<file>: <problem>", listing every
// tensor concerned (unknown names, missing tensors, shape mismatches), never only the first.

#include <stdexcept>

namespace megatoken {

class HfError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace megatoken
