#pragma once
// A full disk without a mount: while a FileSizeLimit lives, this process may not make any file
// larger than `bytes` (setrlimit(RLIMIT_FSIZE)), and SIGXFSZ is ignored, so a write(2) past the
// limit fails with EFBIG ("File too large") where a full disk fails with ENOSPC; a write that
// straddles the limit is cut short at it, as on a disk that fills up part-way. The limit covers
// every file and every thread of the process; the destructor restores the previous limit and
// signal disposition. applyToThisProcess() does the same without restoring, for a child process
// (QProcess::setChildProcessModifier), whose SIG_IGN survives exec.

#include <csignal>
#include <cstdint>

#include <sys/resource.h>

namespace megatoken::testing {

class FileSizeLimit {
public:
    explicit FileSizeLimit(std::uint64_t bytes)
    {
        previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);
        ::getrlimit(RLIMIT_FSIZE, &previous_);
        rlimit limited = previous_;
        limited.rlim_cur = static_cast<rlim_t>(bytes);
        active_ = ::setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &previous_);
        std::signal(SIGXFSZ, previousHandler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

    // Whether setrlimit accepted the limit (a test should QVERIFY it).
    bool active() const { return active_; }

    // For a child between fork and exec: limit it for good (system calls only).
    static void applyToThisProcess(std::uint64_t bytes)
    {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited{};
        ::getrlimit(RLIMIT_FSIZE, &limited);
        limited.rlim_cur = static_cast<rlim_t>(bytes);
        ::setrlimit(RLIMIT_FSIZE, &limited);
    }

private:
    rlimit previous_{};
    void (*previousHandler_)(int) = SIG_DFL;
    bool active_ = false;
};

}  // namespace megatoken::testing
