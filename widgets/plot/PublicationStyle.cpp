#include "widgets/plot/PublicationStyle.h"

#include <algorithm>
#include <cmath>

namespace megatoken {

QSizeF PublicationStyle::pagePoints(double defaultAspect) const
{
    constexpr double kPointsPerCm = 72.0 / 2.54;
    const double width = std::max(1.0, widthCm) * kPointsPerCm;
    const double height = heightCm > 0 ? heightCm * kPointsPerCm : width * defaultAspect;
    return QSizeF(width, height);
}

QSize PublicationStyle::logicalSize(double basePt, double dpi, double defaultAspect) const
{
    const QSizeF page = pagePoints(defaultAspect);
    const double scale = std::max(1.0, basePt) / std::clamp(fontPt, 4.0, 40.0) * std::max(1.0, dpi) / 72.0;
    return QSize(std::max(16, static_cast<int>(std::lround(page.width() * scale))),
                 std::max(16, static_cast<int>(std::lround(page.height() * scale))));
}

}  // namespace megatoken
