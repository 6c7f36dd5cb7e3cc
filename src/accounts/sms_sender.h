// Sending a text message (the residents' one-time codes) through a
// pluggable sender, chosen with `warmcity serve --sms-sender`:
//
//   log   writes the message, number and code included, to the server log
//         (info level). For the demo and tests only: that log is then the
//         phone. The server warns at start when it is in use.
//   http  a GET to a gateway built from a URL template (sms_url.h), on a
//         small pool of its own threads, with a time limit for the whole
//         exchange (resolve, connect, send, answer). A 2xx answer is sent;
//         any other answer is kGatewayRefused; no answer in time, or no
//         connection, is kGatewayUnreachable. The Boost.Beast client lives
//         in sms_http_sender.cpp alone.
//
// `done` runs exactly once, on the sender's thread (log: the caller's), and
// kBusy at once when too many messages wait. stop() is for after serving
// has stopped: it drops queued messages unsent (nobody waits for their
// answers any more) and joins the threads; call it before the database
// stops. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "accounts/sms_url.h"
#include "core/status.h"

namespace warmcity::accounts {

struct SmsMessage {
  std::string phone;  // a mainland mobile number
  std::string text;   // the whole message, UTF-8
  std::string code;   // the code alone, for {code}
};

enum class SmsOutcome { kSent, kGatewayRefused, kGatewayUnreachable, kBusy };

struct SmsResult {
  SmsOutcome outcome = SmsOutcome::kSent;
  std::string detail;  // for the server log: what went wrong
};

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual void send(SmsMessage message, std::function<void(SmsResult)> done) = 0;
  virtual void stop() {}
  virtual const char* kind() const = 0;  // "log", "http"
};

struct SmsConfig {
  std::string sender = "log";  // "log" | "http"
  std::string url;             // http: the URL template
  int64_t timeout_ms = 5000;   // http: the whole exchange
  int threads = 2;             // http: messages in flight at once
};

// kInvalidArgument for an unknown sender or a bad URL template.
Result<std::unique_ptr<SmsSender>> make_sms_sender(const SmsConfig& config);

std::unique_ptr<SmsSender> make_log_sender();
std::unique_ptr<SmsSender> make_http_sender(SmsUrl url, int64_t timeout_ms, int threads);

}  // namespace warmcity::accounts
