#pragma once
#include <string>

namespace megatoken {

// An exclusive advisory lock on a file (flock(2), created if missing), held from construction to
// destruction: processes that share a folder's tables (two `megatoken sweep`s of one sweep folder,
// run side by side) take it around each read-merge-write, so neither overwrites the other's rows.
// Blocks until the lock is free. Locks are per open file, so a second FolderLock on the same path
// in one process waits too; the kernel drops the lock when its process dies. Where the file cannot
// be created (a read-only folder) it holds nothing and locked() is false: the write that follows
// fails with its own message naming the file.
class FolderLock {
public:
    explicit FolderLock(const std::string& path);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

    bool locked() const { return descriptor_ >= 0; }

private:
    int descriptor_ = -1;
};

}  // namespace megatoken
