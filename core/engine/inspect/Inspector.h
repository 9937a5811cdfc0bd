#pragma once
// A model held for inspection, on its own: loaded from a run's checkpoint or from a snapshot of
// a live training, never sharing tensors with a trainer. Torch-free interface, so the GUI's
// inspector thread can own one without including LibTorch. Not thread-safe: one thread at a time.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/inspect/Inspection.h"

namespace megatoken {

struct ModelSnapshot;

class Inspector {
public:
    // The newest (or the given) checkpoint of a run directory. Throws with a message naming the
    // directory or file when something is missing or broken.
    static std::unique_ptr<Inspector> fromRun(const std::string& runDirectory, const std::string& checkpoint = {});
    // Weights copied out of a running training (Trainer::requestSnapshot()).
    static std::unique_ptr<Inspector> fromSnapshot(const ModelSnapshot& snapshot);

    ~Inspector();

    // threshold: hard-drop threshold on ln alpha; unset: the model's gates.threshold.
    Inspection inspect(const std::string& text, std::optional<double> threshold = std::nullopt) const;

    // Up to count texts of the run's validation split, a fixed sample (the same for a seed).
    std::vector<std::string> validationSample(std::size_t count, std::uint64_t seed = 1) const;

    std::int64_t step() const;
    std::string description() const;  // "runs/tiny-a, step 1200" or "live run tiny-a, step 340"
    double defaultThreshold() const;
    std::int64_t maxTokens() const;

private:
    struct State;
    explicit Inspector(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace megatoken
