// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/client/AddressTemplate.h"

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

const QString kOpen = u"$("_s;

// The value of a variable name, or nothing when `name` is none.
const QString* valueOf(QStringView name, const AddressTemplate::Values& values)
{
    if (name == u"number") return &values.number;
    if (name == u"addrtype") return &values.addrType;
    if (name == u"maildomain") return &values.mailDomain;
    return nullptr;
}

} // namespace

AddressTemplate::Result AddressTemplate::expand(const QString& tmpl, const Values& values)
{
    Result r;
    r.text.reserve(tmpl.size() + values.number.size() + values.mailDomain.size());
    qsizetype pos = 0;
    while (pos < tmpl.size()) {
        const qsizetype open = tmpl.indexOf(kOpen, pos);
        if (open < 0) break;
        r.text += QStringView(tmpl).mid(pos, open - pos);
        const qsizetype close = tmpl.indexOf(u')', open + kOpen.size());
        if (close < 0) {
            r.unclosed = true;
            pos = open;
            break;
        }
        const QStringView name = QStringView(tmpl).mid(open + kOpen.size(), close - open - kOpen.size());
        if (const QString* value = valueOf(name, values)) {
            r.text += *value;
        } else {
            const QStringView written = QStringView(tmpl).mid(open, close - open + 1);
            if (r.unknownVariable.isEmpty()) r.unknownVariable = written.toString();
            r.text += written;
        }
        pos = close + 1;
    }
    r.text += QStringView(tmpl).mid(pos);
    return r;
}

bool AddressTemplate::uses(const QString& tmpl, const QString& name)
{
    return tmpl.contains(kOpen + name + u')');
}

AddressTemplate::Values AddressTemplate::example(const QString& mailDomain)
{
    return {u"0814247990"_s, u"fax"_s, mailDomain.isEmpty() ? u"domain.net"_s : mailDomain};
}

} // namespace umgate
