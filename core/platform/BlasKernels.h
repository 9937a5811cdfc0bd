#pragma once
// OpenBLAS (Debian's libopenblas0-openmp, the BLAS under Debian's LibTorch 1.13) chooses its
// kernels once, when it is loaded, from the CPU's family and model number. A model newer than its
// table falls back to "Prescott", its SSE3 kernels: OpenBLAS 0.3.21 does not know model 207 (an
// Emerald Rapids Xeon), and there the tiny preset trained three times slower with them than with
// its SkylakeX kernels (docs/performance.md). OPENBLAS_CORETYPE overrides the choice, but only in
// the environment OpenBLAS is loaded with, before main() runs; so the programs that train call
// restartWithFastBlasKernels() first, which re-executes the program with it set.
// Plain C++ (dlsym, execv); nothing here needs LibTorch. Builds without OpenBLAS (LibTorch 2.x
// brings MKL) find none loaded and change nothing.

#include <string>
#include <string_view>

namespace megatoken {

// The instruction sets that decide which OpenBLAS kernels a CPU runs.
struct CpuFeatures {
    bool avx2 = false;
    bool fma = false;
    bool avx512f = false;
    bool avx512cd = false;
    bool avx512bw = false;
    bool avx512dq = false;
    bool avx512vl = false;
};

// This CPU's (GCC/Clang's __builtin_cpu_supports).
CpuFeatures cpuFeatures();

// The fastest OPENBLAS_CORETYPE a CPU with these features runs: "SkylakeX" (AVX-512 F, CD, BW,
// DQ and VL), "Haswell" (AVX2 and FMA), or "" (nothing faster than OpenBLAS's generic kernels).
std::string fastOpenBlasCoreType(const CpuFeatures& features);

// The OPENBLAS_CORETYPE to restart with: fastOpenBlasCoreType(features) when the loaded OpenBLAS
// runs its fallback kernels (loadedCore "Prescott", case-insensitive) and the user has not chosen a
// core type (userChose: OPENBLAS_CORETYPE set); "" otherwise, and when no OpenBLAS is loaded
// (loadedCore empty).
std::string openBlasCoreTypeToSet(std::string_view loadedCore, bool userChose, const CpuFeatures& features);

// The kernels the OpenBLAS loaded in this process runs ("Prescott", "SkylakeX": its
// openblas_get_corename()), or "" when the process has no OpenBLAS.
std::string loadedOpenBlasCore();

// Called first in main(): when openBlasCoreTypeToSet() names a core type for this process, sets
// OPENBLAS_CORETYPE to it and re-executes the program (/proc/self/exe) with the same arguments;
// the new process finds a user's choice and does nothing. Returns "" when there was nothing to do;
// in the re-executed process, the line to tell the user ("OpenBLAS did not recognise this CPU ...
// restarted with OPENBLAS_CORETYPE=SkylakeX"); when the re-execution failed, why (the program then
// goes on with the slow kernels). Never throws.
std::string restartWithFastBlasKernels(char** argv);

}  // namespace megatoken
