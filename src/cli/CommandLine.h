#pragma once

#include "cli/Command.h"

#include <QStringList>

namespace pb::cli {

// Walks the command tree level by level: each group parses the global options and hands the
// rest to the child named by the first positional argument; the leaf parses its own options.
// Global options (--workspace, --token, --json) are accepted at every level. Returns the exit code.
int runCommandLine(const Command& root, const QStringList& arguments);

// Help text of one level of the tree (usage, arguments, options, subcommands, examples).
QString helpText(const Command& command, const QStringList& path);

// The closest of the candidates within a small edit distance, or an empty string.
QString closestMatch(const QString& word, const QStringList& candidates);

} // namespace pb::cli
