// Entry point: with a command (`marginalia import ...`) runs the headless CLI; otherwise opens the studio.
#include "cli/CommandRegistry.h"
#include "ui/StudioApplication.h"
#include "ui/TrainingModelClient.h"
#include "ui/Translations.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace {
bool isCliInvocation(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("--version")
        || first == QLatin1String("-v"))
        return true;
    // A bare word that is no file is a command (possibly misspelt: the CLI says so); a file opens the studio.
    return !first.startsWith(QLatin1Char('-')) && !QFileInfo::exists(first);
}
} // namespace

int main(int argc, char **argv)
{
    if (isCliInvocation(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("Marginalia"));
        // Messages follow the system language, like the studio's default.
        marginalia::ui::installTranslations(QStringLiteral("system"));
        return marginalia::cli::runCli(app.arguments().mid(1));
    }
    return marginalia::ui::runStudio(argc, argv, marginalia::ui::TrainingModelClient::factory());
}
