#include "core/tokenizer/SentencePieceTrainingProcess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>

#include "core/feedback/Feedback.h"
#include "core/tokenizer/SentencePieceLoader.h"
#include "core/tokenizer/Tokenizer.h"

extern char** environ;

namespace megatoken {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[] = "MTSPMTRAIN1\n";
constexpr int kPollMilliseconds = 50;
constexpr std::size_t kSendBytes = std::size_t{1} << 20;
constexpr std::size_t kLogLinesKept = 8;

// Progress shares: sending the texts, sentencepiece reading and preparing them, its main loop.
constexpr double kSent = 0.15, kLoaded = 0.18, kSeeded = 0.3, kTrained = 0.95, kSaving = 0.97;

[[noreturn]] void startFailure(const std::string& what)
{
    throw TokenizerError("megatoken-spm-train: " + what + " (" + std::strerror(errno) + ")");
}

class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() { reset(); }
    int get() const { return fd_; }
    bool open() const { return fd_ >= 0; }
    void reset()
    {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    void set(int fd)
    {
        reset();
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// The started helper; kills and reaps it when it goes out of scope still running, so that no
// path (an exception, a cancel) leaves a process behind.
class Child {
public:
    explicit Child(pid_t pid) : pid_(pid) {}
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() { kill(); }

    void kill()
    {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
        pid_ = -1;
    }
    // True once the helper has ended; status then holds its wait status.
    bool ended(int& status)
    {
        if (pid_ <= 0) return true;
        const pid_t result = ::waitpid(pid_, &status, WNOHANG);
        if (result == pid_ || (result < 0 && errno != EINTR)) {
            pid_ = -1;
            return true;
        }
        return false;
    }

private:
    pid_t pid_;
};

// The job as bytes, produced a piece at a time so that the texts are never copied whole.
class JobWriter {
public:
    explicit JobWriter(const SentencePieceTrainingJob& job) : job_(job)
    {
        for (const auto& text : *job.texts) total_ += text.size() + sizeof(std::uint64_t);
        header_.append(kMagic, sizeof kMagic - 1);
        appendCount(header_, job.options.size());
        for (const auto& [key, value] : job.options) {
            appendCount(header_, key.size());
            header_ += key;
            appendCount(header_, value.size());
            header_ += value;
        }
        appendCount(header_, job.texts->size());
        total_ += header_.size();
        pending_ = header_;
    }

    bool done() const { return position_ >= pending_.size() && next_ >= job_.texts->size(); }
    double fraction() const { return total_ ? static_cast<double>(sent_) / static_cast<double>(total_) : 1.0; }

    // Sends what the socket takes without blocking. Returns false when the helper has closed its
    // end (it failed early; its exit status says why).
    bool send(int socket)
    {
        while (!done()) {
            refill();
            const ssize_t n =
                ::send(socket, pending_.data() + position_, pending_.size() - position_, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0) {
                if (errno == EINTR) continue;
                return errno == EAGAIN || errno == EWOULDBLOCK;
            }
            position_ += static_cast<std::size_t>(n);
            sent_ += static_cast<std::uint64_t>(n);
        }
        return true;
    }

private:
    static void appendCount(std::string& out, std::uint64_t value)
    {
        out.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void refill()
    {
        if (position_ < pending_.size()) return;
        pending_.clear();
        position_ = 0;
        const auto& texts = *job_.texts;
        while (next_ < texts.size() && pending_.size() < kSendBytes) {
            appendCount(pending_, texts[next_].size());
            pending_ += texts[next_++];
        }
    }

    const SentencePieceTrainingJob& job_;
    std::string header_, pending_;
    std::size_t position_ = 0, next_ = 0;
    std::uint64_t sent_ = 0, total_ = 0;
};

// Estimates progress from sentencepiece's INFO log (0.1.97's wording). Loading: "Loaded 3000000
// lines" every million texts, then milestones of the preparation. Unigram: the seed vocabulary
// shrinks towards 1.1 x vocab_size by pruning rounds ("EM sub_iter=1 size=52311 ..."); BPE: merges
// grow it ("Added: freq=12 size=1220 ..."). Never goes backwards.
class LogProgress {
public:
    explicit LogProgress(const SentencePieceTrainingJob& job)
        : texts_(std::max<double>(1.0, static_cast<double>(job.texts->size())))
    {
        for (const auto& [key, value] : job.options) {
            if (key == "vocab_size") vocabSize_ = std::max(1.0, std::strtod(value.c_str(), nullptr));
            if (key == "model_type") bpe_ = value == "bpe";
        }
    }

    // The fraction reached after line, or a negative number when the line says nothing new.
    double read(const std::string& line)
    {
        const double fraction = estimate(line);
        if (fraction <= reached_) return -1.0;
        reached_ = fraction;
        return fraction;
    }

private:
    double estimate(const std::string& line)
    {
        static constexpr std::pair<const char*, double> kMilestones[] = {{"Normalizing sentences", 0.2},
                                                                         {"Done! preprocessed", 0.24},
                                                                         {"Making suffix array", 0.25},
                                                                         {"Extracting frequent sub strings", 0.27},
                                                                         {"Saving model", kSaving}};
        for (const auto& [text, fraction] : kMilestones)
            if (line.find(text) != std::string::npos) return fraction;
        if (const auto at = line.find("Loaded "); at != std::string::npos && line.find(" lines") != std::string::npos)
            return kSent + (kLoaded - kSent) * std::min(1.0, std::strtod(line.c_str() + at + 7, nullptr) / texts_);
        if (const auto at = line.find("Initialized ");
            at != std::string::npos && line.find("seed sentencepieces") != std::string::npos) {
            seeds_ = std::strtod(line.c_str() + at + 12, nullptr);
            return kSeeded;
        }
        const auto at = line.find(" size=");
        if (at == std::string::npos) return -1.0;
        const double size = std::strtod(line.c_str() + at + 6, nullptr);
        double done = 0.0;
        if (bpe_ && line.find("Added:") != std::string::npos) {
            done = size / vocabSize_;
        } else if (!bpe_ && line.find("EM sub_iter=") != std::string::npos && seeds_ > 0 && size > 0) {
            const double target = 1.1 * vocabSize_;
            done = seeds_ > target ? std::log(seeds_ / std::max(size, target)) / std::log(seeds_ / target) : 1.0;
        } else {
            return -1.0;
        }
        return kSeeded + (kTrained - kSeeded) * std::clamp(done, 0.0, 1.0);
    }

    double texts_;
    double reached_ = 0.0;
    double vocabSize_ = 8000;
    double seeds_ = 0;
    bool bpe_ = false;
};

std::string describeEnd(int status)
{
    if (WIFSIGNALED(status))
        return std::string("the trainer process was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
               strsignal(WTERMSIG(status)) + ")";
    return "the trainer process exited with status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

std::string runSentencePieceTraining(const SentencePieceTrainingJob& job, Feedback* feedback)
{
    const SentencePieceModule& module = sentencePieceModule();
    const std::string helper = (fs::path(module.path).parent_path() / "megatoken-spm-train").string();
    if (::access(helper.c_str(), X_OK) != 0)
        throw TokenizerError(helper + ": cannot run the sentencepiece trainer helper (" + std::strerror(errno) +
                             "); it is built and installed beside " + module.path);
    if (feedback) feedback->throwIfCancelled();

    int sockets[2], output[2], log[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) startFailure("socketpair");
    FileDescriptor jobOut(sockets[0]), jobIn(sockets[1]);
    if (::pipe2(output, O_CLOEXEC) != 0) startFailure("pipe");
    FileDescriptor messageIn(output[0]), messageOut(output[1]);
    if (::pipe2(log, O_CLOEXEC) != 0) startFailure("pipe");
    FileDescriptor logIn(log[0]), logOut(log[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, jobIn.get(), STDIN_FILENO);  // dup2 clears O_CLOEXEC
    posix_spawn_file_actions_adddup2(&actions, messageOut.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, logOut.get(), STDERR_FILENO);
    // A fresh signal state, and a process group of its own: a terminal's Ctrl-C goes to the
    // caller, which decides (cancel), never straight to the helper.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&defaults, signal);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

    const std::string parent = std::to_string(::getpid());
    std::vector<char*> argv{const_cast<char*>(helper.c_str()), const_cast<char*>(module.path.c_str()),
                            const_cast<char*>(job.workingDirectory.c_str()), const_cast<char*>(parent.c_str()),
                            nullptr};
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, helper.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) {
        errno = spawned;
        startFailure("cannot start " + helper);
    }
    Child child(pid);
    jobIn.reset();
    messageOut.reset();
    logOut.reset();
    setNonBlocking(jobOut.get());
    setNonBlocking(messageIn.get());
    setNonBlocking(logIn.get());

    JobWriter writer(job);
    LogProgress progress(job);
    std::string message, partialLine;
    std::deque<std::string> lastLines;
    const auto readLog = [&](const char* data, std::size_t size) {
        partialLine.append(data, size);
        for (std::size_t end; (end = partialLine.find('\n')) != std::string::npos; partialLine.erase(0, end + 1)) {
            const std::string line = partialLine.substr(0, end);
            if (job.forwardLog) std::fprintf(stderr, "%s\n", line.c_str());
            lastLines.push_back(line);
            if (lastLines.size() > kLogLinesKept) lastLines.pop_front();
            const double fraction = progress.read(line);
            if (feedback && fraction >= 0) feedback->setProgress(fraction);
        }
    };

    int status = 0;
    for (;;) {
        pollfd fds[3];
        nfds_t count = 0;
        if (jobOut.open()) fds[count++] = {jobOut.get(), POLLOUT, 0};
        if (messageIn.open()) fds[count++] = {messageIn.get(), POLLIN, 0};
        if (logIn.open()) fds[count++] = {logIn.get(), POLLIN, 0};
        if (count > 0) {
            if (::poll(fds, count, kPollMilliseconds) < 0 && errno != EINTR) startFailure("poll");
        } else {
            ::usleep(kPollMilliseconds * 1000 / 5);
        }
        if (feedback && feedback->isCancelled()) {
            child.kill();
            feedback->throwIfCancelled();
        }
        if (jobOut.open()) {
            const bool accepted = writer.send(jobOut.get());
            if (feedback) feedback->setProgress(kSent * writer.fraction());
            if (!accepted || writer.done()) jobOut.reset();  // EOF for the helper, or it is gone
        }
        char buffer[65536];
        for (FileDescriptor* pipe : {&messageIn, &logIn}) {
            while (pipe->open()) {
                const ssize_t n = ::read(pipe->get(), buffer, sizeof buffer);
                if (n > 0) {
                    if (pipe == &messageIn)
                        message.append(buffer, static_cast<std::size_t>(n));
                    else
                        readLog(buffer, static_cast<std::size_t>(n));
                } else if (n == 0 || (errno != EAGAIN && errno != EINTR && errno != EWOULDBLOCK)) {
                    pipe->reset();
                } else {
                    break;
                }
            }
        }
        if (!messageIn.open() && !logIn.open() && child.ended(status)) break;
    }
    if (!partialLine.empty()) readLog("\n", 1);

    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        if (feedback) feedback->setProgress(1.0);
        return {};
    }
    if (WIFEXITED(status) && (WEXITSTATUS(status) == 1 || WEXITSTATUS(status) == 2) && !message.empty()) return message;
    std::string why = describeEnd(status);
    if (!message.empty()) why += ": " + message;
    if (!lastLines.empty()) {
        why += "; its log ended with:";
        for (const auto& line : lastLines) why += "\n  " + line;
    }
    return why;
}

}  // namespace megatoken
