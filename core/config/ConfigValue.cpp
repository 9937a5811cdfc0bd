#include "core/config/ConfigValue.h"

#include "core/data/Trimmed.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/config/ConfigError.h"
#include "core/io/JsonInteger.h"
#include "core/io/NumberFormat.h"

namespace megatoken {

using nlohmann::json;

namespace {

std::string asciiLower(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

// `string "abc"`, `number 0.5`: what the user wrote, shortened so that a pasted document
// does not flood the message.
std::string describeJson(const json& value)
{
    std::string text = value.dump();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return std::string(value.type_name()) + " " + text;
}

ConfigError typeError(const ConfigKey& key, const std::string& got)
{
    return ConfigError(key.name, "expected " + expectedValueDescription(key) + ", got " + got);
}

json checkInt(const ConfigKey& key, const json& value)
{
    if (const auto number = exactInt64(value)) return *number;
    throw typeError(key, describeJson(value));
}

json checkEnum(const ConfigKey& key, const json& value)
{
    if (!value.is_string()) throw typeError(key, describeJson(value));
    const std::string lower = asciiLower(value.get<std::string>());
    for (const std::string& allowed : key.allowedValues)
        if (asciiLower(allowed) == lower) return allowed;
    throw ConfigError(key.name, "unknown value " + value.dump() + " (expected " + expectedValueDescription(key) + ")");
}

}  // namespace

json checkConfigValue(const ConfigKey& key, const json& value)
{
    switch (key.type) {
        case ConfigValueType::Int: return checkInt(key, value);
        case ConfigValueType::Double:
            if (value.is_number()) return value.get<double>();
            break;
        case ConfigValueType::Bool:
            if (value.is_boolean()) return value;
            break;
        case ConfigValueType::String:
            if (value.is_string()) return value;
            break;
        case ConfigValueType::Enum: return checkEnum(key, value);
    }
    throw typeError(key, describeJson(value));
}

json parseConfigValue(const ConfigKey& key, std::string_view text)
{
    const std::string_view word = trimmed(text);
    const std::string quoted = "\"" + std::string(text) + "\"";
    switch (key.type) {
        case ConfigValueType::Int: {
            std::int64_t number = 0;
            const auto result = std::from_chars(word.data(), word.data() + word.size(), number);
            if (word.empty() || result.ec != std::errc() || result.ptr != word.data() + word.size())
                throw typeError(key, quoted);
            return number;
        }
        case ConfigValueType::Double: {
            double number = 0;
            const auto result = std::from_chars(word.data(), word.data() + word.size(), number);
            if (word.empty() || result.ec != std::errc() || result.ptr != word.data() + word.size() ||
                !std::isfinite(number))
                throw typeError(key, quoted);
            return number;
        }
        case ConfigValueType::Bool: {
            const std::string lower = asciiLower(word);
            if (lower == "true" || lower == "1" || lower == "on" || lower == "yes") return true;
            if (lower == "false" || lower == "0" || lower == "off" || lower == "no") return false;
            throw typeError(key, quoted);
        }
        case ConfigValueType::String: return std::string(text);
        case ConfigValueType::Enum: return checkEnum(key, json(std::string(word)));
    }
    throw typeError(key, quoted);
}

std::string formatConfigValue(const ConfigKey& key, const json& value)
{
    if (value.is_number_float()) return numberText(value.get<double>());
    if (value.is_string() && key.type == ConfigValueType::Enum) return value.get<std::string>();
    return value.dump();
}

std::string expectedValueDescription(const ConfigKey& key)
{
    switch (key.type) {
        case ConfigValueType::Int: return "an integer";
        case ConfigValueType::Double: return "a number";
        case ConfigValueType::Bool: return "true or false";
        case ConfigValueType::String: return "a string";
        case ConfigValueType::Enum: {
            std::string names;
            for (const std::string& allowed : key.allowedValues) names += (names.empty() ? "" : ", ") + allowed;
            return "one of " + names;
        }
    }
    return "a value";
}

json getConfigValue(const RunConfig& config, std::string_view name)
{
    return configKey(name).get(config);
}

void setConfigValue(RunConfig& config, std::string_view name, const json& value)
{
    const ConfigKey& key = configKey(name);
    key.set(config, checkConfigValue(key, value));
}

}  // namespace megatoken
