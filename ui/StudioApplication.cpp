#include "ui/StudioApplication.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

namespace marginalia::ui {

int runStudio(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Marginalia"));
    QApplication::setOrganizationName(QStringLiteral("Marginalia"));

    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QApplication::translate("Studio", "Project file to open."));
    const QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("Studio", "Open the demo project."));
    parser.addOption(demo);
    parser.process(app);

    MainWindow window;
    window.show();
    return app.exec();
}

} // namespace marginalia::ui
