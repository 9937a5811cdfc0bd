#include "core/data/ChunkedInput.h"

#include "core/data/DataError.h"
#include "core/feedback/Feedback.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace megatoken {

namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

ChunkedInput::ChunkedInput(std::string path, Feedback* feedback, std::size_t chunkBytes)
    : path_(std::move(path)), feedback_(feedback), buffer_(std::max<std::size_t>(chunkBytes, kMinimumChunkBytes))
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(path_, error);
    if (!fs::exists(status)) throw DataError(path_, "no such file");
    if (fs::is_directory(status)) throw DataError(path_, "is a directory, expected a file");
    if (fs::is_regular_file(status)) {
        totalBytes_ = fs::file_size(path_, error);
        if (!error && totalBytes_ == 0) throw DataError(path_, "file is empty");
    }

    errno = 0;
    file_.reset(std::fopen(path_.c_str(), "rb"));
    if (!file_) throw DataError(path_, std::string("cannot open: ") + std::strerror(errno));
    // We read whole chunks ourselves; stdio's own buffer would only add a copy.
    std::setvbuf(file_.get(), nullptr, _IONBF, 0);
}

std::string_view ChunkedInput::nextChunk()
{
    if (atEnd_) return {};
    if (feedback_) feedback_->throwIfCancelled();
    const std::size_t count = std::fread(buffer_.data(), 1, buffer_.size(), file_.get());
    if (count == 0) {
        if (std::ferror(file_.get())) throw DataError(path_, std::string("read error: ") + std::strerror(errno));
        atEnd_ = true;
        reportProgress();
        return {};
    }

    std::string_view chunk(buffer_.data(), count);
    if (bytesRead_ == 0 && chunk.substr(0, kUtf8ByteOrderMark.size()) == kUtf8ByteOrderMark)
        chunk.remove_prefix(kUtf8ByteOrderMark.size());
    bytesRead_ += count;
    reportProgress();
    return chunk;
}

void ChunkedInput::reportProgress()
{
    if (!feedback_) return;
    if (atEnd_)
        feedback_->setProgress(1.0);
    else if (totalBytes_ > 0)  // setProgress clamps: a file that grew while being read stays at 1
        feedback_->setProgress(static_cast<double>(bytesRead_) / static_cast<double>(totalBytes_));
}

}  // namespace megatoken
