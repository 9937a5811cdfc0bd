// megatoken_spm: sentencepiece behind the C ABI of SentencePieceApi.h.
//
// Every entry point catches everything: no C++ exception may cross the dlopen boundary.
#include "core/tokenizer/SentencePieceApi.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

struct MtSpmProcessor {
    sentencepiece::SentencePieceProcessor processor;
};

namespace {

char* makeError(const std::string& message) noexcept
{
    char* error = static_cast<char*>(std::malloc(message.size() + 1));
    if (error) std::memcpy(error, message.c_str(), message.size() + 1);
    return error ? error : strdup("out of memory");
}

char* fromStatus(const sentencepiece::util::Status& status) noexcept
{
    if (status.ok()) return nullptr;
    try {
        return makeError(status.ToString());
    } catch (...) {
        return makeError("sentencepiece error");
    }
}

// Runs body, turning any escaping exception into an error string.
template <typename Body>
char* guarded(Body&& body) noexcept
{
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return makeError("out of memory");
    } catch (const std::exception& e) {
        return makeError(e.what());
    } catch (...) {
        return makeError("unknown exception in sentencepiece");
    }
}

char* sinkAborted() noexcept
{
    return makeError("output sink aborted");
}

bool validId(const MtSpmProcessor* p, int id)
{
    return id >= 0 && id < p->processor.GetPieceSize();
}

// Hands sentencepiece the caller's texts without copying them into a temporary file.
class TextArrayIterator final : public sentencepiece::SentenceIterator {
public:
    TextArrayIterator(const char* const* texts, const size_t* sizes, size_t count)
        : texts_(texts), sizes_(sizes), count_(count)
    {
        load();
    }

    bool done() const override { return index_ >= count_; }
    void Next() override
    {
        ++index_;
        load();
    }
    const std::string& value() const override { return current_; }
    sentencepiece::util::Status status() const override { return {}; }

private:
    void load()
    {
        if (!done()) current_.assign(texts_[index_], sizes_[index_]);
    }

    const char* const* texts_;
    const size_t* sizes_;
    size_t count_;
    size_t index_ = 0;
    std::string current_;
};

void freeError(char* error)
{
    std::free(error);
}

char* loadSerialized(const char* bytes, size_t size, MtSpmProcessor** out)
{
    return guarded([&]() -> char* {
        *out = nullptr;
        auto loaded = std::make_unique<MtSpmProcessor>();
        if (char* error = fromStatus(loaded->processor.LoadFromSerializedProto({bytes, size}))) return error;
        *out = loaded.release();
        return nullptr;
    });
}

void destroy(MtSpmProcessor* processor)
{
    delete processor;
}

char* train(const char* const* texts, const size_t* textSizes, size_t textCount, const char* const* optionKeys,
            const char* const* optionValues, size_t optionCount)
{
    return guarded([&]() -> char* {
        std::unordered_map<std::string, std::string> options;
        for (size_t i = 0; i < optionCount; ++i) options[optionKeys[i]] = optionValues[i];
        TextArrayIterator sentences(texts, textSizes, textCount);
        return fromStatus(sentencepiece::SentencePieceTrainer::Train(options, &sentences));
    });
}

void modelInfo(const MtSpmProcessor* p, MtSpmModelInfo* info)
{
    info->vocabSize = p->processor.GetPieceSize();
    info->padId = p->processor.pad_id();
    info->eosId = p->processor.eos_id();
    info->unkId = p->processor.unk_id();
    info->bosId = p->processor.bos_id();
}

int pieceKind(const MtSpmProcessor* p, int id)
{
    if (!validId(p, id)) return MT_SPM_PIECE_INVALID;
    if (p->processor.IsUnknown(id)) return MT_SPM_PIECE_UNKNOWN;
    if (p->processor.IsControl(id)) return MT_SPM_PIECE_CONTROL;
    if (p->processor.IsUnused(id)) return MT_SPM_PIECE_UNUSED;
    if (p->processor.IsByte(id)) return MT_SPM_PIECE_BYTE;
    return MT_SPM_PIECE_NORMAL;
}

int pieceToId(const MtSpmProcessor* p, const char* piece, size_t size)
{
    return p->processor.PieceToId({piece, size});
}

char* idToPiece(const MtSpmProcessor* p, int id, MtSpmBytesSink sink, void* context)
{
    return guarded([&]() -> char* {
        if (!validId(p, id))
            return makeError("id " + std::to_string(id) + " out of range [0, " +
                             std::to_string(p->processor.GetPieceSize()) + ")");
        const std::string& piece = p->processor.IdToPiece(id);
        return sink(context, piece.data(), piece.size()) == 0 ? nullptr : sinkAborted();
    });
}

char* encodeIds(const MtSpmProcessor* p, const char* text, size_t size, MtSpmIdsSink sink, void* context)
{
    return guarded([&]() -> char* {
        std::vector<int> ids;
        if (char* error = fromStatus(p->processor.Encode({text, size}, &ids))) return error;
        return sink(context, ids.data(), ids.size()) == 0 ? nullptr : sinkAborted();
    });
}

char* encodePieces(const MtSpmProcessor* p, const char* text, size_t size, MtSpmBytesSink sink, void* context)
{
    return guarded([&]() -> char* {
        std::vector<std::string> pieces;
        if (char* error = fromStatus(p->processor.Encode({text, size}, &pieces))) return error;
        for (const std::string& piece : pieces)
            if (sink(context, piece.data(), piece.size()) != 0) return sinkAborted();
        return nullptr;
    });
}

char* decodeIds(const MtSpmProcessor* p, const int* ids, size_t count, MtSpmBytesSink sink, void* context)
{
    return guarded([&]() -> char* {
        // sentencepiece indexes its piece table unchecked on some paths: check ranges here.
        for (size_t i = 0; i < count; ++i)
            if (!validId(p, ids[i]))
                return makeError("id " + std::to_string(ids[i]) + " out of range [0, " +
                                 std::to_string(p->processor.GetPieceSize()) + ")");
        std::string text;
        if (char* error = fromStatus(p->processor.Decode(std::vector<int>(ids, ids + count), &text))) return error;
        return sink(context, text.data(), text.size()) == 0 ? nullptr : sinkAborted();
    });
}

char* serializedModel(const MtSpmProcessor* p, MtSpmBytesSink sink, void* context)
{
    return guarded([&]() -> char* {
        const sentencepiece::util::bytes bytes = p->processor.serialized_model_proto();
        return sink(context, bytes.data(), bytes.size()) == 0 ? nullptr : sinkAborted();
    });
}

const MtSpmApi kApi = {
    MT_SPM_ABI_VERSION, sizeof(MtSpmApi), freeError, loadSerialized, destroy,      train,     modelInfo,
    pieceKind,          pieceToId,        idToPiece, encodeIds,      encodePieces, decodeIds, serializedModel,
};

}  // namespace

extern "C" const MtSpmApi* megatoken_spm_api(void)
{
    return &kApi;
}
