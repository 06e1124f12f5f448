// SPDX-License-Identifier: GPL-3.0-or-later
// The German catalogue must be complete: no unfinished, empty or vanished message, the same
// placeholders and mnemonic markers as the English text, and no console string that lupdate
// would add because nobody translated it yet.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

constexpr int kToolTimeoutMs = 120000;

struct Message
{
    QString context;
    QString source;
    QString type; // the <translation type="..."> attribute: unfinished, vanished, obsolete or empty
    bool numerus = false;
    QStringList forms; // the translation, or its numerus forms
    qint64 line = 0;
};

QList<Message> readCatalogue(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"%1 could not be opened: %2"_s.arg(path, f.errorString());
        return {};
    }
    QList<Message> out;
    QString context;
    Message current;
    QXmlStreamReader xml(&f);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"name"_s) {
                context = xml.readElementText();
            } else if (name == u"message"_s) {
                current = Message{};
                current.context = context;
                current.numerus = xml.attributes().value(u"numerus"_s) == u"yes"_s;
                current.line = xml.lineNumber();
            } else if (name == u"source"_s) {
                current.source = xml.readElementText();
            } else if (name == u"translation"_s) {
                current.type = xml.attributes().value(u"type"_s).toString();
                if (!current.numerus) current.forms << xml.readElementText();
            } else if (name == u"numerusform"_s) {
                current.forms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == u"message"_s) {
            out << current;
        }
    }
    if (xml.hasError())
        *error =
            u"%1 is not valid XML at line %2: %3"_s.arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return out;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(u"%(\\d+|n)"_s);
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    found.removeDuplicates();
    return found;
}

// One line per message an administrator would see in English or broken German.
QStringList problems(const QList<Message>& messages)
{
    QStringList out;
    for (const Message& m : messages) {
        const QString where = u"line %1, %2 \"%3\""_s.arg(m.line).arg(m.context, m.source);
        if (!m.type.isEmpty()) {
            out << u"%1: translation is %2"_s.arg(where, m.type);
            continue;
        }
        if (m.forms.isEmpty() || (m.numerus && m.forms.size() < 2)) {
            out << u"%1: translation (or a plural form) is missing"_s.arg(where);
            continue;
        }
        for (const QString& form : m.forms) {
            if (form.trimmed().isEmpty()) {
                out << u"%1: translation is empty"_s.arg(where);
                break;
            }
            // %n may be left out of a singular form ("eine Nachricht"), nothing else may.
            QStringList want = placeholders(m.source);
            QStringList have = placeholders(form);
            if (m.numerus) {
                want.removeAll(u"%n"_s);
                have.removeAll(u"%n"_s);
            }
            if (want != have) {
                out << u"%1: placeholders %2 in the German text \"%3\" differ from %4"_s.arg(
                    where, have.join(u','), form, want.join(u','));
                break;
            }
            if (m.source.count(u'&') != form.count(u'&')) {
                out << u"%1: the German text \"%2\" has a different number of '&' (mnemonics)"_s.arg(where,
                                                                                                     form);
                break;
            }
        }
    }
    return out;
}

QString catalogue()
{
    return QStringLiteral(UMGATE_SOURCE_DIR "/translations/umgate_de.ts");
}

bool run(const QString& program, const QStringList& args, QString* output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool finished = p.waitForStarted(kToolTimeoutMs) && p.waitForFinished(kToolTimeoutMs);
    *output = QString::fromLocal8Bit(p.readAll());
    if (!finished) {
        p.kill();
        p.waitForFinished(5000);
        *output += u"\n%1 did not finish within %2 s"_s.arg(program).arg(kToolTimeoutMs / 1000);
        return false;
    }
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TstTranslationsCatalog : public QObject
{
    Q_OBJECT
private slots:
    void everyMessageIsTranslated();
    void currentSourcesAddNoMessage();
};

void TstTranslationsCatalog::everyMessageIsTranslated()
{
    QString error;
    const QList<Message> messages = readCatalogue(catalogue(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(messages.size() > 400,
             qPrintable(u"only %1 messages in %2"_s.arg(messages.size()).arg(catalogue())));
    const QStringList found = problems(messages);
    QVERIFY2(found.isEmpty(),
             qPrintable(u"%1 problem(s) in %2:\n"_s.arg(found.size()).arg(catalogue()) + found.join(u'\n')));
}

// lupdate runs with the very project the umgate_views_lupdate target uses, but into a copy of the
// catalogue, so the real file is never touched. A new tr() string shows up as unfinished there,
// a deleted one as vanished.
void TstTranslationsCatalog::currentSourcesAddNoMessage()
{
    QTemporaryDir dir;
    QVERIFY2(dir.isValid(), qPrintable(dir.errorString()));
    const QString copy = dir.filePath(u"umgate_de.ts"_s);
    QVERIFY2(QFile::copy(catalogue(), copy), qPrintable(u"copying %1 to %2 failed"_s.arg(catalogue(), copy)));
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    const QString projectIn = QStringLiteral(UMGATE_LUPDATE_PROJECT_IN);
    QVERIFY2(QFile::exists(projectIn),
             qPrintable(u"%1 is missing; configure the build (qt_add_lupdate in translations/) first"_s.arg(
                 projectIn)));
    const QString json = dir.filePath(u"project.json"_s);
    QString output;
    QVERIFY2(run(QStringLiteral(UMGATE_CMAKE_COMMAND),
                 {u"-DIN_FILE="_s + projectIn, u"-DOUT_FILE="_s + json, u"-P"_s,
                  QStringLiteral(UMGATE_LUPDATE_PROJECT_GENERATOR)},
                 &output),
             qPrintable(u"generating the lupdate project failed:\n"_s + output));

    QFile jf(json);
    QVERIFY2(jf.open(QIODevice::ReadOnly), qPrintable(jf.errorString()));
    QJsonObject project = QJsonDocument::fromJson(jf.readAll()).object();
    jf.close();
    QVERIFY2(project.value(u"sources"_s).toArray().size() > 10,
             "the lupdate project lists almost no sources");
    project.insert(u"translations"_s, QJsonArray{copy});
    QVERIFY(jf.open(QIODevice::WriteOnly | QIODevice::Truncate));
    jf.write(QJsonDocument(project).toJson());
    jf.close();

    QVERIFY2(run(QStringLiteral(UMGATE_LUPDATE), {u"-project"_s, json}, &output),
             qPrintable(u"lupdate failed:\n"_s + output));

    QString error;
    const QList<Message> messages = readCatalogue(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList found = problems(messages);
    QVERIFY2(
        found.isEmpty(),
        qPrintable(u"lupdate over the current sources leaves %1 message(s) without German text; run the "
                   "umgate_views_lupdate target and translate them in translations/umgate_de.ts:\n"_s.arg(
                       found.size()) +
                   found.join(u'\n')));
}

QTEST_GUILESS_MAIN(TstTranslationsCatalog)
#include "tst_translations_catalog.moc"
