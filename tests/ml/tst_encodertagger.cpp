// Span labeling over a frozen text encoder: per-word states (first piece, windows for long texts), the tagging
// head trained through a round on a span-labeling project (entity F1, run config, warm start, the worker's cache),
// checkpoints bound to their encoder, fine-tuning the encoder under the head, cancel, and simulate --task ner
// --encoder.
#include "TinyTextEncoder.h"
#include "ml/Device.h"
#include "ml/EncoderTaggingModel.h"
#include "ml/FeatureHead.h"
#include "ml/SpanDecoding.h"
#include "ml/TextEncoder.h"
#include "ml/TrainingConfig.h"
#include "ml/TrainingRound.h"
#include "ml/TrainingTypes.h"
#include "settings/ModelSettings.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "task/LatestModel.h"
#include "task/StoredRunModel.h"
#include "text/SpanTokens.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <numeric>
#include <random>

using namespace marginalia;

namespace {

// Entities recognisable from the word alone (the tiny encoder has no context): first names begin a person,
// family names continue one, cities are locations, everything else is outside.
const QStringList kFirstNames{QStringLiteral("alice"), QStringLiteral("bruno"), QStringLiteral("chiara"),
                              QStringLiteral("dmitri"), QStringLiteral("emeka"), QStringLiteral("farah")};
const QStringList kFamilyNames{QStringLiteral("okafor"), QStringLiteral("rossi"), QStringLiteral("novak"),
                               QStringLiteral("tanaka")};
const QStringList kCities{QStringLiteral("paris"), QStringLiteral("lagos"), QStringLiteral("lima"),
                          QStringLiteral("oslo"), QStringLiteral("quito")};
const QStringList kFiller{QStringLiteral("the"), QStringLiteral("report"), QStringLiteral("said"), QStringLiteral("that"),
                          QStringLiteral("was"), QStringLiteral("seen"), QStringLiteral("with"), QStringLiteral("a"),
                          QStringLiteral("friend"), QStringLiteral("today"), QStringLiteral("and"), QStringLiteral("left"),
                          QStringLiteral("in"), QStringLiteral("visit")};

QStringList vocabulary() { return tinyVocabulary(kFirstNames + kFamilyNames + kCities + kFiller); }

struct TaggedRow
{
    QStringList tokens;
    QStringList tags;
};

// `count` sentences of `minWords` to `minWords + 4` slots; some words carry the ##s piece ("paris" + "s").
QVector<TaggedRow> corpus(int count, unsigned seed, int minWords = 5)
{
    std::mt19937 rng(seed);
    const auto pick = [&](const QStringList &from) { return from[static_cast<int>(rng() % from.size())]; };
    QVector<TaggedRow> rows;
    for (int i = 0; i < count; ++i) {
        TaggedRow r;
        const int slots = minWords + static_cast<int>(rng() % 5);
        for (int w = 0; w < slots; ++w) {
            const unsigned kind = rng() % 10;
            if (kind < 2) {
                r.tokens << pick(kFirstNames);
                r.tags << QStringLiteral("B-PER");
                if (rng() % 2) {
                    r.tokens << pick(kFamilyNames);
                    r.tags << QStringLiteral("I-PER");
                }
            } else if (kind == 2) {
                r.tokens << pick(kCities) + (rng() % 4 == 0 ? QStringLiteral("s") : QString());
                r.tags << QStringLiteral("B-LOC");
            } else {
                r.tokens << pick(kFiller);
                r.tags << QStringLiteral("O");
            }
        }
        rows.push_back(r);
    }
    return rows;
}

AnnotatedSample annotated(const TaggedRow &row, qint64 id, bool labeled)
{
    AnnotatedSample a;
    a.sample.id = id;
    a.sample.tokens = row.tokens;
    a.sample.text = row.tokens.join(QLatin1Char(' '));
    if (labeled) {
        Annotation annotation;
        annotation.spans = text::spansFromTags(text::annotationTokens(a.sample.text, a.sample.tokens), row.tags);
        a.annotation = annotation;
    }
    return a;
}

std::unique_ptr<ProjectStore> makeProject(const QString &path, int pool, int labeledPool, int eval)
{
    auto store = ProjectStore::create(path, TaskType::Ner, {QStringLiteral("PER"), QStringLiteral("LOC")});
    if (!store)
        qFatal("cannot create project: %s", qPrintable(store.error()));
    const QVector<TaggedRow> rows = corpus(pool + eval, 17);
    for (int i = 0; i < rows.size(); ++i) {
        const AnnotatedSample a = annotated(rows[i], 0, i >= pool || i < labeledPool);
        Sample s = a.sample;
        s.split = i < pool ? Split::Pool : Split::Eval;
        const auto id = (*store)->addSample(s);
        if (!id || !*id)
            qFatal("cannot add sample");
        if (a.annotation) {
            AnnotationInput in;
            in.spans = a.annotation->spans;
            if (!(*store)->annotate(**id, in))
                qFatal("cannot annotate");
        }
    }
    return std::move(*store);
}

double distance(const float *a, const float *b, int n)
{
    double sum = 0;
    for (int i = 0; i < n; ++i)
        sum += std::abs(double(a[i]) - double(b[i]));
    return sum;
}

QJsonObject configOf(const ModelRunRecord &run) { return QJsonDocument::fromJson(run.configJson.toUtf8()).object(); }

} // namespace

class TestEncoderTagger : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString encoderIn(const QString &name, int seed, bool tokenStates = true, int dim = 48)
    {
        const QString dir = m_dir.filePath(name);
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/encoder.pt");
        if (!writeTinyTextEncoder(file, vocabulary(), dim, tokenStates, seed))
            return {};
        return file;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ml::configureTorchThreads(1);
    }

    // The tiny encoder's state of a piece does not depend on its neighbours: a word's state must be its first
    // piece's wherever it stands, in a short text and past the encoder's 24 pieces in a long one.
    void wordStatesAreFirstPiecesEverywhere()
    {
        const QString file = encoderIn(QStringLiteral("states"), 3);
        QVERIFY(!file.isEmpty());
        const auto encoder = ml::TextEncoder::load(file);
        QVERIFY2(encoder, qPrintable(encoder ? QString() : encoder.error()));
        QVERIFY((*encoder)->hasTokenStates());
        const int dim = (*encoder)->dim();
        const QStringList shortText{QStringLiteral("paris"), QStringLiteral("parisss"), QStringLiteral("\u0001"),
                                    QStringLiteral("alice")};
        QStringList longText;
        for (int i = 0; i < 70; ++i) // 70 words, some of two or three pieces: about four windows
            longText << (i % 3 == 0 ? kCities[i % kCities.size()] + QStringLiteral("s") : kFiller[i % kFiller.size()]);
        QVERIFY((*encoder)->tokenizer().pieces(longText.join(QLatin1Char(' '))).size() > 3 * (*encoder)->maxLength());
        const auto states = (*encoder)->wordStates({shortText, longText, {}});
        QVERIFY2(states, qPrintable(states ? QString() : states.error()));
        QCOMPARE(states->size(), std::size_t(3));
        QCOMPARE((*states)[0].size(), std::size_t(shortText.size() * dim));
        QCOMPARE((*states)[1].size(), std::size_t(longText.size() * dim));
        QVERIFY((*states)[2].empty());
        const float *s = (*states)[0].data();
        // "parisss" is paris ##s ##s: its first piece's state.
        QVERIFY(distance(s, s + dim, dim) < 1e-6);
        // A word the tokenizer drops (a control character) takes the start mark's state: not a word's.
        QVERIFY(distance(s + 2 * dim, s, dim) > 1e-3);
        QVERIFY(distance(s + 2 * dim, s + 3 * dim, dim) > 1e-3);
        // Every word of the long text, windows or not.
        for (int i = 0; i < longText.size(); ++i) {
            const auto single = (*encoder)->wordStates({QStringList{longText[i]}});
            QVERIFY(single);
            QVERIFY2(distance((*states)[1].data() + std::size_t(i) * std::size_t(dim), single->front().data(), dim) < 1e-5,
                     qPrintable(QStringLiteral("word %1 (%2)").arg(i).arg(longText[i])));
        }

        // An encoder that returns one vector per text has no word states to give.
        const QString plain = encoderIn(QStringLiteral("plain"), 3, false);
        const auto pooled = ml::TextEncoder::load(plain);
        QVERIFY(pooled);
        QVERIFY(!(*pooled)->hasTokenStates());
        QVERIFY(!(*pooled)->wordStates({shortText}));
    }

    // A round on a span-labeling project with model.text_encoder set trains the head over token states: it finds
    // the entities, names its kind and encoder, keeps the states in the worker's cache, and warm-starts.
    void roundLearnsEntitiesAndWarmStarts()
    {
        const QString file = encoderIn(QStringLiteral("round"), 5);
        QVERIFY(!file.isEmpty());
        auto store = makeProject(QFileInfo(file).dir().filePath(QStringLiteral("ner.marginalia")), 120, 60, 40);
        QVERIFY(settings::setValue(*store, QLatin1String(settings::kTextEncoder), QStringLiteral("encoder.pt"), settings::Cli));
        const ml::TrainingOptions options = settings::trainingOptions(*store);
        ml::FeatureCache cache;
        const std::atomic_bool cancel{false};
        QStringList notes;
        const auto first = ml::runTrainingRound(*store, options, cancel, [&](int, int, const QString &what) { notes << what; }, &cache);
        QVERIFY2(first, qPrintable(first ? QString() : first.error()));
        // A head that tags everything O scores 0; one that cannot tell B from I or PER from LOC far below this.
        QVERIFY2(first->microF1 > 0.95, qPrintable(QString::number(first->microF1)));
        QVERIFY2(first->macroF1 > 0.95, qPrintable(QString::number(first->macroF1)));
        QVERIFY(notes.contains(QStringLiteral("Encoding the texts")));

        const auto run = *store->latestRun(true);
        QVERIFY(run);
        QCOMPARE(run->modelKind, QStringLiteral("encoder-tagger"));
        const QJsonObject config = configOf(*run);
        const QJsonObject model = config.value(QStringLiteral("model")).toObject();
        const auto encoder = ml::TextEncoder::load(file);
        QVERIFY(encoder);
        QCOMPARE(model.value(QStringLiteral("encoder")).toString(), (*encoder)->fingerprint());
        QCOMPARE(model.value(QStringLiteral("features")).toInt(), 48);
        QCOMPARE(config.value(QStringLiteral("tags")).toArray().size(), 5);
        // Every sentence's token states are in the worker's cache, under the encoder's fingerprint.
        QCOMPARE(cache.encoder, QStringLiteral("tokens:") + (*encoder)->fingerprint());
        QCOMPARE(cache.encoderFeatures.size(), qsizetype(160));

        notes.clear();
        const auto second = ml::runTrainingRound(*store, options, cancel, [&](int, int, const QString &what) { notes << what; }, &cache);
        QVERIFY2(second, qPrintable(second ? QString() : second.error()));
        QVERIFY(!notes.contains(QStringLiteral("Encoding the texts"))); // nothing left to encode
        QVERIFY2(second->microF1 > 0.95, qPrintable(QString::number(second->microF1)));
        const auto warm = *store->latestRun(true);
        QCOMPARE(configOf(*warm).value(QStringLiteral("warm_start_run")).toInteger(), run->id);

        // What `predict` loads: the stored run's model, onto the encoder its run names, tagging every token.
        const auto stored = task::makeStoredRunModel(*store);
        QCOMPARE(stored->kind(), QStringLiteral("encoder-tagger"));
        const auto loaded = task::loadLatestModel(*store, *stored);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error()));
        QCOMPARE(*loaded, warm->id);
        const QVector<TaggedRow> fresh = corpus(30, 99);
        for (const TaggedRow &r : fresh)
            stored->addSample(annotated(r, 0, true));
        std::vector<int> all(std::size_t(fresh.size()));
        std::iota(all.begin(), all.end(), 0);
        const auto evaluated = stored->evaluate(all);
        QVERIFY2(evaluated && evaluated->microF1 > 0.95, qPrintable(evaluated ? QString::number(evaluated->microF1) : evaluated.error()));
        QVERIFY(stored->predictionLine(0, evaluated->rows.front()).size() > 0);
    }

    // Fine-tuning under a tagging head trains a copy of the encoder on each word's state read in its sentence, long
    // sentences (several windows) included: started from a random head, with the encoder's table free to move,
    // the pair must tag the words it trained on, which fails if a word's state were taken for another's label.
    void fineTuningWordsTrainsACopyOfTheEncoder()
    {
        const QString file = encoderIn(QStringLiteral("tune-words"), 9);
        QVERIFY(!file.isEmpty());
        const auto loaded = ml::TextEncoder::load(file);
        QVERIFY(loaded);
        QVector<TaggedRow> rows = corpus(40, 21);
        rows += corpus(6, 22, 30); // past the encoder's 24 pieces
        const QStringList tagSet = ml::bioTagSet({QStringLiteral("PER"), QStringLiteral("LOC")});
        std::vector<QStringList> sentences;
        std::vector<std::vector<int>> labels;
        for (const TaggedRow &r : std::as_const(rows)) {
            sentences.push_back(r.tokens);
            for (int tag : ml::tagIndices(r.tags, tagSet))
                labels.push_back({tag});
        }
        std::shared_ptr<ml::TextEncoder> copy = std::move((*loaded)->tunableCopy()).value();
        ml::HeadShape shape;
        shape.features = 48;
        shape.labels = tagSet;
        shape.encoder = (*loaded)->fingerprint();
        shape.finetune = true;
        auto head = std::move(ml::FeatureHead::create(shape, 1, copy)).value();
        ml::HeadTraining training;
        training.epochs = 15;
        training.batchSize = 64;
        training.minSteps = 0;
        training.encoderLearningRate = 1e-2;
        const std::atomic_bool cancel{false};
        const auto epochs = head->fineTuneWords(sentences, labels, training, cancel);
        QVERIFY2(epochs, qPrintable(epochs ? QString() : epochs.error()));
        QVERIFY2(epochs->last().trainLoss < epochs->first().trainLoss, "the loss falls");
        QVERIFY(!head->fineTuneWords(sentences, {}, training, cancel)); // a label for every word

        const auto states = copy->wordStates(sentences);
        const auto before = (*loaded)->wordStates(sentences);
        QVERIFY(states && before);
        QVERIFY(distance(states->back().data(), before->back().data(), int(before->back().size())) > 1e-2);
        std::vector<const float *> words;
        for (const std::vector<float> &sentence : *states)
            for (std::size_t w = 0; w < sentence.size() / 48; ++w)
                words.push_back(sentence.data() + w * 48);
        const auto out = head->predict(words);
        QVERIFY(out);
        int right = 0;
        for (std::size_t i = 0; i < words.size(); ++i) {
            const float *p = out->probs.data() + i * std::size_t(tagSet.size());
            right += int(std::max_element(p, p + tagSet.size()) - p) == labels[i].front() ? 1 : 0;
        }
        QVERIFY2(right >= int(words.size() * 95 / 100), qPrintable(QStringLiteral("%1 of %2").arg(right).arg(words.size())));
    }

    // model.encoder_finetune for span labeling: a round fine-tunes a copy of the encoder under the tagging head.
    // The run says so and its checkpoint carries the tuned weights, the worker's cache keeps only states as the
    // file gives them, the next round warm-starts from the tuned pair, and what `predict` loads tags as well.
    void roundsFineTuneTheEncoderUnderTheTaggingHead()
    {
        const QString file = encoderIn(QStringLiteral("finetune"), 8);
        QVERIFY(!file.isEmpty());
        auto store = makeProject(QFileInfo(file).dir().filePath(QStringLiteral("ner.marginalia")), 120, 60, 40);
        QVERIFY(settings::setValue(*store, QLatin1String(settings::kTextEncoder), QStringLiteral("encoder.pt"), settings::Cli));
        QVERIFY(settings::setValue(*store, QLatin1String(settings::kEncoderFinetune), QStringLiteral("true"), settings::Cli));
        const ml::TrainingOptions options = settings::trainingOptions(*store);
        QVERIFY(options.encoderFinetune);
        ml::FeatureCache cache;
        const std::atomic_bool cancel{false};
        const auto first = ml::runTrainingRound(*store, options, cancel, {}, &cache);
        QVERIFY2(first, qPrintable(first ? QString() : first.error()));
        QVERIFY2(first->microF1 > 0.95, qPrintable(QString::number(first->microF1)));
        const auto run = *store->latestRun(true);
        QVERIFY(run);
        QVERIFY(configOf(*run).value(QStringLiteral("model")).toObject().value(QStringLiteral("finetune")).toBool());
        const auto checkpoint = store->checkpoint(run->id);
        QVERIFY(checkpoint);
        const auto shape = ml::FeatureHead::checkpointShape(*checkpoint);
        QVERIFY(shape && shape->finetune);
        // The encoder's table (vocabulary x 48 floats) is in it, not only the head's 5 x 48.
        QVERIFY(checkpoint->size() > vocabulary().size() * 48 * qsizetype(sizeof(float)));

        // The tuned weights give other states than the file's; the cache holds the file's.
        const auto fresh = ml::TextEncoder::load(file);
        QVERIFY(fresh);
        std::shared_ptr<ml::TextEncoder> copy = std::move((*fresh)->tunableCopy()).value();
        auto head = std::move(ml::FeatureHead::create(*shape, 1, copy)).value();
        QVERIFY(head->loadCheckpoint(*checkpoint));
        const QStringList probe{QStringLiteral("alice"), QStringLiteral("okafor"), QStringLiteral("said"), QStringLiteral("lima")};
        const auto tuned = copy->wordStates({probe});
        const auto original = (*fresh)->wordStates({probe});
        QVERIFY(tuned && original);
        QVERIFY(distance(tuned->front().data(), original->front().data(), int(original->front().size())) > 1e-3);
        QCOMPARE(cache.encoder, QStringLiteral("tokens:") + (*fresh)->fingerprint());
        for (auto it = cache.encoderFeatures.cbegin(); it != cache.encoderFeatures.cend(); ++it) {
            const auto sample = store->sample(it.key());
            QVERIFY(sample);
            const auto states = (*fresh)->wordStates({ml::sentenceTokens(sample->text, sample->tokens).words});
            QVERIFY(states);
            QVERIFY(distance(it->data(), states->front().data(), int(it->size())) < 1e-5);
        }

        const auto second = ml::runTrainingRound(*store, options, cancel, {}, &cache);
        QVERIFY2(second, qPrintable(second ? QString() : second.error()));
        QVERIFY2(second->microF1 > 0.95, qPrintable(QString::number(second->microF1)));
        const auto warm = *store->latestRun(true);
        QCOMPARE(configOf(*warm).value(QStringLiteral("warm_start_run")).toInteger(), run->id);

        const auto stored = task::makeStoredRunModel(*store);
        const auto loaded = task::loadLatestModel(*store, *stored);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error()));
        const QVector<TaggedRow> rows = corpus(30, 98);
        for (const TaggedRow &r : rows)
            stored->addSample(annotated(r, 0, true));
        std::vector<int> all(std::size_t(rows.size()));
        std::iota(all.begin(), all.end(), 0);
        const auto evaluated = stored->evaluate(all);
        QVERIFY2(evaluated && evaluated->microF1 > 0.95, qPrintable(evaluated ? QString::number(evaluated->microF1) : evaluated.error()));
    }

    // The stored head loads only onto the encoder it was trained on, and only with its run's entity types.
    void checkpointRefusesAnotherEncoder()
    {
        const QString file = encoderIn(QStringLiteral("bound"), 6);
        QVERIFY(!file.isEmpty());
        auto store = makeProject(QFileInfo(file).dir().filePath(QStringLiteral("ner.marginalia")), 60, 40, 20);
        QVERIFY(settings::setValue(*store, QLatin1String(settings::kTextEncoder), QStringLiteral("encoder.pt"), settings::Cli));
        const std::atomic_bool cancel{false};
        QVERIFY(ml::runTrainingRound(*store, settings::trainingOptions(*store), cancel));
        const auto run = *store->latestRun(true);
        const auto checkpoint = store->checkpoint(run->id);
        QVERIFY(checkpoint && !checkpoint->isEmpty());

        // Its own encoder: loads.
        ml::TrainingOptions own;
        own.textEncoder = file;
        const auto same = ml::makeEncoderTaggingModel(own);
        QVERIFY2(same->loadRun(*run, *checkpoint), "the head did not load onto its own encoder");

        // Another encoder (same vocabulary and size, other weights).
        ml::TrainingOptions other;
        other.textEncoder = encoderIn(QStringLiteral("other"), 7);
        const auto model = ml::makeEncoderTaggingModel(other);
        const auto refused = model->loadRun(*run, *checkpoint);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("not the one")), qPrintable(refused.error()));
        QVERIFY(model->setLabels({QStringLiteral("PER"), QStringLiteral("LOC")}, {}));
        QVERIFY(!model->fits(*run, *checkpoint));

        // A run whose entity types do not make the head's tags.
        ModelRunRecord renamed = *run;
        QJsonObject config = configOf(*run);
        config.insert(QStringLiteral("labels"), QJsonArray{QStringLiteral("PER")});
        renamed.configJson = QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
        QVERIFY(!ml::makeEncoderTaggingModel(own)->loadRun(renamed, *checkpoint));
        // Bytes that are not a checkpoint at all.
        QVERIFY(!ml::makeEncoderTaggingModel(own)->loadRun(*run, QByteArray("not a checkpoint")));

        // A round on the other encoder trains from scratch rather than warm-starting from the first.
        QVERIFY(settings::setValue(*store, QLatin1String(settings::kTextEncoder), QStringLiteral("../other/encoder.pt"), settings::Cli));
        QVERIFY(ml::runTrainingRound(*store, settings::trainingOptions(*store), cancel));
        QCOMPARE(configOf(**store->latestRun(true)).value(QStringLiteral("warm_start_run")).toInteger(), 0);
    }

    // Sentences of more pieces than the encoder reads get a tag for every token, and entities past the cut are found.
    void longSentencesGetEveryTag()
    {
        ml::TrainingOptions options;
        options.textEncoder = encoderIn(QStringLiteral("long"), 8);
        options.threads = 1;
        const auto model = ml::makeEncoderTaggingModel(options);
        QVERIFY(model->setLabels({QStringLiteral("PER"), QStringLiteral("LOC")}, {}));
        const QVector<TaggedRow> train = corpus(80, 21);
        const QVector<TaggedRow> longRows = corpus(10, 22, 40); // 40 to 44 slots: well past 24 pieces
        for (int i = 0; i < train.size(); ++i)
            model->addSample(annotated(train[i], 0, true));
        for (const TaggedRow &r : longRows)
            model->addSample(annotated(r, 0, true));
        std::vector<int> trainIndices(std::size_t(train.size())), longIndices;
        std::iota(trainIndices.begin(), trainIndices.end(), 0);
        for (int i = 0; i < longRows.size(); ++i)
            longIndices.push_back(int(train.size()) + i);
        const std::atomic_bool cancel{false};
        QVERIFY(model->train(trainIndices, cancel, {}));
        const auto predicted = model->predict(longIndices, nullptr, {}, 0);
        QVERIFY2(predicted, qPrintable(predicted ? QString() : predicted.error()));
        QCOMPARE(predicted->scores.tags, 5);
        int lateEntities = 0;
        for (int i = 0; i < longRows.size(); ++i) {
            QCOMPARE(predicted->scores.marginals[std::size_t(i)].size(), std::size_t(longRows[i].tokens.size() * 5));
            const QStringList tags = model->comparableTags(longIndices[std::size_t(i)], predicted->rows[i]);
            QCOMPARE(tags.size(), longRows[i].tokens.size());
            for (int t = 30; t < tags.size(); ++t)
                if (longRows[i].tags[t] != QLatin1String("O")) {
                    QCOMPARE(tags[t], longRows[i].tags[t]);
                    ++lateEntities;
                }
        }
        QVERIFY(lateEntities > 5);
        const auto evaluated = model->evaluate(longIndices);
        QVERIFY(evaluated);
        QVERIFY2(evaluated->microF1 > 0.95, qPrintable(QString::number(evaluated->microF1)));
    }

    // Cancel stops the round (in encoding or training), which ends its run as cancelled.
    void cancelStopsTheRound()
    {
        const QString file = encoderIn(QStringLiteral("cancel"), 9);
        auto store = makeProject(QFileInfo(file).dir().filePath(QStringLiteral("ner.marginalia")), 40, 20, 10);
        QVERIFY(settings::setValue(*store, QLatin1String(settings::kTextEncoder), QStringLiteral("encoder.pt"), settings::Cli));
        const std::atomic_bool cancelled{true};
        QVERIFY(!ml::runTrainingRound(*store, settings::trainingOptions(*store), cancelled));
        const auto runs = store->runs();
        QVERIFY(runs && runs->size() == 1);
        QCOMPARE(runs->at(0).status, QStringLiteral("cancelled"));

        ml::TrainingOptions options;
        options.textEncoder = file;
        const auto model = ml::makeEncoderTaggingModel(options);
        QVERIFY(model->setLabels({QStringLiteral("PER")}, {}));
        for (const TaggedRow &r : corpus(10, 3))
            model->addSample(annotated(r, 0, true));
        const auto stopped = model->train({0, 1, 2, 3, 4}, cancelled, {});
        QVERIFY(!stopped);
        QVERIFY2(stopped.error().contains(QStringLiteral("cancelled")), qPrintable(stopped.error()));
    }

    // simulate --task ner --encoder: the curve on the encoder's token states.
    void simulateTagsWithAnEncoder()
    {
        const QString file = encoderIn(QStringLiteral("simulate"), 10);
        const QString conll = QFileInfo(file).dir().filePath(QStringLiteral("pool.conll"));
        {
            QFile f(conll);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (const TaggedRow &r : corpus(150, 31)) {
                for (int i = 0; i < r.tokens.size(); ++i)
                    f.write((r.tokens[i] + QLatin1Char(' ') + r.tags[i] + QLatin1Char('\n')).toUtf8());
                f.write("\n");
            }
        }
        QProcess p;
        p.start(QStringLiteral(MARGINALIA_BINARY),
                {QStringLiteral("simulate"), conll, QStringLiteral("--task"), QStringLiteral("ner"), QStringLiteral("--strategy"),
                 QStringLiteral("mnlp"), QStringLiteral("--seed-size"), QStringLiteral("10"), QStringLiteral("--batch"),
                 QStringLiteral("20"), QStringLiteral("--budget"), QStringLiteral("50"), QStringLiteral("--encoder"), file,
                 QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(300000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput()), err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        const QJsonObject o = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("curve")).toArray().size(), 3);
        QVERIFY2(o.value(QStringLiteral("full_data")).toObject().value(QStringLiteral("micro_f1")).toDouble() > 0.9, qPrintable(out));

        // --finetune-encoder: the same with the encoder trained under the tagging head every round.
        QProcess tuned;
        tuned.start(QStringLiteral(MARGINALIA_BINARY),
                    {QStringLiteral("simulate"), conll, QStringLiteral("--task"), QStringLiteral("ner"), QStringLiteral("--strategy"),
                     QStringLiteral("random"), QStringLiteral("--seed-size"), QStringLiteral("10"), QStringLiteral("--batch"),
                     QStringLiteral("20"), QStringLiteral("--budget"), QStringLiteral("30"), QStringLiteral("--encoder"), file,
                     QStringLiteral("--finetune-encoder"), QStringLiteral("--json")});
        QVERIFY(tuned.waitForFinished(300000));
        const QString tunedOut = QString::fromUtf8(tuned.readAllStandardOutput());
        QVERIFY2(tuned.exitCode() == 0, tuned.readAllStandardError().constData());
        const QJsonObject t = QJsonDocument::fromJson(tunedOut.toUtf8()).object();
        QCOMPARE(t.value(QStringLiteral("curve")).toArray().size(), 2);
        QVERIFY2(t.value(QStringLiteral("full_data")).toObject().value(QStringLiteral("micro_f1")).toDouble() > 0.9, qPrintable(tunedOut));
    }
};

QTEST_GUILESS_MAIN(TestEncoderTagger)
#include "tst_encodertagger.moc"
