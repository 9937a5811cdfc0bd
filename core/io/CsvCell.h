#pragma once
// One cell of a comma-separated file, as RFC 4180 writes it. For the long-format CSV export and
// any other CSV whose cells may hold commas, quotes, line breaks or outer blanks (run names, piece
// texts); numbers go through NumberFormat.h.

#include <string>
#include <string_view>

namespace megatoken {

// text as a CSV cell: unchanged when it needs no quoting; otherwise in double quotes, with each
// quote doubled. Quoted when it holds a comma, a double quote, CR or LF (RFC 4180, section 2.6-2.7)
// or starts or ends with a space or tab (spreadsheet programs would trim them).
std::string csvCell(std::string_view text);

}  // namespace megatoken
