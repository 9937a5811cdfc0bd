#include "core/config/ConfigError.h"

#include <utility>

namespace megatoken {

namespace {

std::string formatIssues(const std::vector<ConfigIssue>& issues, const std::string& context)
{
    std::string text;
    for (const ConfigIssue& issue : issues) {
        if (!text.empty()) text += '\n';
        if (!context.empty()) text += context + ": ";
        text += toString(issue);
    }
    return text;
}

}  // namespace

ConfigError::ConfigError(const std::string& message) : ConfigError(std::vector<ConfigIssue>{{std::string(), message}})
{
}

ConfigError::ConfigError(std::string key, std::string message)
    : ConfigError(std::vector<ConfigIssue>{{std::move(key), std::move(message)}})
{
}

ConfigError::ConfigError(std::vector<ConfigIssue> issues, const std::string& context)
    : std::invalid_argument(formatIssues(issues, context)), issues_(std::move(issues))
{
}

}  // namespace megatoken
