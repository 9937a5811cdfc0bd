#include "core/data/ReadStats.h"

namespace megatoken {

void ReadStats::addWarning(std::string warning)
{
    if (warnings.size() < kMaxWarnings) warnings.push_back(std::move(warning));
}

std::string ReadStats::summary() const
{
    std::string text = std::to_string(recordsSeen) + " records: " + std::to_string(textsYielded) + " texts";
    const auto mention = [&text](std::uint64_t count, const char* what) {
        if (count > 0) text += ", " + std::to_string(count) + ' ' + what;
    };
    mention(skippedMalformed, "malformed");
    mention(skippedShort, "empty or too short");
    mention(skippedOversized, "oversized");
    mention(skippedDuplicates, "duplicates");
    mention(invalidUtf8Records, "with invalid UTF-8 (replaced)");
    return text;
}

}  // namespace megatoken
