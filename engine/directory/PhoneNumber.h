// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <optional>

namespace umgate {

// A UMS number in canonical E.164 form (ixi-UMS 5.1.5): "+49 8142 4799123" and "+4981424799123"
// are the same number. Brackets, slashes, hyphens and spaces are ignored, but the grouping by
// spaces is kept, because directories store both spellings and the search template asks for
// both (${UMS} and ${UMS}_wHTSPC).
class PhoneNumber
{
public:
    // Accepts "+<digits>" or "00<digits>" with spaces, tabs, "( ) / -" in between; at most 15
    // digits (E.164), a country code that does not start with 0. On failure `error` gets one
    // sentence that names the problem.
    static std::optional<PhoneNumber> parse(const QString& text, QString* error = nullptr);

    QString digits() const { return m_e164.mid(1); }         // "4981424799123"
    const QString& e164() const { return m_e164; }           // "+4981424799123"
    const QString& canonical() const { return m_canonical; } // "+49 8142 4799123"

    // True when an attribute value holds this number: "+49 8142 4799123", "+49-8142-4799123",
    // "0049 8142 4799123" or a typed address such as "IXI:+4981424799123".
    bool matchesAttributeValue(const QString& stored) const;

    bool operator==(const PhoneNumber& other) const { return m_e164 == other.m_e164; }
    bool operator!=(const PhoneNumber& other) const { return !(*this == other); }

    static constexpr int kMaxDigits = 15; // ITU-T E.164

private:
    PhoneNumber() = default;
    QString m_e164;      // '+' and the digits
    QString m_canonical; // '+' and the digit groups as received, one space between them
};

} // namespace umgate
