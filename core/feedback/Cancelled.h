#pragma once
// What a cancelled operation throws. Thrown by Feedback::throwIfCancelled() and by every long
// operation that takes a Feedback (corpus reading, encoding, tokenizer training, evaluation,
// greedy decoding) when it sees the cancel flag. It is not an error: the operation ends early,
// leaves no partial output behind (no half-written file, no half-filled result), and whatever it
// had already saved stays as it was. Runners that own a whole job (Trainer::run, SweepRunner::run)
// catch it and report the job as stopped (FinishReason::Stopped) instead of throwing.
//
// Deliberately not a std::runtime_error: code that turns failures into error messages with
// `catch (const std::runtime_error&)` must not report a user's Stop as a failure. Catch it before
// std::exception where both are caught.

#include <exception>

namespace megatoken {

class Cancelled : public std::exception {
public:
    const char* what() const noexcept override;  // "cancelled"
};

}  // namespace megatoken
