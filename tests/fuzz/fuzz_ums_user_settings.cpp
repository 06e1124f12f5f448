// SPDX-License-Identifier: GPL-3.0-or-later
// The "UMS1" user-data attribute (engine/directory/UmsUserSettings): read from every directory
// entry, which anyone with write access to the directory can fill. decode() never fails; what it
// decodes must encode and decode to the same settings.
#include "engine/directory/UmsUserSettings.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    QString warning;
    const UmsUserSettings settings = UmsUserSettings::decode(text, &warning);
    const QString encoded = settings.encode();
    QString warning2;
    const UmsUserSettings again = UmsUserSettings::decode(encoded, &warning2);
    fuzz::check(again == settings, "decode(encode(x)) == x", encoded);
    fuzz::check(again.encode() == encoded, "encode() is deterministic", encoded);
    // The RPC form travels the same way (user.get -> console -> user.set), unless the settings
    // no longer fit the attribute once encoded (control characters grow to %XX): then user.set
    // refuses them with that reason, which is what the administrator needs to know.
    if (encoded.size() > UmsUserSettings::kMaxEncodedLength) return 0;
    QString error;
    const auto fromJson = UmsUserSettings::fromJson(settings.toJson(), &error);
    fuzz::check(fromJson.has_value(), "toJson() of decoded settings is accepted", error);
    fuzz::check(*fromJson == settings, "fromJson(toJson(x)) == x", encoded);
    settings.effective(SettingValues());
    return 0;
}
