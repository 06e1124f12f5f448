// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingValues.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <optional>

namespace umgate {

// A per-day message limit (ixi-UMS 5.1.2-5.1.4): the system default, unlimited, or a number.
struct DailyLimit
{
    enum class Mode
    {
        SystemDefault,
        Unlimited,
        Count
    };
    Mode mode = Mode::SystemDefault;
    int count = 0; // Count only
    bool operator==(const DailyLimit&) const = default;
};

// The UMS settings of one user (ixi-UMS chapter 5), kept in one string attribute of the user's
// directory entry (ldap.search.umsAttribute: extensionAttribute1, umsUserData, description, ...).
//
// Text format "UMS1" (version 1). Example:
//     UMS1;fp=national;fpd=50;fsn=8142 4799123;lang=de;vip=1
// - The value starts with the format tag "UMS1". An empty value means: every field is the
//   system default (globalUserSettings.*).
// - Then `;key=value` pairs, keys in code point order, each key at most once. A field that holds
//   its default is left out, so a typical user needs few characters (AD's extensionAttribute1
//   holds at most 1024).
// - In values, '%', ';', '=' and control characters (U+0000-U+001F, U+007F) are written as %XX
//   (two upper-case hex digits); every other character, non-ASCII included, as it is (UTF-8).
// - Keys and values:
//     bc   billingCode             text
//     cp   coverPage               name of a cover page folder
//     dar  deleteAllReports        0 | 1
//     fcp  forceCoverPage          0 | 1
//     fhl  faxHeadline             text
//     fp   faxPermission           none | internal | local | national | international
//     fpd  maxFaxPerDay            unlimited | a number >= 0
//     fsn  faxSenderNumber         digits and spaces, optionally after '+'
//     ifa  inboundFaxAs            tif | pdf | both
//     ioa  isdnOriginatingAddress  digits, optionally after '+'
//     lang htmlReportLanguage      de | en | fr | it | nl | pt | es
//     mfp  maxFaxPages             a number > 0
//     pri  priorityCap             low | normal | high
//     sp   smsPermission           like fp
//     spd  maxSmsPerDay            like fpd
//     vip  vip                     0 | 1
//     vp   voicePermission         like fp
//     vpd  maxVoicePerDay          like fpd
//   Left out = system default ("systemDefault", 0 or empty in the JSON form).
// - Keys this version does not know are kept as they are and written back, so a newer umgate's
//   settings survive an edit by an older one (a key with a control character is ignored).
// - A later incompatible format gets a new tag ("UMS2"); this version reads it as "all system
//   defaults" with a warning.
struct UmsUserSettings
{
    QString isdnOriginatingAddress; // empty: the fax sender number is signalled
    QString faxSenderNumber;
    QString faxHeadline;
    QString billingCode;
    QString coverPage;
    bool forceCoverPage = false;
    QString htmlReportLanguage; // de, en, fr, it, nl, pt, es; empty = system default
    bool deleteAllReports = false;
    QString priorityCap = systemDefault();   // systemDefault, low, normal, high
    int maxFaxPages = 0;                     // 0 = system default
    QString faxPermission = systemDefault(); // systemDefault, none, internal, local, national, international
    QString smsPermission = systemDefault();
    QString voicePermission = systemDefault();
    DailyLimit maxFaxPerDay;
    DailyLimit maxSmsPerDay;
    DailyLimit maxVoicePerDay;
    QString inboundFaxAs = systemDefault(); // systemDefault, tif, pdf, both
    bool vip = false;
    QMap<QString, QString> unknownKeys; // key -> unescaped value, from a newer format revision

    static QString systemDefault() { return QStringLiteral("systemDefault"); }
    static QString formatTag() { return QStringLiteral("UMS1"); }
    static constexpr int kMaxEncodedLength = 1024; // AD extensionAttribute1..15

    // Never fails: bad parts fall back to their defaults (all of them for an unknown format) and
    // `warning` gets one line for the log naming what was ignored (empty when all was fine).
    static UmsUserSettings decode(const QString& text, QString* warning = nullptr);
    QString encode() const; // deterministic: sorted keys, defaults left out

    // JSON form for RPC: the field names above; daily limits are "systemDefault", "unlimited" or a
    // number; unknown keys travel in "unknownKeys" so a get/set round trip keeps them.
    QJsonObject toJson() const;
    // Every field optional (missing = default). On error, `error` names the field.
    static std::optional<UmsUserSettings> fromJson(const QJsonObject& json, QString* error = nullptr);
    // Changes only the fields present in `json`; all or nothing.
    bool applyJson(const QJsonObject& json, QString* error = nullptr);

    // The values that apply to this user: own settings, and for every field left at the system
    // default the instance's globalUserSettings.* (`global`). Same field names as toJson(); daily
    // limits are "unlimited" or a number.
    QJsonObject effective(const SettingValues& global) const;

    bool operator==(const UmsUserSettings&) const = default;
};

} // namespace umgate
