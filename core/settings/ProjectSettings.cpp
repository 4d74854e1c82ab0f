#include "settings/ProjectSettings.h"
#include "ml/TrainingTypes.h"
#include "store/ProjectStore.h"
#include "task/TaskModel.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace marginalia::settings {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Settings)
};

// A double's shortest spelling that reads back to the same value.
QString realText(double v) { return QString::number(v, 'g', QLocale::FloatingPointShortest); }

QVector<Definition> makeDefinitions()
{
    // The model's defaults are TrainingOptions' own, so that the two never disagree.
    const ml::TrainingOptions d;
    constexpr double kMaxSeed = 9007199254740991.0; // 2^53 - 1: exact in the JSON a run's config is written in
    return {
        {kTask, QT_TRANSLATE_NOOP("Settings", "Task"), Type::Text, QString(), {}, 0, 0, Nobody,
         QT_TRANSLATE_NOOP("Settings", "What the project labels: textcat, multilabel, ner or image (fixed when it is created).")},
        {kCreatedAt, QT_TRANSLATE_NOOP("Settings", "Created"), Type::Text, QString(), {}, 0, 0, Nobody,
         QT_TRANSLATE_NOOP("Settings", "When the project was created (milliseconds since 1970).")},
        {kProjectName, QT_TRANSLATE_NOOP("Settings", "Project name"), Type::Text, QString(), {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "A name for the project, shown in the studio.")},
        {kStrategy, QT_TRANSLATE_NOOP("Settings", "Query strategy"), Type::Choice, d.strategy, QStringLiteral("mnlp"), 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "How the model picks the samples to label next (the query strategy).")},
        {kBatchSize, QT_TRANSLATE_NOOP("Settings", "Batch size"), Type::Integer, d.batchSize, {}, 1, 100000, Everyone,
         QT_TRANSLATE_NOOP("Settings", "How many samples a batch strategy picks together.")},
        {kEpochs, QT_TRANSLATE_NOOP("Settings", "Epochs"), Type::Integer, d.epochs, {}, 1, 1000, Everyone,
         QT_TRANSLATE_NOOP("Settings", "The most passes over the labeled samples in one round (early stopping may end it sooner).")},
        {kEmbeddingDim, QT_TRANSLATE_NOOP("Settings", "Vector size"), Type::Integer, d.embeddingDim, {}, 2, 1024, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Size of the model's word and n-gram vectors (ignored when pretrained vectors set it).")},
        {kHiddenDim, QT_TRANSLATE_NOOP("Settings", "Hidden layer"), Type::Integer, d.hiddenDim, {}, 0, 4096, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Size of the classifier's hidden layer; 0 for none.")},
        {kDropout, QT_TRANSLATE_NOOP("Settings", "Dropout"), Type::Real, d.dropout, {}, 0, 0.95, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Dropout rate while training.")},
        {kLearningRate, QT_TRANSLATE_NOOP("Settings", "Learning rate"), Type::Real, d.learningRate, {}, 1e-6, 10, Everyone,
         QT_TRANSLATE_NOOP("Settings", "The optimizer's learning rate.")},
        {kAugment, QT_TRANSLATE_NOOP("Settings", "Augment"), Type::Boolean, d.augment, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Train on copies of the labeled samples with words dropped and swapped.")},
        {kClassWeights, QT_TRANSLATE_NOOP("Settings", "Class weights"), Type::Boolean, d.classWeights, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Weigh rare labels up in the loss.")},
        {kMcPasses, QT_TRANSLATE_NOOP("Settings", "Dropout passes"), Type::Integer, d.mcPasses, {}, 1, 100, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Dropout passes per sample for the bald strategy.")},
        {kSeed, QT_TRANSLATE_NOOP("Settings", "Seed"), Type::Integer, qlonglong(d.seed), {}, 0, kMaxSeed, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Random seed of training and of random picks.")},
        {kPretrainedVectors, QT_TRANSLATE_NOOP("Settings", "Pretrained vectors"), Type::Text, d.pretrainedVectors, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "A fastText .vec file or binary model (.bin) to start the word vectors from; empty for "
                                       "none.")},
        {kImageBackbone, QT_TRANSLATE_NOOP("Settings", "Image backbone"), Type::Text, d.imageBackbone, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Image projects: a TorchScript file (.pt) of a pretrained network whose features "
                                       "the classifier learns from (only a head is trained on them); empty to train a "
                                       "network from scratch. The file runs as code: name only one you trust.")},
        {kImageFinetune, QT_TRANSLATE_NOOP("Settings", "Fine-tune the backbone"), Type::Boolean, d.imageFinetune, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Image projects with a backbone: train the backbone's own weights too, on "
                                       "augmented images (much slower than a head alone; meant for a GPU).")},
        {kTextEncoder, QT_TRANSLATE_NOOP("Settings", "Text encoder"), Type::Text, d.textEncoder, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Text projects: a TorchScript file (.pt) of a pretrained text encoder (a "
                                       "BERT-family model exported with torch.jit.trace) whose mean token states the "
                                       "classifier learns from, or for span labeling whose per-token states a tagging "
                                       "head learns from (only a head is trained on them); empty for the built-in "
                                       "model. The file runs as code: name only one you trust.")},
        {kTextEncoderVocab, QT_TRANSLATE_NOOP("Settings", "Encoder vocabulary"), Type::Text, d.textEncoderVocab, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "The text encoder's tokenizer: a WordPiece vocabulary (vocab.txt) or a "
                                       "SentencePiece model (.model); empty for the vocab.txt beside the encoder, else "
                                       "a SentencePiece model beside it.")},
        {kEncoderFinetune, QT_TRANSLATE_NOOP("Settings", "Fine-tune the text encoder"), Type::Boolean, d.encoderFinetune, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "With a text encoder: train the encoder's own weights with the classifier or "
                                       "the tagging head, and take every sample's features again after each round "
                                       "(much slower than a head alone; meant for a GPU).")},
        // On for span labeling too since its tagger reads word classes from them (ml/WordClusters.h).
        {kUsePoolVectors, QT_TRANSLATE_NOOP("Settings", "Start from the pool's vectors"), Type::Boolean, true, {}, 0, 0, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Let the model read each text through the word vectors learned from the "
                                       "project's unlabeled text (Model > Learn from unlabeled text, marginalia "
                                       "pretrain), beside what it learns from the labels.")},
        {kPretrainMethod, QT_TRANSLATE_NOOP("Settings", "Learn word vectors by"), Type::Choice, QStringLiteral("skipgram"), {}, 0, 0,
         Everyone,
         QT_TRANSLATE_NOOP("Settings", "How Model > Learn from unlabeled text learns: skipgram from the words around each "
                                       "word (a minute or more), svd from the texts words share (seconds).")},
        {kRetrainInterval, QT_TRANSLATE_NOOP("Settings", "Retrain every"), Type::Integer, 10, {}, 1, 100000, Everyone,
         QT_TRANSLATE_NOOP("Settings", "The studio retrains after this many new labels.")},
        {kEvalFraction, QT_TRANSLATE_NOOP("Settings", "Evaluation share"), Type::Real, 0.2, {}, 0, 0.9, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Share of imported samples set aside for evaluation.")},
        {kOverlapShare, QT_TRANSLATE_NOOP("Settings", "Overlap share"), Type::Real, 0.0, {}, 0, 1, Everyone,
         QT_TRANSLATE_NOOP("Settings", "Share of the samples that several annotators label independently, for "
                                       "agreement and review; every other sample goes to one annotator only.")},
        {kOverlapAnnotators, QT_TRANSLATE_NOOP("Settings", "Annotators per overlap sample"), Type::Integer, 2, {}, 2,
         20, Everyone, QT_TRANSLATE_NOOP("Settings", "How many annotators label each overlap sample.")},
        {kLeaseMinutes, QT_TRANSLATE_NOOP("Settings", "Assignment lease (minutes)"), Type::Integer, 30, {}, 1, 1440,
         Everyone,
         QT_TRANSLATE_NOOP("Settings", "How long a sample handed to one annotator is kept from the others; a studio "
                                       "closed without labeling it gives it back when the lease runs out.")},
    };
}
} // namespace

QString Definition::describe() const { return QCoreApplication::translate("Settings", description); }
QString Definition::name() const { return QCoreApplication::translate("Settings", title); }

const QVector<Definition> &definitions()
{
    static const QVector<Definition> all = makeDefinitions();
    return all;
}

const Definition *find(const QString &key)
{
    for (const Definition &d : definitions())
        if (key == QLatin1String(d.key))
            return &d;
    return nullptr;
}

bool appliesTo(const Definition &definition, TaskType task)
{
    const QLatin1String key(definition.key);
    if (key == QLatin1String(kImageBackbone) || key == QLatin1String(kImageFinetune))
        return task == TaskType::Image;
    if (key == QLatin1String(kTextEncoder) || key == QLatin1String(kTextEncoderVocab) || key == QLatin1String(kEncoderFinetune))
        return task == TaskType::TextCat || task == TaskType::MultiLabel || task == TaskType::Ner;
    if (task != TaskType::Image)
        return true;
    for (const char *textOnly : {kEmbeddingDim, kHiddenDim, kLearningRate, kEpochs, kAugment, kClassWeights,
                                 kPretrainedVectors, kUsePoolVectors, kPretrainMethod})
        if (key == QLatin1String(textOnly))
            return false;
    return true;
}

bool namesFile(const Definition &definition)
{
    const QLatin1String key(definition.key);
    return key == QLatin1String(kImageBackbone) || key == QLatin1String(kPretrainedVectors)
        || key == QLatin1String(kTextEncoder) || key == QLatin1String(kTextEncoderVocab);
}

QStringList choices(const Definition &definition, TaskType task)
{
    if (definition.type != Type::Choice)
        return {};
    if (QLatin1String(definition.key) == QLatin1String(kPretrainMethod))
        return {QStringLiteral("skipgram"), QStringLiteral("svd")};
    return al::strategyNames(task::scoreKindOf(task));
}

Result<QVariant> parse(const Definition &d, const QString &text, TaskType task)
{
    const QString key = QLatin1String(d.key);
    const QString t = text.trimmed();
    const auto outOfRange = [&] {
        return Error{Tr::tr("%1 must be between %2 and %3 (not \"%4\").")
                         .arg(key, realText(d.minimum), realText(d.maximum), text)};
    };
    bool ok = false;
    switch (d.type) {
    case Type::Integer: {
        const qlonglong v = t.toLongLong(&ok);
        if (!ok)
            return Error{Tr::tr("%1 expects a whole number (not \"%2\").").arg(key, text)};
        if (double(v) < d.minimum || double(v) > d.maximum)
            return outOfRange();
        return QVariant(v);
    }
    case Type::Real: {
        const double v = t.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return Error{Tr::tr("%1 expects a number (not \"%2\").").arg(key, text)};
        if (v < d.minimum || v > d.maximum)
            return outOfRange();
        return QVariant(v);
    }
    case Type::Boolean: {
        const QString l = t.toLower();
        if (l == QLatin1String("true") || l == QLatin1String("1") || l == QLatin1String("yes") || l == QLatin1String("on"))
            return QVariant(true);
        if (l == QLatin1String("false") || l == QLatin1String("0") || l == QLatin1String("no") || l == QLatin1String("off"))
            return QVariant(false);
        return Error{Tr::tr("%1 expects true or false (not \"%2\").").arg(key, text)};
    }
    case Type::Choice: {
        const QStringList allowed = choices(d, task);
        if (!allowed.contains(t))
            return Error{Tr::tr("%1 must be one of: %2 (not \"%3\").").arg(key, allowed.join(QStringLiteral(", ")), text)};
        return QVariant(t);
    }
    case Type::Text:
        break;
    }
    return QVariant(text);
}

QString format(const Definition &d, const QVariant &value)
{
    switch (d.type) {
    case Type::Integer:
        return QString::number(value.toLongLong());
    case Type::Real:
        return realText(value.toDouble());
    case Type::Boolean:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Choice:
    case Type::Text:
        break;
    }
    return value.toString();
}

QVariant value(const ProjectStore &store, const char *key, QString *ignored)
{
    const Definition *d = find(QLatin1String(key));
    Q_ASSERT(d);
    if (!d)
        return {};
    const QVariant fallback = d->defaultFor(store.task());
    const auto stored = store.setting(QLatin1String(key));
    if (!stored || stored->isEmpty())
        return fallback;
    const auto parsed = parse(*d, *stored, store.task());
    if (parsed)
        return *parsed;
    if (ignored)
        *ignored = parsed.error();
    return fallback;
}

Status setValue(ProjectStore &store, const QString &key, const QString &text, Editor who)
{
    const Definition *d = find(key);
    if (!d)
        return Error{Tr::tr("There is no setting \"%1\"; `marginalia config PROJECT` lists them.").arg(key)};
    if (!(d->editableBy & who))
        return Error{Tr::tr("%1 cannot be changed: it is fixed when the project is created.").arg(key)};
    const auto parsed = parse(*d, text, store.task());
    if (!parsed)
        return Error{parsed.error()};
    return store.setSetting(key, format(*d, *parsed));
}

bool roundsReadPoolVectors(const ProjectStore &store)
{
    return value(store, kUsePoolVectors).toBool() && value(store, kPretrainedVectors).toString().isEmpty()
        && value(store, kTextEncoder).toString().isEmpty();
}

} // namespace marginalia::settings
