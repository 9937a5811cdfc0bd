#pragma once
// What an action throws, as text a test can compare or search.

#include <QString>

namespace megatoken::test {

// The what() of the Error that action throws, or "" when it throws none. Any other exception
// escapes, so a test sees a wrong error type as a failure.
template <typename Error, typename Action>
QString messageOf(Action&& action)
{
    try {
        action();
    } catch (const Error& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

}  // namespace megatoken::test
