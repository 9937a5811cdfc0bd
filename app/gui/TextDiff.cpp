#include "app/gui/TextDiff.h"

#include <QStringList>
#include <QVector>

namespace megatoken {

WordDiff highlightDifferences(const QString& reference, const QString& output)
{
    const QStringList a = reference.split(' ', Qt::SkipEmptyParts);
    const QStringList b = output.split(' ', Qt::SkipEmptyParts);
    // LCS table over words; sentences are short, so O(n·m) is nothing.
    QVector<QVector<int>> lcs(a.size() + 1, QVector<int>(b.size() + 1, 0));
    for (int i = a.size() - 1; i >= 0; --i)
        for (int j = b.size() - 1; j >= 0; --j)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    WordDiff diff;
    diff.outputWords = b.size();
    QStringList words;
    int i = 0, j = 0;
    while (j < b.size()) {
        if (i < a.size() && a[i] == b[j]) {
            words << b[j].toHtmlEscaped();
            ++i;
            ++j;
        } else if (i < a.size() && lcs[i + 1][j] >= lcs[i][j + 1]) {
            ++i;  // a reference word the output lacks
        } else {
            words << QStringLiteral("<span style=\"background:#f8d0d0;color:#a00000\">%1</span>")
                         .arg(b[j].toHtmlEscaped());
            ++diff.changedWords;
            ++j;
        }
    }
    diff.html = words.join(' ');
    return diff;
}

}  // namespace megatoken
