#include "core/engine/model/HfT5Weights.h"

#include <map>
#include <set>
#include <sstream>

#include "core/hf/HfError.h"
#include "core/hf/T5TensorNames.h"
#include "core/io/Safetensors.h"

namespace megatoken {
namespace {

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::vector<std::int64_t> shapeOf(const torch::Tensor& t)
{
    return std::vector<std::int64_t>(t.sizes().begin(), t.sizes().end());
}

// At most `limit` names, then "and N more".
std::string listed(const std::vector<std::string>& names, std::size_t limit = 12)
{
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) text += (i ? ", " : "") + names[i];
    if (names.size() > limit) text += ", and " + std::to_string(names.size() - limit) + " more";
    return text;
}

// Our parameters and buffers by name.
std::map<std::string, torch::Tensor> namedTensors(MegatokenModel& model)
{
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& p : model->named_parameters()) tensors.emplace(p.key(), p.value());
    for (const auto& b : model->named_buffers()) tensors.emplace(b.key(), b.value());
    return tensors;
}

void readInto(const SafetensorsCheckpoint& checkpoint, const SafetensorsTensor& tensor, float* out)
{
    checkpoint.readAsFloat32(tensor, out);
}

}  // namespace

void loadT5Weights(MegatokenModel& model, const SafetensorsCheckpoint& checkpoint, const std::string& source)
{
    const ModelConfig& config = model->config();
    auto mappings = t5TensorMappings(config);
    // An unscaled head without lm_head.weight in the file is the shared embedding (transformers ties
    // them then).
    if (!config.tiedHead && !checkpoint.find("lm_head.weight"))
        for (auto& mapping : mappings)
            if (mapping.parameter == "lm_head.weight") mapping.parts.front().hfName = "shared.weight";
    auto ours = namedTensors(model);

    std::vector<std::string> missing, wrongShape, unknown;
    std::set<std::string> known;
    for (const auto& mapping : mappings) {
        for (const auto& part : mapping.parts) {
            if (known.count(part.hfName) && part.hfName == "shared.weight") continue;  // the head's fallback
            known.insert(part.hfName);
            const SafetensorsTensor* tensor = checkpoint.find(part.hfName);
            if (!tensor)
                missing.push_back(part.hfName);
            else if (tensor->shape != part.shape)
                wrongShape.push_back(part.hfName + " is " + shapeText(tensor->shape) + ", the config implies " +
                                     shapeText(part.shape));
        }
        ours.erase(mapping.parameter);
    }
    for (const auto& alias : t5EmbeddingAliases(config)) {
        known.insert(alias);
        if (const SafetensorsTensor* tensor = checkpoint.find(alias);
            tensor && tensor->shape != std::vector<std::int64_t>{config.vocabSize, config.dModel})
            wrongShape.push_back(alias + " is " + shapeText(tensor->shape) + ", the config implies " +
                                 shapeText({config.vocabSize, config.dModel}));
    }
    // What is left of ours is what T5 lacks (the gates): an export wrote it as megatoken.<name>.
    std::vector<std::pair<const SafetensorsTensor*, torch::Tensor>> extras;
    for (const auto& [name, tensor] : ours) {
        const std::string stored = kMegatokenTensorPrefix + name;
        known.insert(stored);
        const SafetensorsTensor* entry = checkpoint.find(stored);
        if (!entry) continue;
        if (entry->shape != shapeOf(tensor))
            wrongShape.push_back(stored + " is " + shapeText(entry->shape) + ", the model has " +
                                 shapeText(shapeOf(tensor)));
        else
            extras.emplace_back(entry, tensor);
    }
    for (const auto& name : checkpoint.names())
        if (!known.count(name)) unknown.push_back(name);

    if (!missing.empty() || !wrongShape.empty() || !unknown.empty()) {
        std::string message = source + ": the checkpoint does not match its config.json:";
        if (!missing.empty())
            message += " " + std::to_string(missing.size()) + " tensor(s) missing: " + listed(missing) + ".";
        if (!wrongShape.empty())
            message += " " + std::to_string(wrongShape.size()) + " with another shape: " + listed(wrongShape, 6) + ".";
        if (!unknown.empty())
            message += " " + std::to_string(unknown.size()) + " unknown name(s): " + listed(unknown) + ".";
        throw HfError(message);
    }

    torch::NoGradGuard noGrad;
    const auto all = namedTensors(model);
    for (const auto& mapping : mappings) {
        const auto it = all.find(mapping.parameter);
        if (it == all.end() || shapeOf(it->second) != mapping.shape)
            throw HfError(source + ": internal: our model has no parameter " + mapping.parameter + " of shape " +
                          shapeText(mapping.shape));
        torch::Tensor target = it->second;
        if (target.device() != torch::kCPU || target.scalar_type() != torch::kFloat || !target.is_contiguous())
            throw HfError(source + ": internal: " + mapping.parameter + " is not a contiguous float32 CPU tensor");
        float* out = target.data_ptr<float>();
        for (const auto& part : mapping.parts) {
            const SafetensorsTensor* tensor = checkpoint.find(part.hfName);
            readInto(checkpoint, *tensor, out);
            out += tensor->numel();
        }
    }
    for (auto& [entry, tensor] : extras) {
        if (tensor.scalar_type() == torch::kFloat && tensor.is_contiguous() && tensor.device() == torch::kCPU) {
            readInto(checkpoint, *entry, tensor.data_ptr<float>());
        } else {  // a buffer of another type: convert through float32
            auto staging = torch::empty(tensor.sizes(), torch::kFloat);
            readInto(checkpoint, *entry, staging.data_ptr<float>());
            tensor.copy_(staging);
        }
    }
}

void writeT5Weights(MegatokenModel& model, const std::string& path)
{
    const auto mappings = t5TensorMappings(model->config());
    auto tensors = namedTensors(model);
    std::vector<torch::Tensor> keepAlive;
    std::vector<SafetensorsEntry> entries;
    for (const auto& mapping : mappings) {
        auto cpu = tensors.at(mapping.parameter).detach().to(torch::kCPU, torch::kFloat).contiguous();
        keepAlive.push_back(cpu);
        const float* data = cpu.data_ptr<float>();
        for (const auto& part : mapping.parts) {
            entries.push_back({part.hfName, part.shape, data});
            std::int64_t numel = 1;
            for (auto d : part.shape) numel *= d;
            data += numel;
        }
        tensors.erase(mapping.parameter);
    }
    for (const auto& [name, tensor] : tensors) {
        auto cpu = tensor.detach().to(torch::kCPU, torch::kFloat).contiguous();
        keepAlive.push_back(cpu);
        entries.push_back({kMegatokenTensorPrefix + name, shapeOf(cpu), cpu.data_ptr<float>()});
    }
    writeSafetensors(path, entries, {{"format", "pt"}});
}

}  // namespace megatoken
