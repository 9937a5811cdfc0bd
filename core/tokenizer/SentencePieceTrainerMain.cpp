// megatoken-spm-train: sentencepiece training in a process of its own.
//
// sentencepiece's trainer has no way to be interrupted: once it has read its sentences it runs
// its EM rounds to the end (minutes on a large corpus), and a fatal check inside it calls exit().
// Run here, the caller (Tokenizer::train, through SentencePieceTrainingProcess) can end it at any
// moment with SIGKILL, losing nothing but the training itself, and a crash in sentencepiece ends
// this process, not the workbench.
//
// Usage: megatoken-spm-train MODULE WORKDIR PARENT_PID   (the job on stdin)
//   MODULE      libmegatoken_spm.so to train with (its `train` entry point)
//   WORKDIR     where sentencepiece writes <model_prefix>.model and .vocab (model_prefix is
//               relative, so the model does not record a temporary folder)
//   PARENT_PID  the caller: the helper ends itself when that process is gone
// The job, in the machine's byte order (both ends are on one machine):
//   "MTSPMTRAIN1\n"
//   u64 option count, then per option: u64 size, key bytes, u64 size, value bytes
//   u64 text count, then per text: u64 size, text bytes
// Exit status: 0 trained (files written); 1 sentencepiece reported an error, 2 bad use or a
// broken job; the message is the whole of stdout. sentencepiece's log goes to stderr.
#include <dlfcn.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/tokenizer/SentencePieceApi.h"

namespace {

constexpr char kMagic[] = "MTSPMTRAIN1\n";

[[noreturn]] void fail(int status, const std::string& message)
{
    std::fwrite(message.data(), 1, message.size(), stdout);
    std::fflush(stdout);
    std::_Exit(status);
}

void readExactly(void* into, std::size_t size)
{
    if (size > 0 && std::fread(into, 1, size, stdin) != size)
        fail(2, "megatoken-spm-train: the job on stdin ended early");
}

std::uint64_t readCount()
{
    std::uint64_t value = 0;
    readExactly(&value, sizeof value);
    return value;
}

std::string readString()
{
    std::string value(readCount(), '\0');
    readExactly(value.data(), value.size());
    return value;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 4) fail(2, "usage: megatoken-spm-train MODULE WORKDIR PARENT_PID < job");
    // Die with the caller: SIGKILL when the thread that started us ends (it waits for us, so that
    // only happens when the caller's process dies), and a check for a caller already gone.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != static_cast<pid_t>(std::strtol(argv[3], nullptr, 10))) return 2;

    void* module = mtSpmOpenModule(argv[1]);
    if (!module) fail(2, std::string("cannot load the sentencepiece module: ") + dlerror());
    auto entry = reinterpret_cast<MtSpmApiEntryPoint>(dlsym(module, MT_SPM_API_SYMBOL));
    const MtSpmApi* api = entry ? entry() : nullptr;
    if (!api || api->abiVersion != MT_SPM_ABI_VERSION || api->structSize != sizeof(MtSpmApi))
        fail(2, std::string(argv[1]) + ": not a megatoken_spm module of ABI version " +
                    std::to_string(MT_SPM_ABI_VERSION));

    std::vector<char> buffer(1 << 20);
    std::setvbuf(stdin, buffer.data(), _IOFBF, buffer.size());
    char magic[sizeof kMagic - 1];
    readExactly(magic, sizeof magic);
    if (std::memcmp(magic, kMagic, sizeof magic) != 0) fail(2, "megatoken-spm-train: not a training job on stdin");

    std::vector<std::string> keys, values;
    for (std::uint64_t i = 0, n = readCount(); i < n; ++i) {
        keys.push_back(readString());
        values.push_back(readString());
    }
    const std::uint64_t count = readCount();
    std::vector<std::string> texts;
    texts.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) texts.push_back(readString());

    std::vector<const char*> keyData, valueData, textData;
    std::vector<size_t> textSizes;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        keyData.push_back(keys[i].c_str());
        valueData.push_back(values[i].c_str());
    }
    textData.reserve(texts.size());
    textSizes.reserve(texts.size());
    for (const std::string& text : texts) {
        textData.push_back(text.data());
        textSizes.push_back(text.size());
    }
    if (chdir(argv[2]) != 0) fail(2, std::string(argv[2]) + ": cannot enter (" + std::strerror(errno) + ")");

    if (char* error = api->train(textData.data(), textSizes.data(), textData.size(), keyData.data(), valueData.data(),
                                 keyData.size())) {
        const std::string message = error;
        api->freeError(error);
        fail(1, message);
    }
    return 0;
}
