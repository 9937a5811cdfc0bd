#include "core/runs/GroupCurve.h"

#include <cmath>
#include <map>

namespace megatoken {

std::vector<GroupCurvePoint> groupCurve(const std::vector<std::vector<CurvePoint>>& members, BandKind kind)
{
    // step -> member -> (x, y): the last point of a member at a step wins.
    std::map<double, std::map<std::size_t, CurvePoint>> byStep;
    for (std::size_t m = 0; m < members.size(); ++m)
        for (const CurvePoint& point : members[m])
            if (!std::isnan(point.y)) byStep[point.step][m] = point;

    std::vector<GroupCurvePoint> curve;
    curve.reserve(byStep.size());
    std::vector<double> ys;
    for (const auto& [step, points] : byStep) {
        ys.clear();
        double xSum = 0;
        for (const auto& [member, point] : points) {
            ys.push_back(point.y);
            xSum += point.x;
        }
        const SampleSummary summary = summarize(ys);
        const Band band = bandOf(summary, kind);
        curve.push_back({step, xSum / static_cast<double>(points.size()), summary.mean, band.low, band.high,
                         summary.count, summary.sd, summary.min, summary.max});
    }
    return curve;
}

}  // namespace megatoken
