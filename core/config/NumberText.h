#pragma once

#include <string>

namespace megatoken {

// The shortest text that reads back as exactly value ("0.001", "1e-06", "512"), independent of
// the C locale, which Qt applications set from the environment (a German locale would otherwise
// print "0,001").
std::string numberText(double value);

} // namespace megatoken
