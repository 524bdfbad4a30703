#pragma once

// Internal to the catalog target: reading catalog files with faults that name the file and the
// JSON pointer of the offending value.

#include "catalog/Catalog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringBuilder>

#include <initializer_list>

namespace pb::catalogio {

using namespace Qt::Literals::StringLiterals;

inline QString pointerKey(const QString& key) {
    QString escaped = key;
    escaped.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
    return escaped;
}

inline QString at(const QString& pointer, const QString& key) {
    return pointer % u'/' % pointerKey(key);
}
inline QString at(const QString& pointer, qsizetype index) {
    return pointer % u'/' % QString::number(index);
}

// Reads one catalog file. Every check names the file and the JSON pointer of the fault; the
// first fault wins, and parsers return false from then on.
class Reader final {
public:
    explicit Reader(QString file)
        : m_file(std::move(file)) {}

    const QString& file() const { return m_file; }
    bool failed() const { return m_fault.has_value(); }
    const Problem& fault() const { return *m_fault; }

    bool fail(const QString& pointer, const QString& what) {
        if (!m_fault) {
            const QString where = pointer.isEmpty() ? u"/"_s : pointer;
            Problem problem(
                500, u"catalog_invalid"_s,
                u"The provider catalog is invalid: "_s % m_file % u" at "_s % where % u": "_s % what,
                u"File "_s % m_file % u", JSON pointer "_s % where % u": "_s % what,
                u"Restore the catalog files shipped with Patchbay, or correct the entry named above."_s);
            m_fault = problem;
        }
        return false;
    }

    bool keys(const QJsonObject& object, const QString& pointer, std::initializer_list<QString> allowed) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
                return fail(at(pointer, it.key()), u"unknown key \""_s % it.key() % u"\" (a typo?)"_s);
        }
        return true;
    }

    bool string(const QJsonObject& object, const QString& pointer, const QString& key, QString& out,
                bool required) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                return fail(at(pointer, key), u"\""_s % key % u"\" is required"_s);
            return true;
        }
        if (!value.isString())
            return fail(at(pointer, key), u"\""_s % key % u"\" must be a string"_s);
        out = value.toString();
        if (required && out.isEmpty())
            return fail(at(pointer, key), u"\""_s % key % u"\" must not be empty"_s);
        return true;
    }

    bool boolean(const QJsonObject& object, const QString& pointer, const QString& key, bool& out) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return true;
        if (!value.isBool())
            return fail(at(pointer, key), u"\""_s % key % u"\" must be true or false"_s);
        out = value.toBool();
        return true;
    }

    bool array(const QJsonObject& object, const QString& pointer, const QString& key, QJsonArray& out,
               bool required) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined()) {
            if (required)
                return fail(at(pointer, key), u"\""_s % key % u"\" is required"_s);
            return true;
        }
        if (!value.isArray())
            return fail(at(pointer, key), u"\""_s % key % u"\" must be an array"_s);
        out = value.toArray();
        return true;
    }

    bool stringList(const QJsonObject& object, const QString& pointer, const QString& key, QStringList& out) {
        QJsonArray items;
        if (!array(object, pointer, key, items, false))
            return false;
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!items.at(i).isString() || items.at(i).toString().isEmpty())
                return fail(at(at(pointer, key), i), u"must be a non-empty string"_s);
            out.append(items.at(i).toString());
        }
        return true;
    }

    bool integer(const QJsonObject& object, const QString& pointer, const QString& key,
                 std::optional<qint64>& out) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return true;
        const double number = value.toDouble();
        if (!value.isDouble() || number != double(qint64(number)))
            return fail(at(pointer, key), u"\""_s % key % u"\" must be an integer"_s);
        out = qint64(number);
        return true;
    }

private:
    QString m_file;
    std::optional<Problem> m_fault;
};

// Reads a JSON file holding one object.
Result<QJsonObject> readJsonFile(const QString& path, const QString& shownName);

// Replaces {"$ref": "#/models/X"} by the model X, recursively, so that every schema handed out
// is self-contained (a form generator never has to resolve references).
bool expandRefs(Reader& reader, const QString& pointer, QJsonValue& value, const QJsonObject& models,
                int depth);

} // namespace pb::catalogio
