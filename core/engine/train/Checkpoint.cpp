#include "core/engine/train/Checkpoint.h"

#include <limits>

#include <ATen/CPUGeneratorImpl.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "core/io/AtomicFile.h"
#include "core/runs/CheckpointContainer.h"
#include "core/runs/RunFileError.h"

namespace megatoken {
namespace {

// LibTorch's messages carry a C++ stack trace after the first line; users need only the line.
std::string firstLine(const char* message)
{
    const std::string text(message);
    return text.substr(0, text.find('\n'));
}

torch::Tensor bytesToTensor(const std::string& bytes)
{
    auto t = torch::empty({static_cast<std::int64_t>(bytes.size())}, torch::kUInt8);
    if (!bytes.empty()) std::memcpy(t.data_ptr(), bytes.data(), bytes.size());
    return t;
}

std::string tensorToBytes(const torch::Tensor& t)
{
    const auto c = t.contiguous().to(torch::kCPU);
    return std::string(static_cast<const char*>(c.data_ptr()), static_cast<std::size_t>(c.numel()));
}

torch::Tensor scalar(double v)
{
    return torch::tensor(v, torch::kDouble);
}
torch::Tensor scalar(std::int64_t v)
{
    return torch::tensor(v, torch::kLong);
}

void writeState(torch::serialize::OutputArchive& archive, const CheckpointState& s)
{
    archive.write("state/step", scalar(s.step));
    archive.write("state/epoch", scalar(s.epoch));
    archive.write("state/batch_in_epoch", scalar(s.batchInEpoch));
    archive.write("state/lambda", scalar(s.lambda));
    archive.write("state/lambda_integral", scalar(s.lambdaIntegral));
    archive.write("state/smoothed_keep", scalar(s.smoothedKeepRatio));
    archive.write("state/wall_seconds", scalar(s.wallSeconds));
    archive.write("state/tokens_seen", scalar(s.tokensSeen));
    archive.write("state/train_flops", scalar(s.trainFlops));
    archive.write("state/config_json", bytesToTensor(s.configJson));
    archive.write("state/tokenizer_model", bytesToTensor(s.tokenizerModel));
}

// Each read gets a fresh tensor: reading into a defined one copies into it, which fails when
// the sizes differ.
torch::Tensor readTensor(torch::serialize::InputArchive& archive, const std::string& key)
{
    torch::Tensor t;
    archive.read(key, t);
    return t;
}

CheckpointState readState(torch::serialize::InputArchive& archive)
{
    CheckpointState s;
    s.step = readTensor(archive, "state/step").item<std::int64_t>();
    s.epoch = readTensor(archive, "state/epoch").item<std::int64_t>();
    s.batchInEpoch = readTensor(archive, "state/batch_in_epoch").item<std::int64_t>();
    s.lambda = readTensor(archive, "state/lambda").item<double>();
    s.lambdaIntegral = readTensor(archive, "state/lambda_integral").item<double>();
    s.smoothedKeepRatio = readTensor(archive, "state/smoothed_keep").item<double>();
    s.wallSeconds = readTensor(archive, "state/wall_seconds").item<double>();
    // Absent from checkpoints written before compute was counted.
    torch::Tensor counted;
    s.tokensSeen = archive.try_read("state/tokens_seen", counted) ? counted.item<double>()
                                                                  : std::numeric_limits<double>::quiet_NaN();
    counted = torch::Tensor();
    s.trainFlops = archive.try_read("state/train_flops", counted) ? counted.item<double>()
                                                                  : std::numeric_limits<double>::quiet_NaN();
    s.configJson = tensorToBytes(readTensor(archive, "state/config_json"));
    s.tokenizerModel = tensorToBytes(readTensor(archive, "state/tokenizer_model"));
    return s;
}

void openArchive(const std::string& path, torch::serialize::InputArchive& archive)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) throw CheckpointError(path + ": checkpoint not found");
    if (std::filesystem::file_size(path, error) == 0) throw CheckpointError(path + ": checkpoint file is empty");
    // LibTorch trusts the archive; a truncated or bit-flipped one is turned away before it reads.
    try {
        checkCheckpointContainer(path);
    } catch (const RunFileError& e) {
        throw CheckpointError(e.what());
    }
    try {
        archive.load_from(path);
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": not a readable checkpoint (truncated or corrupt?): " + firstLine(e.what()));
    }
}

}  // namespace

void saveCheckpoint(const std::string& path, MegatokenModel& model, torch::optim::Optimizer* optimizer,
                    const CheckpointState& state)
{
    torch::serialize::OutputArchive archive;
    for (const auto& p : model->named_parameters())
        archive.write("model/" + p.key(), p.value().detach().to(torch::kCPU));
    for (const auto& b : model->named_buffers()) archive.write("model/" + b.key(), b.value().to(torch::kCPU), true);
    if (optimizer) {
        torch::serialize::OutputArchive optimizerArchive;
        optimizer->save(optimizerArchive);
        archive.write("optimizer", optimizerArchive);
    }
    archive.write("rng/cpu", at::detail::getDefaultCPUGenerator().get_state());
    writeState(archive, state);

    // Streamed into a temporary beside the target through our own write(2), synced, then renamed.
    // LibTorch's own file writer cannot fail cleanly: after a failed write its archive writer
    // throws again from its destructor, and the process aborts (std::terminate) on a full disk.
    // So a failed write is remembered here, the rest of the archive is dropped unwritten, LibTorch
    // finishes normally, and commit() throws the write error with the system's reason.
    AtomicFileWriter file(path);
    try {
        archive.save_to([&file](const void* data, std::size_t size) -> std::size_t {
            file.write(data, size);
            return size;
        });
    } catch (const std::exception& e) {
        file.throwIfFailed();
        throw CheckpointError(path + ": cannot write checkpoint: " + firstLine(e.what()));
    }
    file.commit();  // throws FileWriteError "write error (<reason>)" when a write failed
}

CheckpointState readCheckpointState(const std::string& path)
{
    torch::serialize::InputArchive archive;
    openArchive(path, archive);
    try {
        return readState(archive);
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": checkpoint lacks its state (" + firstLine(e.what()) + ")");
    }
}

CheckpointState loadCheckpoint(const std::string& path, MegatokenModel& model, torch::optim::Optimizer* optimizer,
                               bool restoreRng)
{
    torch::serialize::InputArchive archive;
    openArchive(path, archive);
    try {
        torch::NoGradGuard noGrad;
        for (auto& p : model->named_parameters()) {
            const torch::Tensor value = readTensor(archive, "model/" + p.key());
            if (value.sizes() != p.value().sizes())
                throw CheckpointError(path + ": parameter " + p.key() + " has shape " + c10::str(value.sizes()) +
                                      ", the model expects " + c10::str(p.value().sizes()));
            p.value().copy_(value);
        }
        // Buffers hold state the model learned outside the optimizer (the gates' keep-ratio
        // calibration). A checkpoint written before a buffer existed simply lacks it.
        for (auto& b : model->named_buffers()) {
            torch::Tensor value;
            if (!archive.try_read("model/" + b.key(), value, /*is_buffer=*/true)) continue;
            if (value.sizes() != b.value().sizes())
                throw CheckpointError(path + ": buffer " + b.key() + " has shape " + c10::str(value.sizes()) +
                                      ", the model expects " + c10::str(b.value().sizes()));
            b.value().copy_(value);
        }
        if (optimizer) {
            torch::serialize::InputArchive optimizerArchive;
            archive.read("optimizer", optimizerArchive);
            optimizer->load(optimizerArchive);
        }
        if (restoreRng) {
            const torch::Tensor rng = readTensor(archive, "rng/cpu");
            at::Generator generator = at::detail::getDefaultCPUGenerator();  // a handle to the global one
            std::lock_guard<std::mutex> lock(generator.mutex());
            generator.set_state(rng);
        }
        return readState(archive);
    } catch (const CheckpointError&) {
        throw;
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": cannot load the checkpoint into this model: " + firstLine(e.what()));
    }
}

std::vector<std::string> loadWeightsPartially(const std::string& path, MegatokenModel& model)
{
    torch::serialize::InputArchive archive;
    openArchive(path, archive);
    std::vector<std::string> lacking;
    try {
        torch::NoGradGuard noGrad;
        const auto load = [&](const std::string& name, torch::Tensor target, bool isBuffer) {
            torch::Tensor value;
            if (!archive.try_read("model/" + name, value, isBuffer)) return false;
            if (value.sizes() != target.sizes())
                throw CheckpointError(path + ": " + (isBuffer ? "buffer " : "parameter ") + name + " has shape " +
                                      c10::str(value.sizes()) + ", the model expects " + c10::str(target.sizes()));
            target.copy_(value);
            return true;
        };
        for (auto& p : model->named_parameters())
            if (!load(p.key(), p.value(), false)) lacking.push_back(p.key());
        for (auto& b : model->named_buffers()) load(b.key(), b.value(), true);
    } catch (const CheckpointError&) {
        throw;
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": cannot load the checkpoint into this model: " + firstLine(e.what()));
    }
    return lacking;
}

}  // namespace megatoken
