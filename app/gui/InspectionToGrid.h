#pragma once
// What the token grid draws, from what core computed: alpha = exp(ln alpha), the keep
// probability P = exp(G / sqrt(d_kv)), and "dropped" from the gate that dropped a piece on.

#include "core/inspect/Inspection.h"
#include "widgets/inspect/TokenGridData.h"

namespace megatoken {

TokenGridData toTokenGridData(const Inspection& inspection);

}  // namespace megatoken
