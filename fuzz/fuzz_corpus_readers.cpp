// Fuzzes the corpus readers (CSV, TSV, JSONL, plain text) through openTextReader, as `megatoken
// corpus` and training read a file. The first byte picks the format and options, the rest is the
// file. Bad input may only end in a DataError naming the file; any other exception, a crash or a
// sanitizer report is a finding.
#include <cstdint>
#include <string>

#include "core/data/CorpusSpec.h"
#include "core/data/DataError.h"
#include "core/data/TextReader.h"
#include "fuzz/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    using namespace megatoken;
    const std::uint8_t choice = data[0];
    static const char* const kExtensions[] = {".csv", ".tsv", ".jsonl", ".txt"};
    const std::string path = fuzz::writeInput(data + 1, size - 1, std::string("corpus") + kExtensions[choice % 4]);
    CorpusSpec spec;
    spec.path = path;
    spec.hasHeader = (choice & 0x04) == 0;
    spec.lowercase = (choice & 0x08) != 0;
    if (choice & 0x10) spec.column = (choice & 0x20) ? "1" : "text";
    if (choice & 0x40) spec.field = (choice & 0x80) ? "a.b" : "text";
    try {
        const auto reader = openTextReader(spec);
        std::string text;
        while (reader->next(text)) {}
    } catch (const DataError&) {
        // The documented outcome for a malformed file.
    }
    return 0;
}
