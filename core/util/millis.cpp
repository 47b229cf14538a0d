#include "util/millis.h"

#include <chrono>

namespace presence::core {

Millis system_now() {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  using std::chrono::system_clock;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace presence::core
