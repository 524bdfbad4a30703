#include "platform/Json.h"

#include "core/Ids.h"

namespace pb::json {

QString text(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

QJsonObject object(const QVariant& column)
{
    return QJsonDocument::fromJson(column.toString().toUtf8()).object();
}

QJsonArray array(const QVariant& column)
{
    return QJsonDocument::fromJson(column.toString().toUtf8()).array();
}

QStringList strings(const QJsonValue& value)
{
    QStringList out;
    const QJsonArray a = value.toArray();
    for (const QJsonValue& v : a)
        out.append(v.toString());
    return out;
}

QJsonArray fromStrings(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QVariant optional(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QJsonValue column(const QVariant& value)
{
    if (value.isNull())
        return QJsonValue::Null;
    return QJsonValue::fromVariant(value);
}

Result<QJsonObject> bodyObject(const QJsonValue& body)
{
    if (!body.isObject())
        return Problem::badRequest(QStringLiteral("The request body must be a JSON object."))
            .withParameter(QStringLiteral("body"), QStringLiteral("body"));
    return body.toObject();
}

Result<Names> names(const QJsonObject& body, const QString& fallbackName)
{
    Names n;
    const QJsonValue nameValue = body.value(QStringLiteral("name"));
    const QJsonValue fullValue = body.value(QStringLiteral("fullname"));
    if (!nameValue.isUndefined() && !nameValue.isNull() && !nameValue.isString())
        return Problem::badRequest(QStringLiteral("\"name\" must be a string."))
            .withParameter(QStringLiteral("name"), QStringLiteral("body"), nameValue);
    if (!fullValue.isUndefined() && !fullValue.isNull() && !fullValue.isString())
        return Problem::badRequest(QStringLiteral("\"fullname\" must be a string."))
            .withParameter(QStringLiteral("fullname"), QStringLiteral("body"), fullValue);
    n.fullname = fullValue.toString().trimmed();
    n.name = nameValue.toString().trimmed().toLower();
    if (n.name.isEmpty())
        n.name = n.fullname.isEmpty() ? fallbackName : slugify(n.fullname);
    if (n.name.isEmpty())
        return Problem::badRequest(QStringLiteral("A name or fullname is required."))
            .withParameter(QStringLiteral("name"), QStringLiteral("body"))
            .withRemediation(QStringLiteral("Give \"fullname\" (display name) and optionally \"name\" (a slug)."));
    if (!isValidSlug(n.name))
        return Problem::badRequest(QStringLiteral("The name is not a valid slug."),
                                   QStringLiteral("Names use only a-z, 0-9, '-' and '_' (1 to 64 characters)."))
            .withParameter(QStringLiteral("name"), QStringLiteral("body"), n.name);
    if (looksLikeId(n.name))
        return Problem::badRequest(QStringLiteral("A name may not look like an id."))
            .withParameter(QStringLiteral("name"), QStringLiteral("body"), n.name);
    if (n.fullname.isEmpty())
        n.fullname = n.name;
    return n;
}

} // namespace pb::json
