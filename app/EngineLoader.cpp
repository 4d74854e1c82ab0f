#include "EngineLoader.h"
#include "engine/EngineModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

namespace marginalia::app {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Next to the executable in a build tree; in ../lib/marginalia when installed.
QStringList candidates()
{
    // The studio loads the engine before its QApplication exists; the kernel knows where the executable is.
    const QString dir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath()
                                                     : QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
    return {dir + QLatin1Char('/') + QLatin1String(kEngineModuleName),
            QDir::cleanPath(dir + QLatin1String("/../lib/marginalia/")) + QLatin1Char('/')
                + QLatin1String(kEngineModuleName)};
}

QLibrary *loadedEngine(QString *error)
{
    static QLibrary *engine = nullptr;
    static QString failure;
    if (engine || !failure.isEmpty()) {
        if (error && !engine)
            *error = failure;
        return engine;
    }
    QString reasons;
    for (const QString &path : candidates()) {
        // Never unloaded: the commands it registers and the objects it creates live as long as the process.
        auto *library = new QLibrary(path);
        if (library->load()) {
            engine = library;
            return engine;
        }
        reasons += QLatin1String("\n  ") + library->errorString();
        delete library;
    }
    failure = Tr::tr("The model engine could not be loaded, so training and scoring are unavailable:%1").arg(reasons);
    if (error)
        *error = failure;
    return nullptr;
}
} // namespace

bool loadEngine(QString *error)
{
    return loadedEngine(error) != nullptr;
}

const ui::ModelClientFactory *engineModelClientFactory(QString *error)
{
    QLibrary *engine = loadedEngine(error);
    if (!engine)
        return nullptr;
    const auto entry = reinterpret_cast<EngineFactoryEntry>(engine->resolve(kEngineFactorySymbol));
    if (!entry) {
        if (error)
            *error = Tr::tr("The model engine %1 is damaged: %2").arg(engine->fileName(), engine->errorString());
        return nullptr;
    }
    return entry();
}

} // namespace marginalia::app
