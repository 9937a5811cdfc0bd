// How fast the inspector answers: one sentence through Inspector::inspect (tokenize, encode with
// the hard mask and recorded attention, teacher-forced and greedy decoding), as the GUI does on
// every keystroke pause. Prints JSON with p50 / p90 / max milliseconds per sentence length.
// Usage: bench_inspect_latency RUN_DIR [repeats=20]
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "core/engine/inspect/Inspector.h"

using namespace megatoken;

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s RUN_DIR [repeats]\n", argv[0]);
        return 2;
    }
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    torch::set_num_threads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    std::unique_ptr<Inspector> inspector;
    try {
        inspector = Inspector::fromRun(argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    const std::vector<std::string> sentences = {
        "green cat sat on the mat",
        "a small domesticated carnivorous mammal with soft fur, a short snout and retractable claws",
        "the act of giving up or relinquishing something that one has been holding on to for a long time, "
        "often with reluctance and a sense of loss that lingers long after the decision",
    };
    std::printf("{\"benchmark\": \"inspect_latency\", \"model\": \"%s\", \"threads\": %d, \"results\": [",
                inspector->description().c_str(), torch::get_num_threads());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        inspector->inspect(sentences[s]);  // warm-up
        std::vector<double> ms;
        std::size_t pieces = 0;
        for (int r = 0; r < repeats; ++r) {
            const auto start = std::chrono::steady_clock::now();
            pieces = inspector->inspect(sentences[s]).pieces.size();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%s{\"pieces\": %zu, \"p50_ms\": %.1f, \"p90_ms\": %.1f, \"max_ms\": %.1f}", s ? ", " : "", pieces,
                    ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.back());
    }
    std::printf("]}\n");
    return 0;
}
