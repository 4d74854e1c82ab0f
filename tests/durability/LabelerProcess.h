// One annotator's labeling queue in a process of its own (labeler_helper), for the team tests: started on a
// project, read for the labels it acknowledged, killed at will. LABELER_HELPER names the helper's executable.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QVector>
#include <memory>

namespace marginalia::testing {

struct Labeler
{
    QString name;
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QByteArray transcript;

    // `dataHome`, when given, is the helper's XDG_DATA_HOME (where a server project's outbox lives).
    void start(const QString &project, int leaseMs, int paceMs, int patienceMs, const QString &dataHome = {})
    {
        if (!dataHome.isEmpty()) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
            process->setProcessEnvironment(env);
        }
        process->start(QStringLiteral(LABELER_HELPER),
                       {project, name, QString::number(leaseMs), QString::number(paceMs), QString::number(patienceMs)});
    }
    void read() { transcript += process->readAllStandardOutput(); }
    // The samples it said it labeled ("labeled ID" once the label was committed).
    QVector<qint64> acknowledged()
    {
        read();
        QVector<qint64> ids;
        for (const QByteArray &line : transcript.split('\n'))
            if (line.startsWith("labeled "))
                ids.push_back(line.mid(8).toLongLong());
        return ids;
    }
    bool finished() { return process->state() == QProcess::NotRunning; }
};

} // namespace marginalia::testing
