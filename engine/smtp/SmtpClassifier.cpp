// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/smtp/SmtpClassifier.h"

namespace umgate {

SmtpOutcome SmtpClassifier::classify(SmtpStage stage, int code, const SmtpPolicy& policy)
{
    const int digit = code / 100;
    if (digit == 2 || digit == 3) return SmtpOutcome::Success;
    if (digit != 5) return SmtpOutcome::Deferral; // 4xx, no reply, or nonsense
    switch (stage) {
    case SmtpStage::Connect:
    case SmtpStage::Greeting:
        return policy.connection5xx;
    case SmtpStage::Helo:
        return policy.helo5xx;
    case SmtpStage::Mail:
        return policy.mail5xx;
    case SmtpStage::StartTls:
    case SmtpStage::Auth:
        return SmtpOutcome::Deferral;
    case SmtpStage::Rcpt:
    case SmtpStage::Data:
    case SmtpStage::EndOfData:
        return SmtpOutcome::Failure;
    }
    return SmtpOutcome::Deferral;
}

} // namespace umgate
