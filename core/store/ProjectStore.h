#pragma once
#include "Result.h"
#include "store/ProjectTypes.h"
#include "store/TextSearch.h"
#include "store/RunTypes.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QVector>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

struct sqlite3;

namespace marginalia {

class WriteGate;
class LabelOutbox;

// Which samples a query returns.
struct SampleFilter
{
    enum class LabelState { Any, Labeled, Unlabeled };
    std::optional<Split> split;
    LabelState labelState = LabelState::Any;
    QString label;        // only samples whose current annotation has this label (implies Labeled)
    TextSearch text;      // words that must all occur, or a regular expression (TextSearch.h)
    bool flaggedOnly = false;
    QVector<qint64> ids;  // only these samples (empty: any), for reading the rows of a page by id
    int limit = -1;
    int offset = 0;

    static SampleFilter labeled(std::optional<Split> split = std::nullopt)
    {
        SampleFilter f;
        f.split = split;
        f.labelState = LabelState::Labeled;
        return f;
    }
    static SampleFilter unlabeled(std::optional<Split> split = std::nullopt)
    {
        SampleFilter f;
        f.split = split;
        f.labelState = LabelState::Unlabeled;
        return f;
    }
};

// A sample with its current annotation (if any), for training and export.
struct AnnotatedSample
{
    Sample sample;
    std::optional<Annotation> annotation; // absent or cleared = unlabeled
    bool isLabeled() const { return annotation && !annotation->cleared; }
};

struct LabelCount
{
    QString label;
    qint64 pool = 0;
    qint64 eval = 0;
};

struct ProjectStats
{
    TaskType task = TaskType::TextCat;
    qint64 samples = 0;
    qint64 poolSamples = 0;
    qint64 evalSamples = 0;
    qint64 labeledPool = 0;
    qint64 labeledEval = 0;
    qint64 flagged = 0;
    QVector<LabelCount> perLabel; // in label order
    std::optional<ModelRunRecord> lastRun;
};

// One project = one SQLite file. An instance owns one connection and must be used from the thread that
// created it; another thread (the training worker) opens its own instance on the same path. Every write
// is committed (WAL, synchronous=FULL) before the call returns.
//
// THE RULE: nothing in this process opens the project file, its -wal or its -shm except SQLite (no QFile,
// open(), fopen(), std::ifstream, QFile::copy, QCryptographicHash over the file...), not even to read a byte,
// while any connection to it may exist. POSIX locks belong to a process and a file, and closing *any*
// descriptor of the file drops *all* of them, SQLite's included. Another process (the CLI, the sqlite3 shell,
// a backup tool) then believes it is the last user, checkpoints and deletes the WAL, and every label this
// process commits afterwards goes into a deleted file: gone on the next crash, invisible to everyone else.
// Inspect the file through SQLite instead: sqlite3_file_control() hands out its own descriptors
// (SQLITE_FCNTL_FILE_POINTER to read the header, SQLITE_FCNTL_JOURNAL_POINTER to sync the WAL,
// SQLITE_FCNTL_HAS_MOVED for identity), and copies go through the backup API (store/ProjectBackup.h).
// stat(), rename() and unlink() by path are harmless: they open nothing. tst_durability's storm checks
// /proc/locks for a studio process's locks after other processes used the file.
class ProjectStore
{
public:
    static Result<std::unique_ptr<ProjectStore>> create(const QString &path, TaskType task,
                                                        const QStringList &labels = {});
    static Result<std::unique_ptr<ProjectStore>> open(const QString &path);
    // Either kind of location works for create() and open(): a file path, or a project on a PostgreSQL server
    // (store/ServerLocation.h, ProjectStoreServer.cpp). A server project has the file's tables and semantics; the
    // server's transactions replace the file's locks, and a dropped connection is opened again.
    bool isServer() const { return m_server; }
    // Whether the server connection dropped (the next statement opens it again); never for a file.
    bool connectionBroken() const;
    // Labels saved while the server could not be reached wait in a local outbox (store/LabelOutbox.h) and are sent,
    // oldest first and each exactly once, by the next write or by flushOutbox(). 0 for a file.
    Result<int> flushOutbox();
    int outboxSize() const;
    // A server project announces each finished run (PostgreSQL NOTIFY on changeChannel(), payload "run ID"), so that
    // studios refresh at once instead of on their next poll: after this call, database().driver() emits
    // QSqlDriver::notification for them, also after the connection was opened again. A file has no such channel
    // (studios poll it); then this does nothing.
    Status listenForChanges();
    QString changeChannel() const;
    ~ProjectStore();
    ProjectStore(const ProjectStore &) = delete;
    ProjectStore &operator=(const ProjectStore &) = delete;

    QString path() const { return m_path; }
    TaskType task() const { return m_task; }
    // What opening the file changed that its user should be told once, each a sentence (an upgrade removed
    // stored models the new version cannot read). Empty for almost every open; only the open that upgraded the
    // file has them, so a program shows them right after open().
    QStringList openNotices() const { return m_openNotices; }
    QSqlDatabase database() const;
    // The raw handle of this instance's connection, for bulk paths (import) that bind directly.
    sqlite3 *sqliteHandle() const;
    Status inTransaction(const std::function<Status()> &body);
    // Shared with every other instance on this file in the process (see WriteGate.h).
    WriteGate &writeGate() const { return *m_gate; }

    // Settings: free-form key/value (project name, annotator defaults, UI and model options).
    Result<QString> setting(const QString &key, const QString &fallback = {}) const;
    Status setSetting(const QString &key, const QString &value);

    // Labels, in display order.
    Result<QVector<Label>> labels() const;
    Result<Label> addLabel(const QString &name, const QString &color = {}, const QString &shortcut = {});
    Status updateLabel(const Label &label); // rename / recolor / new key, by id
    Status removeLabel(qint64 labelId);     // refused while any annotation version uses it
    Status reorderLabels(const QVector<qint64> &labelIds);

    // Samples.
    Result<qint64> countSamples(const SampleFilter &filter = {}) const;
    Result<QVector<qint64>> sampleIds(const SampleFilter &filter = {}) const;
    Result<Sample> sample(qint64 sampleId) const;
    Result<QVector<AnnotatedSample>> annotatedSamples(const SampleFilter &filter = {}) const;
    // Streams samples in id order; `visit` returns false to stop early.
    Status forEachSample(const SampleFilter &filter, const std::function<bool(const AnnotatedSample &)> &visit) const;
    // Adds one sample; returns its id, or std::nullopt if a sample with the same content already exists.
    Result<std::optional<qint64>> addSample(const Sample &sample);
    Status setSplit(qint64 sampleId, Split split);
    static QByteArray contentHash(const QString &text, const QStringList &tokens);

    // Annotations: every call appends a version; the newest is current.
    Result<qint64> annotate(qint64 sampleId, const AnnotationInput &input);
    Result<std::optional<Annotation>> currentAnnotation(qint64 sampleId) const;
    Result<QVector<Annotation>> annotationHistory(qint64 sampleId) const;
    // "Not this label" (ProjectTypes.h, RejectionInput): recorded beside the annotation versions, so the
    // sample's labeled state does not change. withdrawRejection() is the undo of one rejectLabel().
    Result<qint64> rejectLabel(qint64 sampleId, const RejectionInput &input);
    Status withdrawRejection(qint64 rejectionId);
    // The labels rejected for a sample that its current annotation does not carry (a later label wins over an
    // earlier "no"), in label order.
    Result<QStringList> rejectedLabels(qint64 sampleId) const;
    Result<QVector<Rejection>> rejections(qint64 sampleId) const; // every rejection, oldest first
    // Every sample's effective rejections (as rejectedLabels), for training and export in one query.
    Result<QHash<qint64, QStringList>> rejectedLabelsBySample() const;
    // Every annotator's current labels of each sample they labeled (their latest version, unless cleared), by
    // sample then annotator: what agreement is computed on.
    // A reviewer's decisions (Provenance::Review) are nobody's vote and are left out.
    Result<QVector<AnnotatorLabels>> annotatorLabels() const;
    // The samples whose label is not simply their newest version (store/LabelResolution.h): labeled by two or more
    // annotators, or decided by a reviewer. In id order.
    Result<QVector<qint64>> reviewCandidates() const;
    Status setFlag(qint64 sampleId, const QString &comment);
    Status clearFlag(qint64 sampleId);
    Result<std::optional<QString>> flag(qint64 sampleId) const;

    Result<ProjectStats> stats() const;

    // Image projects (ProjectStoreImages.cpp): a sample's picture is the file its text names, relative to the
    // project file's folder, unless its bytes were embedded in the project. imageBytes() checks them against the
    // hash taken at import, so a moved or changed image is reported by name, never read as the labeled one.
    QString imageFolder() const;
    QString imageFilePath(const Sample &sample) const;
    Status embedImage(qint64 sampleId, const QByteArray &bytes);
    Result<qint64> embeddedImageCount() const;
    // `fromFile` (may be null) tells whether the bytes came from the file (imageFilePath) rather than the project.
    Result<QByteArray> imageBytes(qint64 sampleId, bool *fromFile = nullptr) const;
    // A frozen encoder's features of the samples (an image backbone's, a text encoder's; float32 each), kept so
    // that later rounds need not compute them again; `encoder` is the encoder's fingerprint. One encoder's per
    // sample. Written in short transactions, like predictions.
    Result<QHash<qint64, QByteArray>> encoderFeatures(const QString &encoder) const;
    Status storeEncoderFeatures(const QString &encoder, const QVector<QPair<qint64, QByteArray>> &rows);

    // Word vectors learned from the pool: one set per project, replaced by the next pretraining.
    Status setPoolVectors(const PoolVectorsRecord &record);
    Result<std::optional<PoolVectorsRecord>> poolVectors(bool withData = true) const;
    Status clearPoolVectors();

    // Model runs (see RunTypes.h).
    Result<qint64> beginRun(const QString &modelKind, const QString &configJson, const QString &device,
                            const QString &strategy);
    Status finishRun(qint64 runId, const RunResult &result);
    Status failRun(qint64 runId, const QString &error, bool cancelled = false);
    // Ends every run this instance began and has not finished or failed yet (a round that stopped on an error,
    // an exception or a cancel in any task), so that none stays "running". Also done by the destructor.
    Status endOpenRuns(const QString &reason, bool cancelled);
    // Every row into the run's compact parts, the top of the ranking (store/RunScores.h) also whole, with its
    // probabilities. Stops between chunks once `cancel` is set (a closing studio must not wait for a million rows).
    Status storePredictions(qint64 runId, const QVector<PredictionRow> &rows, const std::atomic_bool *cancel = nullptr);
    // The same for rows kept in several lists (a round's pool, evaluation and labeled samples): joining a million
    // pool rows with the rest would hold two copies of them at once.
    Status storePredictions(qint64 runId, const std::vector<const QVector<PredictionRow> *> &lists,
                            const std::atomic_bool *cancel = nullptr);
    Status prunePredictions(int keepLatestRuns);
    // Drops the weights of all but the latest finished runs (tens of MB each); their metrics stay.
    Status pruneCheckpoints(int keepLatestRuns);
    Result<QVector<ModelRunRecord>> runs() const; // finished ones first to last, without checkpoints
    Result<std::optional<ModelRunRecord>> latestRun(bool onlyDone = true) const;
    Result<QByteArray> checkpoint(qint64 runId) const;
    Result<QVector<MetricRow>> runMetrics(qint64 runId) const;
    Result<QVector<EpochRow>> runEpochs(qint64 runId) const;
    Result<QVector<ConfusionCell>> runConfusion(qint64 runId) const;
    // Ranked predictions of a run (rank ascending), skipping samples labeled since; limit < 0 = all.
    Result<QVector<PredictionRow>> rankedPredictions(qint64 runId, int limit, bool unlabeledOnly = true) const;
    // A sample's prediction; probabilities only for the top of the ranking.
    Result<std::optional<PredictionRow>> prediction(qint64 runId, qint64 sampleId) const;
    // The predictions of several samples (without probabilities), read by part; samples without one are absent.
    Result<QHash<qint64, PredictionRow>> predictions(qint64 runId, const QVector<qint64> &sampleIds) const;
    // Every prediction of a run in sample id order (without probabilities); `visit` returns false to stop.
    Status forEachPrediction(qint64 runId, const std::function<bool(const PredictionRow &)> &visit) const;

private:
    ProjectStore(QString path, QString connection);
    Status readTask();
    // Marks runs left "running" by processes that no longer exist as failed ("interrupted").
    Status endInterruptedRuns();
    // A transaction of the worker's bulk writes (see WriteGate and the .cpp).
    Status bulkTransaction(const std::function<Status()> &body);
    Result<qint64> labelId(const QString &name) const;
    Status forEachSampleOnServer(const QString &whereAndOrder, const QVariantList &values,
                                 const std::function<bool(const AnnotatedSample &)> &visit) const;
    // rankedPredictions' tail: ranks below those `predictions` keeps, appended to `out`.
    Result<QVector<PredictionRow>> rankingBelowKeptRows(qint64 runId, int limit, bool unlabeledOnly,
                                                        QVector<PredictionRow> out) const;
    // An error when the file at m_path is no longer the one this store opened (deleted, or replaced by
    // another program): writes would then go to a file nobody sees again.
    Status checkFileUnchanged() const;

    // The server side (ProjectStoreServer.cpp).
    static Result<std::unique_ptr<ProjectStore>> openServer(const QString &location, const QString &connection);
    static Result<std::unique_ptr<ProjectStore>> createOnServer(const QString &location, TaskType task,
                                                                const QStringList &labels);
    // Opens a dropped server connection again (not inside a transaction: its earlier statements are gone with it).
    // Unless `now`, not within a few seconds of a failed attempt.
    Status reconnect(bool now = false) const;
    Result<qint64> insertAnnotation(qint64 sampleId, const AnnotationInput &input);
    Result<qint64> insertAnnotationCommitted(qint64 sampleId, const AnnotationInput &input); // in a transaction of its own
    Result<qint64> annotateOnServer(qint64 sampleId, AnnotationInput input);

    QString m_path;
    QString m_connection;
    bool m_server = false;
    QString m_schema; // the server project's schema, quoted
    std::unique_ptr<LabelOutbox> m_outbox; // server projects only
    mutable qint64 m_lastReconnectMs = 0;
    bool m_listening = false;
    TaskType m_task = TaskType::TextCat;
    std::shared_ptr<WriteGate> m_gate;
    QVector<qint64> m_openRuns; // begun here, not yet finished or failed
    QStringList m_openNotices;
};

} // namespace marginalia
