#include "ui/StudioApplication.h"
#include "ui/DemoProject.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

static void initStudioResources() { Q_INIT_RESOURCE(studio); }

namespace marginalia::ui {

int runStudio(int argc, char **argv, const ModelClientFactory &modelFactory)
{
    // Fractional scale factors (125 %, 150 %) as the desktop asks, instead of rounding to whole numbers.
    QApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    initStudioResources();
    QApplication::setApplicationName(QStringLiteral("Marginalia"));
    QApplication::setOrganizationName(QStringLiteral("Marginalia"));
    QApplication::setApplicationDisplayName(QStringLiteral("Marginalia"));
    QApplication::setDesktopFileName(QStringLiteral("marginalia"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/marginalia.png")));
    installTranslations(QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString());

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QApplication::translate("Studio", "Project file to open."));
    const QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("Studio", "Open the demo project."));
    parser.addOption(demo);
    // Hidden helpers for documentation screenshots: grab the window after startup and quit.
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QString(), QStringLiteral("FILE"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption tab(QStringLiteral("tab"), QString(), QStringLiteral("INDEX"));
    tab.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption chartTab(QStringLiteral("chart"), QString(), QStringLiteral("INDEX"));
    chartTab.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshot);
    parser.addOption(tab);
    parser.addOption(chartTab);
    parser.process(app);

    MainWindow window(modelFactory);
    QObject::connect(&window, &MainWindow::demoRequested, &window, [&window] {
        auto path = ensureDemoProject();
        if (path)
            window.openProject(*path);
        else
            window.statusBar()->showMessage(path.error(), 15000);
    });
    window.show();
    if (parser.isSet(demo)) {
        Q_EMIT window.demoRequested();
    } else if (!parser.positionalArguments().isEmpty()) {
        window.openProject(parser.positionalArguments().constFirst());
    }
    if (parser.isSet(tab))
        if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("projectTabs")))
            tabs->setCurrentIndex(parser.value(tab).toInt());
    if (parser.isSet(chartTab))
        if (auto *charts = window.findChild<QWidget *>(QStringLiteral("chartsView")))
            if (auto *tabs = charts->findChild<QTabWidget *>())
                tabs->setCurrentIndex(parser.value(chartTab).toInt());
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(1500, &window, [&window, file] {
            window.grab().save(file);
            window.close();
        });
    }
    return app.exec();
}

} // namespace marginalia::ui
