#pragma once
// Writing a file so that nothing already saved is lost: the new content goes to a temporary file
// in the same folder, is flushed and fsync'ed, and only then renamed over the target (POSIX
// rename(2) is atomic within a file system). A reader, or a process killed half-way, sees the old
// file or the new one, never a mix. One helper for every run file, export and cache.

#include <cstddef>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace megatoken {

// A file that could not be written. what() is "<path>: <problem>", e.g. "runs/a/status.json:
// write error (No space left on device)".
class FileWriteError : public std::runtime_error {
public:
    FileWriteError(std::string file, std::string problem)
        : std::runtime_error(file + ": " + problem), file_(std::move(file)), problem_(std::move(problem))
    {
    }
    const std::string& file() const noexcept { return file_; }
    const std::string& problem() const noexcept { return problem_; }

private:
    std::string file_;
    std::string problem_;
};

// Replaces (or creates) `path` with `content` atomically, as described above. The temporary is
// named `<path>.tmp-<pid>-<n>`, so concurrent writers never share one. Throws FileWriteError, naming
// `path` and the reason with the system's message, when the folder is missing or not writable
// ("cannot write"), a write or fsync fails, e.g. a full disk ("write error"), or the rename fails
// ("cannot replace"); the temporary is then removed and `path` is left as it was.
void writeFileAtomically(const std::string& path, std::string_view content);

// As above, with the content produced by `write` into a stream. An exception from `write`
// propagates after the temporary is removed; `path` is untouched.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// For writers that can only write to a file name (LibTorch's archives): a fresh temporary name in
// `path`'s folder, and the second half of the protocol once the writer has filled it: fsync, rename
// over `path`. commitTemporaryFile throws FileWriteError naming `path` ("write error" when the
// temporary cannot be synced, "cannot replace" when the rename fails) and removes the temporary.
std::string temporaryPathFor(const std::string& path);
void commitTemporaryFile(const std::string& temporary, const std::string& path);

// A file written in chunks by a producer that cannot hand over its whole content at once (LibTorch
// writes an archive through a callback): each chunk goes straight to a temporary beside the target
// (nothing held in memory), and commit() syncs it and renames it over the target, as
// writeFileAtomically does. Destroyed without a successful commit (an exception, a failed write),
// it removes the temporary and the target stays as it was.
class AtomicFileWriter {
public:
    // Creates the temporary. Throws FileWriteError naming `path` ("cannot write (<reason>)") when
    // the folder is missing or not writable.
    explicit AtomicFileWriter(std::string path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    // Appends `size` bytes. Never throws (a C callback may call it): returns false when the write
    // fails (a full disk: ENOSPC, EFBIG), and keeps failing after the first failure.
    bool write(const void* data, std::size_t size) noexcept;
    // Throws FileWriteError naming the target ("write error (<reason>)") once a write has failed.
    void throwIfFailed() const;
    // Syncs the temporary and renames it over the target. Throws FileWriteError naming the target:
    // "write error (<reason>)" when a write failed or the temporary cannot be synced, "cannot
    // replace (<reason>)" when the rename fails; the temporary is then removed.
    void commit();
    const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
    std::string temporary_;
    int fd_ = -1;
    int error_ = 0;  // the errno of the first failed write, 0 while none failed
    bool committed_ = false;
};

// A file that grows by whole records (metrics.csv's rows). Each append() goes to the file with
// write(2) at once (nothing buffered: a crash loses no earlier record), and whole or not at all: a
// write that fails part-way (a full disk) is cut back off, so no half record is left behind.
class AppendOnlyFile {
public:
    // Opens `path` for appending, creating it when it is missing. Throws FileWriteError naming
    // `path` ("cannot write (<reason>)") when it cannot be opened.
    explicit AppendOnlyFile(std::string path);
    ~AppendOnlyFile();
    AppendOnlyFile(const AppendOnlyFile&) = delete;
    AppendOnlyFile& operator=(const AppendOnlyFile&) = delete;

    // Appends `record`. Throws FileWriteError naming the file ("write error (<reason>)", e.g. "No
    // space left on device") when it cannot be written whole; the file then ends where it ended
    // before the call.
    void append(std::string_view record);
    const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
    int fd_ = -1;
};

// Removes the temporaries (`<target>.tmp-<pid>-<n>`) in `folder` that a killed process left
// behind: those whose pid is not a running process. A live writer's temporary is kept. Returns
// how many were removed; an unreadable folder removes nothing and throws nothing.
std::size_t removeStaleTemporaries(const std::string& folder);

// Copies the file `from` to `to` atomically (same guarantees; reading `from` failing is
// "cannot read <from>").
void copyFileAtomically(const std::string& from, const std::string& to);

}  // namespace megatoken
