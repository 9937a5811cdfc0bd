#include "core/runs/SweepTable.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/data/Trimmed.h"
#include "core/io/AtomicFile.h"
#include "core/io/NumberFormat.h"
#include "core/runs/RunFileError.h"

namespace megatoken {

namespace {

std::vector<std::string> splitCells(const std::string& line)
{
    std::vector<std::string> cells;
    std::string_view rest(line);
    for (;;) {
        const auto comma = rest.find(',');
        cells.emplace_back(trimmed(rest.substr(0, comma)));
        if (comma == std::string_view::npos)
            return cells;
        rest.remove_prefix(comma + 1);
    }
}

double number(const std::string& path, std::uint64_t line, const std::string& column, const std::string& cell)
{
    std::string_view text(cell);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size())
        throw RunFileError(path, line, "column '" + column + "': not a number: '" + cell + "'");
    return value;
}

std::string format(double value)
{
    return formatGeneral(value, 9);
}

// Method and run names are ours (no commas), but a user's --name could hold one.
std::string cleanName(std::string name)
{
    for (char& c : name)
        if (c == ',' || c == '\n' || c == '\r')
            c = '_';
    return name;
}

} // namespace

const std::vector<std::string>& sweepColumns()
{
    static const std::vector<std::string> columns{
        "method",        "target_keep",      "run",          "steps",           "texts",
        "keep_ratio",    "accuracy_hard",    "accuracy_soft", "accuracy_free",  "bleu_free",
        "rouge_l_free",  "exact_match_free", "tokens_per_s_masked", "tokens_per_s_hard"};
    return columns;
}

std::vector<SweepRow> readSweepTable(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw RunFileError(path, std::string("cannot open (") + std::strerror(errno) + ")");
    std::string line;
    std::uint64_t lineNumber = 0;
    std::vector<std::string> header;
    while (header.empty() && std::getline(file, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!trimmed(line).empty())
            header = splitCells(line);
    }
    if (header.empty())
        throw RunFileError(path, "empty file: expected a header line");
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < header.size(); ++i)
        index[header[i]] = i;
    for (const auto& column : sweepColumns())
        if (!index.count(column))
            throw RunFileError(path, lineNumber, "missing column '" + column + "'");

    std::vector<SweepRow> rows;
    while (std::getline(file, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (trimmed(line).empty())
            continue;
        const auto cells = splitCells(line);
        if (cells.size() != header.size())
            throw RunFileError(path, lineNumber, "expected " + std::to_string(header.size()) + " cells, got " +
                                                     std::to_string(cells.size()));
        const auto cell = [&](const char* name) -> const std::string& { return cells[index.at(name)]; };
        const auto value = [&](const char* name) { return number(path, lineNumber, name, cell(name)); };
        SweepRow row;
        row.method = cell("method");
        if (row.method.empty())
            throw RunFileError(path, lineNumber, "column 'method' is empty");
        row.targetKeep = value("target_keep");
        row.run = cell("run");
        row.steps = static_cast<std::int64_t>(value("steps"));
        row.texts = static_cast<std::int64_t>(value("texts"));
        row.keepRatio = value("keep_ratio");
        row.accuracyHard = value("accuracy_hard");
        row.accuracySoft = value("accuracy_soft");
        row.accuracyFree = value("accuracy_free");
        row.bleuFree = value("bleu_free");
        row.rougeLFree = value("rouge_l_free");
        row.exactMatchFree = value("exact_match_free");
        row.tokensPerSecondMasked = value("tokens_per_s_masked");
        row.tokensPerSecondHard = value("tokens_per_s_hard");
        rows.push_back(std::move(row));
    }
    if (file.bad())
        throw RunFileError(path, "read error");
    return rows;
}

void writeSweepTable(const std::string& path, const std::vector<SweepRow>& rows)
{
    std::ostringstream out;
    const auto& columns = sweepColumns();
    for (std::size_t i = 0; i < columns.size(); ++i)
        out << (i ? "," : "") << columns[i];
    out << '\n';
    for (const auto& r : rows) {
        out << cleanName(r.method) << ',' << format(r.targetKeep) << ',' << cleanName(r.run) << ',' << r.steps << ','
            << r.texts << ',' << format(r.keepRatio) << ',' << format(r.accuracyHard) << ','
            << format(r.accuracySoft) << ',' << format(r.accuracyFree) << ',' << format(r.bleuFree) << ','
            << format(r.rougeLFree) << ',' << format(r.exactMatchFree) << ',' << format(r.tokensPerSecondMasked)
            << ',' << format(r.tokensPerSecondHard) << '\n';
    }
    try {
        writeFileAtomically(path, out.str());
    } catch (const FileWriteError& e) {
        throw RunFileError(e.file(), e.problem());
    }
}

std::string sweepMarkdown(const std::vector<SweepRow>& rows)
{
    std::ostringstream out;
    out << "| method | target | kept | hard acc | soft acc | free acc | BLEU | ROUGE-L | exact | tok/s masked | tok/s "
           "hard | speed-up |\n";
    out << "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& r : rows) {
        const double speedup = r.tokensPerSecondMasked > 0 ? r.tokensPerSecondHard / r.tokensPerSecondMasked : 0.0;
        out << "| " << r.method << " | " << formatFixed(r.targetKeep, 2) << " | " << formatFixed(r.keepRatio, 3)
            << " | " << formatFixed(r.accuracyHard, 3) << " | " << formatFixed(r.accuracySoft, 3) << " | "
            << formatFixed(r.accuracyFree, 3) << " | " << formatFixed(r.bleuFree, 1) << " | "
            << formatFixed(r.rougeLFree, 3) << " | " << formatFixed(r.exactMatchFree, 3) << " | "
            << formatFixed(r.tokensPerSecondMasked, 0) << " | " << formatFixed(r.tokensPerSecondHard, 0) << " | "
            << formatFixed(speedup, 2) << "x |\n";
    }
    return out.str();
}

} // namespace megatoken
