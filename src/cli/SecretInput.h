#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace pb::cli {

// Secrets never come from the command line (visible in ps): only from stdin, a file, or a prompt
// with echo off. Stdin can be consumed once per process.
class SecretInput final {
public:
    // Reads all of stdin; drops one trailing newline (what `echo secret |` adds).
    static Result<QByteArray> fromStdin(const QString& field);
    // Reads a file as-is, except one trailing newline.
    static Result<QByteArray> fromFile(const QString& path, const QString& field);
    // Prompts on the terminal with echo off; fails when stdin is not a terminal.
    static Result<QByteArray> prompt(const QString& label);
    static bool stdinIsTerminal();
};

} // namespace pb::cli
