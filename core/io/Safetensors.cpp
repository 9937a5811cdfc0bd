#include "core/io/Safetensors.h"

#include "core/io/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// The data part is little-endian (safetensors README); tensors are copied to and from memory as is.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "safetensors data are little-endian: byte-swap here");
static_assert(std::numeric_limits<float>::is_iec559 && sizeof(float) == 4, "F32 must be IEEE 754 binary32");

namespace megatoken {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// safetensors/src/tensor.rs: MAX_HEADER_SIZE, N_LEN.
constexpr std::uint64_t kMaxHeaderSize = 100'000'000;
constexpr std::uint64_t kLengthSize = 8;
// Reads and writes go in chunks of this many bytes.
constexpr std::size_t kChunkBytes = std::size_t(1) << 20;

// The dtypes of safetensors/src/tensor.rs (`Dtype`, `bitsize`): bits per element.
int dtypeBits(std::string_view dtype)
{
    static const std::map<std::string, int, std::less<>> bits = {
        {"BOOL", 8},    {"F4", 4},      {"F6_E2M3", 6}, {"F6_E3M2", 6},     {"U8", 8},          {"I8", 8},
        {"F8_E5M2", 8}, {"F8_E4M3", 8}, {"F8_E8M0", 8}, {"F8_E4M3FNUZ", 8}, {"F8_E5M2FNUZ", 8}, {"I16", 16},
        {"U16", 16},    {"F16", 16},    {"BF16", 16},   {"I32", 32},        {"U32", 32},        {"F32", 32},
        {"C64", 64},    {"F64", 64},    {"I64", 64},    {"U64", 64},
    };
    const auto found = bits.find(dtype);
    return found == bits.end() ? 0 : found->second;
}

std::string systemReason(int error)
{
    return std::strerror(error);
}

[[noreturn]] void fail(const std::string& file, const std::string& problem)
{
    throw SafetensorsError(file + ": " + problem);
}

[[noreturn]] void failTensor(const std::string& file, const std::string& tensor, const std::string& problem)
{
    throw SafetensorsError(file + ": tensor '" + tensor + "': " + problem);
}

std::string offsetsText(std::uint64_t begin, std::uint64_t end)
{
    return "data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) + "]";
}

// nlohmann's what() without its "[json.exception.parse_error.101] " prefix.
std::string jsonReason(const std::exception& error)
{
    std::string text = error.what();
    if (text.rfind("[json.exception.", 0) == 0) {
        const auto close = text.find("] ");
        if (close != std::string::npos) text.erase(0, close + 2);
    }
    return text;
}

const char* jsonTypeName(const Json& value)
{
    return value.type_name();
}

// A JSON integer >= 0 (not a float, not a string), or nullopt.
bool nonNegativeInteger(const Json& value, std::uint64_t& out)
{
    if (!value.is_number_unsigned()) return false;
    out = value.get<std::uint64_t>();
    return true;
}

// The product of `shape` with overflow checks; false when a dimension is negative or it overflows.
bool elementCount(const std::vector<std::int64_t>& shape, std::int64_t& count)
{
    std::int64_t product = 1;
    for (const std::int64_t dimension : shape) {
        if (dimension < 0 || __builtin_mul_overflow(product, dimension, &product)) return false;
    }
    count = product;
    return true;
}

// pread(2) until `size` bytes are read; returns how many were (fewer only at the end of the file),
// or -1 with errno set.
std::int64_t readFully(int fd, void* out, std::size_t size, std::uint64_t offset)
{
    auto* bytes = static_cast<char*>(out);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::pread(fd, bytes + done, size - done, static_cast<off_t>(offset + done));
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    return static_cast<std::int64_t>(done);
}

// A read that ended before the tensor's last byte: the file shrank after it was opened.
[[noreturn]] void failShortRead(int fd, const SafetensorsTensor& tensor)
{
    struct stat status {};
    const std::string now = ::fstat(fd, &status) == 0 ? std::to_string(status.st_size) + " bytes" : "shorter";
    failTensor(tensor.file, tensor.name,
               "the file is shorter than its header says: the tensor's data end at byte " + std::to_string(tensor.end) +
                   ", the file is now " + now + " (truncated since it was opened?)");
}

}  // namespace

float float16ToFloat32(std::uint16_t bits) noexcept
{
    // binary16: sign 1, exponent 5 (bias 15), fraction 10; binary32: 1, 8 (bias 127), 23.
    const std::uint32_t sign = std::uint32_t(bits & 0x8000u) << 16;
    const std::uint32_t exponent = (bits >> 10) & 0x1fu;
    std::uint32_t fraction = bits & 0x3ffu;
    std::uint32_t result;
    if (exponent == 0x1f) {
        result = sign | 0x7f800000u | (fraction << 13);  // infinity, or NaN with its payload
    } else if (exponent != 0) {
        result = sign | ((exponent + 127 - 15) << 23) | (fraction << 13);
    } else if (fraction == 0) {
        result = sign;  // a signed zero
    } else {
        // A subnormal fraction * 2^-24: normalise it (every one is a normal float32).
        std::uint32_t shifted = 127 - 15 + 1;
        while (!(fraction & 0x400u)) {
            fraction <<= 1;
            --shifted;
        }
        result = sign | (shifted << 23) | ((fraction & 0x3ffu) << 13);
    }
    float value;
    std::memcpy(&value, &result, sizeof value);
    return value;
}

float bfloat16ToFloat32(std::uint16_t bits) noexcept
{
    // bfloat16 is the upper half of a binary32.
    const std::uint32_t result = std::uint32_t(bits) << 16;
    float value;
    std::memcpy(&value, &result, sizeof value);
    return value;
}

std::int64_t SafetensorsTensor::numel() const
{
    std::int64_t count = 0;
    if (!elementCount(shape, count))
        failTensor(file, name, "the shape has a negative dimension or its element count overflows int64");
    return count;
}

// The open file, closed when the last SafetensorsFile sharing it goes.
struct SafetensorsFile::Descriptor {
    int fd = -1;
    explicit Descriptor(int descriptor) : fd(descriptor) {}
    ~Descriptor()
    {
        if (fd >= 0) ::close(fd);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
};

SafetensorsFile SafetensorsFile::open(const std::string& path)
{
    SafetensorsFile file;
    file.path_ = path;
    // O_NONBLOCK: a FIFO must not block the open (it is refused below); no effect on regular files.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) fail(path, "cannot open (" + systemReason(errno) + ")");
    file.descriptor_ = std::make_shared<Descriptor>(fd);

    struct stat status {};
    if (::fstat(fd, &status) != 0) fail(path, "cannot read (" + systemReason(errno) + ")");
    if (!S_ISREG(status.st_mode)) fail(path, "not a regular file");
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    const std::uint64_t size = static_cast<std::uint64_t>(status.st_size);
    file.fileSize_ = size;
    if (size == 0) fail(path, "empty file, not a safetensors file");
    if (size < kLengthSize)
        fail(path,
             "file of " + std::to_string(size) + " bytes is too short for a safetensors header (8 bytes or more)");

    unsigned char lengthBytes[kLengthSize];
    const std::int64_t got = readFully(fd, lengthBytes, kLengthSize, 0);
    if (got < 0) fail(path, "cannot read (" + systemReason(errno) + ")");
    if (got != std::int64_t(kLengthSize)) fail(path, "file ended while reading the header length");
    std::uint64_t headerSize = 0;
    for (int i = 7; i >= 0; --i) headerSize = (headerSize << 8) | lengthBytes[i];
    if (headerSize > kMaxHeaderSize)
        fail(path, "header length " + std::to_string(headerSize) + " bytes exceeds the limit of " +
                       std::to_string(kMaxHeaderSize) + " bytes (not a safetensors file?)");
    if (headerSize > size - kLengthSize)
        fail(path, "header length " + std::to_string(headerSize) + " bytes goes beyond the end of the file (" +
                       std::to_string(size) + " bytes; truncated, or not a safetensors file?)");
    file.headerSize_ = headerSize;

    std::string headerText(headerSize, '\0');
    const std::int64_t headerGot = readFully(fd, headerText.data(), headerSize, kLengthSize);
    if (headerGot < 0) fail(path, "cannot read (" + systemReason(errno) + ")");
    if (std::uint64_t(headerGot) != headerSize) fail(path, "file ended while reading the header");

    // nlohmann's parser takes a NUL byte for the end of its input and would ignore what follows;
    // valid JSON has none (a string escapes it as \u0000).
    if (const auto nul = headerText.find('\0'); nul != std::string::npos)
        fail(path, "header is not valid JSON (a NUL byte at byte " + std::to_string(nul) + " of it)");
    // nlohmann's parser skips a byte order mark; the reference's (serde_json) refuses it.
    if (headerText.rfind("\xef\xbb\xbf", 0) == 0)
        fail(path, "header is not valid JSON (it begins with a byte order mark)");
    // Parse, noting what nlohmann would let pass silently (it keeps the last of a key given twice)
    // and the reference refuses: a top-level name twice, or a field of a tensor entry twice.
    std::set<std::string> seen, fields;
    std::string entry, duplicate, duplicateField;
    Json header;
    try {
        header = Json::parse(headerText, [&](int depth, Json::parse_event_t event, Json& parsed) {
            if (event != Json::parse_event_t::key || !duplicate.empty() || !duplicateField.empty()) return true;
            if (depth == 1) {
                entry = parsed.get<std::string>();
                fields.clear();
                if (!seen.insert(entry).second) duplicate = entry;
            } else if (depth == 2 && entry != "__metadata__") {
                const std::string field = parsed.get<std::string>();
                if ((field == "dtype" || field == "shape" || field == "data_offsets") && !fields.insert(field).second)
                    duplicateField = field;
            }
            return true;
        });
    } catch (const Json::exception& error) {
        fail(path, "header is not valid JSON (" + jsonReason(error) + ")");
    }
    headerText = {};
    seen = {};
    if (!header.is_object())
        fail(path, std::string("header is not a JSON object (it is ") + jsonTypeName(header) + ")");
    if (!duplicate.empty()) {
        if (duplicate == "__metadata__") fail(path, "\"__metadata__\" appears twice in the header");
        failTensor(path, duplicate, "appears twice in the header");
    }
    if (!duplicateField.empty()) failTensor(path, entry, "\"" + duplicateField + "\" appears twice in its entry");

    const std::uint64_t dataStart = kLengthSize + headerSize;
    const std::uint64_t dataSize = size - dataStart;
    for (auto& [name, value] : header.items()) {
        if (name == "__metadata__") {
            if (value.is_null()) continue;  // as absent (the reference reads an Option)
            if (!value.is_object())
                fail(path,
                     std::string("\"__metadata__\" is not an object of strings (it is ") + jsonTypeName(value) + ")");
            for (auto& [key, text] : value.items()) {
                if (!text.is_string())
                    fail(path, "\"__metadata__\": '" + key + "' is not a string (it is " + jsonTypeName(text) + ")");
                file.metadata_[key] = text.get<std::string>();
            }
            continue;
        }
        if (!value.is_object())
            failTensor(path, name, std::string("entry is not an object (it is ") + jsonTypeName(value) + ")");
        SafetensorsTensor tensor;
        tensor.name = name;
        tensor.file = path;

        const auto dtype = value.find("dtype");
        if (dtype == value.end()) failTensor(path, name, "no \"dtype\"");
        if (!dtype->is_string()) failTensor(path, name, "\"dtype\" is not a string");
        tensor.dtype = dtype->get<std::string>();
        const int bits = dtypeBits(tensor.dtype);
        if (bits == 0) failTensor(path, name, "unknown dtype '" + tensor.dtype + "'");

        const auto shape = value.find("shape");
        if (shape == value.end()) failTensor(path, name, "no \"shape\"");
        if (!shape->is_array()) failTensor(path, name, "\"shape\" is not an array");
        for (const Json& dimension : *shape) {
            std::uint64_t extent = 0;
            if (dimension.is_number_integer() && !dimension.is_number_unsigned())
                failTensor(path, name, "shape has a negative dimension (" + dimension.dump() + ")");
            if (!nonNegativeInteger(dimension, extent))
                failTensor(path, name, "shape has a dimension that is not an integer (" + dimension.dump() + ")");
            if (extent > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                failTensor(path, name, "shape dimension " + std::to_string(extent) + " overflows int64");
            tensor.shape.push_back(static_cast<std::int64_t>(extent));
        }

        const auto offsets = value.find("data_offsets");
        if (offsets == value.end()) failTensor(path, name, "no \"data_offsets\"");
        std::uint64_t begin = 0, end = 0;
        if (!offsets->is_array() || offsets->size() != 2 || !nonNegativeInteger((*offsets)[0], begin) ||
            !nonNegativeInteger((*offsets)[1], end))
            failTensor(path, name, "\"data_offsets\" is not two non-negative integers [begin, end]");
        if (end < begin) failTensor(path, name, offsetsText(begin, end) + " end before they begin");
        if (end > dataSize)
            failTensor(path, name,
                       offsetsText(begin, end) + " end beyond the data, which are " + std::to_string(dataSize) +
                           " bytes (truncated file, or a header that does not match it)");

        std::int64_t count = 0;
        if (!elementCount(tensor.shape, count))
            failTensor(path, name, "the element count of shape " + shape->dump() + " overflows int64");
        std::uint64_t totalBits = 0;
        if (__builtin_mul_overflow(std::uint64_t(count), std::uint64_t(bits), &totalBits))
            failTensor(path, name, "the byte size of shape " + shape->dump() + " overflows");
        if (totalBits % 8 != 0)
            failTensor(path, name,
                       std::to_string(count) + " elements of " + tensor.dtype + " are not a whole number of bytes");
        if (end - begin != totalBits / 8)
            failTensor(path, name,
                       offsetsText(begin, end) + " hold " + std::to_string(end - begin) + " bytes, but " +
                           std::to_string(count) + " elements of " + tensor.dtype + " take " +
                           std::to_string(totalBits / 8));
        tensor.begin = dataStart + begin;
        tensor.end = dataStart + end;
        file.tensors_.push_back(std::move(tensor));
    }

    // As the reference reader: in offset order, each tensor starts where the previous one ended,
    // and the last ends where the file does.
    std::stable_sort(file.tensors_.begin(), file.tensors_.end(), [](const auto& a, const auto& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::uint64_t expected = dataStart;
    const SafetensorsTensor* previous = nullptr;
    for (const SafetensorsTensor& tensor : file.tensors_) {
        const std::string offsets = offsetsText(tensor.begin - dataStart, tensor.end - dataStart);
        if (tensor.begin > expected) {
            const std::string gap = std::to_string(tensor.begin - expected) + " bytes";
            if (!previous)
                failTensor(path, tensor.name, offsets + " leave a gap: the " + gap + " before it are no tensor's");
            failTensor(path, tensor.name,
                       offsets + " leave a gap of " + gap + " after tensor '" + previous->name + "', which ends at " +
                           std::to_string(expected - dataStart));
        }
        if (tensor.begin < expected)
            failTensor(path, tensor.name,
                       offsets + " overlap tensor '" + previous->name + "', which ends at " +
                           std::to_string(expected - dataStart));
        expected = tensor.end;
        previous = &tensor;
    }
    if (expected != size)
        fail(path, "the last " + std::to_string(size - expected) +
                       " bytes of the file are no tensor's data (the header does not cover the file)");

    for (std::size_t i = 0; i < file.tensors_.size(); ++i) file.index_.emplace(file.tensors_[i].name, i);
    return file;
}

const SafetensorsTensor* SafetensorsFile::find(std::string_view name) const
{
    const auto found = index_.find(name);
    return found == index_.end() ? nullptr : &tensors_[found->second];
}

const SafetensorsTensor& SafetensorsFile::own(const SafetensorsTensor& tensor) const
{
    const SafetensorsTensor* mine = find(tensor.name);
    if (tensor.file != path_ || !mine || mine->begin != tensor.begin || mine->end != tensor.end ||
        mine->dtype != tensor.dtype || mine->shape != tensor.shape)
        failTensor(path_, tensor.name, "not a tensor of this file (it names " + tensor.file + ")");
    return *mine;
}

void SafetensorsFile::readBytes(const SafetensorsTensor& tensor, void* out) const
{
    const SafetensorsTensor& mine = own(tensor);
    auto* bytes = static_cast<char*>(out);
    for (std::uint64_t at = mine.begin; at < mine.end;) {
        const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(kChunkBytes, mine.end - at));
        const std::int64_t got = readFully(descriptor_->fd, bytes + (at - mine.begin), chunk, at);
        if (got < 0) failTensor(path_, mine.name, "read error (" + systemReason(errno) + ")");
        if (std::uint64_t(got) != chunk) {
            failShortRead(descriptor_->fd, mine);
        }
        at += chunk;
    }
}

void SafetensorsFile::readAsFloat32(const SafetensorsTensor& tensor, float* out) const
{
    const SafetensorsTensor& mine = own(tensor);
    if (mine.dtype == "F32") {
        readBytes(mine, out);
        return;
    }
    float (*convert)(std::uint16_t) noexcept = nullptr;
    if (mine.dtype == "F16") convert = float16ToFloat32;
    if (mine.dtype == "BF16") convert = bfloat16ToFloat32;
    if (!convert)
        failTensor(path_, mine.name, "dtype " + mine.dtype + " cannot be read as float32 (F32, F16 and BF16 can)");

    // Through a bounded buffer of 16-bit values, converted chunk by chunk.
    const std::uint64_t count = (mine.end - mine.begin) / 2;
    std::vector<std::uint16_t> buffer(static_cast<std::size_t>(std::min<std::uint64_t>(count, kChunkBytes / 2)));
    for (std::uint64_t done = 0; done < count;) {
        const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), count - done));
        const std::uint64_t at = mine.begin + done * 2;
        const std::int64_t got = readFully(descriptor_->fd, buffer.data(), chunk * 2, at);
        if (got < 0) failTensor(path_, mine.name, "read error (" + systemReason(errno) + ")");
        if (std::uint64_t(got) != chunk * 2) {
            failShortRead(descriptor_->fd, mine);
        }
        for (std::size_t i = 0; i < chunk; ++i) out[done + i] = convert(buffer[i]);
        done += chunk;
    }
}

SafetensorsCheckpoint SafetensorsCheckpoint::openFolder(const std::string& folder)
{
    const fs::path base(folder);
    std::error_code error;
    const fs::path index = base / "model.safetensors.index.json";
    const fs::path single = base / "model.safetensors";
    if (fs::exists(index, error)) return openIndex(index.string());
    if (fs::exists(single, error)) return openFile(single.string());
    if (!fs::is_directory(base, error))
        fail(folder, "not a folder (looked for model.safetensors.index.json and model.safetensors in it)");
    fail(folder, "no checkpoint here: neither model.safetensors.index.json nor model.safetensors");
}

SafetensorsCheckpoint SafetensorsCheckpoint::openFile(const std::string& path)
{
    SafetensorsCheckpoint checkpoint;
    checkpoint.shards_.push_back(SafetensorsFile::open(path));
    const auto& tensors = checkpoint.shards_.front().tensors();
    for (std::size_t i = 0; i < tensors.size(); ++i) checkpoint.tensors_.emplace(tensors[i].name, std::pair{0, i});
    return checkpoint;
}

SafetensorsCheckpoint SafetensorsCheckpoint::openIndex(const std::string& indexPath)
{
    std::error_code error;
    if (fs::exists(indexPath, error) && !fs::is_regular_file(indexPath, error)) fail(indexPath, "not a regular file");
    std::ifstream in(indexPath, std::ios::binary);
    if (!in) fail(indexPath, "cannot open (" + systemReason(errno) + ")");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) fail(indexPath, "cannot read");
    const std::string indexText = text.str();
    if (const auto nul = indexText.find('\0'); nul != std::string::npos)
        fail(indexPath, "not valid JSON (a NUL byte at byte " + std::to_string(nul) + ")");
    Json index;
    try {
        index = Json::parse(indexText);
    } catch (const Json::exception& error) {
        fail(indexPath, "not valid JSON (" + jsonReason(error) + ")");
    }
    if (!index.is_object()) fail(indexPath, std::string("not a JSON object (it is ") + jsonTypeName(index) + ")");
    const auto weightMap = index.find("weight_map");
    if (weightMap == index.end() || !weightMap->is_object())
        fail(indexPath, "no \"weight_map\" object (tensor name -> shard file)");

    // Each shard once, with the first tensor the index puts in it (for the messages).
    const fs::path folder = fs::path(indexPath).parent_path();
    std::map<std::string, std::string> shardOf;        // tensor -> shard path
    std::map<std::string, std::string> firstTensorOf;  // shard path -> a tensor in it
    for (auto& [name, value] : weightMap->items()) {
        if (!value.is_string())
            failTensor(indexPath, name,
                       std::string("weight_map value is not a file name (it is ") + jsonTypeName(value) + ")");
        const std::string shard = value.get<std::string>();
        const fs::path relative(shard);
        bool escapes = shard.empty() || relative.is_absolute() || shard.find('\0') != std::string::npos;
        for (const auto& part : relative) escapes = escapes || part == "..";
        if (escapes)
            failTensor(indexPath, name,
                       "shard path '" + shard +
                           "' is not a file inside the index's folder (absolute, empty or \"..\")");
        const std::string path = (folder / relative).string();
        shardOf[name] = path;
        firstTensorOf.emplace(path, name);
    }

    SafetensorsCheckpoint checkpoint;
    for (const auto& [path, tensor] : firstTensorOf) {
        std::error_code error;
        if (!fs::exists(path, error)) failTensor(indexPath, tensor, "its shard " + path + " is missing");
        checkpoint.shards_.push_back(SafetensorsFile::open(path));
    }
    for (std::size_t s = 0; s < checkpoint.shards_.size(); ++s) {
        const auto& tensors = checkpoint.shards_[s].tensors();
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            const auto [where, inserted] = checkpoint.tensors_.emplace(tensors[i].name, std::pair{s, i});
            if (!inserted)
                failTensor(indexPath, tensors[i].name,
                           "in two shards, " + checkpoint.shards_[where->second.first].path() + " and " +
                               checkpoint.shards_[s].path());
        }
    }
    for (const auto& [name, path] : shardOf) {
        const auto found = checkpoint.tensors_.find(name);
        if (found == checkpoint.tensors_.end() || checkpoint.shards_[found->second.first].path() != path)
            failTensor(indexPath, name, "not in its shard " + path + " (the index says it is)");
    }
    return checkpoint;
}

std::vector<std::string> SafetensorsCheckpoint::names() const
{
    std::vector<std::string> result;
    result.reserve(tensors_.size());
    for (const auto& entry : tensors_) result.push_back(entry.first);
    return result;
}

const SafetensorsTensor* SafetensorsCheckpoint::find(std::string_view name) const
{
    const auto found = tensors_.find(name);
    if (found == tensors_.end()) return nullptr;
    return &shards_[found->second.first].tensors()[found->second.second];
}

void SafetensorsCheckpoint::readAsFloat32(const SafetensorsTensor& tensor, float* out) const
{
    for (const SafetensorsFile& shard : shards_) {
        if (shard.path() == tensor.file) {
            shard.readAsFloat32(tensor, out);
            return;
        }
    }
    failTensor(tensor.file, tensor.name, "not a file of this checkpoint");
}

std::vector<std::string> SafetensorsCheckpoint::files() const
{
    std::vector<std::string> result;
    for (const SafetensorsFile& shard : shards_) result.push_back(shard.path());
    return result;
}

void writeSafetensors(const std::string& path, const std::vector<SafetensorsEntry>& entries,
                      const std::map<std::string, std::string>& metadata)
{
    // The header first, whole, so that nothing is written when an entry is wrong.
    const auto quoted = [&](const std::string& text, const std::string& tensor) {
        try {
            return Json(text).dump();
        } catch (const Json::exception&) {
            if (tensor.empty()) fail(path, "metadata string '" + text + "' is not valid UTF-8");
            failTensor(path, tensor, "the name is not valid UTF-8");
        }
    };
    std::string header = "{";
    if (!metadata.empty()) {
        header += "\"__metadata__\":{";
        bool first = true;
        for (const auto& [key, value] : metadata) {
            if (!first) header += ',';
            first = false;
            header += quoted(key, "") + ":" + quoted(value, "");
        }
        header += "}";
    }
    std::set<std::string_view> names;
    std::vector<std::uint64_t> sizes;
    std::uint64_t offset = 0;
    for (const SafetensorsEntry& entry : entries) {
        if (entry.name == "__metadata__") failTensor(path, entry.name, "the name is reserved for the metadata");
        if (!names.insert(entry.name).second) failTensor(path, entry.name, "the name is used twice");
        std::int64_t count = 0;
        for (const std::int64_t dimension : entry.shape)
            if (dimension < 0) failTensor(path, entry.name, "negative dimension " + std::to_string(dimension));
        std::uint64_t bytes = 0, end = 0;
        if (!elementCount(entry.shape, count) || __builtin_mul_overflow(std::uint64_t(count), 4, &bytes) ||
            __builtin_add_overflow(offset, bytes, &end))
            failTensor(path, entry.name, "the element count or byte size of the shape overflows");
        if (count > 0 && !entry.data)
            failTensor(path, entry.name, "no data for " + std::to_string(count) + " elements");
        if (header.size() > 1) header += ',';
        header += quoted(entry.name, entry.name) + ":{\"dtype\":\"F32\",\"shape\":[";
        for (std::size_t i = 0; i < entry.shape.size(); ++i) header += (i ? "," : "") + std::to_string(entry.shape[i]);
        header += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(end) + "]}";
        sizes.push_back(bytes);
        offset = end;
    }
    header += "}";
    header.resize((header.size() + kLengthSize - 1) / kLengthSize * kLengthSize, ' ');
    if (header.size() > kMaxHeaderSize)
        fail(path, "header of " + std::to_string(header.size()) + " bytes exceeds the limit of " +
                       std::to_string(kMaxHeaderSize) + " bytes");

    AtomicFileWriter writer(path);
    unsigned char length[kLengthSize];
    std::uint64_t n = header.size();
    for (unsigned char& byte : length) {
        byte = static_cast<unsigned char>(n & 0xff);
        n >>= 8;
    }
    bool ok = writer.write(length, sizeof length) && writer.write(header.data(), header.size());
    for (std::size_t e = 0; ok && e < entries.size(); ++e) {
        const char* data = reinterpret_cast<const char*>(entries[e].data);
        for (std::uint64_t at = 0; ok && at < sizes[e]; at += kChunkBytes)
            ok = writer.write(data + at, static_cast<std::size_t>(std::min<std::uint64_t>(kChunkBytes, sizes[e] - at)));
    }
    writer.throwIfFailed();
    writer.commit();
}

}  // namespace megatoken
