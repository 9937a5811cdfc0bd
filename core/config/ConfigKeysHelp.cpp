#include "core/config/ConfigKeysHelp.h"

#include <sstream>
#include <string_view>
#include <vector>

#include "core/config/ConfigKeys.h"
#include "core/config/ConfigValue.h"
#include "core/config/Presets.h"

namespace megatoken {

namespace {

constexpr std::size_t kHelpWidth = 100;

// "double > 0", "int >= 2", "enum: post|code", "bool".
std::string typeSummary(const ConfigKey& key)
{
    std::string summary(typeName(key.type));
    if (key.type == ConfigValueType::Enum) {
        summary += ": ";
        for (std::size_t i = 0; i < key.allowedValues.size(); ++i) summary += (i > 0 ? "|" : "") + key.allowedValues[i];
    }
    if (key.range.isBounded()) summary += " " + key.range.describe();
    return summary;
}

// text wrapped at word boundaries to kHelpWidth columns, every line indented.
std::string wrapped(std::string_view text, std::string_view indent)
{
    std::string result;
    std::string line(indent);
    std::istringstream words{std::string(text)};
    std::string word;
    bool lineHasWords = false;
    while (words >> word) {
        if (lineHasWords && line.size() + 1 + word.size() > kHelpWidth) {
            result += line + "\n";
            line = std::string(indent);
            lineHasWords = false;
        }
        line += (lineHasWords ? " " : "") + word;
        lineHasWords = true;
    }
    return result + line + "\n";
}

void appendHelpEntry(std::string& text, const ConfigKey& key)
{
    text += "  " + key.name + "  " + typeSummary(key) + "  default: " + formatConfigValue(key, key.defaultValue);
    if (key.advanced) text += "  (advanced)";
    text += "\n" + wrapped(key.help, "      ");
}

// Markdown cell text: `|` would end the cell and <word> would vanish as an HTML tag.
std::string markdownEscaped(std::string_view text)
{
    std::string escaped;
    for (const char c : text) {
        switch (c) {
            case '|': escaped += "\\|"; break;
            case '<': escaped += "&lt;"; break;
            default: escaped += c;
        }
    }
    return escaped;
}

std::string markdownCode(std::string_view text)
{
    return "`" + std::string(text) + "`";
}

std::string markdownType(const ConfigKey& key)
{
    std::string type(typeName(key.type));
    if (key.type == ConfigValueType::Enum) {
        type += ":";
        for (std::size_t i = 0; i < key.allowedValues.size(); ++i)
            type += (i > 0 ? ", " : " ") + markdownCode(key.allowedValues[i]);
    }
    return type;
}

void appendMarkdownTable(std::string& text, const std::vector<const ConfigKey*>& keys)
{
    text += "| Key | Type | Default | Valid | Description |\n";
    text += "|---|---|---|---|---|\n";
    for (const ConfigKey* key : keys) {
        text += "| " + markdownCode(key->name) + (key->advanced ? " (advanced)" : "") + " | " + markdownType(*key) +
                " | " + markdownCode(formatConfigValue(*key, key->defaultValue)) + " | " +
                (key->range.isBounded() ? markdownCode(key->range.describe()) : std::string()) + " | " +
                markdownEscaped(key->help) + " |\n";
    }
}

// Keys on which some preset differs from tiny, with every preset's value.
void appendPresetTable(std::string& text)
{
    const std::vector<std::string> names = presetNames();
    std::vector<RunConfig> presets;
    for (const std::string& name : names) presets.push_back(preset(name));
    text += "| Key |";
    for (const std::string& name : names) text += " " + markdownCode(name) + " |";
    text += "\n|---|";
    for (std::size_t i = 0; i < names.size(); ++i) text += "---|";
    text += "\n";
    for (const ConfigKey& key : configKeys()) {
        if (key.name == "preset") continue;
        bool differs = false;
        for (const RunConfig& config : presets) differs = differs || key.get(config) != key.defaultValue;
        if (!differs) continue;
        text += "| " + markdownCode(key.name) + " |";
        for (const RunConfig& config : presets)
            text += " " + markdownCode(formatConfigValue(key, key.get(config))) + " |";
        text += "\n";
    }
}

}  // namespace

std::string configKeysHelp()
{
    std::string text = "Configuration keys. Defaults are the tiny preset's. Config files nest keys by group,\n"
                       "{\"gates\": {\"tau\": 0.5}}; --set takes them dotted: --set gates.tau=0.5.\n\n";
    for (const ConfigKey& key : configKeys())
        if (key.group.empty()) appendHelpEntry(text, key);
    for (const ConfigGroup& group : configGroups()) {
        text += "\n" + group.title + " (" + group.name + ".*)\n";
        for (const ConfigKey& key : configKeys())
            if (key.group == group.name) appendHelpEntry(text, key);
    }
    return text;
}

std::string configKeysMarkdown()
{
    std::string text =
        "# Configuration keys\n\n"
        "<!-- Generated from the key table in core/config/ConfigKeys.cpp by configKeysMarkdown();\n"
        "     tst_run_config fails when this file is out of date. Regenerate it with\n"
        "     MEGATOKEN_UPDATE_GENERATED=1 build/bin/tst_run_config -->\n\n"
        "A run is configured by a JSON file that nests the keys by group, for example\n"
        "`{\"preset\": \"small\", \"gates\": {\"tau\": 0.5}}`, and by `--set gates.tau=0.5` on the command\n"
        "line. Keys a file leaves out come from its preset (`tiny` when it names none). Defaults below\n"
        "are the `tiny` preset's; `megatoken config keys` prints the same list.\n\n"
        "## Top level\n\n";
    std::vector<const ConfigKey*> topLevel;
    for (const ConfigKey& key : configKeys())
        if (key.group.empty()) topLevel.push_back(&key);
    appendMarkdownTable(text, topLevel);
    for (const ConfigGroup& group : configGroups()) {
        text += "\n## " + group.title + " (`" + group.name + ".*`)\n\n";
        std::vector<const ConfigKey*> members;
        for (const ConfigKey& key : configKeys())
            if (key.group == group.name) members.push_back(&key);
        appendMarkdownTable(text, members);
    }
    text += "\n## Presets\n\nThe keys on which the presets differ (resources/presets/ holds each as a JSON file).\n\n";
    appendPresetTable(text);
    return text;
}

}  // namespace megatoken
