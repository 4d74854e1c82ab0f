// marginalia export PROJECT OUT [--format jsonl|csv|conll|jsonl-tokens|label-studio|prodigy|doccano|folders] [--split-files] [--include-unlabeled]
//                   [--with-meta]
#include "cli/CommandRegistry.h"
#include "cli/ProgressLine.h"
#include "io/ExportRowFormatter.h"
#include "io/Exporter.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <memory>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int runExport(const QStringList &arguments)
{
    const QString name = QStringLiteral("export");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    parser.addPositionalArgument(QStringLiteral("OUT"), Tr::tr("The file to write (a folder with --split-files)."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    Tr::tr("jsonl (default), csv, label-studio (a JSON array of tasks that Label "
                                           "Studio imports with their annotations; the labeling config names its "
                                           "control \"label\" and its text \"text\"), prodigy (JSONL answers; "
                                           "rejected labels as \"answer\": \"reject\") or doccano (JSONL with "
                                           "\"label\" lists); span-labeling projects also conll (token<TAB>BIO "
                                           "tag per line, a blank line between sentences) and jsonl-tokens "
                                           "({\"tokens\", \"tags\"} with BIO tags). Their jsonl has {\"text\", "
                                           "\"spans\": [{\"start\", \"end\", \"label\"}]} with offsets in Unicode "
                                           "code points, and \"tokens\" when the sample has them. Image projects: "
                                           "jsonl and csv name each image in an \"image\" field (its path relative "
                                           "to the written file), and folders writes one folder per label into the "
                                           "new folder OUT (inside train, dev and test with --split-files), with "
                                           "the images hard-linked where possible, else copied."),
                                    QStringLiteral("FORMAT"), QStringLiteral("jsonl"));
    const QCommandLineOption splitFiles(QStringLiteral("split-files"),
                                        Tr::tr("Write OUT/train, OUT/dev (a seeded share of the labeled pool) and "
                                           "OUT/test (the evaluation split)."));
    const QCommandLineOption includeUnlabeled(QStringLiteral("include-unlabeled"),
                                              Tr::tr("Also write samples without a label."));
    const QCommandLineOption withMeta(QStringLiteral("with-meta"),
                                      Tr::tr("Write each sample's \"meta\" object back and, in JSON Lines, how each "
                                             "label came about (\"provenance\": source, annotator, origin, run, "
                                             "strategy, score, rank, seconds)."));
    const QCommandLineOption devFraction(QStringLiteral("dev-fraction"),
                                         Tr::tr("Share of the labeled pool written to dev with --split-files "
                                            "(default 0.1)."),
                                         QStringLiteral("F"), QStringLiteral("0.1"));
    const QCommandLineOption seed(QStringLiteral("seed"), Tr::tr("Seed for the dev split (default 13)."),
                                  QStringLiteral("N"), QStringLiteral("13"));
    parser.addOptions({format, splitFiles, includeUnlabeled, withMeta, devFraction, seed});
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Export each sample's current annotation. Files are written under a temporary name and "
                           "renamed into place."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 2)
        return usageError(name, Tr::tr("expected PROJECT and OUT."));
    ExportOptions options;
    options.format = parser.value(format).toLower();
    if (!ExportRowFormatter::isKnownFormat(options.format) && options.format != QLatin1String("folders"))
        return usageError(name,
                          Tr::tr("unknown format '%1'; use jsonl, csv, conll, jsonl-tokens, label-studio, prodigy, "
                                 "doccano or folders.")
                              .arg(parser.value(format)));
    options.splitFiles = parser.isSet(splitFiles);
    options.includeUnlabeled = parser.isSet(includeUnlabeled);
    options.withMeta = parser.isSet(withMeta);
    bool ok = false;
    options.devFraction = parser.value(devFraction).toDouble(&ok);
    if (!ok || options.devFraction < 0 || options.devFraction >= 1)
        return usageError(name, Tr::tr("--dev-fraction needs a number from 0 to below 1."));
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return usageError(name, Tr::tr("--seed needs a whole number."));

    auto store = openProject(parser.positionalArguments().first());
    if (!store)
        return dataError(store.error());
    auto line = std::make_unique<ProgressLine>(Tr::tr("exporting"));
    const auto summary = exportProject(**store, parser.positionalArguments().at(1), options, nullptr,
                                       [&](qint64 done, qint64 total) { line->update(done, total); });
    line.reset(); // erased before what follows is said
    if (!summary)
        return dataError(summary.error());
    if (summary->skipped > 0) {
        err() << Tr::tr("note: skipped %1 sample(s) without any token, which the %2 format cannot hold")
                     .arg(summary->skipped)
                     .arg(options.format)
              << '\n';
        err().flush();
    }
    out() << Tr::tr("exported %1 samples to %2").arg(summary->written).arg(summary->files.join(QStringLiteral(", ")))
          << '\n';
    out().flush();
    return Success;
}

} // namespace

[[maybe_unused]] const bool registered =
    registerCommand({30, "export", QT_TRANSLATE_NOOP("Cli", "export samples with their current labels"), &runExport});

} // namespace marginalia::cli
