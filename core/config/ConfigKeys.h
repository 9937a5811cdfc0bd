#pragma once
// The single table of configuration keys. Config files, `--set key=value`, validation ranges,
// `megatoken config keys`, docs/config-keys.md and the GUI's settings form all read this table, so
// a key added here appears everywhere at once and they cannot disagree.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config/RunConfig.h"

namespace megatoken {

enum class ConfigValueType { Int, Double, Bool, String, Enum };

// "int", "double", "bool", "string", "enum".
std::string_view typeName(ConfigValueType type);

// Valid values of a numeric key; validate() reports values outside. Bounds are inclusive unless
// marked exclusive.
struct ConfigRange {
    std::optional<double> min;
    std::optional<double> max;
    bool minExclusive = false;
    bool maxExclusive = false;

    bool isBounded() const { return min.has_value() || max.has_value(); }
    bool contains(double value) const;
    // ">= 1", "> 0", "< 0", "[0, 1)", "(0, 1]"; empty when unbounded.
    std::string describe() const;
};

struct ConfigKey {
    std::string name;   // dotted JSON path, "gates.tau"; "preset" has no dot
    std::string group;  // "gates"; empty for top-level keys
    ConfigValueType type = ConfigValueType::String;
    std::vector<std::string> allowedValues;  // enum keys: the accepted names, in the enum's order
    ConfigRange range;                       // numeric keys
    std::string help;                        // one sentence for a researcher
    bool advanced = false;                   // rarely changed: a form may tuck it away
    nlohmann::json defaultValue;             // the tiny preset's value (the struct defaults)

    // The key's value in config as JSON of the key's type: int64, double, bool, string, or the
    // enum value's name.
    std::function<nlohmann::json(const RunConfig& config)> get;
    // Stores a value in the form checkConfigValue() (ConfigValue.h) returns. Throws ConfigError
    // only when the field cannot represent it (a negative seed); ranges are validate()'s job, so
    // a form can hold an out-of-range value while the user is still typing.
    std::function<void(RunConfig& config, const nlohmann::json& value)> set;

    // "tau" for "gates.tau"; the whole name for top-level keys.
    std::string memberName() const;
};

struct ConfigGroup {
    std::string name;   // "gates": the JSON object and the key prefix
    std::string title;  // "Token gates": a heading for help text and form tabs
};

// The groups in display order: data, tokenizer, model, gates, loss, optim, run.
const std::vector<ConfigGroup>& configGroups();

// Every key: the top-level ones first, then group by group in configGroups() order.
const std::vector<ConfigKey>& configKeys();

// The key called name, or nullptr.
const ConfigKey* findConfigKey(std::string_view name);

// The key called name; throws ConfigError naming it and suggesting the closest key.
const ConfigKey& configKey(std::string_view name);

// The key a mistyped name most likely meant: "gates.tua", "tau" and "model.tau" -> "gates.tau";
// a spelt-out abbreviation by its initials: "optim.learning_rate" -> "optim.lr".
std::optional<std::string> closestConfigKey(std::string_view unknown);

// "unknown key (did you mean \"gates.tau\"?)", to follow the unknown name in an issue.
std::string unknownKeyMessage(std::string_view unknown);

}  // namespace megatoken
