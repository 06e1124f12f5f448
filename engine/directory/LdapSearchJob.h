// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/Directory.h"

#include <QByteArray>
#include <QStringList>
#include <chrono>
#include <memory>
#include <vector>

namespace umgate {

// The base DNs searches run in, in the form libldap takes; made once per configuration and
// shared by every search made with it.
struct LdapSearchScope
{
    explicit LdapSearchScope(const QStringList& bases);
    LdapSearchScope(const LdapSearchScope&) = delete;
    LdapSearchScope& operator=(const LdapSearchScope&) = delete;

    QStringList baseDns;
    std::vector<QByteArray> utf8;
};

// An attribute list in the form libldap takes; made once and shared while callers keep asking
// for the same attributes (DirectoryService always does).
struct LdapAttributeList
{
    explicit LdapAttributeList(const QStringList& attributeNames);
    LdapAttributeList(const LdapAttributeList&) = delete;
    LdapAttributeList& operator=(const LdapAttributeList&) = delete;
    // Null-terminated, or nullptr for "all user attributes".
    char** data() const { return pointers.empty() ? nullptr : const_cast<char**>(pointers.data()); }

    QStringList names;
    std::vector<QByteArray> utf8;
    std::vector<char*> pointers;
};

// One search the caller asked for, and how far it got on the connection it was last sent on.
struct LdapSearchJob
{
    using Clock = std::chrono::steady_clock;

    quint64 id = 0;
    Clock::time_point start;
    QString filter; // for messages
    QByteArray filterUtf8;
    std::shared_ptr<const LdapAttributeList> attributes;
    std::shared_ptr<const LdapSearchScope> scope;

    std::vector<QList<DirectoryEntry>> perBase;
    int remaining = 0;  // base DNs without their final answer
    int unanswered = 0; // requests on the connection that have no final answer yet
    bool done = false;  // its outcome is made (the other base DNs may still answer)

    // A rough size of its requests on the wire, for the limit of what a connection keeps outstanding.
    qsizetype requestBytes() const;
    // Ready to be sent (again): nothing found yet.
    void reset();
};

struct LdapSearchOutcome
{
    quint64 id = 0;
    DirectorySearchResult result;
};

} // namespace umgate
