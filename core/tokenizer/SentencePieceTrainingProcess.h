#pragma once
// Runs one sentencepiece training in the megatoken-spm-train helper process (see
// SentencePieceTrainerMain.cpp for why a process), streaming it the texts, following its log for
// progress, and killing it when the feedback is cancelled.
//
// The helper sits beside the sentencepiece module: <dir of libmegatoken_spm.so>/megatoken-spm-train
// (build/lib/ in the build tree, lib/megatoken/ when installed).
//
// Threads: blocks the calling thread until the helper has ended; it polls the feedback every
// 50 ms, so a cancel ends the helper (SIGKILL) and returns within about 0.1 s whatever
// sentencepiece is doing. Uses no other thread and no signal handler; SIGPIPE is never raised.

#include <string>
#include <utility>
#include <vector>

namespace megatoken {

class Feedback;

struct SentencePieceTrainingJob {
    const std::vector<std::string>* texts = nullptr;
    // sentencepiece's flags, model_prefix among them; it is taken relative to workingDirectory.
    std::vector<std::pair<std::string, std::string>> options;
    std::string workingDirectory;  // must exist; the helper writes <model_prefix>.model/.vocab there
    bool forwardLog = false;       // copy sentencepiece's log lines to this process's stderr
};

// Returns "" when the helper trained (the files are in job.workingDirectory), else what went
// wrong: sentencepiece's message, or how the helper ended (a signal, an exit status) with the
// last lines of its log. Throws TokenizerError when the helper or the module cannot be found or
// started, and Cancelled when feedback (may be null) was cancelled: the helper has then been
// killed and reaped, and whatever it wrote is left in job.workingDirectory for the caller to
// remove. Progress (0..1) is estimated from the bytes sent and sentencepiece's log: the EM rounds
// of a unigram model, the merges of a BPE model.
std::string runSentencePieceTraining(const SentencePieceTrainingJob& job, Feedback* feedback);

}  // namespace megatoken
