#pragma once

#include <string>

namespace megatoken {

// One problem with a configuration, tied to the dotted key it concerns ("gates.tau") so that the
// CLI can print it and the GUI can mark the field. key is empty for problems with no key (a file).
struct ConfigIssue {
    std::string key;
    std::string message;
};

// "key: message", or just the message when the issue has no key.
inline std::string toString(const ConfigIssue& issue)
{
    return issue.key.empty() ? issue.message : issue.key + ": " + issue.message;
}

}  // namespace megatoken
