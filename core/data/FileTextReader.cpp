#include "core/data/FileTextReader.h"

#include "core/data/DataError.h"
#include "core/data/UnicodeCase.h"
#include "core/data/Utf8.h"

#include <algorithm>

namespace megatoken {

FileTextReader::FileTextReader(const CorpusSpec& spec, Feedback* feedback, std::size_t chunkBytes)
    : spec_(spec), input_(spec.path, feedback, chunkBytes)
{
    stats_.totalBytes = input_.totalBytes();
}

bool FileTextReader::next(std::string& text)
{
    if (finished_) return false;
    std::uint64_t line = 0;
    for (;;) {
        const bool found = nextRecord(text, line);
        stats_.bytesRead = input_.bytesRead();
        stats_.totalBytes = std::max(input_.totalBytes(), stats_.bytesRead);
        if (!found) break;
        if (accept(text, line)) return true;
    }
    finished_ = true;
    text.clear();
    // A corpus without a single usable text is a mistake in the settings or the file; saying so
    // here beats an empty vocabulary later.
    if (stats_.textsYielded == 0) throw DataError(input_.path(), "no texts found (" + stats_.summary() + ")");
    return false;
}

bool FileTextReader::accept(std::string& text, std::uint64_t line)
{
    repairUtf8(text, line);
    trimAsciiWhitespace(text);
    if (countCodePoints(text) < std::max<std::size_t>(spec_.minChars, 1)) {
        ++stats_.skippedShort;
        return false;
    }
    if (spec_.lowercase) lowercaseUtf8(text);
    ++stats_.textsYielded;
    return true;
}

void FileTextReader::countRecord(std::uint64_t line)
{
    ++stats_.recordsSeen;
    if (stats_.recordsSeen == CorpusSpec::kMinRecordsForFraction) enforceMalformedBudget(line);
}

void FileTextReader::skipMalformed(std::uint64_t line, const std::string& problem)
{
    ++stats_.skippedMalformed;
    warn(line, problem);
    enforceMalformedBudget(line);
}

void FileTextReader::skipOversized(std::uint64_t line)
{
    ++stats_.skippedOversized;
    warn(line, "record longer than " + std::to_string(spec_.maxRecordBytes) + " bytes skipped");
}

void FileTextReader::repairUtf8(std::string& text, std::uint64_t line)
{
    const std::size_t replaced = sanitizeUtf8(text);
    if (replaced == 0) return;
    ++stats_.invalidUtf8Records;
    warn(line, "invalid UTF-8 replaced with U+FFFD (" + std::to_string(replaced) + " sequence(s))");
}

void FileTextReader::warn(std::uint64_t line, const std::string& problem)
{
    if (stats_.warnings.size() < ReadStats::kMaxWarnings)
        stats_.addWarning(DataError(input_.path(), line, problem).what());
}

void FileTextReader::enforceMalformedBudget(std::uint64_t line)
{
    const std::uint64_t malformed = stats_.skippedMalformed;
    const std::uint64_t seen = stats_.recordsSeen;
    const bool tooMany = malformed > spec_.maxMalformed;
    const bool tooLargeShare = seen >= CorpusSpec::kMinRecordsForFraction &&
                               static_cast<double>(malformed) > spec_.maxMalformedFraction * static_cast<double>(seen);
    if (!tooMany && !tooLargeShare) return;

    std::string problem = "too many malformed records (" + std::to_string(malformed) + " of " + std::to_string(seen) +
                          "; the limit is " + std::to_string(spec_.maxMalformed) + " or " +
                          std::to_string(static_cast<int>(spec_.maxMalformedFraction * 100 + 0.5)) +
                          "%); check the format, column and field settings. First problems:";
    for (std::size_t i = 0; i < stats_.warnings.size() && i < 3; ++i) problem += "\n  " + stats_.warnings[i];
    throw DataError(input_.path(), line, problem);
}

bool FileTextReader::nextLine(LineScanner& lines, std::string& text, std::uint64_t& line)
{
    for (;;) {
        const LineScanner::Result result = lines.next(text);
        if (result == LineScanner::Result::End) return false;
        line = lines.lineNumber();
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
