#include "cli/commands/TokenPrinting.h"

#include "cli/Output.h"

namespace pb::cli {

void printToken(QTextStream& out, const QString& label, const QJsonObject& token)
{
    out << label << " (expires " << token.value(QStringLiteral("expires")).toString() << "):\n  "
        << token.value(QStringLiteral("secret")).toString() << '\n';
    const QJsonObject perms = token.value(QStringLiteral("permissions")).toObject();
    if (!perms.isEmpty()) {
        out << "  scope: " << perms.value(QStringLiteral("resource_type")).toString();
        const QString resource = perms.value(QStringLiteral("resource_id")).toString();
        if (!resource.isEmpty())
            out << ' ' << resource;
        out << '\n';
    }
    const QString id = token.value(QStringLiteral("id")).toString();
    if (!id.isEmpty())
        out << "  id: " << id << '\n';
}

void printTokenPair(QTextStream& out, const QJsonObject& pair)
{
    // A TokenPair {access, refresh}, or a Token that carries its pair's refresh token.
    const QJsonObject access = pair.contains(QStringLiteral("access")) ? pair.value(QStringLiteral("access")).toObject() : pair;
    if (access.contains(QStringLiteral("secret")))
        printToken(out, QStringLiteral("Access token"), access);
    const QJsonObject refresh = pair.value(QStringLiteral("refresh")).toObject();
    if (refresh.contains(QStringLiteral("secret")))
        printToken(out, QStringLiteral("Refresh token"), refresh);
}

} // namespace pb::cli
