#include "core/runs/CheckpointContainer.h"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <vector>

#include "core/runs/RunFileError.h"

namespace megatoken {
namespace {

struct ArchiveCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

struct EntryCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using Entry = std::unique_ptr<zip_file_t, EntryCloser>;

std::string libzipMessage(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return message;
}

// Reads every entry (checking its CRC-32 as libzip does at the end of each entry) and the
// structure around them.
CheckpointContainerInfo checkArchive(zip_t* archive, const std::string& name)
{
    const auto fail = [&](const std::string& problem) {
        throw RunFileError(name, "not a readable checkpoint: " + problem);
    };
    CheckpointContainerInfo info;
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count <= 0) fail("the archive has no entries");
    info.entries = static_cast<std::size_t>(count);

    bool hasData = false, hasVersion = false;
    std::string versionText;
    std::vector<char> buffer(1 << 16);
    for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive, i, 0, &stat) != 0)
            fail("entry " + std::to_string(i) + ": " + zip_strerror(archive));
        const std::string entryName = (stat.valid & ZIP_STAT_NAME) && stat.name ? stat.name : "";
        const std::string where = "entry '" + entryName + "'";
        const std::size_t slash = entryName.find('/');
        if (entryName.empty() || slash == std::string::npos || slash == 0)
            fail(where + " is not inside the archive's top folder");
        const std::string folder = entryName.substr(0, slash);
        if (i == 0)
            info.folder = folder;
        else if (folder != info.folder)
            fail(where + " is outside the top folder '" + info.folder + "'");
        if ((stat.valid & ZIP_STAT_COMP_METHOD) && stat.comp_method != ZIP_CM_STORE &&
            stat.comp_method != ZIP_CM_DEFLATE)
            fail(where + " uses compression method " + std::to_string(stat.comp_method));
        if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
            fail(where + " is encrypted");
        const std::string inFolder = entryName.substr(slash + 1);
        hasData = hasData || inFolder == "data.pkl";
        const bool isVersion = inFolder == "version";
        hasVersion = hasVersion || isVersion;

        Entry file(zip_fopen_index(archive, i, 0));
        if (!file) fail(where + ": " + zip_strerror(archive));
        zip_uint64_t total = 0;
        for (;;) {
            const zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
            if (got < 0) fail(where + ": " + zip_file_strerror(file.get()));  // a CRC mismatch shows here
            if (got == 0) break;
            total += static_cast<zip_uint64_t>(got);
            if (isVersion && versionText.size() < 32)
                versionText.append(buffer.data(), std::min<std::size_t>(static_cast<std::size_t>(got), 32));
        }
        if ((stat.valid & ZIP_STAT_SIZE) && total != stat.size)
            fail(where + " holds " + std::to_string(total) + " bytes, its header says " + std::to_string(stat.size));
        info.payloadBytes += total;
    }
    if (!hasData) fail("no data.pkl in '" + info.folder + "/'");
    if (!hasVersion) fail("no version entry in '" + info.folder + "/'");
    while (!versionText.empty() && (versionText.back() == '\n' || versionText.back() == '\r')) versionText.pop_back();
    const char* begin = versionText.data();
    const char* end = begin + versionText.size();
    const auto [last, error] = std::from_chars(begin, end, info.formatVersion);
    if (versionText.empty() || error != std::errc() || last != end || info.formatVersion <= 0)
        fail("the version entry is not a positive integer");
    return info;
}

}  // namespace

CheckpointContainerInfo checkCheckpointContainer(const std::string& path)
{
    int code = 0;
    Archive archive(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
    if (!archive) throw RunFileError(path, "not a readable checkpoint (truncated or corrupt?): " + libzipMessage(code));
    return checkArchive(archive.get(), path);
}

CheckpointContainerInfo checkCheckpointContainer(const void* data, std::size_t size, const std::string& name)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(data, size, 0, &error);
    if (!source) {
        const std::string message = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw RunFileError(name, "cannot read the checkpoint: " + message);
    }
    Archive archive(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!archive) {
        zip_source_free(source);
        const std::string message = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw RunFileError(name, "not a readable checkpoint (truncated or corrupt?): " + message);
    }
    zip_error_fini(&error);
    return checkArchive(archive.get(), name);
}

}  // namespace megatoken
