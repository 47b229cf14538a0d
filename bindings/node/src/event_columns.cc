#include "event_columns.h"

#include <algorithm>
#include <string>
#include <vector>

#include "errors.h"

namespace presence::node {

namespace {

// UTF-16 code units of valid UTF-8 text: JavaScript string offsets.
uint32_t Utf16Length(const char* data, size_t size) {
  uint32_t units = 0;
  for (size_t i = 0; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(data[i]);
    if ((byte & 0xC0) != 0x80) ++units;  // a character starts here
    if (byte >= 0xF0) ++units;           // outside the BMP: a surrogate pair
  }
  return units;
}

}  // namespace

Napi::Object EventColumns(Napi::Env env, const pe_result* result) {
  const size_t count = pe_result_event_count(result);
  auto numbers = Napi::Float64Array::New(env, count * kNumbers);
  auto codes = Napi::Uint8Array::New(env, count * kCodes);
  auto ends = Napi::Uint32Array::New(env, count * kTexts);
  std::string text;
  text.reserve(count * 48);
  std::vector<uint32_t> occupancy;
  uint32_t offset = 0;
  for (size_t i = 0; i < count; ++i) {
    pe_event e;
    pe_event_init(&e);
    Check(env, pe_result_event(result, i, &e));
    double* n = numbers.Data() + i * kNumbers;
    n[0] = static_cast<double>(e.seq);
    n[1] = static_cast<double>(e.at_ms);
    n[2] = static_cast<double>(e.published_at_ms);
    n[3] = e.session_count;
    n[4] = e.confidence;
    n[5] = static_cast<double>(e.last_seen_at_ms);
    n[6] = e.readiness;
    const struct {
      const char* data;
      size_t size;
    } texts[kTexts] = {{e.id, e.id_len},
                       {e.user_id, e.user_id_len},
                       {e.room_id, e.room_id_len},
                       {e.intent_id, e.intent_id_len},
                       {e.intent_kind, e.intent_kind_len},
                       {e.from_id, e.from_id_len},
                       {e.target_id, e.target_id_len}};
    uint8_t present = 0;
    for (int k = 0; k < kTexts; ++k) {
      if (texts[k].data != nullptr) {
        present |= static_cast<uint8_t>(1U << k);
        text.append(texts[k].data, texts[k].size);
        offset += Utf16Length(texts[k].data, texts[k].size);
      }
      ends[i * kTexts + k] = offset;
    }
    uint8_t* c = codes.Data() + i * kCodes;
    c[0] = static_cast<uint8_t>(e.kind);
    c[1] = static_cast<uint8_t>(e.old_state);
    c[2] = static_cast<uint8_t>(e.new_state);
    c[3] = static_cast<uint8_t>(e.confidence_bucket);
    c[4] = e.guest != 0 ? 1 : 0;
    c[5] = static_cast<uint8_t>(e.target_kind);
    c[6] = e.ready != 0 ? 1 : 0;
    c[7] = static_cast<uint8_t>(e.intent_state);
    c[8] = static_cast<uint8_t>(e.availability);
    c[9] = present;
    if (e.kind == PE_EVENT_OCCUPANCY) {
      occupancy.insert(occupancy.end(),
                       {e.room_members_active, e.room_members_idle, e.room_members_away,
                        e.room_members_stale, e.room_sessions_active, e.room_sessions_idle,
                        e.room_sessions_away, e.room_sessions_stale});
    }
  }
  auto occupancy_counts = Napi::Uint32Array::New(env, occupancy.size());
  std::copy(occupancy.begin(), occupancy.end(), occupancy_counts.Data());
  Napi::Object out = Napi::Object::New(env);
  out.Set("seq", Napi::Number::New(env, static_cast<double>(pe_result_seq(result))));
  out.Set("count", Napi::Number::New(env, static_cast<double>(count)));
  out.Set("numbers", numbers);
  out.Set("codes", codes);
  out.Set("text", Napi::String::New(env, text));
  out.Set("ends", ends);
  out.Set("occupancy", occupancy_counts);
  return out;
}

}  // namespace presence::node
