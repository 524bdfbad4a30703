#pragma once

#include <QString>

class QWidget;

namespace pb {

// File choices go through here so tests can name the file in advance instead of blocking on a
// modal dialog (KeePassXC's FileDialog).
class FileDialog final {
public:
    static QString getSaveFileName(QWidget* parent, const QString& caption, const QString& dir,
                                   const QString& filter);
    static QString getOpenFileName(QWidget* parent, const QString& caption, const QString& dir,
                                   const QString& filter);
    // The next call returns this name without showing a dialog; an empty name means "cancelled".
    static void setNextFileName(const QString& fileName);

private:
    static bool takeNext(QString* fileName);
};

} // namespace pb
