#pragma once
// Run groups: runs whose configurations differ only in the "group by" keys (optim.seed by default)
// are one configuration trained several times, drawn as one mean curve with a spread band
// (core/runs/GroupCurve.h). Keys that name or place a run rather than shape its result never split
// a group: run.name, run.runs_directory, run.device, run.threads, run.checkpoint_every and
// run.max_bad_steps. Torch-free.

#include <cstddef>
#include <string>
#include <vector>

#include "core/config/RunConfig.h"

namespace megatoken {

struct RunGroup {
    std::vector<std::size_t> members;  // indices into the configs given, ascending
    // What sets the group apart from the other groups: "gates.merge=similar, loss.target_keep=0.3"
    // (the differing keys in key-table order, group-by keys and the keys above left out); the first
    // member's fallback name when there is only one group or nothing else differs.
    std::string label;
};

// The keys that never split a group (above).
const std::vector<std::string>& runPlacementKeys();

// Groups configs (one per run; fallbackNames[i] names run i, e.g. its directory) by every key of
// the key table except groupBy and runPlacementKeys(). Groups are ordered by their first member.
// Throws std::invalid_argument for a groupBy key the table does not have (the message suggests the
// closest), or when fallbackNames.size() != configs.size().
std::vector<RunGroup> groupRuns(const std::vector<RunConfig>& configs, const std::vector<std::string>& fallbackNames,
                                const std::vector<std::string>& groupBy = {"optim.seed"});

}  // namespace megatoken
