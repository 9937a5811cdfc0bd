#include "core/tokenizer/Tokenizer.h"

#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"
#include "core/io/AtomicFile.h"
#include "core/tokenizer/SentencePieceApi.h"
#include "core/tokenizer/SentencePieceLoader.h"
#include "core/tokenizer/SentencePieceModelCheck.h"
#include "core/tokenizer/SentencePieceTrainingProcess.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>
#include <utility>

namespace megatoken {
namespace {

namespace fs = std::filesystem;

const MtSpmApi& spmApi()
{
    return *sentencePieceModule().api;
}

// sentencepiece's messages start with a status code, source location and failed condition
// ("Internal: ./src/x.cc(660) [a == b] Vocabulary size too high..."); keep only the prose.
std::string withoutSourceLocation(const std::string& message)
{
    static const std::regex location(R"(^[A-Za-z ]+: \S+\(\d+\) \[.*?\] )");
    return std::regex_replace(message, location, "", std::regex_constants::format_first_only);
}

std::string takeError(const MtSpmApi& api, char* error)
{
    const std::unique_ptr<char, void (*)(char*)> owned(error, api.freeError);
    return owned ? withoutSourceLocation(owned.get()) : std::string();
}

// ---- C sinks -----------------------------------------------------------------------------------

// Adapts a C++ callable to the module's C sinks. An exception is parked until the module call has
// returned, since it must not unwind through the module.
template <typename Append>
struct Sink {
    Append append;
    std::exception_ptr failure;

    template <typename T>
    static int receive(void* self, const T* data, size_t count) noexcept
    {
        auto* sink = static_cast<Sink*>(self);
        try {
            sink->append(data, count);
            return 0;
        } catch (...) {
            sink->failure = std::current_exception();
            return 1;
        }
    }
};

template <typename Append>
Sink<Append> makeSink(Append append)
{
    return Sink<Append>{std::move(append), nullptr};
}

// ---- Model file reading ------------------------------------------------------------------------

std::string readModelFile(const std::string& path)
{
    std::error_code error;
    if (!fs::exists(path, error)) throw TokenizerError(path + ": cannot open the tokenizer model (no such file)");
    if (!fs::is_regular_file(path, error))
        throw TokenizerError(path + ": cannot open the tokenizer model (not a regular file)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TokenizerError(path + ": cannot open the tokenizer model (" + std::strerror(errno) + ")");
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw TokenizerError(path + ": cannot read the tokenizer model");
    return bytes;
}

// ---- Training options --------------------------------------------------------------------------

using SpmOptions = std::vector<std::pair<std::string, std::string>>;

std::string formatDouble(double value)
{
    std::ostringstream out;
    out.precision(17);
    out << value;
    return out.str();
}

// modelPrefix: what sentencepiece is told (and records in the model); outPrefix: for messages.
// sentencepiece's own default for max_sentence_length, and the most this program raises it to.
constexpr std::size_t kSentencePieceDefaultMaxSentenceBytes = 4192;
constexpr std::size_t kMaxSentenceBytes = std::size_t{1} << 20;

SpmOptions spmTrainOptions(const std::vector<std::string>& texts, const std::string& outPrefix,
                           const std::string& modelPrefix, const TokenizerTrainOptions& options)
{
    const std::string where = outPrefix + ".model: ";
    auto invalid = [&](const std::string& option, const std::string& value, const std::string& rule) {
        return TokenizerError(where + "invalid training option " + option + " = " + value + " (" + rule + ")");
    };
    if (outPrefix.empty()) throw TokenizerError("<empty outPrefix>: invalid training output prefix (empty)");
    if (texts.empty()) throw invalid("texts", "{}", "no text to train on");
    if (std::all_of(texts.begin(), texts.end(), [](const std::string& t) { return t.empty(); }))
        throw invalid("texts", "{\"\", ...}", "every text is empty");
    if (std::all_of(texts.begin(), texts.end(), [](const std::string& t) { return t.size() > kMaxSentenceBytes; }))
        throw invalid("texts", "{...}",
                      "every text is longer than " + std::to_string(kMaxSentenceBytes) +
                          " bytes, the longest sentence a tokenizer trains on here: split the corpus into shorter "
                          "texts (a sentence or a paragraph per line)");
    if (options.vocabSize < 4)
        throw invalid("vocabSize", std::to_string(options.vocabSize),
                      "must be at least 4: three special pieces and one more");
    if (!(options.characterCoverage > 0.0 && options.characterCoverage <= 1.0))
        throw invalid("characterCoverage", formatDouble(options.characterCoverage), "must be in (0, 1]");
    const std::vector<std::string> modelTypes{"unigram", "bpe", "word", "char"};
    if (std::find(modelTypes.begin(), modelTypes.end(), options.modelType) == modelTypes.end())
        throw invalid("modelType", "\"" + options.modelType + "\"", "must be unigram, bpe, word or char");
    if (options.numThreads < 0 || options.numThreads > 128)
        throw invalid("numThreads", std::to_string(options.numThreads), "must be in [0, 128], 0 meaning one per core");
    if (options.maxSentences != 0 && options.maxSentences <= 100)
        throw invalid("maxSentences", std::to_string(options.maxSentences), "must be 0 (all) or more than 100");

    const int threads =
        options.numThreads > 0 ? options.numThreads : std::clamp(int(std::thread::hardware_concurrency()), 1, 128);
    SpmOptions spm{
        {"model_prefix", modelPrefix},
        {"vocab_size", std::to_string(options.vocabSize)},
        {"character_coverage", formatDouble(options.characterCoverage)},
        {"model_type", options.modelType},
        {"num_threads", std::to_string(threads)},
        // T5's layout, so models and checkpoints interoperate with T5 tooling.
        {"pad_id", "0"},
        {"eos_id", "1"},
        {"unk_id", "2"},
        {"bos_id", "-1"},
        {"byte_fallback", options.byteFallback ? "true" : "false"},
        // INFO lines give the progress; they reach stderr only with options.verbose.
        {"minloglevel", "0"},
    };
    // sentencepiece skips every sentence longer than max_sentence_length bytes (4192 by default)
    // and, when that leaves none, fails with an empty message. Raise the limit to the longest
    // text, up to kMaxSentenceBytes; a corpus with no text under that is refused above.
    const std::size_t longest = std::max_element(texts.begin(), texts.end(), [](const auto& a, const auto& b) {
                                    return a.size() < b.size();
                                })->size();
    if (longest > kSentencePieceDefaultMaxSentenceBytes)
        spm.emplace_back("max_sentence_length", std::to_string(std::min(longest, kMaxSentenceBytes)));
    if (options.maxSentences > 0) {
        spm.emplace_back("input_sentence_size", std::to_string(options.maxSentences));
        spm.emplace_back("shuffle_input_sentence", "true");
    }
    return spm;
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

std::string replaceAll(std::string text, std::string_view from, std::string_view to)
{
    for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
    return text;
}

std::string displayBytePiece(const std::string& piece)
{
    // Byte pieces are spelled "<0xHH>".
    if (piece.size() != 6 || !startsWith(piece, "<0x") || piece.back() != '>') return piece;
    const long byte = std::strtol(piece.substr(3, 2).c_str(), nullptr, 16);
    if (byte == '\n') return "⏎";
    if (byte == '\t') return "⇥";
    if (byte == ' ') return "·";
    if (byte > ' ' && byte < 0x7f) return std::string(1, char(byte));
    return piece;
}

}  // namespace

// ---- Tokenizer ---------------------------------------------------------------------------------

struct Tokenizer::Impl {
    const MtSpmApi* api = nullptr;
    MtSpmProcessor* processor = nullptr;
    std::string modelPath;
    std::string name;  // stands for the model in error messages
    MtSpmModelInfo info{};

    ~Impl()
    {
        if (processor) api->destroy(processor);
    }

    [[noreturn]] void fail(const std::string& what, const std::string& detail) const
    {
        throw TokenizerError(name + ": " + what + " (" + detail + ")");
    }

    // Throws for a module error or an exception parked by a sink.
    void check(char* error, const std::exception_ptr& failure, const std::string& what) const
    {
        if (failure) {
            api->freeError(error);
            std::rethrow_exception(failure);
        }
        if (error) fail(what, takeError(*api, error));
    }
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::fromSerialized(const std::string& bytes, const std::string& nameForMessages)
{
    if (auto problem = sentencePieceModelProblem(bytes))
        throw TokenizerError(nameForMessages + ": not a sentencepiece model (" + *problem + ")");
    const MtSpmApi& api = spmApi();
    auto impl = std::make_unique<Impl>();
    impl->api = &api;
    impl->name = nameForMessages;
    if (char* error = api.loadSerialized(bytes.data(), bytes.size(), &impl->processor))
        impl->fail("not a sentencepiece model", "sentencepiece: " + takeError(api, error));
    api.modelInfo(impl->processor, &impl->info);
    if (impl->info.vocabSize <= 0 || impl->info.unkId < 0)
        impl->fail("not a sentencepiece model", "no pieces or no unk piece");
    return Tokenizer(std::move(impl));
}

Tokenizer Tokenizer::load(const std::string& modelPath)
{
    Tokenizer tokenizer = fromSerialized(readModelFile(modelPath), modelPath);
    tokenizer.impl_->modelPath = modelPath;
    return tokenizer;
}

Tokenizer Tokenizer::train(const std::vector<std::string>& texts, const std::string& outPrefix,
                           const TokenizerTrainOptions& options, Feedback* feedback)
{
    // sentencepiece writes into a fresh folder beside the target under the target's own file
    // name, so the model records no temporary name; the files are renamed into place only when
    // training succeeded, so a failed or cancelled training leaves whatever was there untouched.
    const fs::path target(outPrefix);
    const std::string name = target.filename().string();
    const SpmOptions spm = spmTrainOptions(texts, outPrefix, name, options);
    static std::atomic<unsigned> serial{0};
    const fs::path staging = target.parent_path() /
                             ("." + name + ".training-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
    std::error_code error;
    fs::create_directory(staging, error);  // not its parents: a missing output folder is an error
    if (error)
        throw TokenizerError(outPrefix + ".model: cannot create the training folder " + staging.string() + " (" +
                             error.message() + ")");
    struct RemoveStaging {
        fs::path path;
        ~RemoveStaging()
        {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    } removeStaging{staging};

    SentencePieceTrainingJob job;
    job.texts = &texts;
    job.options = spm;
    job.workingDirectory = staging.string();
    job.forwardLog = options.verbose;
    const std::string failure = runSentencePieceTraining(job, feedback);  // throws Cancelled
    if (!failure.empty())
        throw TokenizerError(outPrefix + ".model: training failed (sentencepiece: " + withoutSourceLocation(failure) +
                             ")");
    try {
        commitTemporaryFile((staging / (name + ".vocab")).string(), outPrefix + ".vocab");
        commitTemporaryFile((staging / (name + ".model")).string(), outPrefix + ".model");
    } catch (const FileWriteError& e) {
        throw TokenizerError(std::string(e.what()) + " (saving the trained tokenizer)");
    }
    return load(outPrefix + ".model");
}

std::vector<int> Tokenizer::encode(std::string_view text) const
{
    std::vector<int> ids;
    auto sink = makeSink([&](const int* data, size_t count) { ids.assign(data, data + count); });
    impl_->check(impl_->api->encodeIds(impl_->processor, text.data(), text.size(),
                                       &decltype(sink)::template receive<int>, &sink),
                 sink.failure, "cannot encode");
    return ids;
}

std::vector<std::string> Tokenizer::encodePieces(std::string_view text) const
{
    std::vector<std::string> pieces;
    auto sink = makeSink([&](const char* data, size_t size) { pieces.emplace_back(data, size); });
    impl_->check(impl_->api->encodePieces(impl_->processor, text.data(), text.size(),
                                          &decltype(sink)::template receive<char>, &sink),
                 sink.failure, "cannot encode");
    return pieces;
}

std::string Tokenizer::decodeModelOutput(std::vector<int> ids) const
{
    const int size = vocabSize();
    for (int& id : ids)
        if (id < 0 || id >= size) id = unkId();
    return decode(ids);
}

std::string Tokenizer::decode(const std::vector<int>& ids) const
{
    // sentencepiece already drops control pieces; pad and eos are skipped here explicitly so the
    // rule does not depend on how a foreign model typed them.
    std::vector<int> kept;
    kept.reserve(ids.size());
    std::copy_if(ids.begin(), ids.end(), std::back_inserter(kept),
                 [&](int id) { return id != impl_->info.padId && id != impl_->info.eosId; });
    std::string text;
    auto sink = makeSink([&](const char* data, size_t size) { text.assign(data, size); });
    impl_->check(impl_->api->decodeIds(impl_->processor, kept.data(), kept.size(),
                                       &decltype(sink)::template receive<char>, &sink),
                 sink.failure, "cannot decode");
    return text;
}

std::string Tokenizer::piece(int id) const
{
    std::string result;
    auto sink = makeSink([&](const char* data, size_t size) { result.assign(data, size); });
    impl_->check(impl_->api->idToPiece(impl_->processor, id, &decltype(sink)::template receive<char>, &sink),
                 sink.failure, "no such piece");
    return result;
}

std::string Tokenizer::displayPiece(int id) const
{
    const std::string spelled = piece(id);  // throws for an id out of range
    switch (impl_->api->pieceKind(impl_->processor, id)) {
        case MT_SPM_PIECE_NORMAL: return replaceAll(spelled, "\u2581", "\u00b7");
        case MT_SPM_PIECE_BYTE: return displayBytePiece(spelled);
        default:  // unknown, control, unused: their spelling ("<unk>", "</s>") already reads well
            return spelled;
    }
}

int Tokenizer::pieceToId(std::string_view piece) const
{
    return impl_->api->pieceToId(impl_->processor, piece.data(), piece.size());
}

int Tokenizer::vocabSize() const
{
    return impl_->info.vocabSize;
}
int Tokenizer::padId() const
{
    return impl_->info.padId;
}
int Tokenizer::eosId() const
{
    return impl_->info.eosId;
}
int Tokenizer::unkId() const
{
    return impl_->info.unkId;
}
const std::string& Tokenizer::modelPath() const
{
    return impl_->modelPath;
}

std::string Tokenizer::serializedModel() const
{
    std::string bytes;
    auto sink = makeSink([&](const char* data, size_t size) { bytes.assign(data, size); });
    impl_->check(impl_->api->serializedModel(impl_->processor, &decltype(sink)::template receive<char>, &sink),
                 sink.failure, "cannot serialize the model");
    return bytes;
}

}  // namespace megatoken
