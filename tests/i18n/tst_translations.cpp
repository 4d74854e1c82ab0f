// The zh_CN catalogue against the sources: every user-visible string translated, and every translation keeping
// the placeholders of its source (a lost %1 drops a file name or a count from the message the user reads).
#include "ui/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const QString kCatalogue = QStringLiteral("translations/marginalia_zh_CN.ts");

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    bool unfinished = false;
    QStringList forms; // the translation, or each numerus form
};

// The text of the current element, where lupdate writes a control character as <byte value="xd"/>.
QString readText(QXmlStreamReader &xml)
{
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters()) {
            text += xml.text();
        } else if (xml.isStartElement() && xml.name() == QLatin1String("byte")) {
            const QString value = xml.attributes().value(QLatin1String("value")).toString();
            text += QChar(value.startsWith(QLatin1Char('x')) ? value.mid(1).toInt(nullptr, 16) : value.toInt());
            xml.skipCurrentElement();
        } else if (xml.isEndElement()) {
            break;
        }
    }
    return text;
}

// The messages of a .ts file; an empty list and a failure when it does not parse.
QVector<Message> readCatalogue(const QString &path)
{
    QVector<Message> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot read %s", qPrintable(path));
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("message") && message.numerus)
            out.push_back(message);
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("context")) {
            context.clear();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = Message{};
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = readText(xml);
        } else if (name == QLatin1String("translation")) {
            message.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            if (!message.numerus) {
                message.forms << readText(xml);
                out.push_back(message);
            }
        } else if (name == QLatin1String("numerusform")) {
            message.forms << readText(xml);
        }
    }
    if (xml.hasError()) {
        qWarning("%s:%lld: %s", qPrintable(path), xml.lineNumber(), qPrintable(xml.errorString()));
        return {};
    }
    return out;
}

// %1..%99 (with or without L) and %n: the arguments QString::arg() and tr()'s count fill in.
QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d{1,2}|n)"));
    QSet<QString> found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(1));
    return found;
}

QString describe(const Message &m)
{
    return QStringLiteral("%1: \"%2\"").arg(m.context, m.source.left(80));
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySourceStringHasAChineseTranslation()
    {
        // lupdate writes into a copy: the test never changes the checked-in catalogue.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("marginalia_zh_CN.ts"));
        QVERIFY(QFile::copy(QStringLiteral(MARGINALIA_SOURCE_DIR "/") + kCatalogue, copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(MARGINALIA_SOURCE_DIR));
        lupdate.start(QStringLiteral(MARGINALIA_LUPDATE),
            { QStringLiteral("-I"), QStringLiteral("."), QStringLiteral("-I"), QStringLiteral("core"),
                QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"),
                QStringLiteral("app"), QStringLiteral("core"), QStringLiteral("ui"), QStringLiteral("-ts"), copy });
        QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
            lupdate.readAllStandardError().constData());

        const QVector<Message> messages = readCatalogue(copy);
        // The sources hold well over a thousand strings; far fewer means lupdate read the wrong folders.
        QVERIFY2(messages.size() > 1000, qPrintable(QString::number(messages.size())));
        QStringList missing;
        for (const Message &m : messages) {
            bool empty = m.forms.isEmpty();
            for (const QString &form : m.forms)
                empty = empty || form.trimmed().isEmpty();
            if (m.unfinished || empty)
                missing << describe(m);
        }
        QVERIFY2(missing.isEmpty(),
            qPrintable(QStringLiteral("%1 strings without a translation in %2 (run lupdate, then translate):\n%3")
                           .arg(missing.size())
                           .arg(kCatalogue, missing.join(QLatin1Char('\n')))));
    }

    void translationsKeepTheirPlaceholders()
    {
        const QVector<Message> messages = readCatalogue(QStringLiteral(MARGINALIA_SOURCE_DIR "/") + kCatalogue);
        QVERIFY(!messages.isEmpty());
        QStringList wrong;
        for (const Message &m : messages) {
            const QSet<QString> wanted = placeholders(m.source);
            for (const QString &form : m.forms) {
                // %n too: Chinese has a single numerus form, which still has to show the count.
                if (placeholders(form) != wanted)
                    wrong << describe(m) + QStringLiteral(" -> \"%1\"").arg(form.left(80));
            }
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    }

    void chineseIsInstalledForOurStringsAndQtsOwn()
    {
        // A message of ours, from the catalogue compiled into the studio.
        const QVector<Message> messages = readCatalogue(QStringLiteral(MARGINALIA_SOURCE_DIR "/") + kCatalogue);
        const auto plain = std::find_if(messages.cbegin(), messages.cend(), [](const Message &m) {
            return !m.numerus && !m.unfinished && m.source.size() > 10 && m.forms.value(0) != m.source;
        });
        QVERIFY(plain != messages.cend());
        const QByteArray context = plain->context.toUtf8(), source = plain->source.toUtf8();

        QCOMPARE(marginalia::ui::installTranslations(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), plain->forms.value(0));
        // Qt's own buttons and dialogs (the install command brings Debian's Qt translations).
        QVERIFY2(QCoreApplication::translate("QPlatformTheme", "Cancel") == QStringLiteral("取消"),
                 "Qt's own zh_CN catalogue is missing (Debian: qt6-translations-l10n)");

        // Back to English: the source strings again, Qt's included.
        QCOMPARE(marginalia::ui::installTranslations(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), plain->source);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    }

    void placeholderCheckSeesALostArgument()
    {
        // The check above would pass vacuously if the pattern matched nothing.
        QCOMPARE(placeholders(QStringLiteral("Read %1 of %L2 rows (%n left)")),
            (QSet<QString> { QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("n") }));
        QVERIFY(placeholders(QStringLiteral("读取了 %1 行")) != placeholders(QStringLiteral("Read %1 of %2 rows")));
        QVERIFY(placeholders(QStringLiteral("100% done")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
