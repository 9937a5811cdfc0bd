#include "widgets/plot/FigurePalette.h"

#include <QHash>

namespace megatoken {

const QVector<QColor>& okabeItoPalette()
{
    // Yellow last: on white paper it is the one hard to see as a thin line.
    static const QVector<QColor> palette{
        QColor(0x00, 0x72, 0xB2),  // blue
        QColor(0xD5, 0x5E, 0x00),  // vermillion
        QColor(0x00, 0x9E, 0x73),  // bluish green
        QColor(0xCC, 0x79, 0xA7),  // reddish purple
        QColor(0x56, 0xB4, 0xE9),  // sky blue
        QColor(0xE6, 0x9F, 0x00),  // orange
        QColor(0x00, 0x00, 0x00),  // black
        QColor(0xF0, 0xE4, 0x42),  // yellow
    };
    return palette;
}

QColor ColourBlindSafeMapping::map(const QColor& color)
{
    if (!color.isValid() || color.hsvSaturationF() < 0.1) return color;
    const QRgb key = color.rgb();
    auto it = mapped_.find(key);
    if (it == mapped_.end()) {
        const auto& palette = okabeItoPalette();
        it = mapped_.insert(key, palette[static_cast<int>(mapped_.size()) % palette.size()]);
    }
    QColor out = *it;
    out.setAlphaF(color.alphaF());
    return out;
}

void applyColourBlindSafePalette(Figure& figure)
{
    ColourBlindSafeMapping mapping;
    for (auto& axes : figure.axes)
        for (auto& series : axes.series) series.color = mapping.map(series.color);
    for (auto& entry : figure.key) entry.second = mapping.map(entry.second);
}

}  // namespace megatoken
