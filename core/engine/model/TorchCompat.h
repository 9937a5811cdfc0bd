#pragma once
// The one place where the two supported LibTorch lines differ: Debian's 1.13 (CPU) and PyPI's 2.x
// (CUDA-capable). Everything else in the engine is written against the API both share.

#include <torch/torch.h>
#include <torch/version.h>

#define MEGATOKEN_TORCH_AT_LEAST(major, minor)                                                                         \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace megatoken::compat {

// scaled_dot_product_attention with an explicit `scale` argument arrived in LibTorch 2.1.
inline constexpr bool kHasFusedAttention = MEGATOKEN_TORCH_AT_LEAST(2, 1);

// "1.13.1", "2.11.0": the LibTorch this binary was compiled against.
inline const char* torchVersion()
{
    return TORCH_VERSION;
}

// softmax(query key^T * scale + bias) value through at::scaled_dot_product_attention (PyTorch docs,
// torch.nn.functional.scaled_dot_product_attention), which picks the fastest backend for the device
// and shapes. query [B, H, q, d], key and value [B, H, k, d]; bias a float tensor broadcastable to
// [B, H, q, k] (undefined for none; it may require grad: the math and memory-efficient backends
// return its gradient); dropout applied to the probabilities with probability `dropout`. Returns
// [B, H, q, d]. Throws std::logic_error on a LibTorch without the kernel (kHasFusedAttention false).
inline torch::Tensor fusedAttention(const torch::Tensor& query, const torch::Tensor& key, const torch::Tensor& value,
                                    const torch::Tensor& bias, double scale, double dropout)
{
#if MEGATOKEN_TORCH_AT_LEAST(2, 1)
    std::optional<torch::Tensor> mask;
    if (bias.defined()) mask = bias;
    return at::scaled_dot_product_attention(query, key, value, mask, dropout, /*is_causal=*/false, scale);
#else
    (void)query, (void)key, (void)value, (void)bias, (void)scale, (void)dropout;
    throw std::logic_error("fused attention needs LibTorch >= 2.1; this build has " TORCH_VERSION);
#endif
}

}  // namespace megatoken::compat
