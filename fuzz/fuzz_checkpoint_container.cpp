// Fuzzes the checks in front of LibTorch's checkpoint reader (checkCheckpointContainer: libzip's
// consistency check, the top folder, the required entries, every entry's CRC-32). The first byte
// picks the way in: from a file, as resume and the run browser do, or from memory. Bad input may
// only end in a RunFileError.
#include <cstdint>
#include <string>

#include "core/runs/CheckpointContainer.h"
#include "core/runs/RunFileError.h"
#include "fuzz/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    using namespace megatoken;
    try {
        if (data[0] & 1)
            checkCheckpointContainer(data + 1, size - 1, "fuzz.pt");
        else
            checkCheckpointContainer(fuzz::writeInput(data + 1, size - 1, "step-00000001.pt"));
    } catch (const RunFileError&) {
    }
    return 0;
}
