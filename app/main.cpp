// Entry point: with a command (`marginalia import ...`) runs the headless CLI; otherwise opens the studio.
#include "EngineLoader.h"
#include "cli/CommandRegistry.h"
#include "store/ServerLocation.h"
#include "ui/StudioApplication.h"
#include "ui/Translations.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <cstdio>

namespace {
bool isCliInvocation(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("--version")
        || first == QLatin1String("-v"))
        return true;
    // A bare word that is no file is a command (possibly misspelt: the CLI says so); a file or a project on a server
    // opens the studio.
    return !first.startsWith(QLatin1Char('-')) && !QFileInfo::exists(first) && !marginalia::isServerLocation(first);
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
    QString error;
    const marginalia::ui::ModelClientFactory *models = marginalia::app::engineModelClientFactory(&error);
    if (!models) {
        std::fprintf(stderr, "marginalia: %s\n", qPrintable(error));
        return 2;
    }
    return marginalia::ui::runStudio(argc, argv, *models);
}
