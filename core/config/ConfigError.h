#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/config/ConfigIssue.h"

namespace megatoken {

// An invalid configuration: a bad key, value, combination, preset name or config file.
// what() holds one line per issue, "key: message", prefixed with the file when there is one
// ("run.json: gates.tua: unknown key (did you mean \"gates.tau\"?)"), like a compiler's errors.
class ConfigError : public std::invalid_argument {
public:
    // A problem not tied to a key.
    explicit ConfigError(const std::string& message);
    ConfigError(std::string key, std::string message);
    // context (usually a file name) prefixes every line; empty for none.
    explicit ConfigError(std::vector<ConfigIssue> issues, const std::string& context = {});

    const std::vector<ConfigIssue>& issues() const noexcept { return issues_; }

private:
    std::vector<ConfigIssue> issues_;
};

}  // namespace megatoken
