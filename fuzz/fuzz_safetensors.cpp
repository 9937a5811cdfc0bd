// Fuzzes the safetensors reader and writer (core/io/Safetensors). The first byte picks the way in:
//   bit 0 clear: the rest is a .safetensors file: open it and read every tensor (F32, F16 and BF16
//                as float32, the others as bytes);
//   bit 0 set:   the rest is a model.safetensors.index.json beside two fixed valid shards: open the
//                checkpoint folder and read every tensor it has;
//   bit 1 set:   (with bit 0 clear) a file that opened and read is written back as F32 with
//                writeSafetensors and read again: names, order, shapes, metadata and every value
//                (bit for bit) must survive, else the fuzzer aborts (a finding).
// Bad input may only end in a SafetensorsError.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/io/Safetensors.h"
#include "fuzz/FuzzInput.h"

namespace {

using namespace megatoken;

bool isFloat(const SafetensorsTensor& tensor)
{
    return tensor.dtype == "F32" || tensor.dtype == "F16" || tensor.dtype == "BF16";
}

// Reads every tensor; the float ones are returned as float32 (in file order).
std::vector<std::vector<float>> readAll(const SafetensorsFile& file)
{
    std::vector<std::vector<float>> values;
    for (const SafetensorsTensor& tensor : file.tensors()) {
        if (file.find(tensor.name) != &tensor) std::abort();
        if (isFloat(tensor)) {
            values.emplace_back(static_cast<std::size_t>(tensor.numel()));
            file.readAsFloat32(tensor, values.back().data());
        } else {
            std::vector<char> bytes(static_cast<std::size_t>(tensor.end - tensor.begin));
            file.readBytes(tensor, bytes.data());
        }
    }
    return values;
}

// The shards the index inputs point at (the seeds name them), written once.
const std::string& checkpointFolder()
{
    static const std::string folder = [] {
        const std::string path = fuzz::scratchFolder() + "/checkpoint";
        std::filesystem::create_directories(path);
        const float values[6] = {1.0f, -2.0f, 0.5f, 0.25f, 3.0f, -0.0f};
        writeSafetensors(path + "/model-00001-of-00002.safetensors",
                         {{"encoder.weight", {2, 2}, values}, {"encoder.bias", {2}, values + 4}}, {{"format", "pt"}});
        writeSafetensors(path + "/model-00002-of-00002.safetensors", {{"decoder.weight", {3}, values}},
                         {{"format", "pt"}});
        return path;
    }();
    return folder;
}

void roundTrip(const SafetensorsFile& file, const std::vector<std::vector<float>>& values)
{
    std::vector<SafetensorsEntry> entries;
    std::size_t next = 0;
    for (const SafetensorsTensor& tensor : file.tensors())
        if (isFloat(tensor)) entries.push_back({tensor.name, tensor.shape, values[next++].data()});
    const std::string path = fuzz::scratchFolder() + "/written.safetensors";
    writeSafetensors(path, entries, file.metadata());
    const SafetensorsFile written = SafetensorsFile::open(path);
    if (written.metadata() != file.metadata() || written.tensors().size() != entries.size()) std::abort();
    const std::vector<std::vector<float>> again = readAll(written);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const SafetensorsTensor& tensor = written.tensors()[i];
        if (tensor.name != entries[i].name || tensor.shape != entries[i].shape || tensor.dtype != "F32") std::abort();
        if (again[i].size() != values[i].size() ||
            (!again[i].empty() && std::memcmp(again[i].data(), values[i].data(), again[i].size() * sizeof(float)) != 0))
            std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    try {
        if (data[0] & 1) {
            const std::string& folder = checkpointFolder();
            fuzz::writeInput(data + 1, size - 1, "checkpoint/model.safetensors.index.json");
            const SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint::openFolder(folder);
            for (const std::string& name : checkpoint.names()) {
                const SafetensorsTensor* tensor = checkpoint.find(name);
                if (!tensor) std::abort();
                if (!isFloat(*tensor)) continue;
                std::vector<float> values(static_cast<std::size_t>(tensor->numel()));
                checkpoint.readAsFloat32(*tensor, values.data());
            }
        } else {
            const SafetensorsFile file =
                SafetensorsFile::open(fuzz::writeInput(data + 1, size - 1, "model.safetensors"));
            const std::vector<std::vector<float>> values = readAll(file);
            if (data[0] & 2) {
                try {
                    roundTrip(file, values);
                } catch (const SafetensorsError& error) {  // what it read, it must write and read back
                    std::fprintf(stderr, "round trip failed: %s\n", error.what());
                    std::abort();
                }
            }
        }
    } catch (const SafetensorsError&) {
    }
    return 0;
}
