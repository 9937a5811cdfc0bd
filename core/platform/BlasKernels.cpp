#include "core/platform/BlasKernels.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace megatoken {

namespace {

// Set beside OPENBLAS_CORETYPE by the restart, so the new process can say why it was restarted.
constexpr const char* kRestartedVariable = "MEGATOKEN_BLAS_RESTARTED";

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

}  // namespace

CpuFeatures cpuFeatures()
{
    CpuFeatures features;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    features.avx2 = __builtin_cpu_supports("avx2");
    features.fma = __builtin_cpu_supports("fma");
    features.avx512f = __builtin_cpu_supports("avx512f");
    features.avx512cd = __builtin_cpu_supports("avx512cd");
    features.avx512bw = __builtin_cpu_supports("avx512bw");
    features.avx512dq = __builtin_cpu_supports("avx512dq");
    features.avx512vl = __builtin_cpu_supports("avx512vl");
#endif
    return features;
}

std::string fastOpenBlasCoreType(const CpuFeatures& f)
{
    if (f.avx512f && f.avx512cd && f.avx512bw && f.avx512dq && f.avx512vl) return "SkylakeX";
    if (f.avx2 && f.fma) return "Haswell";
    return {};
}

std::string openBlasCoreTypeToSet(std::string_view loadedCore, bool userChose, const CpuFeatures& features)
{
    if (userChose || !equalsIgnoringCase(loadedCore, "Prescott")) return {};
    return fastOpenBlasCoreType(features);
}

std::string loadedOpenBlasCore()
{
    using CoreName = char* (*)();
    const auto coreName = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    if (coreName == nullptr) return {};
    const char* name = coreName();
    return name ? std::string(name) : std::string();
}

std::string restartWithFastBlasKernels(char** argv)
{
    const char* chosen = std::getenv("OPENBLAS_CORETYPE");
    if (const char* restarted = std::getenv(kRestartedVariable)) {
        const std::string from = restarted;
        unsetenv(kRestartedVariable);  // not inherited by the processes this one starts
        return "OpenBLAS did not recognise this CPU and chose its generic " + from +
               " kernels; restarted with OPENBLAS_CORETYPE=" + (chosen ? chosen : "") +
               " (set OPENBLAS_CORETYPE yourself to choose)";
    }
    const std::string loaded = loadedOpenBlasCore();
    const std::string coreType = openBlasCoreTypeToSet(loaded, chosen != nullptr, cpuFeatures());
    if (coreType.empty() || argv == nullptr || argv[0] == nullptr) return {};
    setenv("OPENBLAS_CORETYPE", coreType.c_str(), 1);
    setenv(kRestartedVariable, loaded.c_str(), 1);
    execv("/proc/self/exe", argv);
    const std::string why = std::strerror(errno);  // only reached when execv failed
    unsetenv("OPENBLAS_CORETYPE");
    unsetenv(kRestartedVariable);
    return "OpenBLAS runs its generic " + loaded +
           " kernels on this CPU, and restarting with OPENBLAS_CORETYPE=" + coreType + " failed (" + why +
           "); training will be slower";
}

}  // namespace megatoken
