#pragma once

#include <string>
#include <vector>

namespace megatoken {

// The lines of a UTF-8 text file as Python reads them in text mode (open(path).readlines() with
// universal newlines: "\n", "\r\n" and a lone "\r" each end a line), without their line ends. A
// final line without a terminator counts; a file ending in a line end has no empty last line.
// This is how sacreBLEU's command line reads hypotheses and references (sacrebleu.py, smart_open),
// so `megatoken score` segments a file exactly as sacreBLEU would. A UTF-8 byte order mark at the
// start is dropped.
// Throws DataError naming the file (and the line for invalid UTF-8) when the file is missing,
// unreadable, a directory, empty, or not UTF-8.
std::vector<std::string> readTextLines(const std::string& path);

}  // namespace megatoken
