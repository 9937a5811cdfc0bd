#pragma once
// The corpus a run's data settings describe; shared by the trainer and evaluation.

#include "core/config/TrainConfig.h"
#include "core/data/CorpusSpec.h"

namespace megatoken {

CorpusSpec corpusSpecFor(const DataConfig& data);

}  // namespace megatoken
