#pragma once

#include <QCoreApplication>
#include <QSize>
#include <QSizeF>
#include <QString>

#include <functional>

class QCPPainter;
class QCustomPlot;

namespace megatoken {

struct Figure;
struct PublicationStyle;

// The file side of exporting plots, shared by one plot and the whole dashboard: the format a
// path asks for, a check that the file can be written (so the error names the real reason,
// not a painter's silent failure), and writing a painting as PNG, PDF or SVG.
class PlotFileExport {
    Q_DECLARE_TR_FUNCTIONS(PlotFileExport)

public:
    // Paints a picture of size (in logical pixels) with painter; it may be called on a raster
    // image, a PDF page or an SVG document.
    using Painting = std::function<void(QCPPainter& painter, const QSize& size)>;

    // "png", "pdf", "svg" or "tex" (pgfplots, PgfplotsWriter.h) from the path's suffix (case-insensitive); empty when none of these.
    static QString formatForPath(const QString& path);
    // The resolution PDF and SVG pages are made at: the primary screen's logical dots per inch
    // (96 offscreen), the one the plots' text is laid out for.
    static double screenDpi();

    // The suffixes supported, in the order offered to users.
    static QStringList formats();

    // True when path has a known suffix, a positive size and a writable folder; otherwise false
    // with *error (if given) naming the file and the reason.
    static bool checkTarget(const QString& path, const QSize& size, QString* error);

    // Writes painting to path in the format its suffix names, atomically (core/io/AtomicFile: a
    // failed export leaves an existing file as it was). Checks the target first. False with *error
    // naming the file and the reason, the system's for a failed write ("write error (No space left
    // on device).").
    // pagePoints: a PDF's page and an SVG's size in points when they differ from size (a print
    // size, PublicationStyle.h): the painting is laid out at size and scaled onto the page.
    static bool write(const QString& path, const QSize& size, const QString& title, const Painting& painting,
                      QString* error, const QSizeF& pagePoints = QSizeF());

    // A whole QCustomPlot at size: a PNG as QCustomPlot::savePng draws it, a PDF or an SVG painted
    // through write(). Written and failing like write(); a PNG's target must have been checked
    // (checkTarget).
    static bool writeCustomPlot(QCustomPlot* plot, const QString& path, const QSize& size, const QString& title,
                                QString* error);

    // figure as a standalone pgfplots document (PgfplotsWriter.h) at the style's print size, or
    // defaultWidthCm wide without one, in its palette; source is the document's first comment.
    // Checked and written like writeBytes.
    static bool writePgfplots(const QString& path, const Figure& figure, const PublicationStyle& style,
                              double defaultWidthCm, const QString& source, QString* error);

    // bytes into path atomically (core/io/AtomicFile). False with *error naming the file and the
    // system's reason when it cannot be written (a full disk, a read-only folder).
    static bool writeBytes(const QString& path, const QByteArray& bytes, QString* error);

    // Sets *error (if given) to "Cannot write <file>: <reason>" and returns false, for one-line
    // failure returns.
    static bool fail(QString* error, const QString& path, const QString& reason);
};

}  // namespace megatoken
