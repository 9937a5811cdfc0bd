#include "core/data/PlainTextReader.h"

namespace megatoken {

PlainTextReader::PlainTextReader(const CorpusSpec& spec, Feedback* feedback, std::size_t chunkBytes)
    : FileTextReader(spec, feedback, chunkBytes), lines_(input_, spec.maxRecordBytes)
{
}

bool PlainTextReader::nextRecord(std::string& text, std::uint64_t& line)
{
    return nextLine(lines_, text, line);
}

}  // namespace megatoken
