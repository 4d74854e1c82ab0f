#pragma once
#include "Result.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <memory>

namespace marginalia {
class ProjectStore;
}

namespace marginalia::cli {

// Exit statuses shared by every command.
enum ExitCode { Success = 0, UsageError = 1, DataError = 2 };

// One `marginalia COMMAND` entry: its name, a one-line summary for `--help`, and how to run it.
struct CliCommand
{
    QString name;
    QString summary;
    int (*run)(const QStringList &arguments); // arguments after the command name
};

QTextStream &out(); // results only
QTextStream &err(); // messages, progress, errors

// Parses `arguments` for `command` with the options already added to `parser`. Handles --help (prints and
// returns Success through `exitCode`) and unknown options (UsageError). Returns false when the caller should
// return `exitCode` at once.
bool parseArguments(QCommandLineParser &parser, const QString &command, const QString &description,
                    const QStringList &arguments, int &exitCode);
// Reports a usage error with the command's help hint.
int usageError(const QString &command, const QString &message);
int dataError(const QString &message);
// ProjectStore::open, telling stderr what the open changed (an upgrade that removed stored models).
Result<std::unique_ptr<ProjectStore>> openProject(const QString &path);

} // namespace marginalia::cli
