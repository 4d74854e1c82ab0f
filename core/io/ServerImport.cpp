#include "io/ServerImport.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

// The server's sample with the staged sample's id (external id), else with its text; 0 if none.
Result<qint64> existingSample(ProjectStore &server, const Sample &sample)
{
    QSqlQuery q(server.database());
    if (!sample.externalId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT id FROM samples WHERE external_id = ? ORDER BY id LIMIT 1"));
        q.addBindValue(sample.externalId);
        if (!q.exec())
            return Error{Tr::tr("Looking up samples on the server failed.")};
        if (q.next())
            return q.value(0).toLongLong();
    }
    q.prepare(QStringLiteral("SELECT id FROM samples WHERE content_hash = ?"));
    q.addBindValue(ProjectStore::contentHash(sample.text, sample.tokens));
    if (!q.exec())
        return Error{Tr::tr("Looking up samples on the server failed.")};
    return q.next() ? q.value(0).toLongLong() : 0;
}

// Every version of the staged sample, as it was made (who, when, how), onto the server's sample `id`.
Status copyVersions(ProjectStore &server, qint64 id, const QVector<Annotation> &history)
{
    for (const Annotation &a : history) {
        AnnotationInput input = inputOf(a);
        input.createdAtMs = a.createdAt.toMSecsSinceEpoch();
        if (auto s = server.annotate(id, input); !s)
            return Error{s.error()};
    }
    return {};
}
} // namespace

Result<ImportSummary> importIntoServer(ProjectStore &server, const QString &path, const ImportOptions &options,
                                       const std::atomic_bool *cancel, const ImportProgressFn &progress)
{
    if (server.task() == TaskType::Image)
        return Error{Tr::tr("Images are imported into a project file (their paths are relative to it); push the "
                            "project to the server afterwards.")};
    const auto serverLabels = server.labels();
    if (!serverLabels)
        return Error{serverLabels.error()};
    QStringList names;
    for (const Label &l : *serverLabels)
        names << l.name;
    const QTemporaryDir scratch;
    if (!scratch.isValid())
        return Error{Tr::tr("No temporary folder to read the file into.")};
    auto staged = ProjectStore::create(scratch.filePath(QStringLiteral("import.mrgn")), server.task(), names);
    if (!staged)
        return Error{staged.error()};
    ProjectStore &file = **staged;
    auto summary = importFile(file, path, options, cancel, progress);
    if (!summary)
        return summary;
    if (summary->cancelled) { // nothing reaches the server from an import that was stopped
        ImportSummary none;
        none.cancelled = true;
        return none;
    }
    const Status sent = server.inTransaction([&]() -> Status {
        const auto stagedLabels = file.labels();
        if (!stagedLabels)
            return Error{stagedLabels.error()};
        for (const Label &l : *stagedLabels)
            if (!names.contains(l.name))
                if (auto added = server.addLabel(l.name, l.color, l.shortcut); !added)
                    return Error{added.error()};
        const Status walked = file.forEachSample({}, [&](const AnnotatedSample &item) {
            if (cancel && cancel->load())
                return false;
            const auto history = file.annotationHistory(item.sample.id);
            const auto rejections = file.rejections(item.sample.id);
            const auto existing = existingSample(server, item.sample);
            if (!history || !rejections || !existing) {
                summary = Error{!history ? history.error() : !rejections ? rejections.error() : existing.error()};
                return false;
            }
            qint64 id = *existing;
            if (id != 0) {
                if (options.addToExisting && !history->isEmpty()) {
                    if (auto s = copyVersions(server, id, *history); !s) {
                        summary = Error{s.error()};
                        return false;
                    }
                    ++summary->addedToExisting;
                }
                --summary->imported; // the server had it: a duplicate, as a file would have counted it
                ++summary->duplicates;
                summary->labeled -= item.isLabeled() ? 1 : 0;
                summary->evalSamples -= item.sample.split == Split::Eval ? 1 : 0;
                return true;
            }
            Sample sample = item.sample;
            sample.contentHash.clear();
            const auto added = server.addSample(sample);
            if (!added || !added->has_value()) {
                summary = Error{added ? Tr::tr("Sample %1 could not be added on the server.").arg(item.sample.id) : added.error()};
                return false;
            }
            id = **added;
            if (auto s = copyVersions(server, id, *history); !s) {
                summary = Error{s.error()};
                return false;
            }
            for (const Rejection &r : *rejections) {
                RejectionInput no{r.label, r.annotator, r.source, r.provenance};
                if (auto s = server.rejectLabel(id, no); !s) {
                    summary = Error{s.error()};
                    return false;
                }
            }
            return true;
        });
        // Anything short of every sample sent rolls the whole transaction back: the server gets the file or nothing.
        if (!walked)
            return walked;
        if (!summary)
            return Error{summary.error()};
        if (cancel && cancel->load())
            return Error{Tr::tr("The import was cancelled; nothing was sent to the server.")};
        return {};
    });
    if (cancel && cancel->load()) {
        ImportSummary none;
        none.cancelled = true;
        return none;
    }
    if (!summary)
        return summary;
    if (!sent)
        return Error{sent.error()};
    return summary;
}

} // namespace marginalia
