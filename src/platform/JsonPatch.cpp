#include "platform/JsonPatch.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pb {

namespace {

Result<QStringList> tokens(const QString& pointer)
{
    if (pointer.isEmpty())
        return QStringList();
    if (!pointer.startsWith(QLatin1Char('/')))
        return Problem::badRequest(QStringLiteral("A JSON Pointer must start with '/'."), pointer);
    QStringList parts = pointer.mid(1).split(QLatin1Char('/'));
    for (QString& p : parts) {
        p.replace(QStringLiteral("~1"), QStringLiteral("/"));
        p.replace(QStringLiteral("~0"), QStringLiteral("~"));
    }
    return parts;
}

Result<QJsonValue> getAt(const QJsonValue& doc, const QStringList& path, int from = 0)
{
    if (from == path.size())
        return doc;
    const QString& key = path.at(from);
    if (doc.isObject()) {
        const QJsonObject o = doc.toObject();
        if (!o.contains(key))
            return Problem::badRequest(QStringLiteral("The patch path does not exist."), key);
        return getAt(o.value(key), path, from + 1);
    }
    if (doc.isArray()) {
        bool ok = false;
        const int i = key.toInt(&ok);
        const QJsonArray a = doc.toArray();
        if (!ok || i < 0 || i >= a.size())
            return Problem::badRequest(QStringLiteral("The patch path names no array element."), key);
        return getAt(a.at(i), path, from + 1);
    }
    return Problem::badRequest(QStringLiteral("The patch path does not exist."), key);
}

enum class Mode { Add, Replace, Remove };

// Rebuilds the document with the change applied at path[from..].
Result<QJsonValue> change(const QJsonValue& doc, const QStringList& path, int from, Mode mode, const QJsonValue& value)
{
    const QString& key = path.at(from);
    const bool last = from == path.size() - 1;
    if (doc.isObject()) {
        QJsonObject o = doc.toObject();
        if (last) {
            if (mode != Mode::Add && !o.contains(key))
                return Problem::badRequest(QStringLiteral("The patch path does not exist."), key);
            if (mode == Mode::Remove)
                o.remove(key);
            else
                o.insert(key, value);
            return QJsonValue(o);
        }
        if (!o.contains(key))
            return Problem::badRequest(QStringLiteral("The patch path does not exist."), key);
        auto inner = change(o.value(key), path, from + 1, mode, value);
        if (!inner)
            return inner;
        o.insert(key, *inner);
        return QJsonValue(o);
    }
    if (doc.isArray()) {
        QJsonArray a = doc.toArray();
        bool ok = false;
        int i = key.toInt(&ok);
        if (key == QStringLiteral("-") && last && mode == Mode::Add) {
            a.append(value);
            return QJsonValue(a);
        }
        const int limit = (last && mode == Mode::Add) ? a.size() : a.size() - 1;
        if (!ok || i < 0 || i > limit)
            return Problem::badRequest(QStringLiteral("The patch path names no array element."), key);
        if (last) {
            if (mode == Mode::Add)
                a.insert(i, value);
            else if (mode == Mode::Replace)
                a.replace(i, value);
            else
                a.removeAt(i);
            return QJsonValue(a);
        }
        auto inner = change(a.at(i), path, from + 1, mode, value);
        if (!inner)
            return inner;
        a.replace(i, *inner);
        return QJsonValue(a);
    }
    return Problem::badRequest(QStringLiteral("The patch path does not exist."), key);
}

Result<QJsonValue> apply(const QJsonValue& doc, const QStringList& path, Mode mode, const QJsonValue& value)
{
    if (path.isEmpty()) {
        if (mode == Mode::Remove)
            return Problem::badRequest(QStringLiteral("The whole document cannot be removed."));
        return value;
    }
    return change(doc, path, 0, mode, value);
}

} // namespace

Result<QJsonValue> applyJsonPatch(const QJsonValue& document, const QJsonValue& patch)
{
    if (!patch.isArray())
        return Problem(415, QStringLiteral("unsupported_media_type"),
                       QStringLiteral("PATCH takes a JSON Patch array (RFC 6902)."),
                       QStringLiteral("e.g. [{\"op\":\"replace\",\"path\":\"/fullname\",\"value\":\"New name\"}]"))
            .withParameter(QStringLiteral("body"), QStringLiteral("body"));
    QJsonValue doc = document;
    const QJsonArray ops = patch.toArray();
    for (int i = 0; i < ops.size(); ++i) {
        const QJsonObject op = ops.at(i).toObject();
        const QString name = op.value(QStringLiteral("op")).toString();
        auto fail = [&](Problem p) {
            p.message = QStringLiteral("JSON Patch operation %1 (%2) failed: %3").arg(i).arg(name, p.message);
            p.withParameter(QStringLiteral("/%1").arg(i), QStringLiteral("body"), op.value(QStringLiteral("path")));
            return p;
        };
        auto path = tokens(op.value(QStringLiteral("path")).toString());
        if (!path)
            return fail(path.problem());
        Result<QJsonValue> next = doc;
        if (name == QStringLiteral("add") || name == QStringLiteral("replace")) {
            if (!op.contains(QStringLiteral("value")))
                return fail(Problem::badRequest(QStringLiteral("\"value\" is missing.")));
            next = apply(doc, *path, name == QStringLiteral("add") ? Mode::Add : Mode::Replace,
                         op.value(QStringLiteral("value")));
        } else if (name == QStringLiteral("remove")) {
            next = apply(doc, *path, Mode::Remove, {});
        } else if (name == QStringLiteral("test")) {
            auto current = getAt(doc, *path);
            if (!current)
                return fail(current.problem());
            if (*current != op.value(QStringLiteral("value")))
                return fail(Problem(409, QStringLiteral("patch_test_failed"),
                                    QStringLiteral("the value differs from the expected one"),
                                    QStringLiteral("Nothing was changed.")));
        } else if (name == QStringLiteral("move") || name == QStringLiteral("copy")) {
            auto fromPath = tokens(op.value(QStringLiteral("from")).toString());
            if (!fromPath)
                return fail(fromPath.problem());
            auto value = getAt(doc, *fromPath);
            if (!value)
                return fail(value.problem());
            Result<QJsonValue> base = doc;
            if (name == QStringLiteral("move"))
                base = apply(doc, *fromPath, Mode::Remove, {});
            if (!base)
                return fail(base.problem());
            next = apply(*base, *path, Mode::Add, *value);
        } else {
            return fail(Problem::badRequest(QStringLiteral("unknown operation"),
                                            QStringLiteral("Use add, remove, replace, test, move or copy.")));
        }
        if (!next)
            return fail(next.problem());
        doc = *next;
    }
    return doc;
}

} // namespace pb
