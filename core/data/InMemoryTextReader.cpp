#include "core/data/InMemoryTextReader.h"

namespace megatoken {

InMemoryTextReader::InMemoryTextReader(ReadStats stats, std::vector<std::string> texts)
    : stats_(std::move(stats)), texts_(std::move(texts))
{
    stats_.textsYielded = 0;
}

bool InMemoryTextReader::next(std::string& text)
{
    if (position_ == texts_.size()) return false;
    text = std::move(texts_[position_++]);
    ++stats_.textsYielded;
    return true;
}

}  // namespace megatoken
