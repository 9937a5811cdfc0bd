#include "app/cli/InterruptScope.h"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace megatoken::cli {
namespace {

volatile std::sig_atomic_t interruptFlag = 0;
std::atomic<Feedback*> interruptFeedback{nullptr};
volatile std::sig_atomic_t interruptAnnounce = 1;
static_assert(std::atomic<Feedback*>::is_always_lock_free, "read in a signal handler");

extern "C" void onInterrupt(int)
{
    if (interruptFlag) {
        std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
        std::raise(SIGINT);
        return;
    }
    interruptFlag = 1;
    if (Feedback* feedback = interruptFeedback.load()) feedback->cancel();  // a lock-free store
    if (!interruptAnnounce) return;
    static const char message[] = "\ninterrupted: stopping (a run writes a checkpoint first; Ctrl-C again to abort)\n";
    const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
}

}  // namespace

InterruptScope::InterruptScope(Feedback& feedback, bool announce)
{
    interruptAnnounce = announce ? 1 : 0;
    interruptFeedback = &feedback;
    std::signal(SIGINT, onInterrupt);
}

InterruptScope::~InterruptScope()
{
    std::signal(SIGINT, SIG_DFL);
    interruptFeedback = nullptr;
}

bool interruptRequested()
{
    return interruptFlag != 0;
}

}  // namespace megatoken::cli
