#pragma once
// Ctrl-C in the CLI: while an InterruptScope is alive, the first SIGINT cancels its Feedback (the
// command then stops cleanly in whatever phase it is: corpus reading, tokenizer training, a
// training step, an evaluation; a run writes a checkpoint of its last step), and a second SIGINT
// ends the process at once. One scope at a time; construct it on the main thread.

#include "core/feedback/Feedback.h"

namespace megatoken::cli {

class InterruptScope {
public:
    // The handler only calls feedback.cancel(), and says so on stderr unless `announce` is false
    // (the ranks of a distributed run other than 0: rank 0 says it once).
    explicit InterruptScope(Feedback& feedback, bool announce = true);
    ~InterruptScope();  // restores the default SIGINT action
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;
};

// Whether a Ctrl-C arrived (for the exit status 130).
bool interruptRequested();

}  // namespace megatoken::cli
