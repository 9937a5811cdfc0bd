#include "core/runs/RunStatus.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/io/AtomicFile.h"
#include "core/io/JsonInteger.h"
#include "core/runs/RunFileError.h"
#include "core/runs/UtcTimestamp.h"

namespace megatoken {

namespace {

namespace fs = std::filesystem;

template <typename T>
void readField(const nlohmann::json& json, const char* name, T& field, const std::string& path)
{
    const auto found = json.find(name);
    if (found == json.end() || found->is_null()) return;
    try {
        field = found->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw RunFileError(path, std::string("field \"") + name + "\" has the wrong type (" + found->type_name() + ")");
    }
}

void readField(const nlohmann::json& json, const char* name, std::int64_t& field, const std::string& path)
{
    const auto found = json.find(name);
    if (found == json.end() || found->is_null()) return;
    const auto number = exactInt64(*found);
    if (!number)
        throw RunFileError(path, std::string("field \"") + name + "\" is not a whole number (" + found->dump() + ")");
    field = *number;
}

}  // namespace

std::string runStatusPath(const std::string& runDir)
{
    return (fs::path(runDir) / "status.json").string();
}

std::optional<RunStatus> readRunStatus(const std::string& runDir)
{
    const std::string path = runStatusPath(runDir);
    std::error_code error;
    if (!fs::exists(path, error)) return std::nullopt;
    std::ifstream file(path, std::ios::binary);
    if (!file) throw RunFileError(path, std::string("cannot open (") + std::strerror(errno) + ")");
    std::ostringstream text;
    text << file.rdbuf();

    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& parseError) {
        // parse_error, and out_of_range for a number too large for a double (found by fuzzing).
        throw RunFileError(path, std::string("not valid JSON: ") + parseError.what());
    }
    if (!json.is_object()) throw RunFileError(path, std::string("expected a JSON object, got ") + json.type_name());

    RunStatus status;
    readField(json, "state", status.state, path);
    readField(json, "step", status.step, path);
    readField(json, "total_steps", status.totalSteps, path);
    readField(json, "message", status.message, path);
    readField(json, "updated", status.updated, path);
    readField(json, "device", status.device, path);
    readField(json, "world_size", status.worldSize, path);
    return status;
}

void writeRunStatus(const std::string& runDir, const RunStatus& status)
{
    const nlohmann::json json{
        {"state", status.state},
        {"step", status.step},
        {"total_steps", status.totalSteps},
        {"message", status.message},
        {"updated", status.updated.empty() ? currentUtcTimestamp() : status.updated},
        {"device", status.device},
        {"world_size", status.worldSize},
    };
    const std::string path = runStatusPath(runDir);
    try {
        writeFileAtomically(path, json.dump(2) + "\n");
    } catch (const FileWriteError& e) {
        throw RunFileError(e.file(), e.problem());
    }
}

}  // namespace megatoken
