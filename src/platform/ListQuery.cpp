#include "platform/ListQuery.h"

#include <QRegularExpression>

#include <algorithm>

namespace pb {

namespace {

QJsonValue fieldValue(const QJsonObject& item, const QString& field)
{
    QJsonValue v = item;
    const QStringList parts = field.split(QLatin1Char('.'));
    for (const QString& p : parts)
        v = v.toObject().value(p);
    return v;
}

QString asText(const QJsonValue& v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return v.toString();
}

int compareValues(const QJsonValue& a, const QString& b)
{
    bool aNum = a.isDouble();
    bool bNum = false;
    const double bd = b.toDouble(&bNum);
    if (aNum && bNum)
        return a.toDouble() < bd ? -1 : (a.toDouble() > bd ? 1 : 0);
    return QString::compare(asText(a), b, Qt::CaseInsensitive);
}

bool likeMatch(const QString& text, const QString& pattern)
{
    QString rx;
    for (const QChar c : pattern) {
        if (c == QLatin1Char('%'))
            rx += QStringLiteral(".*");
        else if (c == QLatin1Char('_'))
            rx += QLatin1Char('.');
        else
            rx += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(rx), QRegularExpression::CaseInsensitiveOption)
        .match(text)
        .hasMatch();
}

bool matchOne(const QJsonValue& v, const QString& op, const QString& value)
{
    if (op == QStringLiteral("eq"))
        return compareValues(v, value) == 0;
    if (op == QStringLiteral("neq"))
        return compareValues(v, value) != 0;
    if (op == QStringLiteral("gt"))
        return compareValues(v, value) > 0;
    if (op == QStringLiteral("lt"))
        return compareValues(v, value) < 0;
    if (op == QStringLiteral("gte"))
        return compareValues(v, value) >= 0;
    if (op == QStringLiteral("lte"))
        return compareValues(v, value) <= 0;
    if (op == QStringLiteral("in") || op == QStringLiteral("not in")) {
        const QStringList options = value.split(QLatin1Char(','));
        const bool found = std::any_of(options.cbegin(), options.cend(),
                                       [&](const QString& o) { return compareValues(v, o.trimmed()) == 0; });
        return op == QStringLiteral("in") ? found : !found;
    }
    if (op == QStringLiteral("like"))
        return likeMatch(asText(v), value);
    if (op == QStringLiteral("not like"))
        return !likeMatch(asText(v), value);
    return false;
}

} // namespace

Result<ListQuery> ListQuery::parse(const ApiRequest& request)
{
    ListQuery q;
    const QString limit = request.queryValue(QStringLiteral("limit"));
    if (!limit.isEmpty()) {
        bool ok = false;
        q.limit = limit.toInt(&ok);
        if (!ok || q.limit < 1 || q.limit > 100000)
            return Problem::badRequest(QStringLiteral("\"limit\" must be a number from 1 to 100000."))
                .withParameter(QStringLiteral("limit"), QStringLiteral("query"), limit);
    }
    q.startAfter = request.queryValue(QStringLiteral("start_after"));
    static const QRegularExpression orderRx(QStringLiteral("^([A-Za-z0-9_.]+)(?:\\[(asc|desc)\\])?$"));
    for (const QString& o : request.queryValues(QStringLiteral("order"))) {
        const auto m = orderRx.match(o);
        if (!m.hasMatch())
            return Problem::badRequest(QStringLiteral("\"order\" must look like field[asc] or field[desc]."))
                .withParameter(QStringLiteral("order"), QStringLiteral("query"), o);
        q.order.append({m.captured(1), m.captured(2) == QStringLiteral("desc")});
    }
    static const QRegularExpression filterRx(
        QStringLiteral("^([A-Za-z0-9_.]+)\\[(eq|neq|gt|lt|gte|lte|in|like|not in|not like|not_in|not_like)\\](.*)$"));
    for (const QString& f : request.queryValues(QStringLiteral("filter"))) {
        const auto m = filterRx.match(f);
        if (!m.hasMatch())
            return Problem::badRequest(QStringLiteral("\"filter\" must look like field[op]value."),
                                       QStringLiteral("Operators: eq neq gt lt gte lte in like \"not in\" \"not like\"."))
                .withParameter(QStringLiteral("filter"), QStringLiteral("query"), f);
        QString value = m.captured(3);
        if (value.startsWith(QLatin1Char('~')))
            value = value.mid(1);
        QString op = m.captured(2);
        op.replace(QLatin1Char('_'), QLatin1Char(' '));
        q.filters.append({m.captured(1), op, value});
    }
    return q;
}

bool ListQuery::matches(const QJsonObject& item) const
{
    for (const Filter& f : filters) {
        const QJsonValue v = fieldValue(item, f.field);
        bool ok;
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            const bool negative = f.op.startsWith(QStringLiteral("not")) || f.op == QStringLiteral("neq");
            if (negative)
                ok = std::all_of(a.begin(), a.end(), [&](const QJsonValue& e) { return matchOne(e, f.op, f.value); });
            else
                ok = std::any_of(a.begin(), a.end(), [&](const QJsonValue& e) { return matchOne(e, f.op, f.value); });
        } else {
            ok = matchOne(v, f.op, f.value);
        }
        if (!ok)
            return false;
    }
    return true;
}

std::optional<ListQuery::SqlPlan> ListQuery::sqlPlan(const QHash<QString, QString>& columns, const QString& defaultOrder) const
{
    SqlPlan plan;
    plan.limit = limit;
    QStringList where;
    for (const Filter& f : filters) {
        const QString col = columns.value(f.field);
        if (col.isEmpty())
            return std::nullopt;
        if (f.op == QStringLiteral("in") || f.op == QStringLiteral("not in")) {
            const QStringList options = f.value.split(QLatin1Char(','));
            QStringList marks;
            for (const QString& o : options) {
                marks.append(QStringLiteral("?"));
                plan.binds.append(o.trimmed());
            }
            where.append(QStringLiteral("%1 %2 (%3)").arg(col, f.op == QStringLiteral("in") ? QStringLiteral("IN") : QStringLiteral("NOT IN"),
                                                          marks.join(QLatin1Char(','))));
            continue;
        }
        static const QHash<QString, QString> ops{{QStringLiteral("eq"), QStringLiteral("=")},   {QStringLiteral("neq"), QStringLiteral("<>")},
                                                 {QStringLiteral("gt"), QStringLiteral(">")},   {QStringLiteral("lt"), QStringLiteral("<")},
                                                 {QStringLiteral("gte"), QStringLiteral(">=")}, {QStringLiteral("lte"), QStringLiteral("<=")}};
        if (f.op == QStringLiteral("like") || f.op == QStringLiteral("not like")) {
            // LOWER on both sides: case-insensitive on every SQL server, like the in-memory path.
            where.append(QStringLiteral("LOWER(%1) %2 LOWER(?)").arg(col, f.op == QStringLiteral("like") ? QStringLiteral("LIKE") : QStringLiteral("NOT LIKE")));
        } else {
            where.append(QStringLiteral("%1 %2 ?").arg(col, ops.value(f.op)));
        }
        plan.binds.append(f.value);
    }
    auto ordering = order.isEmpty() ? QList<QPair<QString, bool>>{{defaultOrder, false}} : order;
    QStringList orderBy;
    for (const auto& [field, desc] : ordering) {
        const QString col = columns.value(field);
        if (col.isEmpty())
            return std::nullopt;
        orderBy.append(col + (desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC")));
    }
    if (!startAfter.isEmpty()) {
        // Keyset paging needs a single order on the name (unique in its scope).
        if (ordering.size() != 1 || ordering.first().first != QStringLiteral("name") || !columns.contains(QStringLiteral("name")))
            return std::nullopt;
        where.append(QStringLiteral("%1 %2 ?").arg(columns.value(QStringLiteral("name")),
                                                   ordering.first().second ? QStringLiteral("<") : QStringLiteral(">")));
        plan.binds.append(startAfter);
    }
    plan.where = where.join(QStringLiteral(" AND "));
    plan.orderBy = orderBy.join(QStringLiteral(", "));
    return plan;
}

QJsonArray ListQuery::apply(const QJsonArray& items, const QString& defaultOrder, bool defaultDescending) const
{
    QList<QJsonObject> rows;
    for (const QJsonValue& v : items) {
        if (matches(v.toObject()))
            rows.append(v.toObject());
    }
    auto ordering = order.isEmpty() ? QList<QPair<QString, bool>>{{defaultOrder, defaultDescending}} : order;
    std::stable_sort(rows.begin(), rows.end(), [&](const QJsonObject& a, const QJsonObject& b) {
        for (const auto& [field, desc] : ordering) {
            const int c = compareValues(fieldValue(a, field), asText(fieldValue(b, field)));
            if (c != 0)
                return desc ? c > 0 : c < 0;
        }
        return false;
    });
    qsizetype start = 0;
    if (!startAfter.isEmpty()) {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (rows.at(i).value(QStringLiteral("name")).toString() == startAfter ||
                rows.at(i).value(QStringLiteral("id")).toString() == startAfter) {
                start = i + 1;
                break;
            }
        }
    }
    QJsonArray out;
    for (qsizetype i = start; i < rows.size() && out.size() < limit; ++i)
        out.append(rows.at(i));
    return out;
}

} // namespace pb
