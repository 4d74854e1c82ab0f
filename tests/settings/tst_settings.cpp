// The settings registry: every setting is declared once, checked on the way in, read back as it was written,
// and an older project's keys (the studio's own and the CLI's training_options JSON) carry over.
#include "SchemaRewind.h"
#include "settings/ModelSettings.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "store/Schema.h"

#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginalia;

namespace {
// A valid value other than the default, for each type.
QString otherValue(const settings::Definition &d, TaskType task)
{
    const QVariant def = d.defaultFor(task);
    switch (d.type) {
    case settings::Type::Integer:
        return QString::number(def.toLongLong() == qlonglong(d.maximum) ? qlonglong(d.minimum) : qlonglong(d.maximum));
    case settings::Type::Real:
        return settings::format(d, (d.minimum + d.maximum) / 3);
    case settings::Type::Boolean:
        return def.toBool() ? QStringLiteral("false") : QStringLiteral("true");
    case settings::Type::Choice: {
        QStringList options = settings::choices(d, task);
        options.removeAll(def.toString());
        return options.value(0);
    }
    case settings::Type::Text:
        break;
    }
    return QStringLiteral("/data/中文 vectors.vec");
}
} // namespace

class TestSettings : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_counter = 0;

    std::unique_ptr<ProjectStore> newProject(TaskType task = TaskType::TextCat)
    {
        auto store = ProjectStore::create(m_dir.filePath(QStringLiteral("p%1.marginalia").arg(++m_counter)), task,
                                          {QStringLiteral("a"), QStringLiteral("b")});
        return store ? std::move(*store) : nullptr;
    }

private Q_SLOTS:
    // The studio shows a setting only where it means something: the backbone for images, the text classifier's
    // own options not for them.
    void settingsApplyToTheirTasks()
    {
        using namespace marginalia::settings;
        const Definition *backbone = find(QLatin1String(kImageBackbone));
        const Definition *epochs = find(QLatin1String(kEpochs));
        const Definition *strategy = find(QLatin1String(kStrategy));
        QVERIFY(backbone && epochs && strategy);
        QVERIFY(appliesTo(*backbone, TaskType::Image));
        QVERIFY(!appliesTo(*backbone, TaskType::TextCat));
        QVERIFY(!appliesTo(*find(QLatin1String(kImageFinetune)), TaskType::Ner));
        QVERIFY(appliesTo(*epochs, TaskType::TextCat));
        QVERIFY(!appliesTo(*epochs, TaskType::Image));
        QVERIFY(!appliesTo(*find(QLatin1String(kPretrainedVectors)), TaskType::Image));
        QVERIFY(appliesTo(*strategy, TaskType::Image));
        QVERIFY(namesFile(*backbone));
        QVERIFY(!namesFile(*epochs));
        // The text encoder for text projects: classification and span labeling (a tagging head over its token states).
        for (const char *key : {kTextEncoder, kTextEncoderVocab}) {
            const Definition *encoder = find(QLatin1String(key));
            QVERIFY(encoder && namesFile(*encoder));
            QVERIFY(appliesTo(*encoder, TaskType::TextCat) && appliesTo(*encoder, TaskType::MultiLabel));
            QVERIFY(appliesTo(*encoder, TaskType::Ner) && !appliesTo(*encoder, TaskType::Image));
        }
        // Fine-tuning it too: under the classifier head and under the tagging head.
        const Definition *finetune = find(QLatin1String(kEncoderFinetune));
        QVERIFY(finetune && !namesFile(*finetune));
        QVERIFY(appliesTo(*finetune, TaskType::TextCat) && appliesTo(*finetune, TaskType::Ner));
        QVERIFY(!appliesTo(*finetune, TaskType::Image));
    }

    void everySettingIsDeclaredOnceWithAValidDefault()
    {
        QSet<QString> keys;
        for (const settings::Definition &d : settings::definitions()) {
            QVERIFY2(!keys.contains(QLatin1String(d.key)), d.key);
            keys.insert(QLatin1String(d.key));
            QVERIFY(!d.describe().isEmpty() && !d.name().isEmpty());
            QCOMPARE(settings::find(QLatin1String(d.key)), &d);
            if (d.editableBy == settings::Nobody)
                continue;
            for (TaskType task : {TaskType::TextCat, TaskType::MultiLabel, TaskType::Ner}) {
                const auto parsed = settings::parse(d, settings::format(d, d.defaultFor(task)), task);
                QVERIFY2(parsed, qPrintable(parsed.error()));
                QCOMPARE(*parsed, d.defaultFor(task));
            }
        }
        QVERIFY(!settings::find(QStringLiteral("model.nonsense")));
    }

    void everySettingRoundTrips_data()
    {
        QTest::addColumn<int>("task");
        QTest::addRow("textcat") << int(TaskType::TextCat);
        QTest::addRow("ner") << int(TaskType::Ner);
    }
    void everySettingRoundTrips()
    {
        QFETCH(int, task);
        auto store = newProject(TaskType(task));
        QVERIFY(store);
        int changed = 0;
        for (const settings::Definition &d : settings::definitions()) {
            if (d.editableBy == settings::Nobody)
                continue;
            const QString value = otherValue(d, store->task());
            QVERIFY2(settings::setValue(*store, QLatin1String(d.key), value, settings::Cli), d.key);
            const QVariant back = settings::value(*store, d.key);
            QVERIFY2(back != d.defaultFor(store->task()), d.key);
            QCOMPARE(settings::format(d, back), settings::format(d, *settings::parse(d, value, store->task())));
            ++changed;
        }
        QVERIFY(changed >= 14);
    }

    void invalidValuesAreRefusedAndNothingChanges_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::addRow("epochs 0") << "model.epochs" << "0" << "between 1 and 1000";
        QTest::addRow("epochs text") << "model.epochs" << "many" << "whole number";
        QTest::addRow("dropout 1.5") << "model.dropout" << "1.5" << "between";
        QTest::addRow("dropout nan") << "model.dropout" << "nan" << "expects a number";
        QTest::addRow("augment maybe") << "model.augment" << "maybe" << "true or false";
        QTest::addRow("span strategy in textcat") << "model.strategy" << "mnlp" << "one of";
        QTest::addRow("task") << "task" << "ner" << "fixed when the project is created";
        QTest::addRow("unknown") << "model.speed" << "3" << "no setting";
    }
    void invalidValuesAreRefusedAndNothingChanges()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        auto store = newProject();
        const QString before = *store->setting(key);
        const Status s = settings::setValue(*store, key, value, settings::Everyone);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(message), qPrintable(s.error()));
        QCOMPARE(*store->setting(key), before);
    }

    void storedValueThatIsNotValidCountsAsDefault()
    {
        // A classifier strategy left in a span-labeling project, or a file edited by hand.
        auto store = newProject(TaskType::Ner);
        QVERIFY(store->setSetting(QLatin1String(settings::kStrategy), QStringLiteral("margin")));
        QVERIFY(store->setSetting(QLatin1String(settings::kEpochs), QStringLiteral("-4")));
        QString why;
        QCOMPARE(settings::value(*store, settings::kStrategy, &why).toString(), QStringLiteral("mnlp"));
        QVERIFY(why.contains(QLatin1String("one of")));
        QStringList ignored;
        const ml::TrainingOptions options = settings::trainingOptions(*store, &ignored);
        QCOMPARE(options.strategy, QStringLiteral("mnlp"));
        QCOMPARE(options.epochs, ml::TrainingOptions{}.epochs);
        QCOMPARE(ignored.size(), 2);
    }

    void trainingOptionsComeFromTheSettings()
    {
        auto store = newProject();
        for (const auto &[key, value] : {std::pair{settings::kStrategy, "entropy"}, std::pair{settings::kBatchSize, "7"},
                                         std::pair{settings::kEpochs, "3"}, std::pair{settings::kLearningRate, "0.01"},
                                         std::pair{settings::kAugment, "yes"}, std::pair{settings::kSeed, "123456789012"},
                                         std::pair{settings::kPretrainedVectors, "/tmp/v.vec"}})
            QVERIFY(settings::setValue(*store, QLatin1String(key), QLatin1String(value), settings::Studio));
        const ml::TrainingOptions o = settings::trainingOptions(*store);
        QCOMPARE(o.strategy, QStringLiteral("entropy"));
        QCOMPARE(o.batchSize, 7);
        QCOMPARE(o.epochs, 3);
        QCOMPARE(o.learningRate, 0.01);
        QVERIFY(o.augment);
        QCOMPARE(o.seed, std::uint64_t(123456789012));
        QCOMPARE(o.pretrainedVectors, QStringLiteral("/tmp/v.vec"));
        QCOMPARE(o.mcPasses, ml::TrainingOptions{}.mcPasses);
    }

    void olderProjectsKeepTheirSettings()
    {
        // Version 4 stored the studio's camel-case keys and a training_options JSON that only the CLI read.
        auto store = newProject();
        const QString path = store->path();
        {
            QSqlQuery q(store->database());
            QVERIFY(marginalia::testing::rewindToVersion6(q));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM settings WHERE key LIKE 'model.%' OR key LIKE 'studio.%'")));
            for (const char *sql : {
                     "INSERT INTO settings VALUES('model.strategy', 'bald')",
                     "INSERT INTO settings VALUES('model.batchSize', '7')",
                     "INSERT INTO settings VALUES('ui.retrainInterval', '3')",
                     "INSERT INTO settings VALUES('import.evalFraction', '0.3')",
                     R"(INSERT INTO settings VALUES('training_options', '{"strategy": "entropy", "epochs": 5, "augment": true,)"
                     R"( "learning_rate": 0.01, "seed": "9", "threads": 1, "pretrained_vectors": "/v.vec"}'))",
                     "PRAGMA user_version = 4"})
                QVERIFY2(q.exec(QString::fromUtf8(sql)), sql);
        }
        store.reset();
        auto reopened = ProjectStore::open(path);
        QVERIFY2(reopened, qPrintable(reopened.error()));
        ProjectStore &s = **reopened;
        QCOMPARE(settings::value(s, settings::kStrategy).toString(), QStringLiteral("bald")); // the studio's wins
        QCOMPARE(settings::value(s, settings::kBatchSize).toInt(), 7);
        QCOMPARE(settings::value(s, settings::kRetrainInterval).toInt(), 3);
        QCOMPARE(settings::value(s, settings::kEvalFraction).toDouble(), 0.3);
        QCOMPARE(settings::value(s, settings::kEpochs).toInt(), 5);
        QCOMPARE(settings::value(s, settings::kAugment).toBool(), true);
        QCOMPARE(settings::value(s, settings::kLearningRate).toDouble(), 0.01);
        QCOMPARE(settings::value(s, settings::kSeed).toLongLong(), 9);
        QCOMPARE(settings::value(s, settings::kPretrainedVectors).toString(), QStringLiteral("/v.vec"));
        QSqlQuery q(s.database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM settings WHERE key IN ('training_options', 'model.batchSize',"
                                      " 'ui.retrainInterval', 'import.evalFraction')"))
                && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), schema::kCurrentVersion);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
