#include "core/runs/CheckpointFiles.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/io/AtomicFile.h"

namespace megatoken {

namespace fs = std::filesystem;

std::string latestCheckpoint(const std::string& runDirectory)
{
    const fs::path directory = fs::path(runDirectory) / "checkpoints";
    std::error_code error;
    if (!fs::is_directory(directory, error)) return {};
    std::string newest;
    for (const auto& entry : fs::directory_iterator(directory, error))
        if (entry.path().extension() == ".pt" && entry.path().string() > newest) newest = entry.path().string();
    return newest;
}

void pruneCheckpoints(const std::string& folder, std::size_t keep)
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".pt") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i + keep < files.size(); ++i) fs::remove(files[i]);
}

std::size_t removeStaleRunTemporaries(const std::string& runDirectory)
{
    return removeStaleTemporaries(runDirectory) +
           removeStaleTemporaries((fs::path(runDirectory) / "checkpoints").string());
}

}  // namespace megatoken
