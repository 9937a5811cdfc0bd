# Shared build helpers.

# Torch headers cost ~30 s per translation unit: every target that includes them reuses one
# precompiled header, built once by megatoken_torch_pch.
add_library(megatoken_torch_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/torch_pch.cpp)
target_link_libraries(megatoken_torch_pch PUBLIC ${TORCH_LIBRARIES})
target_compile_options(megatoken_torch_pch PUBLIC ${TORCH_CXX_FLAGS_LIST})
target_precompile_headers(megatoken_torch_pch PRIVATE <torch/torch.h>)

function(megatoken_use_torch target)
  target_link_libraries(${target} PUBLIC ${TORCH_LIBRARIES})
  target_precompile_headers(${target} REUSE_FROM megatoken_torch_pch)
endfunction()

function(megatoken_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()
