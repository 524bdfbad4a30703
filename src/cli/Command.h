#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace pb::cli {

class CommandContext;

// One option of a command. A value name makes it take a value; repeatable options collect
// every occurrence (e.g. --label a --label b).
struct OptionSpec {
    QString name;        // long name without dashes
    QString valueName;   // empty: a flag
    QString description;
    bool repeatable = false;
};

struct ArgSpec {
    QString name;
    QString description;
    bool optional = false;
};

// What the parser found for a leaf command: positional arguments and option values.
class Invocation final {
public:
    QStringList args;
    QHash<QString, QStringList> values; // option name -> values in order (flags: one empty string)
    QStringList commandPath;            // e.g. {"patchbay-cli", "accounts", "create"}

    QString arg(int i) const { return i < args.size() ? args.at(i) : QString(); }
    bool isSet(const QString& option) const { return values.contains(option); }
    QString value(const QString& option) const
    {
        const QStringList v = values.value(option);
        return v.isEmpty() ? QString() : v.constLast();
    }
    QStringList valuesOf(const QString& option) const { return values.value(option); }
};

using Handler = std::function<int(CommandContext&, const Invocation&)>;

// A node of the command tree: a group (children) or a leaf (run).
struct Command {
    QString name;
    QString summary;
    QString description;
    QList<ArgSpec> args;
    QList<OptionSpec> options;
    QStringList examples;
    Handler run;
    QList<Command> children;

    bool isGroup() const { return !children.isEmpty(); }
    const Command* child(const QString& childName) const
    {
        for (const Command& c : children)
            if (c.name == childName)
                return &c;
        return nullptr;
    }
};

} // namespace pb::cli
