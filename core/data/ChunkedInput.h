#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

class Feedback;

// Reads a file in fixed-size chunks so that no file, however large, is ever held in memory.
// Drops a leading UTF-8 byte order mark. With a Feedback, reports the fraction of the file read
// after every chunk (0 throughout for a pipe, whose size is unknown) and checks for cancellation
// before every read, so a cancel takes effect within one chunk (1 MiB by default).
class ChunkedInput {
public:
    static constexpr std::size_t kDefaultChunkBytes = std::size_t{1} << 20;
    // Enough to see a whole byte order mark in the first chunk; tiny chunks are for tests.
    static constexpr std::size_t kMinimumChunkBytes = 4;

    // Throws DataError if path is missing, a directory, unreadable or empty. feedback (may be
    // null) must outlive this object.
    explicit ChunkedInput(std::string path, Feedback* feedback = nullptr, std::size_t chunkBytes = kDefaultChunkBytes);

    // The next chunk, valid until the next call; empty at the end of the file.
    // Throws DataError on a read error, Cancelled when the feedback was cancelled.
    std::string_view nextChunk();

    const std::string& path() const { return path_; }
    std::uint64_t bytesRead() const { return bytesRead_; }
    std::uint64_t totalBytes() const { return totalBytes_; }

private:
    void reportProgress();

    struct FileCloser {
        void operator()(std::FILE* file) const { std::fclose(file); }
    };

    std::string path_;
    Feedback* feedback_;
    std::unique_ptr<std::FILE, FileCloser> file_;
    std::vector<char> buffer_;
    std::uint64_t bytesRead_ = 0;
    std::uint64_t totalBytes_ = 0;
    bool atEnd_ = false;
};

}  // namespace megatoken
