#include "cli/CommandLine.h"

#include "cli/CommandContext.h"
#include "cli/ExitCodes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringBuilder>

#include <algorithm>

namespace pb::cli {

namespace {

QList<OptionSpec> globalOptions()
{
    return {
        {QStringLiteral("workspace"), QStringLiteral("FILE"),
         QStringLiteral("Workspace file (default: $PATCHBAY_WORKSPACE).")},
        {QStringLiteral("token"), QStringLiteral("TOKEN"),
         QStringLiteral("Access token (default: $PATCHBAY_TOKEN). Prefer the variable: arguments are visible in ps.")},
        {QStringLiteral("json"), {}, QStringLiteral("Print the raw API JSON ({\"result\": ...} or the problem body).")},
        {QStringLiteral("help"), {}, QStringLiteral("Show help for this command.")},
    };
}

QCommandLineOption toQt(const OptionSpec& spec)
{
    QStringList names{spec.name};
    if (spec.name == QLatin1String("help"))
        names.prepend(QStringLiteral("h"));
    return spec.valueName.isEmpty() ? QCommandLineOption(names, spec.description)
                                    : QCommandLineOption(names, spec.description, spec.valueName);
}

struct Parsed {
    bool ok = false;
    QString error;
};

Parsed parseLevel(QCommandLineParser& parser, const QList<OptionSpec>& specs, const QStringList& args,
                  bool stopAtPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(stopAtPositional
                                                      ? QCommandLineParser::ParseAsPositionalArguments
                                                      : QCommandLineParser::ParseAsOptions);
    for (const OptionSpec& s : specs)
        parser.addOption(toQt(s));
    Parsed p;
    p.ok = parser.parse(args);
    p.error = parser.errorText();
    return p;
}

void collect(const QCommandLineParser& parser, const QList<OptionSpec>& specs, Invocation& inv)
{
    for (const OptionSpec& s : specs) {
        if (!parser.isSet(s.name))
            continue;
        if (s.valueName.isEmpty())
            inv.values.insert(s.name, {QString()});
        else if (s.repeatable)
            inv.values[s.name] += parser.values(s.name);
        else
            inv.values.insert(s.name, {parser.values(s.name).constLast()});
    }
}

int levenshtein(const QString& a, const QString& b)
{
    QList<int> prev(b.size() + 1), cur(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            cur[j] = std::min({prev.at(j) + 1, cur.at(j - 1) + 1, prev.at(j - 1) + cost});
        }
        std::swap(prev, cur);
    }
    return prev.at(b.size());
}

QString optionLine(const OptionSpec& s)
{
    QString left = QStringLiteral("  --") % s.name;
    if (s.name == QLatin1String("help"))
        left = QStringLiteral("  -h, --help");
    if (!s.valueName.isEmpty())
        left += QLatin1Char(' ') + s.valueName;
    QString desc = s.description;
    if (s.repeatable)
        desc += QStringLiteral(" (repeatable)");
    return left.leftJustified(34) % QLatin1Char(' ') % desc;
}

} // namespace

QString closestMatch(const QString& word, const QStringList& candidates)
{
    QString best;
    int bestDistance = 3; // more than two edits away is not a typo
    const QString lowered = word.toLower();
    for (const QString& c : candidates) {
        // A prefix of three or more letters ("integ") counts as one edit away.
        const int d = lowered.size() >= 3 && c.startsWith(lowered) ? 1 : levenshtein(lowered, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

QString helpText(const Command& command, const QStringList& path)
{
    QString text = QStringLiteral("Usage: ") % path.join(QLatin1Char(' '));
    if (command.isGroup()) {
        text += QStringLiteral(" <command> [options]");
    } else {
        text += QStringLiteral(" [options]");
        for (const ArgSpec& a : command.args)
            text += a.optional ? QString(QStringLiteral(" [") % a.name % QLatin1Char(']')) : QString(QLatin1Char(' ') + a.name);
    }
    text += QStringLiteral("\n\n") % (command.description.isEmpty() ? command.summary : command.description) %
            QLatin1Char('\n');
    if (command.isGroup()) {
        text += QStringLiteral("\nCommands:\n");
        for (const Command& c : command.children)
            text += QStringLiteral("  ") % c.name.leftJustified(22) % QLatin1Char(' ') % c.summary % QLatin1Char('\n');
    }
    if (!command.args.isEmpty()) {
        text += QStringLiteral("\nArguments:\n");
        for (const ArgSpec& a : command.args)
            text += QStringLiteral("  ") % a.name.leftJustified(32) % QLatin1Char(' ') % a.description %
                    (a.optional ? QStringLiteral(" (optional)") : QString()) % QLatin1Char('\n');
    }
    if (!command.options.isEmpty()) {
        text += QStringLiteral("\nOptions:\n");
        for (const OptionSpec& s : command.options)
            text += optionLine(s) % QLatin1Char('\n');
    }
    text += QStringLiteral("\nGlobal options:\n");
    for (const OptionSpec& s : globalOptions())
        text += optionLine(s) % QLatin1Char('\n');
    if (path.size() == 1)
        text += optionLine({QStringLiteral("version"), {}, QStringLiteral("Show the version.")}) % QLatin1Char('\n');
    if (!command.examples.isEmpty()) {
        text += QStringLiteral("\nExamples:\n");
        for (const QString& e : command.examples)
            text += QStringLiteral("  ") % e % QLatin1Char('\n');
    }
    if (command.isGroup())
        text += QStringLiteral("\nRun '") % path.join(QLatin1Char(' ')) %
                QStringLiteral(" <command> --help' for the options of a command.\n");
    return text;
}

int runCommandLine(const Command& root, const QStringList& arguments)
{
    CommandContext ctx;
    Invocation inv;
    const Command* current = &root;
    QStringList path{root.name};
    QStringList rest = arguments.mid(1);
    const QList<OptionSpec> globals = globalOptions();

    while (current->isGroup()) {
        QCommandLineParser parser;
        QList<OptionSpec> specs = globals;
        if (current == &root)
            specs.append({QStringLiteral("version"), {}, QStringLiteral("Show the version.")});
        const Parsed p = parseLevel(parser, specs, QStringList{path.join(QLatin1Char(' '))} + rest, true);
        if (!p.ok)
            return ctx.usageError(p.error, path);
        collect(parser, specs, inv);
        if (inv.isSet(QStringLiteral("version"))) {
            ctx.out() << root.name << ' ' << QCoreApplication::applicationVersion() << '\n';
            return ExitOk;
        }
        const QStringList positional = parser.positionalArguments();
        if (inv.isSet(QStringLiteral("help"))) {
            ctx.out() << helpText(*current, path);
            return ExitOk;
        }
        if (positional.isEmpty()) {
            ctx.err() << helpText(*current, path);
            return ctx.usageError(QStringLiteral("missing command after '%1'").arg(path.join(QLatin1Char(' '))));
        }
        const QString name = positional.first();
        const Command* next = current->child(name);
        if (!next) {
            QStringList names;
            for (const Command& c : current->children)
                names.append(c.name);
            const QString guess = closestMatch(name, names);
            QString message = path.size() == 1 ? QStringLiteral("unknown subcommand '%1'").arg(name)
                                               : QStringLiteral("unknown subcommand '%1' of '%2'")
                                                     .arg(name, path.mid(1).join(QLatin1Char(' ')));
            if (!guess.isEmpty())
                message += QStringLiteral(" \u2014 did you mean '%1'?").arg(guess);
            else
                message += QStringLiteral("; commands: ") % names.join(QStringLiteral(", "));
            return ctx.usageError(message, path);
        }
        rest = positional.mid(1);
        current = next;
        path.append(name);
    }

    QCommandLineParser parser;
    QList<OptionSpec> specs = globals + current->options;
    const Parsed p = parseLevel(parser, specs, QStringList{path.join(QLatin1Char(' '))} + rest, false);
    if (!p.ok)
        return ctx.usageError(p.error, path);
    collect(parser, specs, inv);
    if (inv.isSet(QStringLiteral("help"))) {
        ctx.out() << helpText(*current, path);
        return ExitOk;
    }
    inv.args = parser.positionalArguments();
    inv.commandPath = path;
    qsizetype required = 0;
    for (const ArgSpec& a : current->args)
        required += a.optional ? 0 : 1;
    if (inv.args.size() < required) {
        QStringList missing;
        for (qsizetype i = inv.args.size(); i < current->args.size(); ++i)
            if (!current->args.at(i).optional)
                missing.append(current->args.at(i).name);
        return ctx.usageError(QStringLiteral("missing argument %1").arg(missing.join(QStringLiteral(", "))), path);
    }
    if (inv.args.size() > current->args.size()) {
        return ctx.usageError(QStringLiteral("unexpected argument '%1'").arg(inv.args.at(current->args.size())),
                              path);
    }

    if (inv.isSet(QStringLiteral("workspace")))
        ctx.workspace = inv.value(QStringLiteral("workspace"));
    else
        ctx.workspace = qEnvironmentVariable("PATCHBAY_WORKSPACE");
    ctx.token = inv.isSet(QStringLiteral("token")) ? inv.value(QStringLiteral("token"))
                                                   : qEnvironmentVariable("PATCHBAY_TOKEN");
    ctx.json = inv.isSet(QStringLiteral("json"));
    return current->run(ctx, inv);
}

} // namespace pb::cli
