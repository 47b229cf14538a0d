// Published events, from C records to JavaScript, in columns.
//
// Events are the hottest read: the emitter reads every one of them on the
// event loop, and the Socket.IO adapter reads them again with their
// fan-out. Building the objects in JavaScript (lib/events.js) from a few
// typed arrays and one string costs a fraction of setting a dozen
// properties per event through Node-API.
#pragma once

#include <napi.h>

#include "presence/presence.h"

namespace presence::node {

// Per event, in the order of pe_result_event():
//  - numbers: Float64Array, kNumbers per event: seq, at, publishedAt,
//    sessionCount, confidence, lastSeenAt, readiness;
//  - codes: Uint8Array, kCodes per event: kind, oldState, newState,
//    confidenceBucket, guest, targetKind, ready, intentState, availability,
//    and a bit mask of the texts present (bit k: text k is not NULL);
//  - text: the event's texts, concatenated: id, userId, roomId, intentId,
//    intentKind, fromId, targetId (the NULL ones left out);
//  - ends: Uint32Array, kTexts per event: where in `text` (UTF-16 offsets)
//    each of those ends (equal to the previous end when it is NULL);
//  - occupancy: Uint32Array, 8 per occupancy event in event order: members
//    active, idle, away, stale, then sessions active, idle, away, stale.
// Plus `count` and the result's `seq`.
inline constexpr int kNumbers = 7;
inline constexpr int kCodes = 10;
inline constexpr int kTexts = 7;

Napi::Object EventColumns(Napi::Env env, const pe_result* result);

}  // namespace presence::node
