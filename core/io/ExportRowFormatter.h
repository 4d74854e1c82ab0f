#pragma once
#include "store/ProjectTypes.h"

#include <QByteArray>
#include <QString>

namespace marginalia {

struct AnnotatedSample;

// Serializes samples for export. Output is deterministic (fixed key order, one escaping), so importing an
// export and exporting again gives the same bytes.
class ExportRowFormatter
{
public:
    ExportRowFormatter(const QString &format, TaskType task, bool withMeta);

    QByteArray header() const; // CSV header line; empty for JSONL
    QByteArray row(const AnnotatedSample &item) const;

    static void appendJsonString(QByteArray &out, const QByteArray &utf8);
    static void appendCsvField(QByteArray &out, const QByteArray &utf8);
    static QString fileSuffix(const QString &format);

private:
    QByteArray jsonRow(const AnnotatedSample &item) const;
    QByteArray csvRow(const AnnotatedSample &item) const;

    bool m_csv;
    TaskType m_task;
    bool m_withMeta;
};

} // namespace marginalia
