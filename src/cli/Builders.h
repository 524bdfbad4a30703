#pragma once

#include "cli/Command.h"
#include "cli/CommandContext.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pb::cli {

// Small constructors that keep the command tables readable.
inline OptionSpec opt(const QString& name, const QString& valueName, const QString& description,
                      bool repeatable = false)
{
    return OptionSpec{name, valueName, description, repeatable};
}
inline OptionSpec flag(const QString& name, const QString& description) { return OptionSpec{name, {}, description}; }
inline ArgSpec arg(const QString& name, const QString& description, bool optional = false)
{
    return ArgSpec{name, description, optional};
}

inline Command group(const QString& name, const QString& summary, QList<Command> children,
                     const QString& description = {})
{
    Command c;
    c.name = name;
    c.summary = summary;
    c.description = description;
    c.children = std::move(children);
    return c;
}

inline Command leaf(const QString& name, const QString& summary, QList<ArgSpec> args, QList<OptionSpec> options,
                    QStringList examples, Handler run)
{
    Command c;
    c.name = name;
    c.summary = summary;
    c.args = std::move(args);
    c.options = std::move(options);
    c.examples = std::move(examples);
    c.run = std::move(run);
    return c;
}

// Sets body[key] from an option when it was given.
inline void putIfSet(QJsonObject& body, const Invocation& inv, const QString& option, const QString& key)
{
    if (inv.isSet(option))
        body.insert(key, inv.value(option));
}

inline QJsonArray toJsonArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

// A replace operation for each option given: (option name, JSON Patch path without the slash).
inline QJsonArray patchFromOptions(const Invocation& inv, const QList<QPair<QString, QString>>& optionToPath)
{
    QList<QPair<QString, QJsonValue>> fields;
    for (const auto& [option, path] : optionToPath)
        if (inv.isSet(option))
            fields.append({path, inv.value(option)});
    return replaceOps(fields);
}

// Appends the operations of `more` (QJsonArray's own += would nest the array as one element).
inline void appendOps(QJsonArray& ops, const QJsonArray& more)
{
    for (const QJsonValue& op : more)
        ops.append(op);
}

inline int nothingToUpdate(CommandContext& ctx, const Invocation& inv)
{
    return ctx.usageError(QStringLiteral("nothing to update: give at least one field option"), inv.commandPath);
}

} // namespace pb::cli
