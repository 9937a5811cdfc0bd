#include "core/feedback/TrainingObserver.h"

namespace megatoken {

const char* finishReasonName(FinishReason reason)
{
    switch (reason) {
        case FinishReason::Completed: return "completed";
        case FinishReason::Stopped: return "stopped";
        case FinishReason::Diverged: return "diverged";
        case FinishReason::Failed: return "failed";
    }
    return "unknown";
}

}  // namespace megatoken
