// marginalia import PROJECT FILE [--format auto|jsonl|csv|tsv|txt|conll|label-studio|prodigy|doccano] [--text-field NAME] [--label-field NAME]
//                   [--id-field NAME] [--tag-scheme auto|bio|iob1|bioes] [--eval-fraction F] [--seed N] [--strict]
//                   [--annotator NAME]
// Image projects: marginalia import PROJECT DIR|FILE [--embed] [--eval-fraction F] [--seed N] [--strict]
#include "cli/CommandRegistry.h"
#include "io/FormatDetector.h"
#include "io/Importer.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int runImport(const QStringList &arguments)
{
    const QString name = QStringLiteral("import");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 Tr::tr("The file to import (UTF-8, with or without BOM). Image projects: a folder of "
                                        "images (one subfolder per label for labeled ones; images directly in it are "
                                        "unlabeled), or a CSV/JSONL file whose rows name an image in an \"image\" "
                                        "field (relative to the file) with an optional \"label\"."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    Tr::tr("auto (default: from the extension and first bytes), jsonl, csv, tsv, txt, "
                                           "conll (span-labeling projects: one token per line, token in the first "
                                           "column, tag in the last, a blank line between sentences; .conll, .bio, "
                                           ".iob and .bioes files are detected), label-studio (its JSON, JSON-MIN or "
                                           "JSONL export; detected), prodigy (its JSONL answers; detected) or doccano "
                                           "(its JSONL; \"label\": [] is unlabeled)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("auto"));
    const QCommandLineOption textField(QStringLiteral("text-field"),
                                       Tr::tr("The field or column holding the text (Label Studio: the key in the "
                                              "task's data)."),
                                       QStringLiteral("NAME"), QStringLiteral("text"));
    const QCommandLineOption labelField(QStringLiteral("label-field"),
                                        Tr::tr("The field holding the label(s) (default: \"label\", else \"labels\"). "
                                           "In CSV/TSV multi-label cells separate labels with '|'. Span-labeling "
                                           "projects read JSONL {\"tokens\", \"tags\"} (default \"tags\", else "
                                           "\"ner_tags\"), {\"text\", \"spans\": [{\"start\", \"end\", "
                                           "\"label\"}]} or {\"text\", \"label\": [[start, end, \"TYPE\"]]}, with "
                                           "offsets in Unicode code points. Label Studio's JSON-MIN: the control "
                                           "whose plain-string values are choices (default \"label\", "
                                           "\"sentiment\" or \"choice\")."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption idField(QStringLiteral("id-field"), Tr::tr("The field holding an id kept with each sample."),
                                     QStringLiteral("NAME"), QStringLiteral("id"));
    const QCommandLineOption evalFraction(QStringLiteral("eval-fraction"),
                                          Tr::tr("Hold out this share (0 to below 1) of the imported samples as the "
                                             "evaluation split, stratified by label."),
                                          QStringLiteral("F"), QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"), Tr::tr("Seed for the evaluation split (default 13)."),
                                  QStringLiteral("N"), QStringLiteral("13"));
    const QCommandLineOption strict(QStringLiteral("strict"),
                                    Tr::tr("Stop at the first bad line with exit status 2 and leave the project "
                                       "unchanged. With another tool's format also stop at anything the project "
                                       "cannot use, and at labels outside the project's label set."));
    const QCommandLineOption tagScheme(QStringLiteral("tag-scheme"),
                                       Tr::tr("How span-labeling tags are read: auto (default: BIOES where a sentence "
                                              "uses E-/S-, else BIO), bio, iob1 or bioes. All are stored as spans; a "
                                              "tag without a prefix (a POS tag) is a one-token span of that type."),
                                       QStringLiteral("SCHEME"), QStringLiteral("auto"));
    const QCommandLineOption embed(QStringLiteral("embed"),
                                   Tr::tr("Image projects: keep each image's bytes in the project file, which then "
                                          "works without the image folder (by default the project stores each "
                                          "image's path, relative to the project file, and a hash of its bytes)."));
    const QCommandLineOption annotator(QStringLiteral("annotator"),
                                       Tr::tr("Record the file's labels as NAME's. A row whose text is already in the "
                                              "project then adds NAME's labels to that sample instead of being "
                                              "skipped as a duplicate, so several people's files of the same texts "
                                              "can be compared (marginalia agreement)."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), Tr::tr("Do not print progress."));
    parser.addOptions({format, textField, labelField, idField, tagScheme, evalFraction, seed, strict, embed, annotator, quiet});
    int code = Success;
    if (!parseArguments(parser, name,
                        Tr::tr("Import samples (and any labels) from JSONL, CSV, TSV, plain text, (span labeling) "
                           "CoNLL, or Label Studio, Prodigy and doccano exports. Rows whose text is already in the project are skipped. Prints 'imported N, "
                           "skipped M bad, D duplicates'."),
                        arguments, code))
        return code;
    if (parser.positionalArguments().size() != 2)
        return usageError(name, Tr::tr("expected PROJECT and FILE."));

    ImportOptions options;
    options.format = parser.value(format).toLower();
    if (options.format != QLatin1String("auto") && !FormatDetector::isKnownFormat(options.format))
        return usageError(name, Tr::tr("unknown format '%1'; use auto, jsonl, csv, tsv, txt, conll, label-studio, "
                                       "prodigy or doccano.")
                                    .arg(parser.value(format)));
    const auto scheme = tagSchemeFromName(parser.value(tagScheme));
    if (!scheme)
        return usageError(name, Tr::tr("unknown tag scheme '%1'; use auto, bio, iob1 or bioes.").arg(parser.value(tagScheme)));
    options.tagScheme = *scheme;
    options.textField = parser.value(textField);
    options.labelField = parser.value(labelField);
    options.idField = parser.value(idField);
    bool ok = false;
    options.evalFraction = parser.value(evalFraction).toDouble(&ok);
    if (!ok || options.evalFraction < 0 || options.evalFraction >= 1)
        return usageError(name, Tr::tr("--eval-fraction needs a number from 0 to below 1."));
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return usageError(name, Tr::tr("--seed needs a whole number."));
    options.strict = parser.isSet(strict);
    options.embedImages = parser.isSet(embed);
    if (parser.isSet(annotator)) {
        options.annotator = parser.value(annotator).trimmed();
        if (options.annotator.isEmpty())
            return usageError(name, Tr::tr("--annotator needs a name."));
        options.addToExisting = true;
    }

    const QStringList positional = parser.positionalArguments();
    auto store = openProject(positional[0]);
    if (!store)
        return dataError(store.error());

    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const bool showProgress = !parser.isSet(quiet);
    bool printed = false;
    const auto progress = [&](qint64 bytesRead, qint64 bytesTotal, qint64 rows) {
        if (!showProgress || sinceProgress.elapsed() < 500)
            return;
        sinceProgress.restart();
        printed = true;
        const int percent = bytesTotal > 0 ? int(100 * bytesRead / bytesTotal) : 0;
        err() << Tr::tr("\rimporting: %1 rows read (%2%)").arg(rows).arg(percent);
        err().flush();
    };
    const auto summary = importFile(**store, positional[1], options, nullptr, progress);
    if (printed)
        err() << '\r' << QString(48, QLatin1Char(' ')) << '\r';
    if (!summary)
        return dataError(summary.error());

    for (const ImportProblem &p : summary->problems)
        err() << (p.line > 0 ? Tr::tr("line %1: %2").arg(p.line).arg(p.reason) : p.reason) << '\n';
    if (summary->skippedBad > summary->problems.size())
        err() << Tr::tr("(%1 more bad lines not shown)").arg(summary->skippedBad - summary->problems.size()) << '\n';
    for (const ImportUnused &u : summary->unused) {
        QStringList places;
        for (const qint64 at : u.where)
            places << QString::number(at);
        if (u.count > u.where.size())
            places << QStringLiteral("...");
        err() << (u.tasks ? Tr::tr("not used: %1, %2 time(s) (tasks %3)") : Tr::tr("not used: %1, %2 time(s) (lines %3)"))
                     .arg(u.what)
                     .arg(u.count)
                     .arg(places.join(QStringLiteral(", ")))
              << '\n';
    }
    if (!summary->addedLabels.isEmpty())
        err() << Tr::tr("note: added %1 new label(s) to the label set: %2")
                     .arg(summary->addedLabels.size())
                     .arg(summary->addedLabels.join(QStringLiteral(", ")))
              << '\n';
    err().flush();
    out() << Tr::tr("imported %1, skipped %2 bad, %3 duplicates")
                 .arg(summary->imported)
                 .arg(summary->skippedBad)
                 .arg(summary->duplicates);
    if (summary->labeled > 0 || summary->evalSamples > 0)
        out() << Tr::tr(" (%1 labeled, %2 in the evaluation split)").arg(summary->labeled).arg(summary->evalSamples);
    if (summary->rejections > 0)
        out() << Tr::tr(", %1 rejected label(s) recorded").arg(summary->rejections);
    if (summary->addedToExisting > 0)
        out() << Tr::tr(", labels added to %1 sample(s) already in the project").arg(summary->addedToExisting);
    out() << '\n';
    out().flush();
    if (summary->imported == 0 && summary->skippedBad > 0)
        return DataError;
    return Success;
}

} // namespace

[[maybe_unused]] const bool registered =
    registerCommand({20, "import", QT_TRANSLATE_NOOP("Cli", "import samples and labels from JSONL, CSV, TSV or text"),
                     &runImport});

} // namespace marginalia::cli
