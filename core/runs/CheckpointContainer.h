#pragma once
// What we can check of a checkpoint file before LibTorch reads it. A checkpoint is LibTorch's
// serialized-module archive: a ZIP file (PyTorch's `PyTorchStreamWriter`, entries stored
// uncompressed) whose entries all sit under one top folder: data.pkl, version, constants.pkl,
// data/<n> (tensor bytes) and code/ (TorchScript). LibTorch trusts what it reads; a truncated or
// bit-flipped file must be turned away here, with a message naming the file, rather than be
// handed to its unpickler. The ZIP structure is read with libzip (its strict consistency check),
// and every entry's bytes are read once and checked against their CRC-32.
//
// Torch-free: the run browser, the CLI and the fuzzer (fuzz/fuzz_checkpoint_container.cpp) use
// it without LibTorch; core/engine/train/Checkpoint calls it before every load.

#include <cstddef>
#include <cstdint>
#include <string>

namespace megatoken {

struct CheckpointContainerInfo {
    std::string folder;              // the entries' top folder ("archive"; the file name in older ones)
    std::int64_t formatVersion = 0;  // the `version` entry
    std::size_t entries = 0;
    std::uint64_t payloadBytes = 0;  // sum of the entries' uncompressed sizes
};

// Checks the checkpoint at `path`: a ZIP archive that passes libzip's consistency check
// (ZIP_CHECKCONS: local headers agree with the central directory, no overlapping entries), all
// entries under one top folder, stored or deflated, data.pkl and version present, version a
// decimal integer, and every entry's bytes matching its CRC-32. Throws RunFileError naming the
// file and the problem (the entry, when one is at fault). Reads the whole file once (streamed).
CheckpointContainerInfo checkCheckpointContainer(const std::string& path);

// The same for bytes in memory; `name` stands for the file in messages.
CheckpointContainerInfo checkCheckpointContainer(const void* data, std::size_t size, const std::string& name);

}  // namespace megatoken
