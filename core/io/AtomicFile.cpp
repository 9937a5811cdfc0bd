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
#include <sys/stat.h>
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

// The last step of every atomic write: the synced temporary replaces `path`, then the folder entry
// is synced. Removes the temporary and throws FileWriteError ("cannot replace") when the rename fails.
void renameIntoPlace(const std::string& temporary, const std::string& path)
{
    killHereIfInjected(path);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        std::remove(temporary.c_str());
        throw FileWriteError(path, "cannot replace (" + systemMessage(error) + ")");
    }
    syncFolderOf(path);
}

FileWriteError writeError(const std::string& path, int error)
{
    return FileWriteError(path, "write error (" + systemMessage(error) + ")");
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
        throw writeError(path, error);
    }
    renameIntoPlace(temporary, path);
}

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)), temporary_(temporaryPathFor(path_))
{
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) throw FileWriteError(path_, "cannot write (" + systemMessage(errno) + ")");
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) std::remove(temporary_.c_str());
}

bool AtomicFileWriter::write(const void* data, std::size_t size) noexcept
{
    if (error_ != 0 || fd_ < 0) return false;
    error_ = writeAll(fd_, std::string_view(static_cast<const char*>(data), size));
    return error_ == 0;
}

void AtomicFileWriter::throwIfFailed() const
{
    if (error_ != 0) throw writeError(path_, error_);
}

void AtomicFileWriter::commit()
{
    throwIfFailed();  // the destructor removes the temporary
    int error = ::fsync(fd_) != 0 ? errno : 0;
    if (::close(fd_) != 0 && error == 0) error = errno;
    fd_ = -1;
    if (error != 0) throw writeError(path_, error);
    committed_ = true;  // from here on the temporary is renameIntoPlace's to remove
    renameIntoPlace(temporary_, path_);
}

AppendOnlyFile::AppendOnlyFile(std::string path) : path_(std::move(path))
{
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw FileWriteError(path_, "cannot write (" + systemMessage(errno) + ")");
}

AppendOnlyFile::~AppendOnlyFile()
{
    if (fd_ >= 0) ::close(fd_);
}

void AppendOnlyFile::append(std::string_view record)
{
    struct stat before {};
    if (::fstat(fd_, &before) != 0) throw writeError(path_, errno);
    const int error = writeAll(fd_, record);
    if (error == 0) return;
    // Whatever part of the record reached the file is cut off again (best effort: a reader drops
    // a torn last line anyway).
    const int ignored = ::ftruncate(fd_, before.st_size);
    static_cast<void>(ignored);
    throw writeError(path_, error);
}

void writeFileAtomically(const std::string& path, std::string_view content)
{
    AtomicFileWriter file(path);
    file.write(content.data(), content.size());
    file.commit();
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
