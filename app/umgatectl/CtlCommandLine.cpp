// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/umgatectl/CtlCommandLine.h"

namespace umgate {

namespace {

struct OptionDef
{
    const char* name;
    bool takesValue;
    unsigned commandOption; // NoOptions for global options
};

constexpr OptionDef optionTable[] = {
    {"data-dir", true, NoOptions},
    {"connect", true, NoOptions},
    {"token-file", true, NoOptions},
    {"ca", true, NoOptions},
    {"json", false, NoOptions},
    {"help", false, NoOptions},
    {"version", false, NoOptions},
    {"name", true, OptName},
    {"force", false, OptForce},
    {"keep-queue", false, OptKeepQueue},
    {"as", true, OptAs},
    {"number", true, OptLookup},
    {"sender", true, OptLookup},
    {"search", true, OptSearch},
    {"type", true, OptInject},
    {"calling", true, OptInject},
    {"called", true, OptInject},
    {"file", true, OptInject},
    {"text", true, OptInject},
    {"follow", false, OptFollow},
};

QString seeHelp()
{
    return QStringLiteral(" (see umgatectl --help)");
}

bool looksLikeNumber(const QString& arg)
{
    // "-5" is a value, not an option: misc set and config set take negative numbers.
    return arg.size() > 1 && (arg.at(1).isDigit() || arg.at(1) == QLatin1Char('.'));
}

} // namespace

QString CtlCommandLine::usage(const CtlCommand& command)
{
    QString line = QStringLiteral("umgatectl ") + QString::fromLatin1(command.words);
    if (*command.arguments) line += QLatin1Char(' ') + QString::fromLatin1(command.arguments);
    return line;
}

namespace {

// Stores an option's value in the invocation.
void applyOption(const QString& name, const QString& value, CtlInvocation* inv)
{
    if (name == QLatin1String("data-dir"))
        inv->dataDir = value;
    else if (name == QLatin1String("connect"))
        inv->connectUrl = value;
    else if (name == QLatin1String("token-file"))
        inv->tokenFile = value;
    else if (name == QLatin1String("ca"))
        inv->caFile = value;
    else if (name == QLatin1String("json"))
        inv->json = true;
    else if (name == QLatin1String("help"))
        inv->help = true;
    else if (name == QLatin1String("version"))
        inv->version = true;
    else if (name == QLatin1String("name")) {
        inv->name = value;
        inv->hasName = true;
    } else if (name == QLatin1String("force"))
        inv->force = true;
    else if (name == QLatin1String("keep-queue"))
        inv->keepQueue = true;
    else if (name == QLatin1String("as")) {
        inv->asId = value;
        inv->hasAs = true;
    } else if (name == QLatin1String("number"))
        inv->number = value;
    else if (name == QLatin1String("sender"))
        inv->sender = value;
    else if (name == QLatin1String("search"))
        inv->search = value;
    else if (name == QLatin1String("type"))
        inv->type = value;
    else if (name == QLatin1String("calling"))
        inv->calling = value;
    else if (name == QLatin1String("called"))
        inv->called = value;
    else if (name == QLatin1String("file"))
        inv->files << value;
    else if (name == QLatin1String("follow"))
        inv->follow = true;
    else if (name == QLatin1String("text")) {
        inv->text = value;
        inv->hasText = true;
    }
}

// The option at arguments[*i] ("--name", "--name=value" or "--name value", moving *i past the
// value), stored in inv and added to *usedOptions; false with error when it is not one.
bool readOption(const QStringList& arguments, qsizetype* i, CtlInvocation* inv, unsigned* usedOptions,
                QString* error)
{
    const QString& arg = arguments.at(*i);
    if (!arg.startsWith(QLatin1String("--"))) {
        *error = QStringLiteral("unknown option %1").arg(arg) + seeHelp();
        return false;
    }
    const qsizetype eq = arg.indexOf(QLatin1Char('='));
    const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
    const OptionDef* option = nullptr;
    for (const auto& o : optionTable)
        if (name == QLatin1String(o.name)) option = &o;
    if (!option) {
        *error = QStringLiteral("unknown option --%1").arg(name) + seeHelp();
        return false;
    }
    QString value;
    if (option->takesValue) {
        if (eq >= 0) {
            value = arg.mid(eq + 1);
        } else if (*i + 1 < arguments.size()) {
            value = arguments.at(++*i);
        } else {
            *error = QStringLiteral("option --%1 needs a value").arg(name);
            return false;
        }
    } else if (eq >= 0) {
        *error = QStringLiteral("option --%1 takes no value").arg(name);
        return false;
    }
    *usedOptions |= option->commandOption;
    applyOption(name, value, inv);
    return true;
}

// The longest command whose words start the argument list, or nullptr.
const CtlCommand* matchCommand(const QStringList& words, qsizetype* matchedWords)
{
    const CtlCommand* match = nullptr;
    *matchedWords = 0;
    for (const auto& c : ctlCommands()) {
        const QStringList cw = QString::fromLatin1(c.words).split(QLatin1Char(' '));
        if (cw.size() > words.size() || cw.size() <= *matchedWords) continue;
        if (words.mid(0, cw.size()) == cw) {
            match = &c;
            *matchedWords = cw.size();
        }
    }
    return match;
}

// Names the deepest group that did match ("admin token"), so the message points at the word that
// is wrong.
QString unknownCommand(const QStringList& words)
{
    QStringList group;
    QStringList next;
    for (const auto& c : ctlCommands()) {
        const QStringList cw = QString::fromLatin1(c.words).split(QLatin1Char(' '));
        for (qsizetype n = cw.size() - 1; n >= 1; --n) {
            if (n > words.size() || words.mid(0, n) != cw.mid(0, n) || n < group.size()) continue;
            if (n > group.size()) next.clear();
            group = cw.mid(0, n);
            if (!next.contains(cw.at(n))) next << cw.at(n);
            break;
        }
    }
    if (group.isEmpty()) return QStringLiteral("unknown command '%1'").arg(words.first()) + seeHelp();
    if (words.size() == group.size())
        return QStringLiteral("'%1' needs one of: %2")
            .arg(group.join(QLatin1Char(' ')), next.join(QStringLiteral(", ")));
    return QStringLiteral("unknown command '%1 %2'")
               .arg(group.join(QLatin1Char(' ')), words.at(group.size())) +
           seeHelp();
}

} // namespace

bool CtlCommandLine::parse(const QStringList& arguments, CtlInvocation* inv, QString* error)
{
    QStringList words;
    unsigned usedOptions = NoOptions;
    bool endOfOptions = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (endOfOptions || arg == QLatin1String("-") || !arg.startsWith(QLatin1Char('-')) ||
            looksLikeNumber(arg)) {
            words << arg;
        } else if (arg == QLatin1String("--")) {
            endOfOptions = true;
        } else if (arg == QLatin1String("-h")) {
            inv->help = true;
        } else if (!readOption(arguments, &i, inv, &usedOptions, error)) {
            return false;
        }
    }
    if (inv->help || inv->version) return true;
    if (!inv->dataDir.isEmpty() && !inv->connectUrl.isEmpty()) {
        *error = QStringLiteral("--data-dir and --connect exclude each other");
        return false;
    }
    if (words.isEmpty()) {
        *error = QStringLiteral("no command given") + seeHelp();
        return false;
    }
    qsizetype matchedWords = 0;
    const CtlCommand* match = matchCommand(words, &matchedWords);
    if (!match) {
        *error = unknownCommand(words);
        return false;
    }
    const QStringList args = words.mid(matchedWords);
    if (args.size() < match->minArgs || args.size() > match->maxArgs) {
        *error = QStringLiteral("usage: %1").arg(usage(*match));
        return false;
    }
    if (const unsigned stray = usedOptions & ~match->options; stray != NoOptions) {
        for (const auto& o : optionTable) {
            if (o.commandOption & stray) {
                *error = QStringLiteral("--%1 is not an option of '%2'")
                             .arg(QLatin1String(o.name), QLatin1String(match->words));
                return false;
            }
        }
    }
    inv->command = match;
    inv->args = args;
    return true;
}

QString CtlCommandLine::helpText()
{
    QString text = QStringLiteral(
        "Usage: umgatectl [--data-dir DIR | --connect umgate://HOST:PORT] [--token-file FILE] [--ca FILE]\n"
        "                 [--json] COMMAND ...\n"
        "\n"
        "Administers a running umgated engine over its JSON-RPC interface.\n"
        "\n"
        "Connection:\n"
        "  --data-dir DIR       the engine's data directory (default: $UMGATE_DATA_DIR, else the\n"
        "                       per-user data dir, /var/lib/umgate for root); umgatectl talks to\n"
        "                       DIR/umgated.sock and authenticates with DIR/rpc.cookie\n"
        "  --connect URL        a remote engine over TLS, umgate://HOST:PORT\n"
        "  --token-file FILE    admin bearer token for --connect (default: $UMGATE_TOKEN)\n"
        "  --ca FILE            PEM CA certificate(s) to verify the engine (default: $UMGATE_CA_FILE,\n"
        "                       else the system CAs)\n"
        "  --json               print the engine's raw result as JSON, for scripts\n"
        "  -h, --help           show this help\n"
        "  --version            show the version\n"
        "\n"
        "Commands:\n");
    qsizetype width = 0;
    for (const auto& c : ctlCommands())
        width = std::max(width, usage(c).size() - 10);
    for (const auto& c : ctlCommands()) {
        const QString u = usage(c).mid(10); // without "umgatectl "
        text += QStringLiteral("  ") + u.leftJustified(width + 2) + QString::fromLatin1(c.summary) +
                QLatin1Char('\n');
    }
    text += QStringLiteral(
        "\n"
        "config set: VALUE is taken as text for text settings; numbers, true/false and lists are\n"
        "JSON, e.g. config set ID ldap.connection.servers '[{\"host\":\"ldap1\",\"port\":389}]'.\n"
        "A VALUE of - is read from standard input (one trailing newline is dropped); use it for\n"
        "passwords, since command-line arguments are visible to other users in ps:\n"
        "  umgatectl config set ID general.authentication.password - < password.txt\n"
        "\n"
        "Exit status: 0 success, 1 the engine refused or the request failed, 2 usage error,\n"
        "3 the engine cannot be reached.\n");
    return text;
}

} // namespace umgate
