#include "app/gui/InspectionToGrid.h"

#include <QCoreApplication>

#include <cmath>

namespace megatoken {

TokenGridData toTokenGridData(const Inspection& inspection)
{
    TokenGridData data;
    data.threshold = inspection.threshold;
    for (const auto& piece : inspection.pieces) data.pieces << QString::fromStdString(piece.display);
    for (const auto& megatoken : inspection.megatokens) data.megatokens << QString::fromStdString(megatoken);
    const double scale = std::sqrt(static_cast<double>(std::max<std::int64_t>(1, inspection.dKv)));
    for (std::size_t g = 0; g < inspection.gateBlocks.size(); ++g) {
        TokenGridRow row;
        row.label = QCoreApplication::translate("InspectorPanel", "gate %1 (after block %2)")
                        .arg(g + 1)
                        .arg(inspection.gateBlocks[g]);
        for (const auto& piece : inspection.pieces) {
            TokenGridCell cell;
            cell.logAlpha = g < piece.logAlpha.size() ? piece.logAlpha[g] : 0.0;
            cell.alpha = std::exp(cell.logAlpha);
            cell.accumulated = g < piece.accumulated.size() ? piece.accumulated[g] : 0.0;
            cell.keepProbability = std::exp(cell.accumulated / scale);
            cell.dropped = piece.droppedAtGate >= 0 && piece.droppedAtGate <= static_cast<int>(g);
            cell.droppedHere = piece.droppedAtGate == static_cast<int>(g);
            const auto display = [&](int position) {
                return QString::fromStdString(inspection.pieces[static_cast<std::size_t>(position)].display);
            };
            const int pieceCount = static_cast<int>(inspection.pieces.size());
            if (cell.droppedHere && piece.mergedInto >= 0 && piece.mergedInto < pieceCount)
                cell.mergedInto = display(piece.mergedInto);
            if (g < piece.absorbed.size())
                for (const int position : piece.absorbed[g])
                    if (position >= 0 && position < pieceCount) cell.absorbed << display(position);
            if (g < piece.topAttended.size()) {
                for (const auto& [position, weight] : piece.topAttended[g]) {
                    if (position < 0 || position >= static_cast<int>(inspection.pieces.size())) continue;
                    cell.attendedTo << QStringLiteral("%1 %2")
                                           .arg(QString::fromStdString(
                                               inspection.pieces[static_cast<std::size_t>(position)].display))
                                           .arg(weight, 0, 'f', 2);
                }
            }
            row.cells.push_back(cell);
        }
        data.gateRows.push_back(row);
    }
    return data;
}

}  // namespace megatoken
