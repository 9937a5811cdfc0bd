#include "core/runs/FolderLock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

namespace megatoken {

FolderLock::FolderLock(const std::string& path)
{
    descriptor_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (descriptor_ < 0) return;
    while (::flock(descriptor_, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        ::close(descriptor_);  // a filesystem without flock: go on unlocked, as before
        descriptor_ = -1;
        return;
    }
}

FolderLock::~FolderLock()
{
    if (descriptor_ >= 0) ::close(descriptor_);  // closing the last descriptor releases the lock
}

}  // namespace megatoken
