#pragma once
// Summary statistics of a small sample (the seeds of one configuration, the runs of a group at one
// step) and the spread bands drawn around a group's mean curve. Torch-free.

#include <cstddef>
#include <string_view>
#include <vector>

namespace megatoken {

struct SampleSummary {
    std::size_t count = 0;  // values summarised
    double mean = 0;        // NaN when count is 0 or a value is NaN (as every statistic then)
    double sd = 0;          // sample standard deviation (n - 1 in the denominator); NaN when count < 2
    double min = 0;         // NaN when count is 0
    double max = 0;
};

// values summarised. A NaN (a metric a run did not measure) makes every statistic NaN rather than
// vanish from the mean; infinities count like any value (a diverged seed must show). The SD takes
// two passes (no cancellation for values far from zero, such as tokens/s).
SampleSummary summarize(const std::vector<double>& values);

// The quantile of Student's t distribution with dof degrees of freedom at probability p in (0, 1),
// from Boost.Math (students_t, quantile). t(0.975, 2) = 4.302653, t(0.975, 9) = 2.262157. Throws
// std::domain_error for dof <= 0 or p outside (0, 1).
double studentTQuantile(double p, double dof);

// How a group's spread is drawn around its mean.
enum class BandKind {
    MinMax,              // [min, max]
    StandardDeviation,   // mean +- one sample SD
    ConfidenceInterval,  // mean +- t(0.975, n - 1) SD / sqrt(n): the 95% interval of the mean
};

// "min-max", "sd", "ci95": the names used on the command line, in settings and in CSV columns.
std::string_view bandKindName(BandKind kind);
// The inverse; throws std::invalid_argument naming the accepted names.
BandKind bandKindFromName(std::string_view name);

struct Band {
    double low = 0;
    double high = 0;
};

// The band of one sample. With fewer than two values there is no spread: both ends are the mean
// (NaN for an empty sample).
Band bandOf(const SampleSummary& summary, BandKind kind);

}  // namespace megatoken
