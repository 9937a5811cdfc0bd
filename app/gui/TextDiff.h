#pragma once
// Word-level differences between a reference and an output (a reconstruction), for display: the
// longest common subsequence of words is kept plain, the rest is marked.

#include <QString>

namespace megatoken {

struct WordDiff {
    QString html;  // the output with words not in the reference marked
    int changedWords = 0;
    int outputWords = 0;
};

WordDiff highlightDifferences(const QString& reference, const QString& output);

}  // namespace megatoken
