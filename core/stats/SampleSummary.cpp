#include "core/stats/SampleSummary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/students_t.hpp>

namespace megatoken {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

SampleSummary summarize(const std::vector<double>& values)
{
    SampleSummary summary{values.size(), kNaN, kNaN, kNaN, kNaN};
    if (values.empty() || std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
        return summary;
    const auto [min, max] = std::minmax_element(values.begin(), values.end());
    summary.min = *min;
    summary.max = *max;
    double sum = 0;
    for (const double value : values) sum += value;
    const double n = static_cast<double>(values.size());
    summary.mean = sum / n;
    if (values.size() < 2) return summary;
    double squares = 0;
    for (const double value : values) {
        const double d = value - summary.mean;
        squares += d * d;
    }
    summary.sd = std::sqrt(squares / (n - 1));
    return summary;
}

double studentTQuantile(double p, double dof)
{
    if (!(dof > 0))
        throw std::domain_error("Student's t: degrees of freedom must be positive, got " + std::to_string(dof));
    if (!(p > 0 && p < 1))
        throw std::domain_error("Student's t: probability must be in (0, 1), got " + std::to_string(p));
    return boost::math::quantile(boost::math::students_t_distribution<double>(dof), p);
}

std::string_view bandKindName(BandKind kind)
{
    switch (kind) {
        case BandKind::MinMax: return "min-max";
        case BandKind::StandardDeviation: return "sd";
        case BandKind::ConfidenceInterval: return "ci95";
    }
    return "min-max";
}

BandKind bandKindFromName(std::string_view name)
{
    for (const BandKind kind : {BandKind::MinMax, BandKind::StandardDeviation, BandKind::ConfidenceInterval})
        if (bandKindName(kind) == name) return kind;
    throw std::invalid_argument("unknown band '" + std::string(name) + "'; expected min-max, sd or ci95");
}

Band bandOf(const SampleSummary& summary, BandKind kind)
{
    if (summary.count < 2) return {summary.mean, summary.mean};
    switch (kind) {
        case BandKind::MinMax: return {summary.min, summary.max};
        case BandKind::StandardDeviation: return {summary.mean - summary.sd, summary.mean + summary.sd};
        case BandKind::ConfidenceInterval: {
            const double n = static_cast<double>(summary.count);
            const double half = studentTQuantile(0.975, n - 1) * summary.sd / std::sqrt(n);
            return {summary.mean - half, summary.mean + half};
        }
    }
    return {summary.mean, summary.mean};
}

}  // namespace megatoken
