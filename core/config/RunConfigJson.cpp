#include "core/config/RunConfigJson.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "core/config/ConfigError.h"
#include "core/config/ConfigKeys.h"
#include "core/config/ConfigValue.h"
#include "core/config/EditDistance.h"
#include "core/config/EnumNames.h"
#include "core/config/Presets.h"
#include "core/io/AtomicFile.h"

namespace megatoken {

using nlohmann::json;

namespace {

bool isGroupName(const std::string& name)
{
    for (const ConfigGroup& group : configGroups())
        if (group.name == name) return true;
    return false;
}

void applyValue(RunConfig& config, const ConfigKey& key, const json& value, std::vector<ConfigIssue>& issues)
{
    try {
        key.set(config, checkConfigValue(key, value));
    } catch (const ConfigError& error) {
        issues.insert(issues.end(), error.issues().begin(), error.issues().end());
    }
}

void applyGroup(RunConfig& config, const std::string& group, const json& members, std::vector<ConfigIssue>& issues)
{
    if (!members.is_object()) {
        issues.push_back(
            {group, std::string("expected an object of ") + group + ".* keys, got " + members.type_name()});
        return;
    }
    for (const auto& [member, value] : members.items()) {
        const std::string name = group + "." + member;
        if (const ConfigKey* key = findConfigKey(name))
            applyValue(config, *key, value, issues);
        else
            issues.push_back({name, unknownKeyMessage(name)});
    }
}

// An unknown top-level name is most likely a misspelt group ("gate") or a key written flat.
std::string unknownTopLevelMessage(const std::string& name)
{
    if (findConfigKey(name)) {
        const auto dot = name.find('.');
        return "dotted keys are written nested: {\"" + name.substr(0, dot) + "\": {\"" + name.substr(dot + 1) +
               "\": ...}}";
    }
    std::vector<std::string> topLevel;
    for (const ConfigKey& key : configKeys())
        if (key.group.empty()) topLevel.push_back(key.name);
    for (const ConfigGroup& group : configGroups()) topLevel.push_back(group.name);
    if (const auto suggestion = closestMatch(name, topLevel))
        return "unknown key (did you mean \"" + *suggestion + "\"?)";
    return unknownKeyMessage(name);
}

// nlohmann's what() without its "[json.exception.parse_error.101] " prefix.
std::string withoutExceptionId(const std::string& message)
{
    const auto end = message.find("] ");
    return message.rfind("[json.exception.", 0) == 0 && end != std::string::npos ? message.substr(end + 2) : message;
}

std::string systemReason()
{
    return errno != 0 ? std::strerror(errno) : "unknown reason";
}

constexpr const char* kVersionMember = "config_version";

// The document's config_version: 1 when absent (written before versions), or a ConfigIssue.
int documentVersion(const json& document, std::vector<ConfigIssue>& issues)
{
    if (!document.contains(kVersionMember)) return 1;
    const json& value = document[kVersionMember];
    if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
        issues.push_back({kVersionMember, "expected a positive whole number, got " + value.dump()});
        return kConfigVersion;
    }
    if (value.get<std::int64_t>() > kConfigVersion) {
        issues.push_back({kVersionMember, "version " + value.dump() +
                                              " was written by a newer Megatoken Workbench; "
                                              "this one reads up to version " +
                                              std::to_string(kConfigVersion)});
        return kConfigVersion;
    }
    return static_cast<int>(value.get<std::int64_t>());
}

bool hasMember(const json& document, const char* group, const char* member)
{
    return document.contains(group) && document[group].is_object() && document[group].contains(member);
}

// What a key that a version-1 document leaves out meant before version 2 changed its default;
// a note for each one where that differs from base's value.
void applyVersion1Meanings(const json& document, RunConfig& config, std::vector<std::string>* notes)
{
    if (!hasMember(document, "gates", "merge") && config.model.gates.merge != GateMerge::None) {
        if (notes)
            notes->push_back("no \"config_version\", so it is read as written before version 2: gates.merge, "
                             "which it leaves out, is none as it was then (preset " +
                             config.preset + " has " + std::string(enumName(config.model.gates.merge)) +
                             "); add \"config_version\": " + std::to_string(kConfigVersion) + " for today's defaults");
        config.model.gates.merge = GateMerge::None;
    }
}

}  // namespace

json toJson(const RunConfig& config)
{
    json document = json::object();
    for (const ConfigKey& key : configKeys()) {
        if (key.group.empty())
            document[key.name] = key.get(config);
        else
            document[key.group][key.memberName()] = key.get(config);
    }
    document[kVersionMember] = kConfigVersion;
    return document;
}

RunConfig fromJson(const json& document, const RunConfig& base, std::vector<std::string>* notes)
{
    if (!document.is_object())
        throw ConfigError(std::string("expected a JSON object such as {\"preset\": \"tiny\", \"gates\": {...}}, got ") +
                          document.type_name());
    RunConfig config = base;
    std::vector<ConfigIssue> issues;
    if (documentVersion(document, issues) < 2) applyVersion1Meanings(document, config, notes);
    for (const auto& [name, value] : document.items()) {
        if (name == kVersionMember) continue;
        const ConfigKey* key = findConfigKey(name);
        if (key && key->group.empty())
            applyValue(config, *key, value, issues);
        else if (isGroupName(name))
            applyGroup(config, name, value, issues);
        else
            issues.push_back({name, unknownTopLevelMessage(name)});
    }
    if (!issues.empty()) throw ConfigError(std::move(issues));
    return config;
}

std::string configJsonText(const RunConfig& config)
{
    // In table order, preset first, rather than toJson()'s alphabetical order: files read like
    // the documentation and a diff between two runs lines up group by group.
    nlohmann::ordered_json document = nlohmann::ordered_json::object();
    document[kVersionMember] = kConfigVersion;
    for (const ConfigKey& key : configKeys()) {
        const nlohmann::ordered_json value = nlohmann::ordered_json::parse(key.get(config).dump());
        if (key.group.empty())
            document[key.name] = value;
        else
            document[key.group][key.memberName()] = value;
    }
    return document.dump(2) + "\n";
}

RunConfig parseConfigText(const std::string& text, const std::string& source, std::vector<std::string>* notes)
{
    json document;
    try {
        document = json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::exception& error) {  // parse_error; out_of_range for a number beyond a double
        throw ConfigError(source + ": not valid JSON: " + withoutExceptionId(error.what()));
    }
    try {
        // A preset named in the document supplies everything it leaves out; an unknown one is
        // reported by fromJson() along with any other problem.
        RunConfig base = preset("tiny");
        if (document.is_object() && document.contains("preset") && document["preset"].is_string()) {
            try {
                base = preset(document["preset"].get<std::string>());
            } catch (const ConfigError&) {
            }
        }
        std::vector<std::string> found;
        RunConfig config = fromJson(document, base, &found);
        if (notes)
            for (const std::string& note : found) notes->push_back(source + ": " + note);
        return config;
    } catch (const ConfigError& error) {
        throw ConfigError(error.issues(), source);
    }
}

RunConfig loadConfigFile(const std::string& path, std::vector<std::string>* notes)
{
    std::error_code error;
    if (!std::filesystem::exists(path, error)) throw ConfigError(path + ": no such file");
    if (std::filesystem::is_directory(path, error)) throw ConfigError(path + ": is a directory, not a config file");
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path + ": cannot open (" + systemReason() + ")");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw ConfigError(path + ": cannot read (" + systemReason() + ")");
    return parseConfigText(text.str(), path, notes);
}

void saveConfigFile(const RunConfig& config, const std::string& path)
{
    try {
        writeFileAtomically(path, configJsonText(config));
    } catch (const FileWriteError& e) {
        throw ConfigError(e.what());
    }
}

}  // namespace megatoken
