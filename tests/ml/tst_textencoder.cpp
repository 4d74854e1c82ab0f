// The text encoder path: BERT's WordPiece tokenization, a TorchScript encoder built here (its masked mean token
// states), the classifier head over them, and a project trained on them through the CLI (features kept in the
// project, warm start, predict, simulate) with bad files refused by name.
#include "MlTestData.h"
#include "TinySentencePiece.h"
#include "TinyTextEncoder.h"
#include "ml/FeatureHead.h"
#include "ml/TextEncoder.h"
#include "ml/TrainingRound.h"
#include "settings/ModelSettings.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "text/SubwordTokenizer.h"
#include "text/WordPieceTokenizer.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <random>
#include <cmath>

using namespace marginalia;

namespace {

// Every word the constructed topics and their noise use, and a little Chinese.
QStringList encoderWords()
{
    QStringList words;
    for (int topic = 0; topic < 3; ++topic)
        words += mltest::topicWords(topic);
    words += QStringList{QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("today"), QStringLiteral("really"),
                         QStringLiteral("we"), QStringLiteral("about"), QStringLiteral("#"), QStringLiteral("run"),
                         QStringLiteral("中"), QStringLiteral("文")};
    for (int digit = 0; digit < 10; ++digit)
        words << QString::number(digit) << QStringLiteral("##%1").arg(digit);
    return words;
}

double distance(const float *a, const float *b, int n)
{
    double sum = 0;
    for (int i = 0; i < n; ++i)
        sum += std::abs(double(a[i]) - double(b[i]));
    return sum;
}

} // namespace

class TestTextEncoder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run cli(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(MARGINALIA_BINARY), args);
        if (!p.waitForFinished(300000)) // a guard against a hang, not a speed check
            return {};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }

    // `rank` by another strategy than the stored one and `predict` load the project's stored head over its encoder;
    // the predictions tell the topics apart.
    void rankAndPredictWithTheStoredHead(const QString &project)
    {
        const Run rank = cli({QStringLiteral("rank"), project, QStringLiteral("--strategy"), QStringLiteral("entropy"),
                              QStringLiteral("--top"), QStringLiteral("3")});
        QVERIFY2(rank.code == 0, qPrintable(rank.err));
        QCOMPARE(rank.out.trimmed().split(QLatin1Char('\n')).size(), 3);
        const QString input = QFileInfo(project).dir().filePath(QStringLiteral("new.jsonl"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"text\": \"the striker scored a goal in the match\"}\nsimmer the garlic in butter\n");
        file.close();
        const Run predict = cli({QStringLiteral("predict"), project, input, QStringLiteral("--json")});
        QVERIFY2(predict.code == 0, qPrintable(predict.err));
        const QStringList lines = predict.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(lines[0].toUtf8()).object().value(QStringLiteral("label")).toString(), QStringLiteral("topic0"));
        QCOMPARE(QJsonDocument::fromJson(lines[1].toUtf8()).object().value(QStringLiteral("label")).toString(), QStringLiteral("topic1"));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // BERT's own example, accents and case folded for an uncased vocabulary; CJK ideographs alone; unknown words.
    void wordPieceSplitsAsBertDoes()
    {
        const QStringList vocab{QStringLiteral("[UNK]"), QStringLiteral("[CLS]"), QStringLiteral("[SEP]"),
                                QStringLiteral("want"), QStringLiteral("##want"), QStringLiteral("##ed"),
                                QStringLiteral("wa"), QStringLiteral("un"), QStringLiteral("runn"),
                                QStringLiteral("##ing"), QStringLiteral(","), QStringLiteral("中"), QStringLiteral("文")};
        const auto tokenizer = text::WordPieceTokenizer::fromTokens(vocab);
        QVERIFY2(tokenizer, qPrintable(tokenizer ? QString() : tokenizer.error()));
        QVERIFY(tokenizer->lowercase());
        QCOMPARE(tokenizer->pieces(QStringLiteral("UNwant\u00E9d,running")),
                 (QStringList{QStringLiteral("un"), QStringLiteral("##want"), QStringLiteral("##ed"), QStringLiteral(","),
                              QStringLiteral("runn"), QStringLiteral("##ing")}));
        QCOMPARE(tokenizer->pieces(QStringLiteral("中文 unwanted\u0001 xyz")),
                 (QStringList{QStringLiteral("中"), QStringLiteral("文"), QStringLiteral("un"), QStringLiteral("##want"),
                              QStringLiteral("##ed"), QStringLiteral("[UNK]")}));
        // [CLS] pieces [SEP], cut to the length asked for; [PAD] is 0 when the vocabulary has none.
        QCOMPARE(tokenizer->encode(QStringLiteral("want wa"), 16), (std::vector<std::int64_t>{1, 3, 6, 2}));
        QCOMPARE(tokenizer->encode(QStringLiteral("unwanted running"), 4), (std::vector<std::int64_t>{1, 7, 4, 2}));
        QCOMPARE(tokenizer->padId(), std::int64_t(0));

        // An upper-case entry makes the vocabulary cased: text keeps its case.
        const auto cased = text::WordPieceTokenizer::fromTokens(vocab + QStringList{QStringLiteral("Want")});
        QVERIFY(cased && !cased->lowercase());
        QCOMPARE(cased->pieces(QStringLiteral("Want want")), (QStringList{QStringLiteral("Want"), QStringLiteral("want")}));

        const auto missing = text::WordPieceTokenizer::fromTokens({QStringLiteral("[CLS]"), QStringLiteral("[SEP]")});
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(QStringLiteral("[UNK]")), qPrintable(missing.error()));
    }

    // Files: read line by line; a missing file, one that is not UTF-8 or lacks the special tokens, and an open
    // project are refused with the file's name.
    void vocabularyFilesAreChecked()
    {
        const QString good = writeFile(QStringLiteral("good-vocab.txt"), "[PAD]\r\n[UNK]\n[CLS]\n[SEP]\nhello\n");
        const auto read = text::WordPieceTokenizer::read(good);
        QVERIFY2(read, qPrintable(read ? QString() : read.error()));
        QCOMPARE(read->encode(QStringLiteral("Hello"), 8), (std::vector<std::int64_t>{2, 4, 3}));
        for (const auto &[name, bytes] : {std::pair{"latin1-vocab.txt", QByteArray("[UNK]\n[CLS]\n[SEP]\ncaf\xe9\n")},
                                          std::pair{"short-vocab.txt", QByteArray("[UNK]\nhello\n")}}) {
            const QString path = writeFile(QLatin1String(name), bytes);
            const auto bad = text::WordPieceTokenizer::read(path);
            QVERIFY(!bad);
            QVERIFY2(bad.error().contains(path), qPrintable(bad.error()));
        }
        QVERIFY(!text::WordPieceTokenizer::read(m_dir.filePath(QStringLiteral("none.txt"))));
        const QString project = m_dir.filePath(QStringLiteral("open.marginalia"));
        auto store = mltest::makeProject(project, 4, 2, 2);
        const auto refused = text::WordPieceTokenizer::read(project);
        QVERIFY(!refused);
    }

    // The features are the mean of the token states under the mask: padding in a batch changes nothing, and an
    // encoder that returns one vector per text is used as it is.
    void encoderFeaturesAreMaskedMeans()
    {
        const QString dir = m_dir.filePath(QStringLiteral("masked"));
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/encoder.pt");
        const QStringList vocab = tinyVocabulary(encoderWords());
        QVERIFY(writeTinyTextEncoder(file, vocab, 6, true, 3));
        const auto encoder = ml::TextEncoder::load(file);
        QVERIFY2(encoder, qPrintable(encoder ? QString() : encoder.error()));
        QCOMPARE((*encoder)->dim(), 6);
        QCOMPARE((*encoder)->maxLength(), 24);
        QCOMPARE((*encoder)->fingerprint().size(), 64);
        const QString shortText = QStringLiteral("goal"), longText = QStringLiteral("the striker scored a goal in the match today");
        const auto alone = (*encoder)->features({shortText});
        const auto together = (*encoder)->features({longText, shortText});
        QVERIFY(alone && together);
        QCOMPARE(together->size(), std::size_t(12));
        QVERIFY2(distance(alone->data(), together->data() + 6, 6) < 1e-5, "padding leaked into the mean");
        QVERIFY(distance(together->data(), together->data() + 6, 6) > 1e-3);

        const QString plainFile = dir + QStringLiteral("/plain.pt");
        QVERIFY(writeTinyTextEncoder(plainFile, vocab, 5, false, 3));
        const auto plain = ml::TextEncoder::load(plainFile);
        QVERIFY2(plain, qPrintable(plain ? QString() : plain.error()));
        QCOMPARE((*plain)->dim(), 5);
        QVERIFY((*plain)->fingerprint() != (*encoder)->fingerprint());

        // Not a module, no vocabulary: refused by name.
        const QString broken = writeFile(QStringLiteral("masked/broken.pt"), "not a model");
        const auto notModule = ml::TextEncoder::load(broken);
        QVERIFY(!notModule);
        QVERIFY2(notModule.error().contains(broken), qPrintable(notModule.error()));
        const QString lonely = m_dir.filePath(QStringLiteral("lonely"));
        QDir().mkpath(lonely);
        QVERIFY(QFile::copy(file, lonely + QStringLiteral("/encoder.pt")));
        const auto noVocab = ml::TextEncoder::load(lonely + QStringLiteral("/encoder.pt"));
        QVERIFY(!noVocab);
        QVERIFY2(noVocab.error().contains(QStringLiteral("vocab.txt")), qPrintable(noVocab.error()));
    }

    // Rows of one group (a sentence's tokens) stay in one fold. Each group here is ten copies of one row with a
    // label drawn at random: split by rows, the dev fold holds copies of rows the head trains on and its loss
    // falls as the head memorizes them; split by groups, it holds only unseen rows whose labels are a coin toss.
    void devFoldKeepsGroupsWhole()
    {
        ml::HeadShape shape;
        shape.features = 16;
        shape.labels = {QStringLiteral("a"), QStringLiteral("b")};
        shape.encoder = QStringLiteral("x");
        std::mt19937 rng(3);
        std::normal_distribution<float> normal;
        std::vector<std::vector<float>> groupRows(60);
        std::vector<int> groupLabel(60);
        for (std::size_t g = 0; g < groupRows.size(); ++g) {
            for (int j = 0; j < shape.features; ++j)
                groupRows[g].push_back(normal(rng));
            groupLabel[g] = int(rng() % 2);
        }
        std::vector<const float *> features;
        std::vector<std::vector<int>> labels;
        std::vector<int> groups;
        for (int copy = 0; copy < 10; ++copy)
            for (std::size_t g = 0; g < groupRows.size(); ++g) {
                features.push_back(groupRows[g].data());
                labels.push_back({groupLabel[g]});
                groups.push_back(int(g));
            }
        const std::atomic_bool cancel{false};
        double lastDev[2] = {0, 0};
        for (const bool grouped : {false, true}) {
            auto head = ml::FeatureHead::create(shape, 1);
            QVERIFY(head);
            ml::HeadTraining training;
            training.epochs = 60;
            training.learningRate = 0.05;
            training.weightDecay = 0;
            training.classWeights = false;
            if (grouped)
                training.groups = groups;
            const auto epochs = (*head)->train(features, labels, training, cancel);
            QVERIFY2(epochs, qPrintable(epochs.error()));
            QVERIFY(!epochs->isEmpty() && epochs->last().devLoss);
            double best = 1e9;
            for (const auto &e : *epochs)
                best = std::min(best, *e.devLoss);
            lastDev[grouped ? 1 : 0] = best;
        }
        qInfo("best dev loss: rows %.3f, groups %.3f", lastDev[0], lastDev[1]);
        QVERIFY2(lastDev[1] > lastDev[0] + 0.2, qPrintable(QStringLiteral("rows %1, groups %2").arg(lastDev[0]).arg(lastDev[1])));
    }

    // The head learns a separable set, single- and multi-label, and its checkpoint loads only into its own shape.
    void headLearnsAndRoundTrips()
    {
        for (const bool multilabel : {false, true}) {
            ml::HeadShape shape;
            shape.features = 4;
            shape.labels = {QStringLiteral("a"), QStringLiteral("b")};
            shape.multilabel = multilabel;
            shape.encoder = QStringLiteral("x");
            auto head = ml::FeatureHead::create(shape, 1);
            QVERIFY(head);
            std::vector<std::vector<float>> rows;
            std::vector<std::vector<int>> labels;
            for (int i = 0; i < 40; ++i) {
                const int label = i % 2;
                rows.push_back({label ? 1.0f : -1.0f, float(i % 5) * 0.1f, label ? -0.5f : 0.5f, 0.2f});
                labels.push_back({label});
            }
            std::vector<const float *> features;
            for (const auto &r : rows)
                features.push_back(r.data());
            const std::atomic_bool cancel{false};
            const auto epochs = (*head)->train(features, labels, ml::HeadTraining{}, cancel);
            QVERIFY2(epochs, qPrintable(epochs ? QString() : epochs.error()));
            QVERIFY(!epochs->isEmpty() && epochs->first().devLoss.has_value()); // 40 labels: a dev fold
            const auto out = (*head)->predict(features, true, 3, 7);
            QVERIFY(out);
            QCOMPARE(out->mc.size(), std::size_t(3));
            QCOMPARE(out->embeddings.size(), std::size_t(40 * 4));
            int right = 0;
            for (int i = 0; i < 40; ++i)
                right += (out->probs[std::size_t(2 * i + 1)] > out->probs[std::size_t(2 * i)]) == bool(i % 2) ? 1 : 0;
            QCOMPARE(right, 40);
            const auto saved = (*head)->saveCheckpoint();
            QVERIFY(saved);
            QCOMPARE(ml::FeatureHead::checkpointShape(*saved)->multilabel, multilabel);
            auto again = ml::FeatureHead::create(shape, 2);
            QVERIFY((*again)->loadCheckpoint(*saved));
            const auto same = (*again)->predict(features);
            QCOMPARE(same->probs, out->probs);
            ml::HeadShape other = shape;
            other.encoder = QStringLiteral("y");
            auto stranger = ml::FeatureHead::create(other, 2);
            QVERIFY(!(*stranger)->loadCheckpoint(*saved));
        }
    }

    // Fine-tuning trains a copy of the encoder with the head: the copy's features move and the shared encoder's
    // do not; the checkpoint holds the copy's weights, so that another copy loaded from it gives the same features
    // and predictions. A head made without an encoder, or of another shape, is refused.
    // Two encoders: the embedding table alone, and one shaped more like BERT (a submodule, position embeddings
    // read through an integer buffer, layer norm), whose nested names and buffer the checkpoint must carry.
    void fineTuningTrainsACopyOfTheEncoder_data()
    {
        QTest::addColumn<bool>("layered");
        QTest::newRow("table") << false;
        QTest::newRow("layered") << true;
    }

    void fineTuningTrainsACopyOfTheEncoder()
    {
        QFETCH(bool, layered);
        const QString dir = m_dir.filePath(layered ? QStringLiteral("finetune-layered") : QStringLiteral("finetune"));
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/encoder.pt");
        QVERIFY(layered ? writeTinyLayeredEncoder(file, tinyVocabulary(encoderWords()), 16, 3)
                        : writeTinyTextEncoder(file, tinyVocabulary(encoderWords()), 16, true, 3));
        const auto loaded = ml::TextEncoder::load(file);
        QVERIFY(loaded);
        const ml::TextEncoder &shared = **loaded;
        const auto rows = mltest::labeledRows(60, 3, 9);
        std::vector<QString> texts;
        std::vector<std::vector<int>> labels;
        for (const auto &row : rows) {
            texts.push_back(row.text);
            labels.push_back({row.labels.first().right(1).toInt()});
        }
        const auto before = shared.features(texts);
        QVERIFY(before);

        std::shared_ptr<ml::TextEncoder> copy = std::move(shared.tunableCopy()).value();
        QCOMPARE(copy->fingerprint(), shared.fingerprint());
        QCOMPARE(*copy->features(texts), *before); // a copy starts as the file has it
        ml::HeadShape shape;
        shape.features = 16;
        shape.labels = {QStringLiteral("topic0"), QStringLiteral("topic1"), QStringLiteral("topic2")};
        shape.encoder = shared.fingerprint();
        shape.finetune = true;
        QVERIFY(!ml::FeatureHead::create(shape, 1)); // fine-tuning needs the encoder
        auto head = std::move(ml::FeatureHead::create(shape, 1, copy)).value();
        ml::HeadTraining training;
        training.epochs = 5;
        training.batchSize = 16;
        training.minSteps = 50;
        training.encoderLearningRate = 1e-2; // the tiny table must visibly move in a few steps
        const std::atomic_bool cancel{false};
        const auto epochs = head->fineTune(texts, labels, training, cancel);
        QVERIFY2(epochs, qPrintable(epochs ? QString() : epochs.error()));
        QVERIFY(!epochs->isEmpty() && epochs->first().devLoss.has_value());
        QVERIFY2(epochs->last().trainLoss < epochs->first().trainLoss, "the loss falls");

        const auto tuned = copy->features(texts);
        QVERIFY(tuned);
        QVERIFY(distance(tuned->data(), before->data(), int(before->size())) > 1.0); // the copy's weights moved
        QCOMPARE(*shared.features(texts), *before);                                  // the shared one's did not
        std::vector<const float *> features;
        for (std::size_t i = 0; i < texts.size(); ++i)
            features.push_back(tuned->data() + i * 16);
        const auto out = head->predict(features);
        QVERIFY(out);
        int right = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const float *p = out->probs.data() + i * 3;
            right += int(std::max_element(p, p + 3) - p) == labels[i].front() ? 1 : 0;
        }
        QVERIFY2(right >= 54, qPrintable(QString::number(right)));

        // The checkpoint holds the encoder: a fresh copy and head loaded from it are the tuned pair.
        const auto saved = head->saveCheckpoint();
        QVERIFY(saved);
        QVERIFY(ml::FeatureHead::checkpointShape(*saved)->finetune);
        std::shared_ptr<ml::TextEncoder> other = std::move(shared.tunableCopy()).value();
        auto again = std::move(ml::FeatureHead::create(shape, 2, other)).value();
        QVERIFY(again->loadCheckpoint(*saved));
        QCOMPARE(*other->features(texts), *tuned);
        QCOMPARE(again->predict(features)->probs, out->probs);
        ml::HeadShape frozen = shape;
        frozen.finetune = false;
        QVERIFY(!(*ml::FeatureHead::create(frozen, 2))->loadCheckpoint(*saved));
        // A frozen head has nothing to fine-tune.
        QVERIFY(!(*ml::FeatureHead::create(frozen, 2))->fineTune(texts, labels, training, cancel));
    }

    // model.encoder_finetune through the project's rounds: the runs say so, the second warm-starts from the first's
    // tuned encoder, the loaded encoder the rounds share stays as its file has it, and the CLI ranks and predicts
    // with the stored tuned pair.
    void projectRoundsFineTuneTheEncoder()
    {
        const QString dir = m_dir.filePath(QStringLiteral("finetuned-project"));
        QDir().mkpath(dir);
        QVERIFY(writeTinyTextEncoder(dir + QStringLiteral("/encoder.pt"), tinyVocabulary(encoderWords()), 64, true, 5));
        const QString project = dir + QStringLiteral("/topics.marginalia");
        {
            auto store = mltest::makeProject(project, 60, 40, 30);
            QVERIFY(settings::setValue(*store, QLatin1String(settings::kTextEncoder), QStringLiteral("encoder.pt"), settings::Cli));
            QVERIFY(settings::setValue(*store, QLatin1String(settings::kEncoderFinetune), QStringLiteral("true"), settings::Cli));
            const ml::TrainingOptions options = settings::trainingOptions(*store);
            QVERIFY(options.encoderFinetune);
            ml::FeatureCache cache;
            const std::atomic_bool cancel{false};
            const auto first = ml::runTrainingRound(*store, options, cancel, {}, &cache);
            QVERIFY2(first, qPrintable(first ? QString() : first.error()));
            QVERIFY(ml::runTrainingRound(*store, options, cancel, {}, &cache));
            const auto runs = *store->runs();
            QCOMPARE(runs.size(), 2);
            const QJsonObject config = QJsonDocument::fromJson(runs.last().configJson.toUtf8()).object();
            QVERIFY(config.value(QStringLiteral("model")).toObject().value(QStringLiteral("finetune")).toBool());
            QCOMPARE(config.value(QStringLiteral("warm_start_run")).toInteger(), runs.first().id);
            QVERIFY(runs.last().accuracy.has_value());
            QVERIFY2(*runs.last().accuracy >= 0.9, qPrintable(QString::number(*runs.last().accuracy)));
            const auto checkpoint = store->checkpoint(runs.last().id);
            QVERIFY(checkpoint);
            QVERIFY(ml::FeatureHead::checkpointShape(*checkpoint)->finetune);
            // The checkpoint carries the encoder's table (vocabulary x 32 floats), not only the head.
            QVERIFY(checkpoint->size() > tinyVocabulary(encoderWords()).size() * 64 * qsizetype(sizeof(float)));
            const auto fresh = ml::TextEncoder::load(dir + QStringLiteral("/encoder.pt"));
            const std::vector<QString> probe{QStringLiteral("the striker scored a goal")};
            QCOMPARE(*std::static_pointer_cast<ml::TextEncoder>(cache.loadedEncoder)->features(probe),
                     *(*fresh)->features(probe));
            // The stored weights are the tuned ones: loaded into a copy of the file's, they give other features.
            std::shared_ptr<ml::TextEncoder> copy = std::move((*fresh)->tunableCopy()).value();
            auto head = std::move(ml::FeatureHead::create(*ml::FeatureHead::checkpointShape(*checkpoint), 1, copy)).value();
            QVERIFY(head->loadCheckpoint(*checkpoint));
            QVERIFY(*copy->features(probe) != *(*fresh)->features(probe));
        }
        rankAndPredictWithTheStoredHead(project);

        // Multi-label: the head's independent sigmoids train with the encoder as well.
        auto multi = mltest::makeProject(dir + QStringLiteral("/multi.marginalia"), 60, 40, 30, 7, TaskType::MultiLabel);
        QVERIFY(settings::setValue(*multi, QLatin1String(settings::kTextEncoder), QStringLiteral("encoder.pt"), settings::Cli));
        QVERIFY(settings::setValue(*multi, QLatin1String(settings::kEncoderFinetune), QStringLiteral("true"), settings::Cli));
        const std::atomic_bool cancel{false};
        const auto round = ml::runTrainingRound(*multi, settings::trainingOptions(*multi), cancel);
        QVERIFY2(round, qPrintable(round ? QString() : round.error()));
        const ModelRunRecord run = multi->runs()->last();
        const auto shape = ml::FeatureHead::checkpointShape(*multi->checkpoint(run.id));
        QVERIFY(shape && shape->multilabel && shape->finetune);
        QVERIFY2(run.accuracy.has_value() && *run.accuracy >= 0.8, qPrintable(QString::number(run.accuracy.value_or(-1))));
    }

    // A project through the CLI: the encoder named relative to the project, two rounds (the second warm-starts),
    // the features kept in the project, predict; another encoder starts a fresh head; a broken one is named.
    void projectRoundsWithAnEncoder()
    {
        const QString dir = m_dir.filePath(QStringLiteral("project"));
        QDir().mkpath(dir);
        QVERIFY(writeTinyTextEncoder(dir + QStringLiteral("/encoder.pt"), tinyVocabulary(encoderWords()), 64, true, 5));
        const QString project = dir + QStringLiteral("/topics.marginalia");
        mltest::makeProject(project, 60, 40, 30);
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.text_encoder"), QStringLiteral("encoder.pt")}).code, 0);
        const Run first = cli({QStringLiteral("train"), project});
        QVERIFY2(first.code == 0, qPrintable(first.err + first.out));
        const Run second = cli({QStringLiteral("train"), project});
        QVERIFY2(second.code == 0, qPrintable(second.err + second.out));
        const auto encoder = ml::TextEncoder::load(dir + QStringLiteral("/encoder.pt"));
        QVERIFY(encoder);
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            const auto runs = (*store)->runs();
            QCOMPARE(runs->size(), 2);
            QCOMPARE(runs->last().modelKind, QStringLiteral("text-encoder"));
            const QJsonObject config = QJsonDocument::fromJson(runs->last().configJson.toUtf8()).object();
            QCOMPARE(config.value(QStringLiteral("warm_start_run")).toInteger(), runs->first().id);
            QCOMPARE(config.value(QStringLiteral("model")).toObject().value(QStringLiteral("encoder")).toString(),
                     (*encoder)->fingerprint());
            QVERIFY(runs->last().accuracy.has_value());
            QVERIFY2(*runs->last().accuracy >= 0.9, qPrintable(QString::number(*runs->last().accuracy)));
            const auto kept = (*store)->encoderFeatures((*encoder)->fingerprint());
            QCOMPARE(kept->size(), 90); // every sample, once
            QCOMPARE(kept->begin()->size(), qsizetype(64 * sizeof(float)));
            QCOMPARE((*store)->rankedPredictions(runs->last().id, -1)->size(), 20); // the unlabeled pool, ranked
        }
        // Ranking by another strategy than the stored one loads the stored head over the encoder.
        rankAndPredictWithTheStoredHead(project);

        // Another encoder file under the same name: the stored head does not fit it, so the round starts afresh.
        QVERIFY(writeTinyTextEncoder(dir + QStringLiteral("/encoder.pt"), tinyVocabulary(encoderWords()), 64, true, 6));
        const Run fresh = cli({QStringLiteral("train"), project});
        QVERIFY2(fresh.code == 0, qPrintable(fresh.err + fresh.out));
        {
            auto store = ProjectStore::open(project);
            const QJsonObject config = QJsonDocument::fromJson((*store)->runs()->last().configJson.toUtf8()).object();
            QVERIFY(config.value(QStringLiteral("warm_start_run")).isNull());
            QCOMPARE((*store)->encoderFeatures((*encoder)->fingerprint())->size(), 0); // replaced
        }
        // Not a TorchScript file: the round fails with the file's name, and no run is left running.
        writeFile(QStringLiteral("project/encoder.pt"), "not a model");
        const Run broken = cli({QStringLiteral("train"), project});
        QVERIFY(broken.code != 0);
        QVERIFY2((broken.err + broken.out).contains(QStringLiteral("encoder.pt")), qPrintable(broken.err + broken.out));
        {
            auto store = ProjectStore::open(project);
            const auto latest = (*store)->latestRun(false);
            QVERIFY(!latest->has_value() || (**latest).status != QStringLiteral("running"));
        }
        // The setting cleared: the built-in model again, trained afresh without trying to load the head.
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.text_encoder"), QString()}).code, 0);
        const Run builtIn = cli({QStringLiteral("train"), project});
        QVERIFY2(builtIn.code == 0, qPrintable(builtIn.err + builtIn.out));
        QVERIFY2(!(builtIn.err + builtIn.out).contains(QStringLiteral("cannot be loaded")), qPrintable(builtIn.err));
        auto store = ProjectStore::open(project);
        QCOMPARE((*store)->runs()->last().modelKind, QStringLiteral("embedding-bag"));
    }

    // An encoder whose tokenizer is a SentencePiece model (model.text_encoder_vocab names the .model file): trained
    // here on the project's own texts, so the test needs no download.
    void projectRoundsWithASentencePieceEncoder()
    {
        const QString dir = m_dir.filePath(QStringLiteral("spm"));
        QDir().mkpath(dir);
        const QString project = dir + QStringLiteral("/topics.marginalia");
        mltest::makeProject(project, 60, 40, 30);
        QStringList texts;
        {
            auto store = std::move(ProjectStore::open(project)).value();
            QVERIFY(store->forEachSample({}, [&](const AnnotatedSample &s) {
                texts << s.sample.text;
                return true;
            }));
        }
        QVERIFY(testing::trainTinySentencePiece(dir + QStringLiteral("/spm"), texts, 90, true));
        auto tokenizer = text::readSubwordTokenizer(dir + QStringLiteral("/spm.model"));
        QVERIFY(tokenizer);
        QStringList rows; // the embedding table needs a row per SentencePiece id
        for (int i = 0; i < (*tokenizer)->size(); ++i)
            rows << QStringLiteral("piece%1").arg(i);
        QVERIFY(writeTinyTextEncoder(dir + QStringLiteral("/encoder.pt"), rows, 64, true, 5));
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.text_encoder"), QStringLiteral("encoder.pt")}).code, 0);
        QCOMPARE(cli({QStringLiteral("config"), project, QStringLiteral("model.text_encoder_vocab"), QStringLiteral("spm.model")}).code, 0);
        const Run trained = cli({QStringLiteral("train"), project});
        QVERIFY2(trained.code == 0, qPrintable(trained.err + trained.out));
        auto store = std::move(ProjectStore::open(project)).value();
        const auto runs = store->runs();
        QCOMPARE(runs->last().modelKind, QStringLiteral("text-encoder"));
        QVERIFY(runs->last().accuracy.has_value());
        QVERIFY2(*runs->last().accuracy >= 0.8, qPrintable(QString::number(*runs->last().accuracy)));
        // The fingerprint covers the SentencePiece model: the stored features are this encoder's and this model's.
        const auto encoder = ml::TextEncoder::load(dir + QStringLiteral("/encoder.pt"), dir + QStringLiteral("/spm.model"));
        QVERIFY(encoder);
        QCOMPARE(store->encoderFeatures((*encoder)->fingerprint())->size(), 90);
        // Without a vocab.txt, a SentencePiece model beside the encoder under a usual name (spm.model) is its tokenizer.
        QVERIFY(QFile::remove(dir + QStringLiteral("/vocab.txt")));
        const auto beside = ml::TextEncoder::load(dir + QStringLiteral("/encoder.pt"));
        QVERIFY2(beside, qPrintable(beside ? QString() : beside.error()));
        QCOMPARE((*beside)->fingerprint(), (*encoder)->fingerprint());
        QCOMPARE((*beside)->tokenizer().encode(QStringLiteral("garlic"), 16), (*encoder)->tokenizer().encode(QStringLiteral("garlic"), 16));
    }

    // The training thread's rounds load the module once while its files stay the same, and again when it changes.
    void roundsShareTheLoadedEncoder()
    {
        const QString dir = m_dir.filePath(QStringLiteral("shared"));
        QDir().mkpath(dir);
        QVERIFY(writeTinyTextEncoder(dir + QStringLiteral("/encoder.pt"), tinyVocabulary(encoderWords()), 32, true, 5));
        const QString project = dir + QStringLiteral("/topics.marginalia");
        auto store = mltest::makeProject(project, 40, 20, 10);
        QVERIFY(settings::setValue(*store, QLatin1String(settings::kTextEncoder), QStringLiteral("encoder.pt"), settings::Cli));
        const ml::TrainingOptions options = settings::trainingOptions(*store);
        ml::FeatureCache cache;
        const std::atomic_bool cancel{false};
        QVERIFY(ml::runTrainingRound(*store, options, cancel, {}, &cache));
        const std::shared_ptr<void> first = cache.loadedEncoder;
        QVERIFY(first);
        QVERIFY(ml::runTrainingRound(*store, options, cancel, {}, &cache));
        QCOMPARE(cache.loadedEncoder.get(), first.get());
        QVERIFY(writeTinyTextEncoder(dir + QStringLiteral("/encoder.pt"), tinyVocabulary(encoderWords()), 32, true, 6));
        QVERIFY(ml::runTrainingRound(*store, options, cancel, {}, &cache));
        QVERIFY(cache.loadedEncoder.get() != first.get());
        const auto runs = *store->runs();
        const auto encoderOf = [](const ModelRunRecord &run) {
            return QJsonDocument::fromJson(run.configJson.toUtf8()).object().value(QStringLiteral("model")).toObject()
                .value(QStringLiteral("encoder")).toString();
        };
        QCOMPARE(encoderOf(runs.at(1)), encoderOf(runs.at(0)));
        QVERIFY(encoderOf(runs.at(2)) != encoderOf(runs.at(0))); // the new file's own fingerprint
    }

    // simulate --encoder: the whole curve on the encoder's features, each text encoded once.
    void simulateWithAnEncoder()
    {
        const QString dir = m_dir.filePath(QStringLiteral("simulate"));
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/encoder.pt");
        QVERIFY(writeTinyTextEncoder(file, tinyVocabulary(encoderWords()), 64, true, 8));
        QByteArray jsonl;
        for (const auto &row : mltest::labeledRows(200, 3, 5))
            jsonl += QJsonDocument(QJsonObject{{QStringLiteral("text"), row.text}, {QStringLiteral("label"), row.labels.first()}})
                         .toJson(QJsonDocument::Compact)
                     + '\n';
        const QString pool = writeFile(QStringLiteral("simulate/pool.jsonl"), jsonl);
        const Run run = cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("margin"),
                             QStringLiteral("--seed-size"), QStringLiteral("6"), QStringLiteral("--batch"), QStringLiteral("12"),
                             QStringLiteral("--budget"), QStringLiteral("30"), QStringLiteral("--encoder"), file,
                             QStringLiteral("--json")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("curve")).toArray().size(), 3); // 6, 18, 30 labels
        QVERIFY2(o.value(QStringLiteral("full_data")).toObject().value(QStringLiteral("macro_f1")).toDouble() > 0.9, qPrintable(run.out));
        // --finetune-encoder: the same curve with the encoder trained each round.
        const Run tuned = cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("margin"),
                               QStringLiteral("--seed-size"), QStringLiteral("6"), QStringLiteral("--batch"), QStringLiteral("12"),
                               QStringLiteral("--budget"), QStringLiteral("30"), QStringLiteral("--encoder"), file,
                               QStringLiteral("--finetune-encoder"), QStringLiteral("--json")});
        QVERIFY2(tuned.code == 0, qPrintable(tuned.err));
        const QJsonObject t = QJsonDocument::fromJson(tuned.out.toUtf8()).object();
        QCOMPARE(t.value(QStringLiteral("curve")).toArray().size(), 3);
        QVERIFY2(t.value(QStringLiteral("full_data")).toObject().value(QStringLiteral("macro_f1")).toDouble() > 0.9, qPrintable(tuned.out));
        QCOMPARE(cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("margin"),
                      QStringLiteral("--finetune-encoder")})
                     .code,
                 1);
        QCOMPARE(cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("margin"),
                      QStringLiteral("--encoder"), file, QStringLiteral("--pretrain")})
                     .code,
                 1);
        QCOMPARE(cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("margin"),
                      QStringLiteral("--vocab"), file})
                     .code,
                 1);
        const Run missing = cli({QStringLiteral("simulate"), pool, QStringLiteral("--strategy"), QStringLiteral("margin"),
                                 QStringLiteral("--encoder"), dir + QStringLiteral("/none.pt")});
        QVERIFY(missing.code != 0);
        QVERIFY2(missing.err.contains(QStringLiteral("none.pt")), qPrintable(missing.err));
    }
};

QTEST_GUILESS_MAIN(TestTextEncoder)
#include "tst_textencoder.moc"
