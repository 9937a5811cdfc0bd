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

// Removes the temporaries (`<target>.tmp-<pid>-<n>`) in `folder` that a killed process left
// behind: those whose pid is not a running process. A live writer's temporary is kept. Returns
// how many were removed; an unreadable folder removes nothing and throws nothing.
std::size_t removeStaleTemporaries(const std::string& folder);

// Copies the file `from` to `to` atomically (same guarantees; reading `from` failing is
// "cannot read <from>").
void copyFileAtomically(const std::string& from, const std::string& to);

}  // namespace megatoken
