// Waiting for an asynchronous call's result, for commands and tools that
// run a service call to its end (never on an I/O or writer thread):
//
//   Result<Facility> saved = core::wait_for<Facility>(
//       [&](auto done) { service.create(f, by, std::move(done)); });
#pragma once

#include <future>
#include <utility>

#include "core/status.h"

namespace warmcity::core {

template <class T, class Call>
Result<T> wait_for(Call call) {
  std::promise<Result<T>> promise;
  auto future = promise.get_future();
  call([&promise](Result<T> r) { promise.set_value(std::move(r)); });
  return future.get();
}

}  // namespace warmcity::core
