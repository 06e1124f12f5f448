// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/smtp/SmtpTypes.h"

namespace umgate {

// The NEC manual's table ("SMTP Email Integration"): the first digit of the reply at a stage
// decides success, deferral or failure. 5xx at greeting, HELO and MAIL is where clients
// disagree; the policy decides those. STARTTLS and AUTH problems are always deferrals: they are
// the administrator's to fix, the mail must wait rather than bounce. code 0 (no reply) defers.
class SmtpClassifier
{
public:
    static SmtpOutcome classify(SmtpStage stage, int code, const SmtpPolicy& policy);
};

} // namespace umgate
