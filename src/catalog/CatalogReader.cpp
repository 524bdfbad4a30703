#include "catalog/CatalogReader.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace pb::catalogio {

Result<QJsonObject> readJsonFile(const QString& path, const QString& shownName) {
    Reader reader(shownName);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        reader.fail({}, u"cannot be read ("_s % file.errorString() % u')');
        return reader.fault();
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        reader.fail({}, u"is not valid JSON: "_s % error.errorString() % u" at byte offset "_s %
                            QString::number(error.offset));
        return reader.fault();
    }
    if (!document.isObject()) {
        reader.fail({}, u"must hold a JSON object"_s);
        return reader.fault();
    }
    return document.object();
}

bool expandRefs(Reader& reader, const QString& pointer, QJsonValue& value, const QJsonObject& models,
                int depth) {
    if (depth > 16)
        return reader.fail(pointer, u"schema references nest too deeply (a reference cycle?)"_s);
    if (value.isArray()) {
        QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            QJsonValue item = items.at(i);
            if (!expandRefs(reader, at(pointer, i), item, models, depth + 1))
                return false;
            items[i] = item;
        }
        value = items;
        return true;
    }
    if (!value.isObject())
        return true;
    QJsonObject object = value.toObject();
    const QJsonValue ref = object.value(u"$ref"_s);
    if (!ref.isUndefined()) {
        const QString target = ref.toString();
        static const QString prefix = u"#/models/"_s;
        const QString name = target.startsWith(prefix) ? target.mid(prefix.size()) : QString();
        if (name.isEmpty() || !models.contains(name))
            return reader.fail(at(pointer, u"$ref"_s), u"unknown model reference \""_s % target % u'"');
        QJsonValue resolved = models.value(name);
        if (!expandRefs(reader, at(pointer, u"$ref"_s), resolved, models, depth + 1))
            return false;
        value = resolved;
        return true;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        QJsonValue child = it.value();
        if (!expandRefs(reader, at(pointer, it.key()), child, models, depth + 1))
            return false;
        it.value() = child;
    }
    value = object;
    return true;
}

} // namespace pb::catalogio
