#include "app/gui/MetricTypes.h"

namespace megatoken {

void registerMetricTypes() {
    qRegisterMetaType<RunInfo>();
    qRegisterMetaType<StepMetrics>();
    qRegisterMetaType<EvalMetrics>();
}

}  // namespace megatoken
