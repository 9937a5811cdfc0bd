#pragma once
// Writing fixture files in tests. Each helper aborts the test binary (qFatal, naming the path)
// when it cannot write, so a test never runs on a half-written fixture.

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <filesystem>
#include <string>

namespace megatoken::test {

// Writes content to dir/name and returns the path (UTF-8).
std::string writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content);

// Writes text to path byte for byte, creating its parent folders first.
void writeFile(const std::filesystem::path& path, const std::string& text);

}  // namespace megatoken::test
