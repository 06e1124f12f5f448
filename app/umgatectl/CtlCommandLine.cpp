// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/umgatectl/CtlCommandLine.h"

namespace umgate {

namespace {

enum CommandOption : unsigned
{
    NoOptions = 0,
    OptName = 1u << 0,
    OptForce = 1u << 1,
    OptKeepQueue = 1u << 2,
    OptAs = 1u << 3,
    OptLookup = 1u << 4,
    OptSearch = 1u << 5,
    OptInject = 1u << 6,
    OptFollow = 1u << 7,
};

struct CommandDef
{
    CtlCommandKind kind;
    const char* words;     // "instance create"
    const char* arguments; // "ID [--name NAME]", for usage lines
    int minArgs;
    int maxArgs;
    unsigned options;
    const char* summary;
};

// The command table: parsing, usage lines and --help come from here.
const QList<CommandDef>& commands()
{
    using K = CtlCommandKind;
    static const QList<CommandDef> table = {
        {K::Status, "status", "", 0, 0, NoOptions, "Engine version, uptime, paths and instances"},
        {K::InstanceList, "instance list", "", 0, 0, NoOptions, "List connector instances"},
        {K::InstanceCreate, "instance create", "ID [--name NAME]", 1, 1, OptName,
         "Create an instance on defaults (NAME defaults to ID)"},
        {K::InstanceDelete, "instance delete", "ID [--force] [--keep-queue]", 1, 1, OptForce | OptKeepQueue,
         "Delete an instance; --force drops queued mail, --keep-queue moves it aside"},
        {K::InstanceEnable, "instance enable", "ID", 1, 1, NoOptions, "Enable and start an instance"},
        {K::InstanceDisable, "instance disable", "ID", 1, 1, NoOptions, "Stop and disable an instance"},
        {K::ConfigGet, "config get", "ID [KEY]", 1, 2, NoOptions,
         "Show an instance's settings (key = value)"},
        {K::ConfigSet, "config set", "ID KEY VALUE", 3, 3, NoOptions,
         "Change one setting; VALUE - reads it from stdin"},
        {K::ConfigExport, "config export", "ID [FILE]", 1, 2, NoOptions,
         "Write the instance config (without secrets) to FILE or stdout"},
        {K::ConfigImport, "config import", "FILE [--as ID]", 1, 1, OptAs,
         "Create or replace an instance from an exported file (- reads stdin)"},
        {K::ConfigSchema, "config schema", "", 0, 0, NoOptions, "List every setting with type and default"},
        {K::MiscList, "misc list", "", 0, 0, NoOptions, "Show the engine-wide Misc Setup options"},
        {K::MiscSet, "misc set", "KEY VALUE", 2, 2, NoOptions, "Set a Misc Setup value (clears Ignore)"},
        {K::MiscIgnore, "misc ignore", "KEY on|off", 2, 2, NoOptions,
         "Set the Ignore flag (on: the default applies)"},
        {K::MiscReset, "misc reset", "KEY", 1, 1, NoOptions, "Reset a Misc Setup option to its default"},
        {K::TokenAdd, "admin token add", "NAME", 1, 1, NoOptions,
         "Create a bearer token for a remote admin (shown once)"},
        {K::TokenList, "admin token list", "", 0, 0, NoOptions, "List remote admin tokens"},
        {K::TokenRemove, "admin token remove", "NAME", 1, 1, NoOptions, "Revoke a remote admin token"},
        {K::DirectoryLookup, "directory lookup", "ID (--number NUMBER | --sender ADDRESS)", 1, 1, OptLookup,
         "Show the filter, the server, the entries and the delivery address"},
        {K::DirectoryTest, "directory test", "ID", 1, 1, NoOptions,
         "Check every directory server: connect, TLS, bind, base DNs"},
        {K::UserList, "user list", "ID [--search TEXT]", 1, 1, OptSearch,
         "List or search the directory's users"},
        {K::UserGet, "user get", "ID DN", 2, 2, NoOptions, "Show a user with its UMS settings"},
        {K::UserSet, "user set", "ID DN FIELD VALUE", 4, 4, NoOptions,
         "Change one UMS setting of a user (e.g. faxPermission national)"},
        {K::Inject, "inject", "ID --type fax|voice|sms --calling N --called N [--file F] [--text T]", 1, 1,
         OptInject, "Drop a message into the instance's kernel spool, as the telephony side does"},
        {K::QueueList, "queue list", "ID [outgoing|badmail|error]", 1, 2, NoOptions,
         "List queued mail (default), Badmail, or the spool's Error folder"},
        {K::QueueShow, "queue show", "ID QUEUE-ID", 2, 2, NoOptions,
         "Show one mail: recipients, attempts, last error, headers"},
        {K::QueueRetry, "queue retry", "ID [QUEUE-ID]", 1, 2, NoOptions,
         "Try a waiting mail now (all waiting mail without QUEUE-ID)"},
        {K::QueueDelete, "queue delete", "ID QUEUE-ID", 2, 2, NoOptions,
         "Delete a mail from the queue or Badmail"},
        {K::QueueRequeue, "queue requeue", "ID [QUEUE-ID]", 1, 2, NoOptions,
         "Send Badmail again, to the server configured now (all Badmail without QUEUE-ID)"},
        {K::TestMessage, "test-message", "ID --type fax|voice|sms --calling N --called N", 1, 1, OptInject,
         "Send Test Message: the real path, reported step by step"},
        {K::LogTail, "log tail", "ID ldapSearch|smtpConnection|messageId [--follow]", 2, 2, OptFollow,
         "Print the end of an instance log; --follow keeps printing new lines"},
        {K::LogClear, "log clear", "ID ldapSearch|smtpConnection|messageId", 2, 2, NoOptions,
         "Empty the current file of an instance log (older files stay)"},
    };
    return table;
}

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

const CommandDef* findCommand(CtlCommandKind kind)
{
    for (const auto& c : commands())
        if (c.kind == kind) return &c;
    return nullptr;
}

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

QString CtlCommandLine::usage(CtlCommandKind command)
{
    const CommandDef* def = findCommand(command);
    if (!def) return {};
    QString line = QStringLiteral("umgatectl ") + QString::fromLatin1(def->words);
    if (*def->arguments) line += QLatin1Char(' ') + QString::fromLatin1(def->arguments);
    return line;
}

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
            continue;
        }
        if (arg == QLatin1String("--")) {
            endOfOptions = true;
            continue;
        }
        if (arg == QLatin1String("-h")) {
            inv->help = true;
            continue;
        }
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
            } else if (i + 1 < arguments.size()) {
                value = arguments.at(++i);
            } else {
                *error = QStringLiteral("option --%1 needs a value").arg(name);
                return false;
            }
        } else if (eq >= 0) {
            *error = QStringLiteral("option --%1 takes no value").arg(name);
            return false;
        }
        usedOptions |= option->commandOption;
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
    if (inv->help || inv->version) return true;
    if (!inv->dataDir.isEmpty() && !inv->connectUrl.isEmpty()) {
        *error = QStringLiteral("--data-dir and --connect exclude each other");
        return false;
    }
    if (words.isEmpty()) {
        *error = QStringLiteral("no command given") + seeHelp();
        return false;
    }

    // The longest command whose words start the argument list.
    const CommandDef* match = nullptr;
    qsizetype matchedWords = 0;
    for (const auto& c : commands()) {
        const QStringList cw = QString::fromLatin1(c.words).split(QLatin1Char(' '));
        if (cw.size() > words.size() || cw.size() <= matchedWords) continue;
        if (words.mid(0, cw.size()) == cw) {
            match = &c;
            matchedWords = cw.size();
        }
    }
    if (!match) {
        // Name the deepest group that did match ("admin token"), so the message points at the
        // word that is wrong.
        QStringList group;
        QStringList next;
        for (const auto& c : commands()) {
            const QStringList cw = QString::fromLatin1(c.words).split(QLatin1Char(' '));
            for (qsizetype n = cw.size() - 1; n >= 1; --n) {
                if (n > words.size() || words.mid(0, n) != cw.mid(0, n) || n < group.size()) continue;
                if (n > group.size()) next.clear();
                group = cw.mid(0, n);
                if (!next.contains(cw.at(n))) next << cw.at(n);
                break;
            }
        }
        if (group.isEmpty())
            *error = QStringLiteral("unknown command '%1'").arg(words.first()) + seeHelp();
        else if (words.size() == group.size())
            *error = QStringLiteral("'%1' needs one of: %2")
                         .arg(group.join(QLatin1Char(' ')), next.join(QStringLiteral(", ")));
        else
            *error = QStringLiteral("unknown command '%1 %2'")
                         .arg(group.join(QLatin1Char(' ')), words.at(group.size())) +
                     seeHelp();
        return false;
    }
    const QStringList args = words.mid(matchedWords);
    if (args.size() < match->minArgs || args.size() > match->maxArgs) {
        *error = QStringLiteral("usage: %1").arg(usage(match->kind));
        return false;
    }
    const unsigned stray = usedOptions & ~match->options;
    if (stray != NoOptions) {
        for (const auto& o : optionTable) {
            if (o.commandOption & stray) {
                *error = QStringLiteral("--%1 is not an option of '%2'")
                             .arg(QLatin1String(o.name), QLatin1String(match->words));
                return false;
            }
        }
    }
    inv->command = match->kind;
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
    for (const auto& c : commands())
        width = std::max(width, usage(c.kind).size() - 10);
    for (const auto& c : commands()) {
        const QString u = usage(c.kind).mid(10); // without "umgatectl "
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
