#include "core/io/AtomicFile.h"

#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace megatoken {

namespace {

std::string systemMessage(int error)
{
    return std::strerror(error);
}

// Writes all of `content` to `fd`, retrying on short writes and EINTR; returns 0 or an errno.
int writeAll(int fd, std::string_view content)
{
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, left);
        if (written < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
    return 0;
}

}  // namespace

std::string temporaryPathFor(const std::string& path)
{
    static std::atomic<unsigned long> counter{0};
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

namespace {

// Fault injection for the kill -9 soak (tests/soak/kill9-soak.sh): with
// MEGATOKEN_FAULT_KILL_BEFORE_RENAME=<text> in the environment, the process SIGKILLs itself when
// the synced temporary of a path containing <text> is about to replace it: the worst moment to
// die. Unset (always, outside that script) it costs one getenv per atomic write.
void killHereIfInjected(const std::string& path)
{
    const char* pattern = std::getenv("MEGATOKEN_FAULT_KILL_BEFORE_RENAME");
    if (pattern && *pattern && path.find(pattern) != std::string::npos) ::kill(::getpid(), SIGKILL);
}

// The rename itself reaches the disk only with the folder's entry: fsync the folder, so a power
// cut after we return cannot bring the old file back. Best effort: some file systems refuse it.
void syncFolderOf(const std::string& path)
{
    const std::string::size_type slash = path.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void commitTemporaryFile(const std::string& temporary, const std::string& path)
{
    int error = 0;
    const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        error = errno;
    else {
        if (::fsync(fd) != 0) error = errno;
        ::close(fd);
    }
    if (error != 0) {
        std::remove(temporary.c_str());
        throw FileWriteError(path, "write error (" + systemMessage(error) + ")");
    }
    killHereIfInjected(path);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        error = errno;
        std::remove(temporary.c_str());
        throw FileWriteError(path, "cannot replace (" + systemMessage(error) + ")");
    }
    syncFolderOf(path);
}

void writeFileAtomically(const std::string& path, std::string_view content)
{
    const std::string temporary = temporaryPathFor(path);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw FileWriteError(path, "cannot write (" + systemMessage(errno) + ")");
    int error = writeAll(fd, content);
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error != 0) {
        std::remove(temporary.c_str());
        throw FileWriteError(path, "write error (" + systemMessage(error) + ")");
    }
    commitTemporaryFile(temporary, path);  // fsync, rename
}

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    std::ostringstream content;
    write(content);
    writeFileAtomically(path, content.str());
}

void copyFileAtomically(const std::string& from, const std::string& to)
{
    std::ifstream in(from, std::ios::binary);
    if (!in) throw FileWriteError(to, "cannot read " + from + " (" + systemMessage(errno) + ")");
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw FileWriteError(to, "cannot read " + from);
    writeFileAtomically(to, content);
}

std::size_t removeStaleTemporaries(const std::string& folder)
{
    std::error_code error;
    std::size_t removed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        const std::string::size_type mark = name.rfind(".tmp-");
        if (mark == std::string::npos) continue;
        // <target>.tmp-<pid>-<n>: parse the pid with from_chars (digits only, no locale).
        const char* first = name.data() + mark + 5;
        const char* last = name.data() + name.size();
        long pid = 0;
        const auto [end, ec] = std::from_chars(first, last, pid);
        if (ec != std::errc() || end == last || *end != '-' || pid <= 0) continue;
        const bool alive = ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
        if (alive) continue;
        std::error_code removeError;
        if (std::filesystem::remove(entry.path(), removeError)) ++removed;
    }
    return removed;
}

}  // namespace megatoken
