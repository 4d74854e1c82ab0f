#include "cli/CliCommand.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <cstdio>

namespace marginalia::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

bool parseArguments(QCommandLineParser &parser, const QString &command, const QString &description,
                    const QStringList &arguments, int &exitCode)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("Cli", "Show this help."));
    parser.addOption(help);
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("marginalia %1").arg(command));
    if (!parser.parse(argv)) {
        exitCode = usageError(command, parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        // helpText() names the binary by its path; users type `marginalia COMMAND`.
        QString text = parser.helpText();
        const qsizetype usageEnd = text.indexOf(QLatin1String(" [options]"));
        if (text.startsWith(QLatin1String("Usage: ")) && usageEnd > 0)
            text.replace(7, usageEnd - 7, QStringLiteral("marginalia %1").arg(command));
        out() << text;
        out().flush();
        exitCode = Success;
        return false;
    }
    return true;
}

int usageError(const QString &command, const QString &message)
{
    err() << QStringLiteral("marginalia %1: %2\n").arg(command, message)
          << QCoreApplication::translate("Cli", "Try 'marginalia %1 --help'.").arg(command) << '\n';
    err().flush();
    return UsageError;
}

int dataError(const QString &message)
{
    err() << QStringLiteral("marginalia: ") << message << '\n';
    err().flush();
    return DataError;
}

Result<std::unique_ptr<ProjectStore>> openProject(const QString &path)
{
    auto store = ProjectStore::open(path);
    if (store) {
        for (const QString &notice : (*store)->openNotices())
            err() << QStringLiteral("marginalia: ") << notice << '\n';
        err().flush();
    }
    return store;
}

} // namespace marginalia::cli
