#include "accounts/sms_sender.h"

#include <spdlog/spdlog.h>

#include "core/log_text.h"

namespace warmcity::accounts {

namespace {

class LogSender final : public SmsSender {
 public:
  void send(SmsMessage m, std::function<void(SmsResult)> done) override {
    spdlog::info("sms (log sender) to {}: {}", core::log_text(m.phone), core::log_text(m.text));
    spdlog::default_logger()->flush();
    done(SmsResult{});
  }
  const char* kind() const override { return "log"; }
};

}  // namespace

std::unique_ptr<SmsSender> make_log_sender() { return std::make_unique<LogSender>(); }

Result<std::unique_ptr<SmsSender>> make_sms_sender(const SmsConfig& config) {
  if (config.sender == "log") return make_log_sender();
  if (config.sender != "http") {
    return Status::InvalidArgument("--sms-sender must be log or http, not " + config.sender);
  }
  if (config.url.empty()) return Status::InvalidArgument("--sms-sender http needs --sms-url");
  Result<SmsUrl> url = parse_sms_url(config.url);
  if (!url.ok()) return url.status();
  if (config.timeout_ms < 100 || config.timeout_ms > 60000) {
    return Status::InvalidArgument("--sms-timeout-ms must be 100 to 60000");
  }
  return make_http_sender(std::move(*url), config.timeout_ms, config.threads);
}

}  // namespace warmcity::accounts
