// Python arguments to C values, with one set of rules for every method:
// text must be str and encodable as UTF-8 (a lone surrogate is an
// InvalidArgumentError, never silently replaced); numbers must be int (or
// have __index__), never bool or float; times are int milliseconds since the
// epoch or None for the engine's clock.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace presence_py {

// UTF-8 of a str, borrowed from the str object (valid while it lives).
std::string_view text_arg(PyObject* obj, const char* argument);

// As text_arg(), with None meaning "not given".
std::optional<std::string_view> optional_text_arg(PyObject* obj, const char* argument);

// An int in [min, max]; InvalidArgumentError outside it.
std::int64_t int_arg(PyObject* obj, const char* argument, std::int64_t min, std::int64_t max);

// A non-negative int up to `max`.
std::uint64_t unsigned_arg(PyObject* obj, const char* argument, std::uint64_t max);

// A time: None gives PE_NOW, otherwise int milliseconds since the epoch >= 0
// (the engine rejects times past 2**53).
std::int64_t time_arg(PyObject* obj, const char* argument = "now_ms");

}  // namespace presence_py
