#pragma once
// The names of the config enums as written in config files, on the command line and in the GUI.

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/ModelConfig.h"
#include "core/config/TrainConfig.h"

namespace megatoken {

// Every value of Enum with its name, in declaration order (the order a GUI lists them in).
template <typename Enum>
using EnumNameTable = std::vector<std::pair<Enum, std::string_view>>;

template <typename Enum>
const EnumNameTable<Enum>& enumNames();

template <>
const EnumNameTable<FeedForwardKind>& enumNames<FeedForwardKind>();
template <>
const EnumNameTable<AttentionKernel>& enumNames<AttentionKernel>();
template <>
const EnumNameTable<GateForm>& enumNames<GateForm>();
template <>
const EnumNameTable<GateNoise>& enumNames<GateNoise>();
template <>
const EnumNameTable<GateRule>& enumNames<GateRule>();
template <>
const EnumNameTable<GateSource>& enumNames<GateSource>();
template <>
const EnumNameTable<GateKeep>& enumNames<GateKeep>();
template <>
const EnumNameTable<GateMask>& enumNames<GateMask>();
template <>
const EnumNameTable<GateMerge>& enumNames<GateMerge>();
template <>
const EnumNameTable<LossPrior>& enumNames<LossPrior>();
template <>
const EnumNameTable<KeepMeasure>& enumNames<KeepMeasure>();
template <>
const EnumNameTable<LambdaSchedule>& enumNames<LambdaSchedule>();
template <>
const EnumNameTable<OptimizerKind>& enumNames<OptimizerKind>();
template <>
const EnumNameTable<LearningRateSchedule>& enumNames<LearningRateSchedule>();

// "gated-gelu" for FeedForwardKind::GatedGelu; "?" for a value outside the table.
template <typename Enum>
std::string_view enumName(Enum value)
{
    for (const auto& [candidate, name] : enumNames<Enum>())
        if (candidate == value) return name;
    return "?";
}

// The value named exactly name, or nothing.
template <typename Enum>
std::optional<Enum> parseEnum(std::string_view name)
{
    for (const auto& [value, candidate] : enumNames<Enum>())
        if (candidate == name) return value;
    return std::nullopt;
}

}  // namespace megatoken
