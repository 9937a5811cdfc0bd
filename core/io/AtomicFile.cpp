#include "core/io/AtomicFile.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace megatoken {

namespace {

std::string systemMessage(int error) { return std::strerror(error); }


// Writes all of `content` to `fd`, retrying on short writes and EINTR; returns 0 or an errno.
int writeAll(int fd, std::string_view content) {
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

std::string temporaryPathFor(const std::string& path) {
    static std::atomic<unsigned long> counter{0};
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

void commitTemporaryFile(const std::string& temporary, const std::string& path) {
    int error = 0;
    const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) error = errno;
    else {
        if (::fsync(fd) != 0) error = errno;
        ::close(fd);
    }
    if (error != 0) {
        std::remove(temporary.c_str());
        throw FileWriteError(path, "write error (" + systemMessage(error) + ")");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        error = errno;
        std::remove(temporary.c_str());
        throw FileWriteError(path, "cannot replace (" + systemMessage(error) + ")");
    }
}

void writeFileAtomically(const std::string& path, std::string_view content) {
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

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
    std::ostringstream content;
    write(content);
    writeFileAtomically(path, content.str());
}

void copyFileAtomically(const std::string& from, const std::string& to) {
    std::ifstream in(from, std::ios::binary);
    if (!in) throw FileWriteError(to, "cannot read " + from + " (" + systemMessage(errno) + ")");
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw FileWriteError(to, "cannot read " + from);
    writeFileAtomically(to, content);
}

}  // namespace megatoken
