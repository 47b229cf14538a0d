#include "errors.h"

#include <vector>

namespace presence::node {

namespace {

// Per-environment state: every worker thread loads the addon into its own
// environment, and constructors cannot cross environments.
struct ErrorClasses {
  std::vector<Napi::FunctionReference> by_status;
};

ErrorClasses& ClassesOf(Napi::Env env) {
  auto* classes = env.GetInstanceData<ErrorClasses>();
  if (classes == nullptr) {
    classes = new ErrorClasses();
    env.SetInstanceData(classes);  // freed by Node-API when the environment ends
  }
  return *classes;
}

}  // namespace

void Throw(Napi::Env env, pe_status status, const std::string& message) {
  ErrorClasses& classes = ClassesOf(env);
  const auto index = static_cast<std::size_t>(status);
  if (index < classes.by_status.size() && !classes.by_status[index].IsEmpty()) {
    Napi::Object error = classes.by_status[index].New({Napi::String::New(env, message)});
    throw Napi::Error(env, error);
  }
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, std::string("PE_") + pe_status_name(status)));
  error.Set("status", Napi::Number::New(env, static_cast<double>(status)));
  throw error;
}

Napi::Value RegisterErrorClasses(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1 || !info[0].IsArray()) {
    ThrowInvalid(env, "registerErrorClasses expects an array of constructors");
  }
  Napi::Array array = info[0].As<Napi::Array>();
  std::vector<Napi::FunctionReference> by_status(array.Length());
  for (uint32_t i = 0; i < array.Length(); ++i) {
    Napi::Value value = array.Get(i);
    if (value.IsFunction()) by_status[i] = Napi::Persistent(value.As<Napi::Function>());
  }
  ClassesOf(env).by_status = std::move(by_status);
  return env.Undefined();
}

}  // namespace presence::node
