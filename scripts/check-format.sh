#!/usr/bin/env bash
# Checks that every C++ file follows .clang-format (clang-format 14, Debian 12's). CI runs it;
# `scripts/check-format.sh --fix` reformats in place instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.h' '*.cpp' '*.cu')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  echo "check-format: formatted ${#files[@]} files"
else
  clang-format --dry-run -Werror "${files[@]}"
  echo "check-format: ${#files[@]} files follow .clang-format"
fi
