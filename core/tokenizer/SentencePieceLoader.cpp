#include "core/tokenizer/SentencePieceLoader.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "core/tokenizer/Tokenizer.h"

namespace megatoken {
namespace {

namespace fs = std::filesystem;

struct ModuleLoad {
    SentencePieceModule module;
    std::string error;
};

std::vector<std::string> moduleCandidates()
{
    if (const char* overridePath = std::getenv("MEGATOKEN_SPM_MODULE"); overridePath && *overridePath)
        return {overridePath};
    std::vector<std::string> candidates;
    auto add = [&](const fs::path& path) {
        const std::string normal = path.lexically_normal().string();
        if (std::find(candidates.begin(), candidates.end(), normal) == candidates.end()) candidates.push_back(normal);
    };
    std::error_code error;
    const fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        add(exe.parent_path() / "../lib/libmegatoken_spm.so");
        add(exe.parent_path() / "../lib/megatoken/libmegatoken_spm.so");
    }
#ifdef MEGATOKEN_SPM_MODULE_BUILD_PATH
    add(MEGATOKEN_SPM_MODULE_BUILD_PATH);
#endif
#ifdef MEGATOKEN_SPM_MODULE_INSTALL_PATH
    add(MEGATOKEN_SPM_MODULE_INSTALL_PATH);
#endif
    return candidates;
}

// Returns the API table, or why this candidate cannot provide one.
const MtSpmApi* openModule(const std::string& path, std::string& why)
{
    std::error_code error;
    if (!fs::exists(path, error)) {
        why = "not found";
        return nullptr;
    }
    // Kept apart from libtorch's protobuf: RTLD_DEEPBIND, or a namespace of its own under ASan
    // (mtSpmOpenModule in SentencePieceApi.h).
    void* handle = mtSpmOpenModule(path.c_str());
    if (!handle) {
        const char* message = dlerror();
        why = message ? message : "dlopen failed";
        return nullptr;
    }
    auto entry = reinterpret_cast<MtSpmApiEntryPoint>(dlsym(handle, MT_SPM_API_SYMBOL));
    const MtSpmApi* api = entry ? entry() : nullptr;
    if (!api) {
        why = "no " MT_SPM_API_SYMBOL " entry point";
    } else if (api->abiVersion != MT_SPM_ABI_VERSION || api->structSize != sizeof(MtSpmApi)) {
        why = "ABI version " + std::to_string(api->abiVersion) + " (" + std::to_string(api->structSize) +
              " bytes), expected " + std::to_string(MT_SPM_ABI_VERSION) + " (" + std::to_string(sizeof(MtSpmApi)) +
              " bytes): rebuild megatoken_spm";
    } else {
        return api;  // stays loaded for the life of the process
    }
    dlclose(handle);
    return nullptr;
}

ModuleLoad loadModule()
{
    ModuleLoad result;
    std::string tried;
    for (const std::string& path : moduleCandidates()) {
        std::string why;
        if ((result.module.api = openModule(path, why))) {
            result.module.path = path;
            return result;
        }
        tried += "\n  " + path + ": " + why;
    }
    const char* overridePath = std::getenv("MEGATOKEN_SPM_MODULE");
    result.error =
        std::string("libmegatoken_spm.so: cannot load the sentencepiece module (") +
        (overridePath && *overridePath ? "from MEGATOKEN_SPM_MODULE" : "set MEGATOKEN_SPM_MODULE to its path") +
        "); tried:" + tried;
    return result;
}

}  // namespace

const SentencePieceModule& sentencePieceModule()
{
    // A failure is cached rather than thrown inside call_once, so every caller sees the same
    // message and nothing depends on call_once's exceptional path.
    static std::once_flag once;
    static ModuleLoad load;
    std::call_once(once, [] { load = loadModule(); });
    if (!load.module.api) throw TokenizerError(load.error);
    return load.module;
}

}  // namespace megatoken
