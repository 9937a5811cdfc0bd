#include "core/data/PlainTextReader.h"

#include "core/data/Utf8.h"

namespace megatoken {

PlainTextReader::PlainTextReader(const CorpusSpec& spec, Feedback* feedback, std::size_t chunkBytes)
    : FileTextReader(spec, feedback, chunkBytes), lines_(input_, spec.maxRecordBytes)
{
}

bool PlainTextReader::nextRecord(std::string& text, std::uint64_t& line)
{
    for (;;) {
        const LineScanner::Result result = lines_.next(text);
        if (result == LineScanner::Result::End) return false;
        line = lines_.lineNumber();
        if (result == LineScanner::Result::Oversized) {
            countRecord(line);
            skipOversized(line);
            continue;
        }
        if (trimAsciiWhitespace(std::string_view(text)).empty()) continue;
        countRecord(line);
        return true;
    }
}

}  // namespace megatoken
