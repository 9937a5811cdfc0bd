# Shared build helpers.

# Torch headers cost ~30 s per translation unit: every target that includes them reuses one
# precompiled header, built once by megatoken_torch_pch.
add_library(megatoken_torch_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/torch_pch.cpp)
target_link_libraries(megatoken_torch_pch PUBLIC ${TORCH_LIBRARIES})
target_compile_options(megatoken_torch_pch PUBLIC ${TORCH_CXX_FLAGS_LIST})
target_precompile_headers(megatoken_torch_pch PRIVATE <torch/torch.h>)

# PyPI's LibTorch 2.x exports copies of some libstdc++ symbols (std::filesystem::remove_all, ...: the
# static parts of its build compiler's libstdc++). Linked after libtorch.so, our calls bind to those
# copies and crash (remove_all jumps to address 0). Naming libstdc++ first makes the linker bind
# them to libstdc++'s versioned symbols. Harmless with Debian's LibTorch.
function(megatoken_use_torch target)
  target_link_options(${target} PUBLIC "LINKER:--push-state,--no-as-needed" "-lstdc++" "LINKER:--pop-state")
  target_link_libraries(${target} PUBLIC ${TORCH_LIBRARIES})
  target_precompile_headers(${target} REUSE_FROM megatoken_torch_pch)
endfunction()

function(megatoken_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()
