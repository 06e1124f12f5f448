// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/spool/KernelEnvelope.h"

#include "engine/core/AtomicFile.h"
#include "engine/core/TextChecks.h"
#include "engine/directory/PhoneNumber.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

constexpr int kMaxTextChars = 64 * 1024;
constexpr int kMaxAttachments = 16;

bool isIdChar(QChar c)
{
    return text::isAsciiAlpha(c) || text::isAsciiDigit(c) || c == u'.' || c == u'_' || c == u'-';
}

// The parts of KernelEnvelope::parse; each returns why the envelope is refused, or an empty string.

// A phone number field: absent is fine unless required; present, it must be canonical.
QString readNumber(const QJsonObject& o, const char* key, bool required, QString* out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() && !(v.isUndefined() && !required))
        return u"%1 must be a string"_s.arg(QLatin1String(key));
    const QString s = v.toString().trimmed();
    if (s.isEmpty()) return required ? u"%1 is required"_s.arg(QLatin1String(key)) : QString();
    QString why;
    const auto parsed = PhoneNumber::parse(s, &why);
    if (!parsed) return u"%1 %2 is not a canonical number: %3"_s.arg(QLatin1String(key), s, why);
    *out = parsed->canonical();
    return {};
}

QString readTime(const QJsonObject& o, KernelEnvelope* e)
{
    const QString time = o.value(u"time"_s).toString();
    e->time = QDateTime::fromString(time, Qt::ISODateWithMs);
    if (!e->time.isValid() || e->time.timeSpec() == Qt::LocalTime)
        return u"time must be ISO 8601 with a zone, e.g. 2026-11-26T21:00:00Z (found \"%1\")"_s.arg(
            time.left(64));
    e->time = e->time.toUTC();
    return {};
}

// pages and duration: optional whole numbers.
QString readCounts(const QJsonObject& o, KernelEnvelope* e)
{
    for (const auto& [key, target] :
         {std::pair{"pages", &e->pages}, std::pair{"duration", &e->durationSeconds}}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) continue;
        if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 1e6 || v.toDouble() != double(v.toInt()))
            return u"%1 must be a whole number from 0 to 1000000"_s.arg(QLatin1String(key));
        *target = v.toInt();
    }
    return {};
}

QString readText(const QJsonObject& o, KernelEnvelope* e)
{
    const QJsonValue textValue = o.value(u"text"_s);
    if (!textValue.isUndefined() && !textValue.isString()) return u"text must be a string"_s;
    e->text = textValue.toString();
    if (e->text.size() > kMaxTextChars) return u"text is longer than %1 characters"_s.arg(kMaxTextChars);
    if (e->type == KernelEnvelope::Type::Sms && e->text.isEmpty() && !o.contains(u"text"_s))
        return u"an sms envelope needs text"_s;
    return {};
}

// Plain file names that exist in the spool folder (checked only when spoolDir is given).
QString readAttachments(const QJsonObject& o, const QString& spoolDir, KernelEnvelope* e)
{
    const QJsonValue attachments = o.value(u"attachments"_s);
    if (!attachments.isUndefined() && !attachments.isArray())
        return u"attachments must be a list of file names"_s;
    const QJsonArray list = attachments.toArray();
    if (list.size() > kMaxAttachments) return u"more than %1 attachments"_s.arg(kMaxAttachments);
    for (const auto& v : list) {
        const QString name = v.toString();
        if (!KernelEnvelope::isValidAttachmentName(name))
            return u"attachment \"%1\" must be a plain file name in the spool folder"_s.arg(name.left(128));
        const QFileInfo fi(QDir(spoolDir).filePath(name));
        if (!spoolDir.isEmpty() && (!fi.isFile() || fi.isSymLink()))
            return u"attachment %1 does not exist in %2"_s.arg(name, spoolDir);
        e->attachments << name;
    }
    if (e->type == KernelEnvelope::Type::Fax && e->attachments.isEmpty())
        return u"a fax envelope needs its TIFF attachment"_s;
    if (e->type == KernelEnvelope::Type::Voice && e->attachments.isEmpty())
        return u"a voice envelope needs its WAV attachment"_s;
    return {};
}

// A report names its outcome and the address the report goes to.
QString readReport(const QJsonObject& o, KernelEnvelope* e)
{
    if (e->type != KernelEnvelope::Type::Report) return {};
    if (!o.value(u"report"_s).isObject()) return u"a report envelope needs a report object"_s;
    e->report = o.value(u"report"_s).toObject();
    const QString status = e->report.value(u"status"_s).toString();
    if (status != u"ok"_s && status != u"failed"_s) return u"report.status must be ok or failed"_s;
    const QString sender = e->report.value(u"sender"_s).toString();
    if (sender.isEmpty() || text::hasControl(sender) || !sender.contains(u'@'))
        return u"report.sender must be the e-mail address the report goes to"_s;
    return {};
}

} // namespace

QString KernelEnvelope::typeName(Type type)
{
    switch (type) {
    case Type::Fax:
        return u"fax"_s;
    case Type::Voice:
        return u"voice"_s;
    case Type::Sms:
        return u"sms"_s;
    case Type::Report:
        return u"report"_s;
    }
    return {};
}

std::optional<KernelEnvelope::Type> KernelEnvelope::typeFromName(const QString& name)
{
    for (Type t : {Type::Fax, Type::Voice, Type::Sms, Type::Report})
        if (typeName(t) == name) return t;
    return std::nullopt;
}

bool KernelEnvelope::isValidId(const QString& id)
{
    if (id.isEmpty() || id.size() > 128 || id.startsWith(u'.')) return false;
    for (const QChar c : id)
        if (!isIdChar(c)) return false;
    return true;
}

bool KernelEnvelope::isValidAttachmentName(const QString& name)
{
    // A name in the spool folder, never a path: the kernel cannot make umgate read other files.
    return isValidId(name) && !name.endsWith(u".json"_s);
}

QStringList KernelEnvelope::attachmentNamesOf(const QByteArray& json)
{
    QStringList names;
    const QJsonArray list = QJsonDocument::fromJson(json).object().value(u"attachments"_s).toArray();
    for (const auto& v : list) {
        const QString name = v.toString();
        if (isValidAttachmentName(name) && !names.contains(name) && names.size() < kMaxAttachments)
            names << name;
    }
    return names;
}

std::optional<KernelEnvelope> KernelEnvelope::parse(const QByteArray& json, const QString& spoolDir,
                                                    QString* error)
{
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(u"not valid JSON at byte %1: %2"_s.arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject()) return fail(u"the envelope must be a JSON object"_s);
    const QJsonObject o = doc.object();

    KernelEnvelope e;
    if (o.value(u"version"_s).toInt(-1) != kVersion)
        return fail(u"version must be %1 (found %2)"_s.arg(kVersion).arg(QString::fromUtf8(
            QJsonDocument(QJsonArray{o.value(u"version"_s)}).toJson(QJsonDocument::Compact))));
    e.id = o.value(u"id"_s).toString();
    if (!isValidId(e.id)) return fail(u"id must be 1 to 128 characters of A-Z a-z 0-9 . _ -"_s);
    const auto type = typeFromName(o.value(u"type"_s).toString());
    if (!type) return fail(u"type must be fax, voice, sms or report"_s);
    e.type = *type;

    // Each part of the envelope is read by its own helper; each answers why it is refused, or nothing.
    if (const QString why = readNumber(o, "calling", false, &e.calling); !why.isEmpty()) return fail(why);
    if (const QString why = readNumber(o, "called", e.type != Type::Report, &e.called); !why.isEmpty())
        return fail(why);
    if (const QString why = readTime(o, &e); !why.isEmpty()) return fail(why);
    if (const QString why = readCounts(o, &e); !why.isEmpty()) return fail(why);
    if (const QString why = readText(o, &e); !why.isEmpty()) return fail(why);
    if (const QString why = readAttachments(o, spoolDir, &e); !why.isEmpty()) return fail(why);
    if (const QString why = readReport(o, &e); !why.isEmpty()) return fail(why);
    return e;
}

QJsonObject KernelEnvelope::toJson() const
{
    QJsonObject o{{u"version"_s, kVersion},    {u"id"_s, id},
                  {u"type"_s, typeName(type)}, {u"calling"_s, calling},
                  {u"called"_s, called},       {u"time"_s, time.toUTC().toString(Qt::ISODateWithMs)}};
    if (type == Type::Fax) o.insert(u"pages"_s, pages);
    if (type == Type::Voice) o.insert(u"duration"_s, durationSeconds);
    if (!text.isEmpty() || type == Type::Sms) o.insert(u"text"_s, text);
    if (!attachments.isEmpty()) o.insert(u"attachments"_s, QJsonArray::fromStringList(attachments));
    if (type == Type::Report) o.insert(u"report"_s, report);
    return o;
}

bool KernelEnvelope::write(const QString& spoolDir, const KernelEnvelope& envelope,
                           const QList<std::pair<QString, QByteArray>>& files, QString* error)
{
    if (!isValidId(envelope.id)) {
        if (error) *error = u"invalid message id %1"_s.arg(envelope.id);
        return false;
    }
    if (!QDir().mkpath(spoolDir)) {
        if (error) *error = u"cannot create %1"_s.arg(spoolDir);
        return false;
    }
    const QDir dir(spoolDir);
    for (const auto& [name, bytes] : files) {
        if (!isValidAttachmentName(name)) {
            if (error) *error = u"invalid attachment name %1"_s.arg(name);
            return false;
        }
        if (!AtomicFile::write(dir.filePath(name), bytes, error, 0640)) return false;
    }
    // The envelope last: once it exists, everything it names is on disk.
    return AtomicFile::write(dir.filePath(envelope.id + u".json"_s),
                             QJsonDocument(envelope.toJson()).toJson(QJsonDocument::Indented), error, 0640);
}

} // namespace umgate
