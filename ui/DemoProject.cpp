#include "ui/DemoProject.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

// The studio's resources live in a static library: register them before first use.
static void initStudioResources() { Q_INIT_RESOURCE(studio); }

namespace marginalia::ui {

namespace {
struct DemoLabel
{
    const char *name;
    const char *color;
    const char *key;
};
const DemoLabel kLabels[] = {{"billing", "#4e79a7", "1"},
                             {"technical", "#e15759", "2"},
                             {"shipping", "#59a14f", "3"},
                             {"praise", "#f28e2b", "4"}};
constexpr int kEvalEvery = 4;    // every fourth sample is held out for evaluation
constexpr int kPreLabeled = 24;  // enough for a first model right away
} // namespace

Status createDemoProject(const QString &path)
{
    initStudioResources();
    QFile data(QStringLiteral(":/demo/demo.jsonl"));
    if (!data.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("Demo", "The demo data is missing from this build.")};
    auto created = ProjectStore::create(path, TaskType::TextCat);
    if (!created)
        return Error{created.error()};
    ProjectStore &store = **created;
    for (const DemoLabel &l : kLabels)
        if (auto added = store.addLabel(QLatin1String(l.name), QLatin1String(l.color), QLatin1String(l.key)); !added)
            return Error{added.error()};
    (void)settings::setValue(store, QLatin1String(settings::kProjectName),
                             QCoreApplication::translate("Demo", "Demo: customer messages (English / 中文)"), settings::Studio);

    // One transaction: 300 samples commit at once instead of one fsync each.
    return store.inTransaction([&]() -> Status {
        int index = 0, preLabeled = 0;
        while (!data.atEnd()) {
            const QByteArray line = data.readLine().trimmed();
            if (line.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            Sample sample;
            sample.externalId = o.value(QStringLiteral("id")).toString();
            sample.text = o.value(QStringLiteral("text")).toString();
            sample.split = (index++ % kEvalEvery == kEvalEvery - 1) ? Split::Eval : Split::Pool;
            auto id = store.addSample(sample);
            if (!id)
                return Error{id.error()};
            if (!id->has_value() || sample.split == Split::Eval || preLabeled >= kPreLabeled)
                continue;
            AnnotationInput input;
            input.labels = {o.value(QStringLiteral("gold")).toString()};
            input.source = AnnotationSource::Imported;
            input.annotator = QStringLiteral("demo");
            if (auto a = store.annotate(**id, input); !a)
                return Error{a.error()};
            ++preLabeled;
        }
        return {};
    });
}

Result<QString> ensureDemoProject()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!QDir().mkpath(dir))
        return Error{QCoreApplication::translate("Demo", "Could not create the folder %1.").arg(dir)};
    const QString path = dir + QStringLiteral("/demo.marginalia");
    if (QFileInfo::exists(path))
        return path;
    // Build under a temporary name so an interrupted first start never leaves half a demo behind.
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    for (const char *suffix : {"-wal", "-shm"})
        QFile::remove(partial + QLatin1String(suffix));
    if (auto s = createDemoProject(partial); !s)
        return s;
    if (!QFile::rename(partial, path))
        return Error{QCoreApplication::translate("Demo", "Could not move the demo project into place at %1.").arg(path)};
    return path;
}

} // namespace marginalia::ui
