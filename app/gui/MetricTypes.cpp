#include "app/gui/MetricTypes.h"

namespace megatoken {

void registerMetricTypes()
{
    qRegisterMetaType<RunInfo>();
    qRegisterMetaType<StepMetrics>();
    qRegisterMetaType<EvalMetrics>();
    qRegisterMetaType<Inspection>();
    qRegisterMetaType<std::shared_ptr<const ModelSnapshot>>();
}

}  // namespace megatoken
