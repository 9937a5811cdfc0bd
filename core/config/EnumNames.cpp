#include "core/config/EnumNames.h"

namespace megatoken {

template <>
const EnumNameTable<FeedForwardKind>& enumNames<FeedForwardKind>()
{
    static const EnumNameTable<FeedForwardKind> names{{FeedForwardKind::Relu, "relu"},
                                                      {FeedForwardKind::GatedGelu, "gated-gelu"}};
    return names;
}

template <>
const EnumNameTable<AttentionKernel>& enumNames<AttentionKernel>()
{
    static const EnumNameTable<AttentionKernel> names{{AttentionKernel::Fused, "fused"},
                                                      {AttentionKernel::Explicit, "explicit"}};
    return names;
}

template <>
const EnumNameTable<GateForm>& enumNames<GateForm>()
{
    static const EnumNameTable<GateForm> names{
        {GateForm::Post, "post"}, {GateForm::Code, "code"}, {GateForm::MrT5, "mrt5"}};
    return names;
}

template <>
const EnumNameTable<GateNoise>& enumNames<GateNoise>()
{
    static const EnumNameTable<GateNoise> names{
        {GateNoise::None, "none"}, {GateNoise::Gumbel, "gumbel"}, {GateNoise::Logistic, "logistic"}};
    return names;
}

template <>
const EnumNameTable<GateSource>& enumNames<GateSource>()
{
    static const EnumNameTable<GateSource> names{{GateSource::Element0, "element0"},
                                                 {GateSource::Projection, "projection"}};
    return names;
}

template <>
const EnumNameTable<GateRule>& enumNames<GateRule>()
{
    static const EnumNameTable<GateRule> names{{GateRule::Learned, "learned"},
                                               {GateRule::Random, "random"},
                                               {GateRule::FirstK, "first-k"},
                                               {GateRule::AttentionReceived, "attention"},
                                               {GateRule::StridePool, "stride"}};
    return names;
}

template <>
const EnumNameTable<GateKeep>& enumNames<GateKeep>()
{
    static const EnumNameTable<GateKeep> names{{GateKeep::Threshold, "threshold"}, {GateKeep::Quantile, "quantile"}};
    return names;
}

template <>
const EnumNameTable<GateMask>& enumNames<GateMask>()
{
    static const EnumNameTable<GateMask> names{{GateMask::Additive, "additive"},
                                               {GateMask::Multiplicative, "multiplicative"}};
    return names;
}

template <>
const EnumNameTable<GateMerge>& enumNames<GateMerge>()
{
    static const EnumNameTable<GateMerge> names{{GateMerge::None, "none"},
                                                {GateMerge::Similar, "similar"},
                                                {GateMerge::Left, "left"},
                                                {GateMerge::Segment, "segment"}};
    return names;
}

template <>
const EnumNameTable<LossPrior>& enumNames<LossPrior>()
{
    static const EnumNameTable<LossPrior> names{
        {LossPrior::None, "none"}, {LossPrior::Binomial, "binomial"}, {LossPrior::KeepMse, "keep_mse"}};
    return names;
}

template <>
const EnumNameTable<KeepMeasure>& enumNames<KeepMeasure>()
{
    static const EnumNameTable<KeepMeasure> names{{KeepMeasure::Overall, "overall"},
                                                  {KeepMeasure::Droppable, "droppable"}};
    return names;
}

template <>
const EnumNameTable<LambdaSchedule>& enumNames<LambdaSchedule>()
{
    static const EnumNameTable<LambdaSchedule> names{{LambdaSchedule::Constant, "constant"},
                                                     {LambdaSchedule::Step, "step"},
                                                     {LambdaSchedule::Ramp, "ramp"},
                                                     {LambdaSchedule::Target, "target"}};
    return names;
}

template <>
const EnumNameTable<OptimizerKind>& enumNames<OptimizerKind>()
{
    static const EnumNameTable<OptimizerKind> names{{OptimizerKind::Adam, "adam"}, {OptimizerKind::AdamW, "adamw"}};
    return names;
}

template <>
const EnumNameTable<LearningRateSchedule>& enumNames<LearningRateSchedule>()
{
    static const EnumNameTable<LearningRateSchedule> names{{LearningRateSchedule::Constant, "constant"},
                                                           {LearningRateSchedule::Cosine, "cosine"}};
    return names;
}

}  // namespace megatoken
