// The C ABI between megatoken_core and the megatoken_spm module.
//
// Debian's libsentencepiece exports the protobuf-lite it bundles, which clashes with the protobuf
// that libtorch loads, so sentencepiece lives in its own module, dlopen'ed with RTLD_DEEPBIND. Only
// plain C types cross this boundary: no std:: types, no exceptions, no memory allocated on one side
// and freed on the other (except error strings, which go back through freeError).
//
// Conventions:
//  - Functions that can fail return NULL on success, or an error message the caller must release
//    with freeError().
//  - Variable-size output is streamed to a caller-supplied sink. A sink returns 0 to continue and
//    non-zero to abort (for instance when the caller failed to store the data); the module then
//    stops and returns an error.
//  - Bump MT_SPM_ABI_VERSION on any change to this file.
#ifndef MEGATOKEN_TOKENIZER_SENTENCEPIECEAPI_H
#define MEGATOKEN_TOKENIZER_SENTENCEPIECEAPI_H

#include <dlfcn.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// How the module is opened: mtSpmOpenModule(path) returns dlopen's handle (NULL and dlerror() on
// failure). Normally dlopen with RTLD_DEEPBIND, which keeps sentencepiece's protobuf apart from
// libtorch's. AddressSanitizer refuses RTLD_DEEPBIND (it would bypass its interceptors), so a
// sanitized build loads the module into a link-map namespace of its own instead (dlmopen with
// LM_ID_NEWLM): there it has its own libc, libstdc++ and protobuf, and shares nothing with the
// process but this C table. The module is then built without instrumentation (core/CMakeLists.txt),
// since the sanitizer runtime lives in the main namespace; only plain C types cross, and nothing is
// freed on the other side, so the two heaps never meet.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MT_SPM_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MT_SPM_UNDER_ASAN 1
#endif

#ifdef __cplusplus
#define MT_SPM_INLINE inline
#else
#define MT_SPM_INLINE static inline
#endif

#define MT_SPM_ABI_VERSION 1
#define MT_SPM_API_SYMBOL "megatoken_spm_api"

// A loaded sentencepiece processor. Encoding and decoding through a const processor are
// thread-safe.
typedef struct MtSpmProcessor MtSpmProcessor;

typedef int (*MtSpmIdsSink)(void* context, const int* ids, size_t count);
typedef int (*MtSpmBytesSink)(void* context, const char* bytes, size_t size);

// Special ids as the model defines them; -1 when the model has no such piece.
typedef struct MtSpmModelInfo {
    int vocabSize;
    int padId;
    int eosId;
    int unkId;
    int bosId;
} MtSpmModelInfo;

enum MtSpmPieceKind {
    MT_SPM_PIECE_NORMAL = 0,
    MT_SPM_PIECE_UNKNOWN = 1,
    MT_SPM_PIECE_CONTROL = 2,  // pad, eos, bos and other control symbols
    MT_SPM_PIECE_UNUSED = 3,
    MT_SPM_PIECE_BYTE = 4,     // byte-fallback pieces such as <0x0A>
    MT_SPM_PIECE_INVALID = -1  // id out of range
};

typedef struct MtSpmApi {
    int abiVersion;     // MT_SPM_ABI_VERSION of the module
    size_t structSize;  // sizeof(MtSpmApi) of the module

    void (*freeError)(char* error);

    char* (*loadSerialized)(const char* bytes, size_t size, MtSpmProcessor** processor);
    void (*destroy)(MtSpmProcessor* processor);

    // Trains with sentencepiece's flag names and values (e.g. "vocab_size" = "4096"), reading the
    // sentences from the texts array instead of an input file. Writes <model_prefix>.model/.vocab.
    char* (*train)(const char* const* texts, const size_t* textSizes, size_t textCount, const char* const* optionKeys,
                   const char* const* optionValues, size_t optionCount);

    void (*modelInfo)(const MtSpmProcessor* processor, MtSpmModelInfo* info);
    int (*pieceKind)(const MtSpmProcessor* processor, int id);
    int (*pieceToId)(const MtSpmProcessor* processor, const char* piece, size_t size);
    char* (*idToPiece)(const MtSpmProcessor* processor, int id, MtSpmBytesSink sink, void* context);

    char* (*encodeIds)(const MtSpmProcessor* processor, const char* text, size_t size, MtSpmIdsSink sink,
                       void* context);
    // Calls the sink once per piece.
    char* (*encodePieces)(const MtSpmProcessor* processor, const char* text, size_t size, MtSpmBytesSink sink,
                          void* context);
    char* (*decodeIds)(const MtSpmProcessor* processor, const int* ids, size_t count, MtSpmBytesSink sink,
                       void* context);
    char* (*serializedModel)(const MtSpmProcessor* processor, MtSpmBytesSink sink, void* context);
} MtSpmApi;

// The one symbol the module exports (named by MT_SPM_API_SYMBOL); the table lives for the life of
// the process.
__attribute__((visibility("default"))) const MtSpmApi* megatoken_spm_api(void);
typedef const MtSpmApi* (*MtSpmApiEntryPoint)(void);

MT_SPM_INLINE void* mtSpmOpenModule(const char* path)
{
#ifdef MT_SPM_UNDER_ASAN
    return dlmopen(LM_ID_NEWLM, path, RTLD_NOW | RTLD_LOCAL);
#else
    return dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
#endif
}

#ifdef __cplusplus
}
#endif

#endif  // MEGATOKEN_TOKENIZER_SENTENCEPIECEAPI_H
