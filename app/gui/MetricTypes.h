#pragma once
// The engine's plain structs travel through queued signals from the worker thread to the GUI
// thread; Qt needs to know them as metatypes for that.

#include <QMetaType>

#include <memory>

#include "core/feedback/ModelSnapshot.h"
#include "core/feedback/TrainingObserver.h"
#include "core/inspect/Inspection.h"

Q_DECLARE_METATYPE(megatoken::RunInfo)
Q_DECLARE_METATYPE(megatoken::Inspection)
Q_DECLARE_METATYPE(std::shared_ptr<const megatoken::ModelSnapshot>)
Q_DECLARE_METATYPE(megatoken::StepMetrics)
Q_DECLARE_METATYPE(megatoken::EvalMetrics)

namespace megatoken {

// Call once before the first queued connection carries these types.
void registerMetricTypes();

}  // namespace megatoken
