#include "core/data/SplitReader.h"

#include "core/data/TextReader.h"
#include "core/feedback/Feedback.h"

namespace megatoken {

std::vector<std::string> readSplitTexts(const CorpusSpec& spec, Split split, std::int64_t maxTexts, Feedback* feedback)
{
    std::vector<std::string> texts;
    auto reader = openTextReader(spec, feedback);
    std::string text;
    while ((maxTexts <= 0 || static_cast<std::int64_t>(texts.size()) < maxTexts) && reader->next(text))
        if (splitOf(text) == split) texts.push_back(text);
    if (feedback) feedback->setProgress(1.0);
    return texts;
}

}  // namespace megatoken
