#include "core/feedback/Cancelled.h"

namespace megatoken {

const char* Cancelled::what() const noexcept
{
    return "cancelled";
}

}  // namespace megatoken
