#include "widgets/plot/PlotFileExport.h"

#include "widgets/plot/PgfplotsWriter.h"
#include "widgets/plot/PublicationStyle.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QScreen>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <string_view>

#include "core/io/AtomicFile.h"

namespace megatoken {

QString PlotFileExport::formatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return formats().contains(suffix) ? suffix : QString();
}

double PlotFileExport::screenDpi()
{
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen ? screen->logicalDotsPerInch() : 96.0;
}

QStringList PlotFileExport::formats()
{
    return {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg"), QStringLiteral("tex")};
}

bool PlotFileExport::fail(QString* error, const QString& path, const QString& reason)
{
    if (error) *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
    return false;
}

bool PlotFileExport::checkTarget(const QString& path, const QSize& size, QString* error)
{
    if (path.trimmed().isEmpty()) return fail(error, path, tr("no file name given."));
    if (formatForPath(path).isEmpty())
        return fail(error, path,
                    tr("unknown image format \"%1\"; use .png, .pdf, .svg or .tex.").arg(QFileInfo(path).suffix()));
    if (size.width() <= 0 || size.height() <= 0)
        return fail(error, path, tr("the image size %1 × %2 is not positive.").arg(size.width()).arg(size.height()));
    const QFileInfo file(path);
    const QFileInfo folder(file.absolutePath());
    if (!folder.exists())
        return fail(error, path, tr("the folder %1 does not exist.").arg(QDir::toNativeSeparators(folder.filePath())));
    if (!folder.isDir())
        return fail(error, path, tr("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(folder.filePath())));
    if (!folder.isWritable())
        return fail(error, path, tr("the folder %1 is not writable.").arg(QDir::toNativeSeparators(folder.filePath())));
    if (file.exists() && (!file.isFile() || !file.isWritable()))
        return fail(error, path, tr("the existing file cannot be overwritten."));
    return true;
}

bool PlotFileExport::writeBytes(const QString& path, const QByteArray& bytes, QString* error)
{
    try {
        writeFileAtomically(QFile::encodeName(path).toStdString(),
                            std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    } catch (const FileWriteError& e) {
        return fail(error, path, QString::fromStdString(e.problem()) + QLatin1Char('.'));
    }
    return true;
}

bool PlotFileExport::writePgfplots(const QString& path, const Figure& figure, const PublicationStyle& style,
                                   double defaultWidthCm, const QString& source, QString* error)
{
    if (!checkTarget(path, QSize(1, 1), error)) return false;
    PgfplotsOptions options;
    options.widthCm = style.printSize() ? style.widthCm : defaultWidthCm;
    options.heightCm = style.heightCm;
    options.colourBlindSafe = style.colourBlindSafe;
    options.source = source;
    return writeBytes(path, pgfplotsDocument(figure, options).toUtf8(), error);
}

bool PlotFileExport::write(const QString& path, const QSize& size, const QString& title, const Painting& painting,
                           QString* error, const QSizeF& pagePoints)
{
    if (!checkTarget(path, size, error)) return false;
    const QString format = formatForPath(path);
    if (format == QLatin1String("tex"))
        return fail(error, path, tr("a .tex figure is written from the plot's data, not painted."));
    const QSizeF page = pagePoints.isValid() && !pagePoints.isEmpty() ? pagePoints : QSizeF(size);
    const QRect logical(QPoint(0, 0), size);
    // Every format is made in memory first and then written in one go by writeBytes: the PDF and
    // SVG writers would not notice a full disk, and a failed write must not leave half a file.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);

    if (format == QLatin1String("png")) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QCPPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painting(painter, size);
        }
        if (!image.save(&buffer, "PNG")) return fail(error, path, tr("the PNG encoder failed."));
        return writeBytes(path, bytes, error);
    }

    if (format == QLatin1String("pdf")) {
        // One page exactly the size of the picture, one point per logical pixel, like
        // QCustomPlot::savePdf, so text and line widths look as they do on screen.
        {
            QPdfWriter writer(&buffer);
            // The screen's resolution, as QCustomPlot's own savePdf (QPrinter::ScreenResolution):
            // text is laid out with the screen's font metrics, and at this resolution it is drawn
            // at the size the layout expects. At QPdfWriter's default of 1200 dpi every text came
            // out 12.5 times too large.
            writer.setResolution(qRound(screenDpi()));
            writer.setTitle(title);
            writer.setCreator(QCoreApplication::applicationName());
            writer.setPageLayout(QPageLayout(QPageSize(page, QPageSize::Point, QString(), QPageSize::ExactMatch),
                                             QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
            QCPPainter painter;
            if (!painter.begin(&writer)) return fail(error, path, tr("the PDF writer could not start."));
            painter.setMode(QCPPainter::pmVectorized);
            painter.setWindow(logical);
            painting(painter, size);
            painter.end();
        }
        return writeBytes(path, bytes, error);
    }

    {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        // At the screen's resolution, like the PDF; the size in millimetres follows from it, so
        // the page's points are converted to those pixels.
        const double dpi = screenDpi();
        generator.setResolution(qRound(dpi));
        generator.setSize((page * dpi / 72.0).toSize());
        generator.setViewBox(logical);
        generator.setTitle(title);
        QCPPainter painter;
        if (!painter.begin(&generator)) return fail(error, path, tr("the SVG writer could not start."));
        painter.setMode(QCPPainter::pmVectorized);
        painting(painter, size);
        painter.end();
    }
    if (bytes.isEmpty()) return fail(error, path, tr("nothing was drawn."));
    return writeBytes(path, bytes, error);
}

bool PlotFileExport::writeCustomPlot(QCustomPlot* plot, const QString& path, const QSize& size, const QString& title,
                                     QString* error)
{
    if (formatForPath(path) != QLatin1String("png")) {
        // PDF and SVG: the plot painted vectorized, through write().
        return write(
            path, size, title,
            [plot](QCPPainter& painter, const QSize& area) { plot->toPainter(&painter, area.width(), area.height()); },
            error);
    }
    // As QCustomPlot::savePng(path, width, height) draws it (96 dpi), written through writeBytes.
    QImage image = plot->toPixmap(size.width(), size.height(), 1.0).toImage();
    constexpr int kDotsPerMeter = static_cast<int>(96 / 0.0254);
    image.setDotsPerMeterX(kDotsPerMeter);
    image.setDotsPerMeterY(kDotsPerMeter);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (image.isNull() || !image.save(&buffer, "PNG")) return fail(error, path, tr("the PNG encoder failed."));
    return writeBytes(path, bytes, error);
}

}  // namespace megatoken
