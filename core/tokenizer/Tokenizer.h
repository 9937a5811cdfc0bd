// Tokenizer: a sentencepiece model (unigram or BPE), trained here or loaded from disk.
//
// sentencepiece runs inside the megatoken_spm module, loaded on first use (see SentencePieceApi.h
// for why, and SentencePieceLoader.h for where it is looked up). Training runs in a helper
// process beside the module (megatoken-spm-train), so that it can be cancelled at any moment.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

class Feedback;

// Every message names the file concerned (model, training prefix or module) and the problem.
class TokenizerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct TokenizerTrainOptions {
    int vocabSize = 4096;
    // Fraction of characters the vocabulary must cover; rarer characters become <unk>.
    double characterCoverage = 0.9995;
    std::string modelType = "unigram";  // "unigram", "bpe", "word" or "char"
    int numThreads = 0;                 // 0: std::thread::hardware_concurrency()
    // 0: train on all texts; otherwise on a random sample of this many (must then be > 100).
    std::size_t maxSentences = 0;
    // Spell characters outside the vocabulary as UTF-8 byte pieces (<0xE2>...) instead of <unk>.
    // Off, as in T5; the 256 byte pieces then count towards vocabSize.
    bool byteFallback = false;
    bool verbose = false;  // let sentencepiece log its progress to stderr
};

class Tokenizer {
public:
    // Throws TokenizerError when the file is missing, empty, truncated or not a sentencepiece
    // model. Special ids are read from the model, so any sentencepiece model loads (e.g. T5's
    // spiece.model: pad 0, eos 1, unk 2, 32000 pieces).
    static Tokenizer load(const std::string& modelPath);

    // The inverse of serializedModel(); nameForMessages stands in for the file in errors.
    static Tokenizer fromSerialized(const std::string& bytes, const std::string& nameForMessages);

    // Trains on texts as given (sentencepiece's NFKC normalization still applies), writes
    // <outPrefix>.model and <outPrefix>.vocab, and returns the loaded model. Ids follow T5:
    // pad 0 "<pad>", eos 1 "</s>", unk 2 "<unk>", no bos. Texts longer than 4192 bytes are
    // skipped by sentencepiece: split documents into sentences or paragraphs first.
    // Training runs in the megatoken-spm-train process (SentencePieceTrainingProcess.h) and the
    // calling thread waits for it. feedback (may be null): progress 0..1 (estimated from
    // sentencepiece's log), and cancellation: within about 0.1 s of cancel() the helper is killed
    // and train throws Cancelled. The files are renamed into place (.vocab, then .model) only after
    // a successful training: a failure (TokenizerError, also for a missing output folder) or a
    // cancel leaves any earlier files at outPrefix as they were, and no temporary behind.
    static Tokenizer train(const std::vector<std::string>& texts, const std::string& outPrefix,
                           const TokenizerTrainOptions& options = {}, Feedback* feedback = nullptr);

    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;
    ~Tokenizer();  // a moved-from Tokenizer may only be assigned to or destroyed

    // All const members are safe to call from several threads at once.

    // Ids of the normalized text; no EOS is appended.
    std::vector<int> encode(std::string_view text) const;
    // The pieces encode() produces, as sentencepiece spells them ("▁" marks a word start).
    std::vector<std::string> encodePieces(std::string_view text) const;
    // The text of ids; pad and eos are skipped, unk decodes as " ⁇ ". Throws on ids out of range.
    std::string decode(const std::vector<int>& ids) const;
    // decode() for ids a model produced, whose vocabulary may be larger than the tokenizer's (T5:
    // 32,128 rows for 32,000 pieces; ids 32,000 and up are sentinels and padding rows): an id beyond
    // the tokenizer reads as unk (" ⁇ ") instead of throwing.
    std::string decodeModelOutput(std::vector<int> ids) const;

    std::string piece(int id) const;  // throws TokenizerError when id is out of range
    // The piece as shown in a grid or a tooltip:
    //  - ordinary pieces: every "▁" (U+2581, word start) becomes "·" (U+00B7), e.g. "▁the" -> "·the";
    //  - special pieces as spelled: "<pad>", "</s>", "<unk>";
    //  - byte pieces: <0x0A> -> "⏎", <0x09> -> "⇥", <0x20> -> "·", other printable ASCII -> the
    //    character itself, anything else stays as spelled ("<0xC3>").
    std::string displayPiece(int id) const;
    int pieceToId(std::string_view piece) const;  // unkId() for an unknown piece

    int vocabSize() const;
    int padId() const;  // -1 when the model defines no such piece
    int eosId() const;
    int unkId() const;

    // The file it was loaded from or trained to; empty when made by fromSerialized().
    const std::string& modelPath() const;
    // The model proto's bytes, e.g. to embed the tokenizer in a run directory or checkpoint.
    std::string serializedModel() const;

private:
    struct Impl;
    explicit Tokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace megatoken
