#pragma once

#include <QJsonObject>
#include <QTextStream>

namespace pb::cli {

// Prints the secret of a Token ({secret, expires, permissions}) for the user to store.
void printToken(QTextStream& out, const QString& label, const QJsonObject& token);
// Prints a TokenPair ({access, refresh}).
void printTokenPair(QTextStream& out, const QJsonObject& pair);

} // namespace pb::cli
