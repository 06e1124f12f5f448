// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>

// The JSON keys of RPC params, results and notifications, beside the method names in
// RpcProtocol.h: the engine, the client library, umgatectl and the console all spell a key from
// here, so a renamed field is one line and a typo does not compile. Grouped by where they first
// appear; a key shared by several methods ("id", "name") is listed once.
namespace umgate::rpc::field {

// The JSON-RPC envelope and errors.
inline constexpr QLatin1StringView jsonrpc{"jsonrpc"};
inline constexpr QLatin1StringView id{"id"}; // the request id, and an instance's id in params
inline constexpr QLatin1StringView method{"method"};
inline constexpr QLatin1StringView params{"params"};
inline constexpr QLatin1StringView result{"result"};
inline constexpr QLatin1StringView error{"error"};
inline constexpr QLatin1StringView code{"code"};
inline constexpr QLatin1StringView message{"message"};
inline constexpr QLatin1StringView data{"data"};

// rpc.version, events.subscribe
inline constexpr QLatin1StringView token{"token"};
inline constexpr QLatin1StringView client{"client"};
inline constexpr QLatin1StringView protocol{"protocol"};
inline constexpr QLatin1StringView engineVersion{"engineVersion"};
inline constexpr QLatin1StringView authenticated{"authenticated"};
inline constexpr QLatin1StringView principal{"principal"};
inline constexpr QLatin1StringView methods{"methods"};
inline constexpr QLatin1StringView topics{"topics"};

// engine.status
inline constexpr QLatin1StringView version{"version"};
inline constexpr QLatin1StringView pid{"pid"};
inline constexpr QLatin1StringView uptimeSeconds{"uptimeSeconds"};
inline constexpr QLatin1StringView dataDir{"dataDir"};
inline constexpr QLatin1StringView socket{"socket"};
inline constexpr QLatin1StringView secretStore{"secretStore"};
inline constexpr QLatin1StringView remoteRpc{"remoteRpc"};
inline constexpr QLatin1StringView clients{"clients"};
inline constexpr QLatin1StringView rssKb{"rssKb"};
inline constexpr QLatin1StringView brokenInstances{"brokenInstances"};

// instance.* and the instance objects of engine.status, instance.list and instance.state
inline constexpr QLatin1StringView instances{"instances"};
inline constexpr QLatin1StringView instance{"instance"};
inline constexpr QLatin1StringView name{"name"};
inline constexpr QLatin1StringView enabled{"enabled"};
inline constexpr QLatin1StringView state{"state"};
inline constexpr QLatin1StringView listen{"listen"};     // the address and port, as listening when running
inline constexpr QLatin1StringView warnings{"warnings"}; // why a running listener may refuse mail
inline constexpr QLatin1StringView queued{"queued"};
inline constexpr QLatin1StringView directory{"directory"};
inline constexpr QLatin1StringView force{"force"};
inline constexpr QLatin1StringView keepQueue{"keepQueue"};
inline constexpr QLatin1StringView deleted{"deleted"};
inline constexpr QLatin1StringView discarded{"discarded"};
inline constexpr QLatin1StringView keptQueue{"keptQueue"};
// certificate.import
inline constexpr QLatin1StringView password{"password"};
inline constexpr QLatin1StringView certificate{"certificate"};
inline constexpr QLatin1StringView subject{"subject"};
inline constexpr QLatin1StringView issuer{"issuer"};
inline constexpr QLatin1StringView expires{"expires"};
inline constexpr QLatin1StringView chain{"chain"};

// config.*, validation errors, config.changed
inline constexpr QLatin1StringView key{"key"};
inline constexpr QLatin1StringView keys{"keys"};
inline constexpr QLatin1StringView values{"values"};
inline constexpr QLatin1StringView errors{"errors"};
inline constexpr QLatin1StringView reason{"reason"};
inline constexpr QLatin1StringView line{"line"};
inline constexpr QLatin1StringView column{"column"};
inline constexpr QLatin1StringView document{"document"};
inline constexpr QLatin1StringView text{"text"};
inline constexpr QLatin1StringView as{"as"};
inline constexpr QLatin1StringView added{"added"};
inline constexpr QLatin1StringView removed{"removed"};
inline constexpr QLatin1StringView settings{"settings"}; // config.schema's list, user.* UMS settings
inline constexpr QLatin1StringView secret{"secret"};     // a secret's marker: {secret: true, set}
inline constexpr QLatin1StringView set{"set"};
// Schema entries (config.schema) and Misc Setup options (misc.*).
inline constexpr QLatin1StringView type{"type"};
inline constexpr QLatin1StringView label{"label"};
inline constexpr QLatin1StringView defaultValue{"default"};
inline constexpr QLatin1StringView fields{"fields"};
inline constexpr QLatin1StringView value{"value"};
inline constexpr QLatin1StringView ignore{"ignore"};
inline constexpr QLatin1StringView description{"description"};
inline constexpr QLatin1StringView alias{"alias"};
inline constexpr QLatin1StringView options{"options"};
inline constexpr QLatin1StringView option{"option"};
inline constexpr QLatin1StringView section{"section"};       // the manual's section of a setting
inline constexpr QLatin1StringView notYetUsed{"notYetUsed"}; // stored, but not acted on yet
inline constexpr QLatin1StringView choices{"choices"};
inline constexpr QLatin1StringView suggestions{"suggestions"}; // {by, values}
inline constexpr QLatin1StringView by{"by"};
inline constexpr QLatin1StringView minimum{"minimum"};
inline constexpr QLatin1StringView maximum{"maximum"};
inline constexpr QLatin1StringView entryMinimum{"entryMinimum"}; // an intList's lowest entry
inline constexpr QLatin1StringView maxEntries{"maxEntries"};     // a list's most entries
inline constexpr QLatin1StringView required{"required"};         // an object list field

// admin.token.*
inline constexpr QLatin1StringView tokens{"tokens"};
inline constexpr QLatin1StringView created{"created"};

// log.*, log.line
inline constexpr QLatin1StringView log{"log"};
inline constexpr QLatin1StringView lines{"lines"};
inline constexpr QLatin1StringView from{"from"};
inline constexpr QLatin1StringView size{"size"};
inline constexpr QLatin1StringView rotated{"rotated"};
inline constexpr QLatin1StringView cleared{"cleared"};
inline constexpr QLatin1StringView level{"level"};
inline constexpr QLatin1StringView time{"time"};

// directory.*, user.*
inline constexpr QLatin1StringView number{"number"};
inline constexpr QLatin1StringView sender{"sender"};
inline constexpr QLatin1StringView filter{"filter"};
inline constexpr QLatin1StringView server{"server"};
inline constexpr QLatin1StringView fromCache{"fromCache"};
inline constexpr QLatin1StringView entries{"entries"};
inline constexpr QLatin1StringView addresses{"addresses"};
inline constexpr QLatin1StringView servers{"servers"};
inline constexpr QLatin1StringView ok{"ok"};
inline constexpr QLatin1StringView steps{"steps"};
inline constexpr QLatin1StringView step{"step"};
inline constexpr QLatin1StringView detail{"detail"};
inline constexpr QLatin1StringView search{"search"};
inline constexpr QLatin1StringView offset{"offset"};
inline constexpr QLatin1StringView limit{"limit"};
inline constexpr QLatin1StringView limits{"limits"};
inline constexpr QLatin1StringView used{"used"};
inline constexpr QLatin1StringView day{"day"};
inline constexpr QLatin1StringView user{"user"};
inline constexpr QLatin1StringView format{"format"};
inline constexpr QLatin1StringView total{"total"};
inline constexpr QLatin1StringView users{"users"};
inline constexpr QLatin1StringView rows{"rows"};
inline constexpr QLatin1StringView dn{"dn"};
inline constexpr QLatin1StringView attributes{"attributes"};
inline constexpr QLatin1StringView effective{"effective"};
inline constexpr QLatin1StringView deliveryAddress{"deliveryAddress"};
inline constexpr QLatin1StringView warning{"warning"};
inline constexpr QLatin1StringView errorKind{"errorKind"};

// message.inject, test.message
inline constexpr QLatin1StringView calling{"calling"};
inline constexpr QLatin1StringView called{"called"};
inline constexpr QLatin1StringView files{"files"};
inline constexpr QLatin1StringView pages{"pages"};
inline constexpr QLatin1StringView duration{"duration"};
inline constexpr QLatin1StringView kernelId{"kernelId"};
inline constexpr QLatin1StringView envelope{"envelope"};
inline constexpr QLatin1StringView outcome{"outcome"};

// queue.*, queue.changed, and the queue entries they list
inline constexpr QLatin1StringView queue{"queue"};
inline constexpr QLatin1StringView queueId{"queueId"};
inline constexpr QLatin1StringView entry{"entry"};
inline constexpr QLatin1StringView headers{"headers"};
inline constexpr QLatin1StringView depth{"depth"};
inline constexpr QLatin1StringView recipients{"recipients"};
inline constexpr QLatin1StringView attempts{"attempts"};
inline constexpr QLatin1StringView nextAttempt{"nextAttempt"};
inline constexpr QLatin1StringView lastError{"lastError"};
inline constexpr QLatin1StringView badmailReason{"badmailReason"};
inline constexpr QLatin1StringView requeued{"requeued"};
inline constexpr QLatin1StringView waitSeconds{"waitSeconds"};
inline constexpr QLatin1StringView retried{"retried"};
inline constexpr QLatin1StringView delivered{"delivered"};
inline constexpr QLatin1StringView deferred{"deferred"};
inline constexpr QLatin1StringView failed{"failed"};
inline constexpr QLatin1StringView notTried{"notTried"};
inline constexpr QLatin1StringView trying{"trying"};
inline constexpr QLatin1StringView results{"results"};
inline constexpr QLatin1StringView status{"status"};

} // namespace umgate::rpc::field

// config.schema: the "type" of a setting or of a list entry's field.
namespace umgate::rpc::settingType {

inline constexpr QLatin1StringView Bool{"bool"};
inline constexpr QLatin1StringView Int{"int"};
inline constexpr QLatin1StringView String{"string"};
inline constexpr QLatin1StringView StringList{"stringList"};
inline constexpr QLatin1StringView IntList{"intList"};
inline constexpr QLatin1StringView Enum{"enum"};
inline constexpr QLatin1StringView ObjectList{"objectList"};

} // namespace umgate::rpc::settingType
