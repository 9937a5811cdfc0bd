#pragma once
// Cancellation and progress of one long operation: reading a corpus, encoding it, training a
// tokenizer, a training run, an evaluation, a sweep. After QGIS's QgsFeedback, in plain C++.
//
// The one way to stop work in core/: whoever starts an operation owns a Feedback, passes it down,
// and calls cancel() (the GUI's Stop button, closing the main window, the CLI's Ctrl-C, a test).
// The work polls it at points where stopping is cheap and safe (between chunks of a file, texts,
// steps, evaluation batches, decoding steps) and reports how far it got.
//
// Progress: a fraction in [0, 1] (values outside are clamped, NaN is ignored) and a message that
// names the current phase ("reading corpus", "training tokenizer"). A sub-range Feedback
// (Feedback(parent, begin, end)) lets a callee report its own 0..1 while the parent sees
// begin..end; for example corpus reading as 0..0.3 of preparing a run:
//
//     Feedback reading(feedback, 0.0, 0.3);
//     auto texts = readAllTexts(spec, &stats, &reading);   // 0..1 here is 0..0.3 in feedback
//
// Cancelled: an operation that sees the flag throws Cancelled (core/feedback/Cancelled.h) from
// throwIfCancelled(); see that header for what a cancelled operation leaves behind. Runners of a
// whole job (Trainer::run, SweepRunner::run) turn it into FinishReason::Stopped.
//
// Threads: cancel(), isCancelled(), progress() and message() may be called from any thread at any
// time. setProgress() and setMessage() are thread-safe too, but are meant to be called by the one
// thread doing the work. The listener runs on the thread that reported, synchronously, so it must
// be quick and must not block on the GUI thread (emit a queued signal, store a number).

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace megatoken {

class Feedback {
public:
    // fraction in [0, 1]; message: the phase, as last set (may be empty).
    using Listener = std::function<void(double fraction, const std::string& message)>;

    Feedback() = default;
    // A sub-range of parent: this object's fractions 0..1 report as begin..end of parent's (both in
    // [0, 1], begin <= end), its messages become parent's, and it shares parent's cancel flag:
    // cancelling either cancels both. parent must outlive it.
    Feedback(Feedback& parent, double begin, double end);

    Feedback(const Feedback&) = delete;
    Feedback& operator=(const Feedback&) = delete;

    // Asks the operation to stop as soon as it can. Idempotent, never blocks, and safe in a signal
    // handler (it only stores a lock-free atomic). There is no un-cancel: use a new Feedback.
    void cancel() noexcept;
    bool isCancelled() const noexcept;
    // Throws Cancelled when cancel() was called; otherwise does nothing.
    void throwIfCancelled() const;

    void setProgress(double fraction);
    void setMessage(const std::string& message);
    // Both at once: the listener hears of them together.
    void setProgress(double fraction, const std::string& message);

    double progress() const noexcept;  // this object's own fraction, 0..1
    std::string message() const;       // the current phase (the outermost Feedback's message)

    // Called after changes of the outermost Feedback: every new message, whenever the fraction
    // moved by at least kListenerStep since the listener last heard, and when any Feedback of the
    // chain reaches 0 or 1 (the ends of a phase); so about a thousand calls per pass from 0 to 1.
    // Set it before the work starts; on a sub-range it is set on the outermost Feedback.
    static constexpr double kListenerStep = 1e-3;
    void setListener(Listener listener);

private:
    void report(double fraction, const std::string* message);
    void publish(double fraction, const std::string* message, bool end);

    Feedback* const parent_ = nullptr;
    Feedback* const root_ = this;
    const double begin_ = 0.0, end_ = 1.0;
    std::atomic<bool> cancelled_{false};  // used on the root only
    std::atomic<double> progress_{0.0};

    // The root's message and listener.
    mutable std::mutex mutex_;
    std::string message_;
    std::shared_ptr<const Listener> listener_;
    double heard_ = -1.0;  // the fraction the listener last heard
};

}  // namespace megatoken
