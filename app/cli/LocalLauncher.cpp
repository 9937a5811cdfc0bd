#include "app/cli/LocalLauncher.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

namespace megatoken::cli {
namespace {

volatile std::sig_atomic_t interrupts = 0;

extern "C" void onLauncherSignal(int)
{
    interrupts = interrupts + 1;
}

std::string describeEnding(int status)
{
    if (WIFSIGNALED(status)) {
        const int signal = WTERMSIG(status);
        return "was killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
    }
    return "exited with status " + std::to_string(WEXITSTATUS(status));
}

int exitCodeOf(int status)
{
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

}  // namespace

std::vector<std::string> argumentsWithoutNproc()
{
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> words;
    for (std::size_t at = 0; at < all.size();) {
        const std::size_t end = all.find('\0', at);
        words.push_back(all.substr(at, end == std::string::npos ? std::string::npos : end - at));
        if (end == std::string::npos) break;
        at = end + 1;
    }
    std::vector<std::string> kept;
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (words[i] == "--nproc") {
            ++i;  // and its value
            continue;
        }
        if (words[i].rfind("--nproc=", 0) == 0) continue;
        kept.push_back(words[i]);
    }
    return kept;
}

int launchLocalWorkers(int nproc, const std::vector<std::string>& arguments, int graceSeconds)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) throw std::runtime_error("--nproc: cannot find this program (/proc/self/exe): " + error.message());
    std::string pattern = (fs::temp_directory_path() / "megatoken-rendezvous-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))  // mode 0700: only this user can join
        throw std::runtime_error("--nproc: cannot make a rendezvous directory in " +
                                 fs::temp_directory_path().string() + ": " + std::strerror(errno));
    const fs::path directory(pattern);
    const std::string storeFile = (directory / "store").string();

    struct sigaction action {};
    action.sa_handler = onLauncherSignal;
    sigemptyset(&action.sa_mask);
    struct sigaction oldInt {
    }, oldTerm{};
    sigaction(SIGINT, &action, &oldInt);
    sigaction(SIGTERM, &action, &oldTerm);

    std::vector<pid_t> pids(static_cast<std::size_t>(nproc), -1);
    std::vector<bool> running(static_cast<std::size_t>(nproc), false);
    const auto signalAll = [&](int signal) {
        for (std::size_t r = 0; r < pids.size(); ++r)
            if (running[r]) ::kill(pids[r], signal);
    };
    for (int rank = 0; rank < nproc; ++rank) {
        const pid_t pid = ::fork();
        if (pid < 0) {
            signalAll(SIGKILL);
            throw std::runtime_error(std::string("--nproc: fork failed: ") + std::strerror(errno));
        }
        if (pid == 0) {
            ::setpgid(0, 0);  // the terminal's Ctrl-C reaches the launcher only
            ::signal(SIGINT, SIG_DFL);
            ::signal(SIGTERM, SIG_DFL);
            ::setenv("RANK", std::to_string(rank).c_str(), 1);
            ::setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
            ::setenv("WORLD_SIZE", std::to_string(nproc).c_str(), 1);
            ::setenv("LOCAL_WORLD_SIZE", std::to_string(nproc).c_str(), 1);
            ::setenv("MEGATOKEN_RENDEZVOUS_FILE", storeFile.c_str(), 1);
            std::vector<char*> argv;
            std::string program = self.string();
            argv.push_back(program.data());
            std::vector<std::string> copies = arguments;
            for (auto& a : copies) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(program.c_str(), argv.data());
            std::fprintf(stderr, "megatoken: rank %d: cannot run %s: %s\n", rank, program.c_str(),
                         std::strerror(errno));
            ::_exit(127);
        }
        pids[static_cast<std::size_t>(rank)] = pid;
        running[static_cast<std::size_t>(rank)] = true;
    }
    std::fprintf(stderr, "megatoken: %d processes on this host (ranks 0-%d; rank 0 reports)\n", nproc, nproc - 1);

    int result = 0;
    int forwarded = 0;
    int live = nproc;
    auto never = std::chrono::steady_clock::time_point::max();
    std::chrono::steady_clock::time_point stopAt = never, killAt = never;
    while (live > 0) {
        if (interrupts > forwarded) {
            // First Ctrl-C (or SIGTERM): every worker stops after its step; the next: kill.
            signalAll(forwarded == 0 ? SIGINT : SIGKILL);
            forwarded = interrupts;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= stopAt) {
            std::fprintf(stderr, "megatoken: asking the ranks still running after %d s to stop\n", graceSeconds);
            signalAll(SIGINT);
            stopAt = never;
            killAt = now + std::chrono::seconds(graceSeconds);
        }
        if (now >= killAt) {
            std::fprintf(stderr, "megatoken: killing the ranks still running\n");
            signalAll(SIGKILL);
            killAt = never;
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        std::size_t rank = 0;
        while (rank < pids.size() && pids[rank] != pid) ++rank;
        if (rank == pids.size()) continue;
        running[rank] = false;
        --live;
        const bool failed = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        if (failed && result == 0) {
            result = exitCodeOf(status);
            if (live > 0) {
                std::fprintf(stderr, "megatoken: rank %zu (pid %d) %s; the other ranks will stop\n", rank,
                             static_cast<int>(pid), describeEnding(status).c_str());
                stopAt = std::chrono::steady_clock::now() + std::chrono::seconds(graceSeconds);
            } else {
                std::fprintf(stderr, "megatoken: rank %zu (pid %d) %s\n", rank, static_cast<int>(pid),
                             describeEnding(status).c_str());
            }
        }
    }
    sigaction(SIGINT, &oldInt, nullptr);
    sigaction(SIGTERM, &oldTerm, nullptr);
    fs::remove_all(directory, error);
    return result;
}

}  // namespace megatoken::cli
