#pragma once
// A run group's curve (core/runs/RunGroups.h): at every step, the mean of the members' values of a
// metric and the spread band around it (core/stats/SampleSummary.h), as the dashboard plots and
// the long CSV export draw and write a group. Torch-free.

#include <cstddef>
#include <vector>

#include "core/stats/SampleSummary.h"

namespace megatoken {

// One run's value of a metric at a step; x is where the plot puts it (the step itself, training
// tokens seen, estimated FLOPs, wall seconds).
struct CurvePoint {
    double step = 0;
    double x = 0;
    double y = 0;
};

struct GroupCurvePoint {
    double step = 0;
    double x = 0;     // the mean of the members' x at this step (tokens and seconds differ by seed)
    double mean = 0;  // of the members' y here
    double low = 0;   // the band (bandOf): equal to mean where count < 2
    double high = 0;
    std::size_t count = 0;  // members with a value at this step (a run still training has fewer)
    double sd = 0;          // sample SD of the members' y (NaN where count < 2)
    double min = 0;
    double max = 0;
};

// Every step at which at least one member has a non-NaN y, ascending. members[i] is member i's
// points in any order; a member with two points at one step counts its last. Steps are matched
// exactly (members of a group share their logging and evaluation steps).
std::vector<GroupCurvePoint> groupCurve(const std::vector<std::vector<CurvePoint>>& members, BandKind kind);

}  // namespace megatoken
