// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingEnums.h"

#include <QString>
#include <optional>

namespace umgate {

// The instance's site (its `general.site.*` settings): how people there write telephone numbers, so that
// a number written nationally ("030 1234567"), locally ("1234567") or with the PBX's outside-line
// prefix ("0 030 1234567") becomes the international form PhoneNumber takes ("+49301234567"),
// the way a telephony system's dialing rules read them (ITU-T E.164 / E.123).
struct DialingRules
{
    QString countryCode; // "49"; empty: only international numbers are understood
    QString areaCode;    // "30" (without the national prefix); empty: no local numbers
    QString internationalPrefix = QStringLiteral("00");
    QString nationalPrefix = QStringLiteral("0"); // the trunk prefix; empty where a country has none
    QString outsideLinePrefix;                    // what the PBX needs for a line out ("0"); empty: none
    // The site's own number block, international digits without the extension ("49301234"):
    // numbers in it are internal. With extensionLength > 0, a number written with at most that
    // many digits and no prefix is an extension in it ("567" -> "+49301234567").
    QString baseNumber;
    int extensionLength = 0;

    // `written` in international form ("+" and what follows, separators kept), or nothing with
    // one sentence why in `error`. A number that already starts with "+" is returned as it is;
    // so is anything that is not digits and separators (PhoneNumber says what is wrong with it).
    // An outside-line prefix is removed only where an international or national prefix follows
    // it, so "030 1234567" still reads as national when the outside-line prefix is "0".
    std::optional<QString> toInternational(const QString& written, QString* error = nullptr) const;

    // How far a call to `e164` ("+4930123456") goes from the site, as the least send permission
    // that reaches it (ixi-UMS 5.1.2 "how far a user may send"): Internal (in the base number),
    // Local (the site's country and area code), National (its country code), else International.
    // Without a country code every outside number is International.
    Permission reach(const QString& e164) const;
};

} // namespace umgate
