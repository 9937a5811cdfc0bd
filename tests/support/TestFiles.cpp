#include "support/TestFiles.h"

#include <QFile>
#include <QtGlobal>

#include <fstream>

namespace megatoken::test {

std::string writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path.toStdString();
}

void writeFile(const std::filesystem::path& path, const std::string& text)
{
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (error || !out) qFatal("cannot write %s", path.string().c_str());
}

}  // namespace megatoken::test
