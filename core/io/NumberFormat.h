#pragma once
// Numbers as run files write them: always a decimal point, whatever the C locale says. Qt
// applications set LC_NUMERIC from the user's environment, and printf's %g then writes "0,5" under
// de_DE: inside a comma-separated file the row is lost. These use std::to_chars, which the C++
// standard defines as printf in the "C" locale ([charconv.to.chars]).

#include <string>

namespace megatoken {

// printf("%.<significantDigits>g", value) in the C locale: "0.5", "1e-06", "3622.13", "nan", "inf".
std::string formatGeneral(double value, int significantDigits);

// printf("%.<decimals>f", value) in the C locale: "0.40", "3861".
std::string formatFixed(double value, int decimals);

// The shortest text that reads back as exactly value ("0.001", "1e-06", "512"): plain digits
// between 1e-4 and 1e15, like printf's %g, scientific beyond. For config values.
std::string numberText(double value);

}  // namespace megatoken
