#pragma once
// Reading and writing safetensors files, the tensor format of Hugging Face checkpoints, without
// LibTorch. The format (https://github.com/huggingface/safetensors, README "Format"; the rules
// checked here are those of safetensors/src/tensor.rs, `SafeTensors::read_metadata` and
// `Metadata::validate`):
//
//   8 bytes   N, the header's length in bytes (unsigned, little-endian); at most 100,000,000
//   N bytes   a UTF-8 JSON object: tensor name -> {"dtype": "F32", "shape": [2, 3],
//             "data_offsets": [begin, end]}, and optionally "__metadata__": {string: string};
//             the reference writer pads it with spaces to a multiple of 8 bytes
//   the rest  the tensors' bytes, little-endian, row-major; offsets count from the first byte
//             after the header, and the tensors cover this part exactly (no gap, no overlap, no
//             byte left over), each exactly numel * dtype size bytes long
//
// Every error is a SafetensorsError (reading) or a FileWriteError (writing to disk), and its
// message names the file and, when one tensor is concerned, the tensor.

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace megatoken {

// A safetensors file or checkpoint that cannot be read or written. what() is "<file>: <problem>",
// or "<file>: tensor '<name>': <problem>" when the problem is one tensor's, e.g.
// "model.safetensors: tensor 'encoder.x': data_offsets [0, 24] end beyond the data (16 bytes)".
class SafetensorsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One tensor's entry in a header, with its offsets made absolute.
struct SafetensorsTensor {
    std::string name;
    std::string dtype;                 // as in the header: "F32", "F16", "BF16", "I64", ...
    std::vector<std::int64_t> shape;   // empty: a scalar
    std::uint64_t begin = 0, end = 0;  // absolute byte offsets in the file: [begin, end)
    std::string file;                  // the file holding it
    // The number of elements: the product of the shape (1 for a scalar, 0 when a dimension is 0).
    // Throws SafetensorsError naming the file and tensor when the product overflows int64 or a
    // dimension is negative (never for a tensor of an opened file: open() checked both).
    std::int64_t numel() const;
};

// The float32 value of an IEEE 754 half-precision (F16) or bfloat16 (BF16) bit pattern, exact:
// subnormals, signed zeros, infinities and NaN (payload kept) included. Bit manipulation only.
float float16ToFloat32(std::uint16_t bits) noexcept;
float bfloat16ToFloat32(std::uint16_t bits) noexcept;

// One .safetensors file. open() reads and checks only the header; tensor data are read on demand
// with pread(2) in bounded chunks, straight into the caller's buffer (no whole-file buffer: a file
// is never held in memory, let alone twice). Copies share one open file descriptor, which stays
// open while any copy lives; reads from several threads are safe.
class SafetensorsFile {
public:
    // Opens `path` and checks its header as the reference reader does: the file is at least 8
    // bytes, N is at most 100,000,000 and fits in the file, the header is valid UTF-8 JSON and an
    // object, with no name twice; "__metadata__" (optional) maps strings to strings; every other
    // entry has a known "dtype" string, a "shape" of non-negative integers whose product (and
    // its size in bytes) does not overflow, and "data_offsets" of two non-negative integers with
    // end - begin = numel * dtype size; sorted by offset (the reference reader accepts the
    // entries in any order, and so does this one), the tensors cover the data part exactly.
    // Unknown fields of a tensor entry are ignored, as by the reference. Throws SafetensorsError
    // naming `path` (and the tensor, if one is at fault), or when the file cannot be opened or read.
    static SafetensorsFile open(const std::string& path);

    const std::string& path() const { return path_; }
    // The tensors in file order (increasing data offsets).
    const std::vector<SafetensorsTensor>& tensors() const { return tensors_; }
    // The tensor named `name`, nullptr when there is none.
    const SafetensorsTensor* find(std::string_view name) const;
    // The header's "__metadata__" (empty when absent).
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    // The header's length N in bytes, and the file's size in bytes when it was opened.
    std::uint64_t headerSize() const { return headerSize_; }
    std::uint64_t fileSize() const { return fileSize_; }

    // Reads `tensor` (one of tensors(), or a copy of one) and converts it to float32 into `out`,
    // which holds tensor.numel() floats. F32 is copied as is; F16 and BF16 are converted exactly
    // (float16ToFloat32, bfloat16ToFloat32). Throws SafetensorsError naming the file and tensor
    // when the dtype is another ("dtype I64 cannot be read as float32"), when the tensor is not
    // this file's, when the file is now shorter than its header says (truncated after open()), or
    // when a read fails (with the system's reason). On a throw, `out` may be partly written.
    void readAsFloat32(const SafetensorsTensor& tensor, float* out) const;

    // Reads the raw bytes of `tensor` (end - begin of them) into `out`, whatever its dtype. The
    // same errors as readAsFloat32 but the dtype's.
    void readBytes(const SafetensorsTensor& tensor, void* out) const;

private:
    struct Descriptor;
    const SafetensorsTensor& own(const SafetensorsTensor& tensor) const;

    std::string path_;
    std::shared_ptr<Descriptor> descriptor_;
    std::vector<SafetensorsTensor> tensors_;
    std::map<std::string, std::size_t, std::less<>> index_;
    std::map<std::string, std::string> metadata_;
    std::uint64_t headerSize_ = 0;
    std::uint64_t fileSize_ = 0;
};

// A Hugging Face checkpoint: one model.safetensors, or shards listed by model.safetensors.index.json
// ({"metadata": {...}, "weight_map": {"name": "model-00001-of-00002.safetensors", ...}}, as
// transformers' save_pretrained writes it). Every shard is opened and checked (SafetensorsFile::open).
class SafetensorsCheckpoint {
public:
    // The checkpoint in `folder`: its model.safetensors.index.json when there is one, else its
    // model.safetensors. Throws SafetensorsError naming the folder and both names when neither is
    // there, and the errors of openIndex / openFile.
    static SafetensorsCheckpoint openFolder(const std::string& folder);
    // A checkpoint of one file. Throws as SafetensorsFile::open.
    static SafetensorsCheckpoint openFile(const std::string& path);
    // The checkpoint an index file lists; shard paths are relative to the index's folder. Throws
    // SafetensorsError naming the index when it is not valid JSON, not an object, or has no
    // "weight_map" object of tensor name -> shard file name (a string); naming the index and the
    // tensor when a shard path is absolute or goes up ("..": it would escape the folder), when
    // the shard file is missing, or when the shard does not hold the tensor; naming both shards
    // and the tensor when a tensor is in two shards; and the errors of SafetensorsFile::open for
    // every shard. Tensors a shard holds that the index does not name are part of the checkpoint
    // (transformers loads every tensor of a shard).
    static SafetensorsCheckpoint openIndex(const std::string& indexPath);

    // Every tensor's name, sorted.
    std::vector<std::string> names() const;
    // The tensor named `name` (its `file` says which shard holds it), nullptr when there is none.
    const SafetensorsTensor* find(std::string_view name) const;
    // SafetensorsFile::readAsFloat32 on the shard holding `tensor`. Throws SafetensorsError naming
    // the tensor's file and the tensor when that file is none of this checkpoint's, and the errors
    // of SafetensorsFile::readAsFloat32.
    void readAsFloat32(const SafetensorsTensor& tensor, float* out) const;
    // The files read: the shard paths (sorted), or the one file.
    std::vector<std::string> files() const;
    // The shards themselves, in the order of files().
    const std::vector<SafetensorsFile>& shards() const { return shards_; }

private:
    std::vector<SafetensorsFile> shards_;
    // name -> (index in shards_, index in that shard's tensors())
    std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> tensors_;
};

// A float32 tensor to write: `shape` (empty for a scalar) and numel() floats at `data`, row-major.
struct SafetensorsEntry {
    std::string name;
    std::vector<std::int64_t> shape;
    const float* data;
};

// Writes `entries` as F32 tensors to `path` in the safetensors format, in the given order, with
// `metadata` as "__metadata__" (omitted when empty; keys in sorted order). The header is compact
// JSON laid out as the reference writer's (safetensors/src/tensor.rs, `prepare`): "__metadata__"
// first, then each tensor as {"dtype":"F32","shape":[..],"data_offsets":[begin,end]}, padded with
// spaces to a multiple of 8 bytes. The reference writer sorts tensors by dtype, then name, so for
// entries given in name order the file is byte-identical to safetensors.torch.save_file's (with at
// most one metadata key: the reference writes several in hash order). The data are read from the
// pointers during the call, in chunks, never copied whole; the file is written through
// AtomicFileWriter (temporary, fsync, rename), so an earlier file at `path` is replaced whole or
// kept. Throws FileWriteError naming `path` when it cannot be written (a missing folder, a full
// disk), and SafetensorsError naming `path` and the tensor for a name used twice, the name
// "__metadata__", a negative dimension, an element count or byte size that overflows, a null
// `data` for a non-empty tensor, or a name or metadata string that is not valid UTF-8; nothing is
// written then.
void writeSafetensors(const std::string& path, const std::vector<SafetensorsEntry>& entries,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace megatoken
