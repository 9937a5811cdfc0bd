#pragma once
// Human-readable listings of the key table (ConfigKeys.h).

#include <string>

namespace megatoken {

// Every key by group: name, type with allowed values or valid range, default (the tiny preset),
// and its help sentence wrapped to 100 columns. For `megatoken --help` and `megatoken config keys`.
std::string configKeysHelp();

// The same as Markdown tables, plus a table of what each preset changes; docs/config-keys.md is
// this text (tst_run_config checks it).
std::string configKeysMarkdown();

}  // namespace megatoken
