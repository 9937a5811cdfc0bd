#pragma once
// The readers take paths, as the program does: each input is written to one file per process
// (in $TMPDIR, /dev/shm when it exists: no disk traffic) and read back through the real code.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace megatoken::fuzz {

// A folder of this process's own, made once.
inline const std::string& scratchFolder()
{
    static const std::string folder = [] {
        const char* base = std::getenv("TMPDIR");
        std::string root = base && *base ? base : (std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp");
        const std::string path = root + "/megatoken-fuzz-" + std::to_string(::getpid());
        std::filesystem::create_directories(path);
        return path;
    }();
    return folder;
}

// Writes the input to <scratch>/<name> and returns the path; aborts if it cannot (not a finding).
inline std::string writeInput(const std::uint8_t* data, std::size_t size, const std::string& name)
{
    const std::string path = scratchFolder() + "/" + name;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file || (size > 0 && std::fwrite(data, 1, size, file) != size) || std::fclose(file) != 0) std::abort();
    return path;
}

}  // namespace megatoken::fuzz
