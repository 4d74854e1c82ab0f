// marginalia config PROJECT [KEY [VALUE]] [--json]: lists, reads and sets the project's settings, each checked
// against its declaration (settings/ProjectSettings.h), the same ones the studio edits and `train` uses.
#include "cli/CommandRegistry.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace marginalia::cli {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

QJsonValue jsonValue(const settings::Definition &d, const QVariant &v)
{
    switch (d.type) {
    case settings::Type::Integer:
        return double(v.toLongLong());
    case settings::Type::Real:
        return v.toDouble();
    case settings::Type::Boolean:
        return v.toBool();
    case settings::Type::Text:
    case settings::Type::Choice:
        break;
    }
    return v.toString();
}

// The settings with what each accepts, for --help.
QString settingsHelp()
{
    QStringList lines{Tr::tr("List the project's settings, show one (KEY) or change one (KEY VALUE). Settings:")};
    for (const settings::Definition &d : settings::definitions()) {
        QString accepts;
        switch (d.type) {
        case settings::Type::Integer:
            accepts = QStringLiteral("%1..%2").arg(qlonglong(d.minimum)).arg(qlonglong(d.maximum));
            break;
        case settings::Type::Real:
            accepts = QStringLiteral("%1..%2").arg(QString::number(d.minimum, 'g', QLocale::FloatingPointShortest),
                                                   QString::number(d.maximum, 'g', QLocale::FloatingPointShortest));
            break;
        case settings::Type::Boolean:
            accepts = QStringLiteral("true|false");
            break;
        case settings::Type::Choice:
            accepts = QLatin1String(d.key) == QLatin1String(settings::kStrategy)
                          ? Tr::tr("a query strategy")
                          : settings::choices(d, TaskType::TextCat).join(QLatin1Char('|'));
            break;
        case settings::Type::Text:
            break;
        }
        lines << QStringLiteral("  %1 %2 %3%4")
                     .arg(QString::fromLatin1(d.key).leftJustified(26), accepts.leftJustified(14), d.describe(),
                          d.editableBy == settings::Nobody ? Tr::tr(" (read-only)") : QString());
    }
    return lines.join(QLatin1Char('\n'));
}

int runConfig(const QStringList &arguments)
{
    const QString name = QStringLiteral("config");
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), Tr::tr("The project file."));
    parser.addPositionalArgument(QStringLiteral("KEY"), Tr::tr("A setting to show or change."), QStringLiteral("[KEY"));
    parser.addPositionalArgument(QStringLiteral("VALUE"), Tr::tr("Its new value."), QStringLiteral("[VALUE]]"));
    const QCommandLineOption json(QStringLiteral("json"), Tr::tr("Print values as JSON."));
    parser.addOption(json);
    int code = Success;
    if (!parseArguments(parser, name, settingsHelp(), arguments, code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional.size() > 3)
        return usageError(name, Tr::tr("expected PROJECT, optionally a KEY and a VALUE."));
    const settings::Definition *definition = nullptr;
    if (positional.size() > 1) {
        definition = settings::find(positional[1]);
        if (!definition)
            return usageError(name, Tr::tr("there is no setting \"%1\".").arg(positional[1]));
    }
    auto store = openProject(positional[0]);
    if (!store)
        return dataError(store.error());

    if (positional.size() == 3) {
        if (auto s = settings::setValue(**store, positional[1], positional[2], settings::Cli); !s)
            return dataError(s.error());
        err() << Tr::tr("%1 = %2\n").arg(positional[1], settings::format(*definition, settings::value(**store, definition->key)));
        return Success;
    }
    const auto show = [&](const settings::Definition &d) {
        QString ignored;
        const QVariant v = settings::value(**store, d.key, &ignored);
        if (!ignored.isEmpty())
            err() << Tr::tr("%1: the stored value is not valid, the default applies (%2)\n").arg(QLatin1String(d.key), ignored);
        return v;
    };
    if (definition) {
        const QVariant v = show(*definition);
        out() << (parser.isSet(json) ? QString::fromUtf8(QJsonDocument(QJsonObject{{QLatin1String(definition->key),
                                                                                      jsonValue(*definition, v)}})
                                                              .toJson(QJsonDocument::Compact))
                                     : settings::format(*definition, v))
              << '\n';
        return Success;
    }
    QJsonObject all;
    for (const settings::Definition &d : settings::definitions()) {
        const QVariant v = show(d);
        if (parser.isSet(json))
            all.insert(QLatin1String(d.key), jsonValue(d, v));
        else
            out() << QLatin1String(d.key) << QStringLiteral(" = ") << settings::format(d, v) << '\n';
    }
    if (parser.isSet(json))
        out() << QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact)) << '\n';
    return Success;
}
} // namespace

[[maybe_unused]] const bool configRegistered = registerCommand(
    {45, "config", QT_TRANSLATE_NOOP("Cli", "list, show or change the project's settings"), &runConfig});

} // namespace marginalia::cli
