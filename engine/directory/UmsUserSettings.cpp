// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/UmsUserSettings.h"

#include "engine/config/SettingsSchema.h"

#include <QJsonValue>
#include <QSet>
#include <QStringList>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

#include "engine/core/TextChecks.h"

namespace umgate {

using namespace text;

namespace {

using S = UmsUserSettings;

enum class Kind
{
    Text,
    Bool,
    Int,
    Choice,
    Daily
};

// One field: its JSON name, its key in the text format, and conversions to and from the
// canonical text of its value (what the text format stores). `set` returns the reason when the
// text is not a valid value.
struct Field
{
    QString json;
    QString code;
    Kind kind;
    QString defaultText;
    std::function<QString(const S&)> get;
    std::function<QString(S&, const QString&)> set;
};

constexpr int kMaxText = 256;
constexpr int kMaxNumberDigits = 32;
constexpr int kMaxFaxPages = 100000;
constexpr int kMaxPerDay = 1000000;

const QStringList kPermissions = {u"systemDefault"_s, u"none"_s,     u"internal"_s,
                                  u"local"_s,         u"national"_s, u"international"_s};
const QStringList kLanguages = {u""_s, u"de"_s, u"en"_s, u"fr"_s, u"it"_s, u"nl"_s, u"pt"_s, u"es"_s};
const QStringList kPriorities = {u"systemDefault"_s, u"low"_s, u"normal"_s, u"high"_s};
const QStringList kFaxFormats = {u"systemDefault"_s, u"tif"_s, u"pdf"_s, u"both"_s};

QString shown(const QString& value)
{
    constexpr int kMax = 40;
    QString out;
    for (const QChar c : value.left(kMax))
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f) ? u'?' : c;
    if (value.size() > kMax) out += u"…"_s;
    return u"\""_s + out + u"\""_s;
}

QString textReason(const QString& v)
{
    if (hasControl(v)) return u"must be a single line without control characters"_s;
    if (v.size() > kMaxText)
        return u"is %1 characters long; at most %2 are allowed"_s.arg(v.size()).arg(kMaxText);
    return {};
}

// Digits with an optional leading '+' (ISDN originating address, like the global setting).
QString numberReason(const QString& v, bool allowSpaces)
{
    if (v.isEmpty()) return {};
    QString digits = v.startsWith(u'+') ? v.mid(1) : v;
    if (allowSpaces) digits.remove(u' ');
    if (digits.isEmpty() || !allAsciiDigits(digits) || (allowSpaces && v.trimmed() != v))
        return u"%1 must contain digits only%2, optionally after a leading +"_s.arg(
            shown(v), allowSpaces ? u" and single spaces"_s : QString());
    if (digits.size() > kMaxNumberDigits)
        return u"%1 is longer than %2 digits"_s.arg(shown(v)).arg(kMaxNumberDigits);
    return {};
}

QString choiceReason(const QString& v, const QStringList& choices)
{
    if (choices.contains(v)) return {};
    QStringList shownChoices;
    for (const QString& c : choices)
        shownChoices.append(c.isEmpty() ? u"\"\" (system default)"_s : c);
    return u"must be one of %1, not %2"_s.arg(shownChoices.join(u", "_s), shown(v));
}

std::optional<int> parseCount(const QString& v, int maximum)
{
    if (v.isEmpty() || v.size() > 9 || !allAsciiDigits(v)) return std::nullopt;
    const int n = v.toInt();
    if (n > maximum) return std::nullopt;
    return n;
}

QString dailyText(const DailyLimit& d)
{
    switch (d.mode) {
    case DailyLimit::Mode::SystemDefault:
        return u"systemDefault"_s;
    case DailyLimit::Mode::Unlimited:
        return u"unlimited"_s;
    case DailyLimit::Mode::Count:
        return QString::number(d.count);
    }
    return {};
}

QString setDaily(DailyLimit& d, const QString& v)
{
    if (v == u"systemDefault"_s) {
        d = {};
    } else if (v == u"unlimited"_s) {
        d = {DailyLimit::Mode::Unlimited, 0};
    } else if (const auto n = parseCount(v, kMaxPerDay)) {
        d = {DailyLimit::Mode::Count, *n};
    } else {
        return u"must be systemDefault, unlimited or a number from 0 to %1, not %2"_s.arg(kMaxPerDay)
            .arg(shown(v));
    }
    return {};
}

Field textField(const char* json, const char* code, QString S::*member,
                const std::function<QString(const QString&)>& check)
{
    return {QString::fromLatin1(json),
            QString::fromLatin1(code),
            Kind::Text,
            QString(),
            [member](const S& s) { return s.*member; },
            [member, check](S& s, const QString& v) {
                if (QString r = check(v); !r.isEmpty()) return r;
                s.*member = v;
                return QString();
            }};
}

Field boolField(const char* json, const char* code, bool S::*member)
{
    return {QString::fromLatin1(json),
            QString::fromLatin1(code),
            Kind::Bool,
            u"0"_s,
            [member](const S& s) { return s.*member ? u"1"_s : u"0"_s; },
            [member](S& s, const QString& v) {
                if (v != u"0"_s && v != u"1"_s) return u"must be 0 or 1, not %1"_s.arg(shown(v));
                s.*member = v == u"1"_s;
                return QString();
            }};
}

Field choiceField(const char* json, const char* code, QString S::*member, const QStringList& choices)
{
    return {QString::fromLatin1(json),
            QString::fromLatin1(code),
            Kind::Choice,
            choices.first(),
            [member](const S& s) { return s.*member; },
            [member, choices](S& s, const QString& v) {
                if (QString r = choiceReason(v, choices); !r.isEmpty()) return r;
                s.*member = v;
                return QString();
            }};
}

Field dailyField(const char* json, const char* code, DailyLimit S::*member)
{
    return {QString::fromLatin1(json),
            QString::fromLatin1(code),
            Kind::Daily,
            u"systemDefault"_s,
            [member](const S& s) { return dailyText(s.*member); },
            [member](S& s, const QString& v) { return setDaily(s.*member, v); }};
}

// Sorted by code, which makes encode() deterministic without a sort.
const QList<Field>& fields()
{
    static const QList<Field> list = [] {
        QList<Field> l = {
            textField("billingCode", "bc", &S::billingCode, textReason),
            textField("coverPage", "cp", &S::coverPage,
                      [](const QString& v) {
                          if (QString r = textReason(v); !r.isEmpty()) return r;
                          if (v.contains(u'/') || v.contains(u'\\') || v == u"."_s || v == u".."_s)
                              return u"must be the name of a cover page folder, not a path"_s;
                          return QString();
                      }),
            boolField("deleteAllReports", "dar", &S::deleteAllReports),
            boolField("forceCoverPage", "fcp", &S::forceCoverPage),
            textField("faxHeadline", "fhl", &S::faxHeadline, textReason),
            choiceField("faxPermission", "fp", &S::faxPermission, kPermissions),
            dailyField("maxFaxPerDay", "fpd", &S::maxFaxPerDay),
            textField("faxSenderNumber", "fsn", &S::faxSenderNumber,
                      [](const QString& v) { return numberReason(v, true); }),
            choiceField("inboundFaxAs", "ifa", &S::inboundFaxAs, kFaxFormats),
            textField("isdnOriginatingAddress", "ioa", &S::isdnOriginatingAddress,
                      [](const QString& v) { return numberReason(v, false); }),
            choiceField("htmlReportLanguage", "lang", &S::htmlReportLanguage, kLanguages),
            Field{u"maxFaxPages"_s, u"mfp"_s, Kind::Int, u"0"_s,
                  [](const S& s) { return QString::number(s.maxFaxPages); },
                  [](S& s, const QString& v) {
                      const auto n = parseCount(v, kMaxFaxPages);
                      if (!n)
                          return u"must be a number from 0 (system default) to %1, not %2"_s.arg(kMaxFaxPages)
                              .arg(shown(v));
                      s.maxFaxPages = *n;
                      return QString();
                  }},
            choiceField("priorityCap", "pri", &S::priorityCap, kPriorities),
            choiceField("smsPermission", "sp", &S::smsPermission, kPermissions),
            dailyField("maxSmsPerDay", "spd", &S::maxSmsPerDay),
            boolField("vip", "vip", &S::vip),
            choiceField("voicePermission", "vp", &S::voicePermission, kPermissions),
            dailyField("maxVoicePerDay", "vpd", &S::maxVoicePerDay),
        };
        return l;
    }();
    return list;
}

const Field* byCode(const QString& code)
{
    for (const Field& f : fields())
        if (f.code == code) return &f;
    return nullptr;
}
const Field* byJson(const QString& name)
{
    for (const Field& f : fields())
        if (f.json == name) return &f;
    return nullptr;
}

QString escape(const QString& value)
{
    QString out;
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if (u == '%' || u == ';' || u == '=' || u < 0x20 || u == 0x7f)
            out += u"%%1"_s.arg(int(u), 2, 16, QLatin1Char('0')).toUpper();
        else
            out += c;
    }
    return out;
}

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9') return c.unicode() - '0';
    if (c >= u'A' && c <= u'F') return c.unicode() - 'A' + 10;
    if (c >= u'a' && c <= u'f') return c.unicode() - 'a' + 10;
    return -1;
}

std::optional<QString> unescape(const QString& value)
{
    QString out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c != u'%') {
            out += c;
            continue;
        }
        if (i + 2 >= value.size()) return std::nullopt;
        const int hi = hexValue(value.at(i + 1));
        const int lo = hexValue(value.at(i + 2));
        if (hi < 0 || lo < 0 || hi >= 8) return std::nullopt; // only ASCII is ever escaped
        out += QChar(char16_t(hi * 16 + lo));
        i += 2;
    }
    return out;
}

// A field value from JSON as the canonical text `set` understands; empty optional + reason on a
// wrong JSON type.
std::optional<QString> jsonText(const Field& f, const QJsonValue& v, QString* reason)
{
    const auto integral = [](const QJsonValue& x) {
        const double d = x.toDouble();
        return x.isDouble() && std::isfinite(d) && std::floor(d) == d && d >= 0 && d <= 1e9;
    };
    switch (f.kind) {
    case Kind::Bool:
        if (v.isBool()) return v.toBool() ? u"1"_s : u"0"_s;
        *reason = u"expects true or false"_s;
        return std::nullopt;
    case Kind::Int:
        if (integral(v)) return QString::number(qint64(v.toDouble()));
        *reason = u"expects a whole number"_s;
        return std::nullopt;
    case Kind::Daily:
        if (integral(v)) return QString::number(qint64(v.toDouble()));
        if (v.isString()) return v.toString();
        *reason = u"expects \"systemDefault\", \"unlimited\" or a whole number"_s;
        return std::nullopt;
    case Kind::Text:
    case Kind::Choice:
        if (v.isString()) return v.toString();
        *reason = u"expects text"_s;
        return std::nullopt;
    }
    return std::nullopt;
}

QJsonValue jsonValue(const Field& f, const QString& text)
{
    switch (f.kind) {
    case Kind::Bool:
        return text == u"1"_s;
    case Kind::Int:
        return text.toInt();
    case Kind::Daily:
        if (allAsciiDigits(text) && !text.isEmpty()) return text.toInt();
        return text;
    case Kind::Text:
    case Kind::Choice:
        break;
    }
    return text;
}

} // namespace

UmsUserSettings UmsUserSettings::decode(const QString& text, QString* warning)
{
    UmsUserSettings s;
    QStringList problems;
    const auto done = [&]() {
        if (warning) *warning = problems.join(u"; "_s);
        return s;
    };
    if (text.trimmed().isEmpty()) return done();

    const QStringList parts = text.split(u';');
    if (parts.first() != formatTag()) {
        if (parts.first().startsWith(u"UMS"_s) && parts.first().size() > 3 &&
            allAsciiDigits(parts.first().mid(3)))
            problems.append(
                u"the UMS settings use format %1, which this version does not read (it reads %2); "
                u"using the system defaults"_s.arg(shown(parts.first()), formatTag()));
        else
            problems.append(
                u"the UMS settings %1 are not in umgate's %2 format; using the system defaults"_s.arg(
                    shown(text), formatTag()));
        return done();
    }

    QSet<QString> seen;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString& pair = parts.at(i);
        if (pair.isEmpty()) continue; // a trailing ';' is harmless
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0) {
            problems.append(u"ignored %1: not key=value"_s.arg(shown(pair)));
            continue;
        }
        const QString key = pair.left(eq);
        // As applyJson: such a key could not come back through user.set, so the user could not be saved.
        if (hasControl(key)) {
            problems.append(u"ignored %1: a key with a control character"_s.arg(shown(key)));
            continue;
        }
        if (seen.contains(key)) {
            problems.append(u"ignored a second value for %1"_s.arg(shown(key)));
            continue;
        }
        seen.insert(key);
        const std::optional<QString> value = unescape(pair.mid(eq + 1));
        if (!value) {
            problems.append(u"ignored %1: broken %-escape; using the system default"_s.arg(shown(key)));
            continue;
        }
        const Field* f = byCode(key);
        if (!f) {
            s.unknownKeys.insert(key, *value);
            continue;
        }
        if (const QString r = f->set(s, *value); !r.isEmpty())
            problems.append(u"ignored %1 (%2): %3; using the system default"_s.arg(key, f->json, r));
    }
    return done();
}

QString UmsUserSettings::encode() const
{
    QMap<QString, QString> pairs = unknownKeys;
    for (const Field& f : fields()) {
        const QString v = f.get(*this);
        if (v != f.defaultText)
            pairs.insert(f.code, v);
        else
            pairs.remove(f.code); // our own field wins over a stray unknown key of that name
    }
    QString out = formatTag();
    for (auto it = pairs.constBegin(); it != pairs.constEnd(); ++it)
        out += u';' + it.key() + u'=' + escape(it.value());
    return out;
}

QJsonObject UmsUserSettings::toJson() const
{
    QJsonObject o;
    for (const Field& f : fields())
        o.insert(f.json, jsonValue(f, f.get(*this)));
    QJsonObject unknown;
    for (auto it = unknownKeys.constBegin(); it != unknownKeys.constEnd(); ++it)
        unknown.insert(it.key(), it.value());
    o.insert(u"unknownKeys"_s, unknown);
    return o;
}

std::optional<UmsUserSettings> UmsUserSettings::fromJson(const QJsonObject& json, QString* error)
{
    UmsUserSettings s;
    if (!s.applyJson(json, error)) return std::nullopt;
    return s;
}

bool UmsUserSettings::applyJson(const QJsonObject& json, QString* error)
{
    const auto fail = [error](const QString& field, const QString& reason) {
        if (error) *error = field + u' ' + reason;
        return false;
    };
    UmsUserSettings s = *this;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() == u"unknownKeys"_s) {
            if (!it.value().isObject()) return fail(it.key(), u"expects an object"_s);
            s.unknownKeys.clear();
            const QJsonObject u = it.value().toObject();
            for (auto k = u.begin(); k != u.end(); ++k) {
                if (k.key().isEmpty() || k.key().contains(u';') || k.key().contains(u'=') ||
                    hasControl(k.key()) || byCode(k.key()))
                    return fail(u"unknownKeys."_s + k.key(), u"is not a possible unknown key"_s);
                if (!k.value().isString()) return fail(u"unknownKeys."_s + k.key(), u"expects text"_s);
                s.unknownKeys.insert(k.key(), k.value().toString());
            }
            continue;
        }
        const Field* f = byJson(it.key());
        if (!f) return fail(it.key(), u"is not a UMS user setting"_s);
        QString reason;
        const std::optional<QString> text = jsonText(*f, it.value(), &reason);
        if (!text) return fail(it.key(), reason);
        if (const QString r = f->set(s, *text); !r.isEmpty()) return fail(it.key(), r);
    }
    if (const qsizetype n = s.encode().size(); n > kMaxEncodedLength)
        return fail(u"settings"_s,
                    u"need %1 characters when stored; the attribute holds at most %2"_s.arg(n).arg(
                        kMaxEncodedLength));
    *this = s;
    return true;
}

QJsonObject UmsUserSettings::effective(const SettingValues& global) const
{
    const auto text = [](const QString& own, const QString& system) { return own.isEmpty() ? system : own; };
    const auto choice = [](const QString& own, const QString& system) {
        return own == systemDefault() ? system : own;
    };
    const auto daily = [](const DailyLimit& own, int system) -> QJsonValue {
        switch (own.mode) {
        case DailyLimit::Mode::Unlimited:
            return u"unlimited"_s;
        case DailyLimit::Mode::Count:
            return own.count;
        case DailyLimit::Mode::SystemDefault:
            break;
        }
        return system == 0 ? QJsonValue(u"unlimited"_s) : QJsonValue(system); // 0 = unlimited
    };

    QJsonObject o;
    const QString sender = text(faxSenderNumber, global.get(keys::faxSenderNumber));
    o.insert(u"faxSenderNumber"_s, sender);
    // 5.1.1: without an ISDN originating address the fax sender number is signalled.
    const QString isdn = text(isdnOriginatingAddress, global.get(keys::isdnOriginatingAddress));
    o.insert(u"isdnOriginatingAddress"_s, isdn.isEmpty() ? sender : isdn);
    o.insert(u"faxHeadline"_s, text(faxHeadline, global.get(keys::faxHeadline)));
    o.insert(u"billingCode"_s, text(billingCode, global.get(keys::billingCode)));
    o.insert(u"coverPage"_s, text(coverPage, global.get(keys::defaultCoverPage)));
    o.insert(u"forceCoverPage"_s, forceCoverPage || global.get(keys::forceCoverPage));
    o.insert(u"htmlReportLanguage"_s,
             text(htmlReportLanguage, enumName(global.get(keys::htmlReportLanguage))));
    o.insert(u"deleteAllReports"_s, deleteAllReports);
    o.insert(u"priorityCap"_s, choice(priorityCap, enumName(global.get(keys::priorityCap))));
    o.insert(u"maxFaxPages"_s, maxFaxPages > 0 ? maxFaxPages : global.get(keys::maxFaxPages));
    o.insert(u"faxPermission"_s, choice(faxPermission, enumName(global.get(keys::faxPermission))));
    o.insert(u"smsPermission"_s, choice(smsPermission, enumName(global.get(keys::smsPermission))));
    o.insert(u"voicePermission"_s, choice(voicePermission, enumName(global.get(keys::voicePermission))));
    o.insert(u"maxFaxPerDay"_s, daily(maxFaxPerDay, global.get(keys::maxFaxPerDay)));
    o.insert(u"maxSmsPerDay"_s, daily(maxSmsPerDay, global.get(keys::maxSmsPerDay)));
    o.insert(u"maxVoicePerDay"_s, daily(maxVoicePerDay, global.get(keys::maxVoicePerDay)));
    o.insert(u"inboundFaxAs"_s, choice(inboundFaxAs, enumName(global.get(keys::inboundFaxFormat))));
    o.insert(u"vip"_s, vip);
    return o;
}

} // namespace umgate
