#include "core/hf/HfFolder.h"

#include <filesystem>

namespace megatoken {

bool looksLikeHfFolder(const std::string& folder)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path dir(folder);
    if (!fs::is_regular_file(dir / "config.json", error)) return false;
    for (const char* name : {"model.safetensors", "model.safetensors.index.json", "pytorch_model.bin"})
        if (fs::exists(dir / name, error)) return true;
    return false;
}

std::string hfFolderHint(const std::string& folder)
{
    if (!looksLikeHfFolder(folder)) return {};
    return "; it is a Hugging Face model folder: import it first with `megatoken import-hf " + folder + " --name NAME`";
}

}  // namespace megatoken
