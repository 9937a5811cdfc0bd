#include "core/config/ConfigDiff.h"

#include <algorithm>
#include <stdexcept>

#include "core/config/ConfigKeys.h"

namespace megatoken {

std::vector<ConfigDifference> diffConfigs(const std::vector<RunConfig>& configs, bool includeEqual)
{
    if (configs.size() < 2)
        throw std::invalid_argument("a config diff needs at least two configurations, got " +
                                    std::to_string(configs.size()));
    std::vector<ConfigDifference> differences;
    for (const ConfigKey& key : configKeys()) {
        ConfigDifference difference{key.name, {}};
        difference.values.reserve(configs.size());
        for (const RunConfig& config : configs) difference.values.push_back(key.get(config));
        const bool allEqual =
            std::all_of(difference.values.begin(), difference.values.end(),
                        [&](const nlohmann::json& value) { return value == difference.values.front(); });
        if (includeEqual || !allEqual) differences.push_back(std::move(difference));
    }
    return differences;
}

std::string configValueText(const nlohmann::json& value)
{
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        return text.empty() ? std::string("\"\"") : text;
    }
    return value.dump();
}

std::string configDiffText(const std::vector<std::string>& labels, const std::vector<ConfigDifference>& differences)
{
    if (differences.empty()) return "no differences: every key has the same value\n";
    std::vector<std::vector<std::string>> cells;
    std::vector<std::string> header{"key"};
    header.insert(header.end(), labels.begin(), labels.end());
    cells.push_back(std::move(header));
    for (const ConfigDifference& difference : differences) {
        if (difference.values.size() != labels.size())
            throw std::invalid_argument("config diff: " + difference.key + " has " +
                                        std::to_string(difference.values.size()) + " values for " +
                                        std::to_string(labels.size()) + " labels");
        std::vector<std::string> row{difference.key};
        for (const auto& value : difference.values) row.push_back(configValueText(value));
        cells.push_back(std::move(row));
    }
    std::vector<std::size_t> widths(cells.front().size(), 0);
    for (const auto& row : cells)
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
    std::string text;
    for (const auto& row : cells) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size()) line.append(widths[c] - row[c].size() + 2, ' ');
        }
        text += line + "\n";
    }
    return text;
}

}  // namespace megatoken
