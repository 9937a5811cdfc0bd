#include "core/config/ConfigOverride.h"

#include <cctype>
#include <utility>

#include "core/config/ConfigError.h"
#include "core/config/ConfigKeys.h"
#include "core/config/ConfigValue.h"

namespace megatoken {

namespace {

std::string trimmed(const std::string& text)
{
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return text.substr(begin, end - begin);
}

}  // namespace

void applyOverride(RunConfig& config, const std::string& assignment)
{
    const auto equals = assignment.find('=');
    if (equals == std::string::npos)
        throw ConfigError(trimmed(assignment), "expected key=value (e.g. gates.tau=0.5), got \"" + assignment + "\"");
    const ConfigKey& key = configKey(trimmed(assignment.substr(0, equals)));
    key.set(config, parseConfigValue(key, assignment.substr(equals + 1)));
}

void applyOverrides(RunConfig& config, const std::vector<std::string>& assignments)
{
    std::vector<ConfigIssue> issues;
    for (const std::string& assignment : assignments) {
        try {
            applyOverride(config, assignment);
        } catch (const ConfigError& error) {
            issues.insert(issues.end(), error.issues().begin(), error.issues().end());
        }
    }
    if (!issues.empty()) throw ConfigError(std::move(issues));
}

}  // namespace megatoken
