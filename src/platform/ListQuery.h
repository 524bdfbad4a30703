#pragma once

#include "core/Api.h"
#include "core/Result.h"

#include <QHash>
#include <QJsonArray>
#include <QVariantList>

#include <optional>

namespace pb {

// limit / start_after / order / filter of PLATFORM-API.md, applied to a list of JSON objects.
// filter: field[op]value with op in eq neq gt lt gte lte in like "not in" "not like" (a leading
// '~' on the value is accepted and ignored; "in" takes a comma-separated list; like uses % and _).
// Dotted fields reach into objects (e.g. provider_config.url); array fields match any element.
struct ListQuery {
    int limit = 100;
    QString startAfter;
    QList<QPair<QString, bool>> order; // field, descending
    struct Filter {
        QString field;
        QString op;
        QString value;
    };
    QList<Filter> filters;

    static Result<ListQuery> parse(const ApiRequest& request);
    // Filters, orders (name ascending unless told), skips to after start_after, then limits.
    QJsonArray apply(const QJsonArray& items, const QString& defaultOrder = QStringLiteral("name"), bool defaultDescending = false) const;
    bool matches(const QJsonObject& item) const;

    // The same query as SQL, when every filter and order field is a plain column (api field ->
    // SQL column); lists over thousands of rows then never leave the database whole.
    struct SqlPlan {
        QString where;   // "" or "a = ? AND ..." (no WHERE keyword)
        QVariantList binds;
        QString orderBy; // without ORDER BY keyword
        int limit = 100;
    };
    std::optional<SqlPlan> sqlPlan(const QHash<QString, QString>& columns, const QString& defaultOrder) const;
};

} // namespace pb
