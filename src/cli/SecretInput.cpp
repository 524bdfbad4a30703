#include "cli/SecretInput.h"

#include <QFile>

#include <cstdio>
#include <iostream>
#include <string>

#include <termios.h>
#include <unistd.h>

namespace pb::cli {

namespace {
bool g_stdinUsed = false;

QByteArray chompOne(QByteArray bytes)
{
    if (bytes.endsWith("\r\n"))
        bytes.chop(2);
    else if (bytes.endsWith('\n'))
        bytes.chop(1);
    return bytes;
}

Problem emptySecret(const QString& field, const QString& source)
{
    return Problem(400, QStringLiteral("usage_error"), QStringLiteral("Empty secret for '%1'").arg(field),
                   QStringLiteral("%1 gave no bytes.").arg(source),
                   QStringLiteral("Provide the secret on stdin (--secret-stdin), in a file (--secret-file), or at the prompt."));
}
} // namespace

bool SecretInput::stdinIsTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

Result<QByteArray> SecretInput::fromStdin(const QString& field)
{
    if (g_stdinUsed) {
        return Problem(400, QStringLiteral("usage_error"), QStringLiteral("Stdin already used for another secret"),
                       QStringLiteral("Only one secret field can be read from stdin."),
                       QStringLiteral("Read the other fields from files with --secret-file FIELD=PATH."));
    }
    g_stdinUsed = true;
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return Problem(400, QStringLiteral("usage_error"), QStringLiteral("Cannot read stdin"), in.errorString());
    const QByteArray bytes = chompOne(in.readAll());
    if (bytes.isEmpty())
        return emptySecret(field, QStringLiteral("stdin"));
    return bytes;
}

Result<QByteArray> SecretInput::fromFile(const QString& path, const QString& field)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Problem(400, QStringLiteral("usage_error"), QStringLiteral("Cannot read secret file '%1'").arg(path),
                       file.errorString(), QStringLiteral("Check the path and its permissions."));
    }
    const QByteArray bytes = chompOne(file.readAll());
    if (bytes.isEmpty())
        return emptySecret(field, QStringLiteral("The file '%1'").arg(path));
    return bytes;
}

Result<QByteArray> SecretInput::prompt(const QString& label)
{
    if (!stdinIsTerminal() || g_stdinUsed) {
        return Problem(400, QStringLiteral("usage_error"), QStringLiteral("Missing secret '%1'").arg(label),
                       QStringLiteral("Stdin is not a terminal, so there is nobody to ask."),
                       QStringLiteral("Pipe it in with --secret-stdin or name a file with --secret-file %1=PATH.")
                           .arg(label));
    }
    std::fprintf(stderr, "%s: ", label.toLocal8Bit().constData());
    std::fflush(stderr);
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios silent = old;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
    QByteArray bytes(line.data(), static_cast<qsizetype>(line.size()));
    std::fill(line.begin(), line.end(), '\0');
    if (bytes.isEmpty())
        return emptySecret(label, QStringLiteral("The prompt"));
    return bytes;
}

} // namespace pb::cli
