#pragma once
// The device the engine's tests run on: MEGATOKEN_TEST_DEVICE = cpu (default), cuda or cuda:N.
// scripts/device-check.sh runs the core suites with MEGATOKEN_TEST_DEVICE=cuda on a GPU machine.

#include <QtTest>

#include <cstdlib>
#include <string>

#include <torch/torch.h>

namespace megatoken::testing {

inline std::string testDeviceName()
{
    const char* name = std::getenv("MEGATOKEN_TEST_DEVICE");
    return name && *name ? std::string(name) : std::string("cpu");
}

inline torch::Device testDevice()
{
    return torch::Device(testDeviceName());
}

}  // namespace megatoken::testing

// Skips the test, saying why, when MEGATOKEN_TEST_DEVICE asks for CUDA on a machine without it.
#define MEGATOKEN_SKIP_UNLESS_TEST_DEVICE_AVAILABLE()                                                                  \
    do {                                                                                                               \
        if (megatoken::testing::testDevice().is_cuda() && !torch::cuda::is_available())                                \
            QSKIP("MEGATOKEN_TEST_DEVICE asks for CUDA, but no CUDA device is available here");                        \
    } while (false)

// Skips the test, saying why, on a machine (or LibTorch build) without a CUDA device.
#define MEGATOKEN_SKIP_WITHOUT_CUDA()                                                                                  \
    do {                                                                                                               \
        if (!torch::cuda::is_available())                                                                              \
            QSKIP("needs a CUDA device: none here (LibTorch " TORCH_VERSION "); runs on a GPU machine "                \
                  "through scripts/device-check.sh");                                                                  \
    } while (false)
