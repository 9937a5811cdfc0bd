#include "core/data/JsonlTextReader.h"

#include "core/data/DataError.h"
#include "core/data/Utf8.h"

#include <nlohmann/json.hpp>

namespace megatoken {

namespace {

std::vector<std::string> splitDottedPath(const std::string& path)
{
    std::vector<std::string> parts;
    std::size_t begin = 0;
    for (;;) {
        const std::size_t dot = path.find('.', begin);
        parts.push_back(path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin));
        if (dot == std::string::npos) return parts;
        begin = dot + 1;
    }
}

// A short, printable excerpt for a warning.
std::string excerpt(std::string_view text)
{
    constexpr std::size_t kMaxExcerpt = 60;
    std::string shown(text.substr(0, kMaxExcerpt));
    sanitizeUtf8(shown);
    return shown.size() < text.size() ? shown + "..." : shown;
}

std::string listKeys(const nlohmann::json& object)
{
    constexpr int kMaxKeys = 10;
    std::string keys;
    int count = 0;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (count++ == kMaxKeys) {
            keys += ", ...";
            break;
        }
        keys += (keys.empty() ? "" : ", ") + it.key();
    }
    return keys.empty() ? "none" : keys;
}

// Rejects files that are one JSON document rather than JSON Lines, before thousands of
// "malformed line" warnings hide the real cause.
void rejectJsonArray(const std::string& path)
{
    ChunkedInput probe(path, {}, 4096);
    for (std::string_view chunk = probe.nextChunk(); !chunk.empty(); chunk = probe.nextChunk()) {
        const std::string_view content = trimAsciiWhitespace(chunk);
        if (content.empty()) continue;
        if (content.front() == '[')
            throw DataError(path, 1,
                            "this is a JSON array, not JSON Lines (one object per line); "
                            "convert it with: jq -c '.[]' file.json > file.jsonl");
        return;
    }
}

}  // namespace

JsonlTextReader::JsonlTextReader(const CorpusSpec& spec, Feedback* feedback, std::size_t chunkBytes)
    : FileTextReader(spec, feedback, chunkBytes),
      lines_(input_, spec.maxRecordBytes),
      fieldName_(spec.field.empty() ? std::string("text") : spec.field),
      fieldPath_(splitDottedPath(fieldName_))
{
    rejectJsonArray(spec.path);
}

bool JsonlTextReader::nextRecord(std::string& text, std::uint64_t& line)
{
    while (nextLine(lines_, jsonLine_, line)) {
        // nlohmann rejects invalid UTF-8 inside strings; repair first so that a stray byte costs
        // one character, not the whole record.
        repairUtf8(jsonLine_, line);
        if (extractField(jsonLine_, text, line)) return true;
    }
    return false;
}

bool JsonlTextReader::extractField(const std::string& jsonLine, std::string& text, std::uint64_t line)
{
    nlohmann::json document = nlohmann::json::parse(jsonLine, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        skipMalformed(line, "invalid JSON: " + excerpt(jsonLine));
        return false;
    }
    if (!document.is_object()) {
        skipMalformed(line, std::string("expected a JSON object, found ") + document.type_name());
        return false;
    }

    // A literal key containing dots wins over the dotted path.
    nlohmann::json* value = nullptr;
    if (const auto literal = document.find(fieldName_); literal != document.end()) {
        value = &*literal;
    } else {
        value = &document;
        for (const std::string& part : fieldPath_) {
            const auto child = value->find(part);  // end() for non-objects too
            if (child == value->end()) {
                skipMalformed(line, "missing field '" + fieldName_ + "' (keys: " + listKeys(document) + ")");
                return false;
            }
            value = &*child;
        }
    }
    if (!value->is_string()) {
        skipMalformed(line, "field '" + fieldName_ + "' is " + value->type_name() + ", expected a string");
        return false;
    }
    text = std::move(value->get_ref<std::string&>());
    return true;
}

}  // namespace megatoken
