#include "core/runs/RunGroups.h"

#include <algorithm>
#include <stdexcept>

#include "core/config/ConfigDiff.h"
#include "core/config/ConfigKeys.h"

namespace megatoken {

const std::vector<std::string>& runPlacementKeys()
{
    static const std::vector<std::string> keys{"run.name",    "run.runs_directory",   "run.device",
                                               "run.threads", "run.checkpoint_every", "run.max_bad_steps"};
    return keys;
}

std::vector<RunGroup> groupRuns(const std::vector<RunConfig>& configs, const std::vector<std::string>& fallbackNames,
                                const std::vector<std::string>& groupBy)
{
    if (fallbackNames.size() != configs.size())
        throw std::invalid_argument("groupRuns: " + std::to_string(fallbackNames.size()) + " names for " +
                                    std::to_string(configs.size()) + " runs");
    for (const auto& key : groupBy)
        if (!findConfigKey(key)) throw std::invalid_argument("group by: " + unknownKeyMessage(key));
    const auto ignored = [&](const std::string& name) {
        return std::find(groupBy.begin(), groupBy.end(), name) != groupBy.end() ||
               std::find(runPlacementKeys().begin(), runPlacementKeys().end(), name) != runPlacementKeys().end();
    };
    std::vector<const ConfigKey*> identity;
    for (const ConfigKey& key : configKeys())
        if (!ignored(key.name)) identity.push_back(&key);
    const auto sameGroup = [&](const RunConfig& a, const RunConfig& b) {
        return std::all_of(identity.begin(), identity.end(),
                           [&](const ConfigKey* key) { return key->get(a) == key->get(b); });
    };

    std::vector<RunGroup> groups;
    for (std::size_t i = 0; i < configs.size(); ++i) {
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const RunGroup& g) { return sameGroup(configs[g.members.front()], configs[i]); });
        if (group == groups.end())
            groups.push_back({{i}, {}});
        else
            group->members.push_back(i);
    }

    std::vector<ConfigDifference> differences;
    if (groups.size() > 1) {
        std::vector<RunConfig> representatives;
        for (const auto& group : groups) representatives.push_back(configs[group.members.front()]);
        for (auto& difference : diffConfigs(representatives))
            if (!ignored(difference.key)) differences.push_back(std::move(difference));
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        std::string label;
        for (const auto& difference : differences) {
            if (!label.empty()) label += ", ";
            label += difference.key + "=" + configValueText(difference.values[g]);
        }
        groups[g].label = label.empty() ? fallbackNames[groups[g].members.front()] : label;
    }
    return groups;
}

}  // namespace megatoken
