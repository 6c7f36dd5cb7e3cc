// The HTTP gateway sender (sms_sender.h): one GET per message with
// Boost.Beast's client, the only Beast code in accounts. Each message runs
// on a thread of the sender's own pool, on an io_context of its own, under
// one deadline for resolve + connect + write + read; when the deadline
// passes, the timer cancels whatever is pending.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

#include "accounts/sms_sender.h"
#include "core/log_text.h"
#include "core/work_pool.h"

namespace warmcity::accounts {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kMaxAnswerBytes = 64 * 1024;

// One exchange with the gateway. REQUIRES: run() is called once, on one thread.
class Exchange {
 public:
  Exchange(const SmsUrl& url, std::string target, std::chrono::milliseconds timeout)
      : url_(url), target_(std::move(target)), timeout_(timeout) {}

  SmsResult run() {
    timer_.expires_after(timeout_);
    timer_.async_wait([this](beast::error_code ec) {
      if (ec) return;  // cancelled: the exchange finished first
      timed_out_ = true;
      resolver_.cancel();
      beast::error_code ignored;
      socket_.close(ignored);
    });
    resolver_.async_resolve(url_.host, std::to_string(url_.port),
                            [this](beast::error_code ec, tcp::resolver::results_type found) {
                              if (ec) return finish(unreachable("cannot resolve", ec));
                              connect(found);
                            });
    ioc_.run();
    return result_;
  }

 private:
  void connect(const tcp::resolver::results_type& found) {
    asio::async_connect(socket_, found, [this](beast::error_code ec, const tcp::endpoint&) {
      if (ec) return finish(unreachable("cannot connect", ec));
      request_.method(bhttp::verb::get);
      request_.target(target_);
      request_.version(11);
      request_.set(bhttp::field::host, url_.host + ":" + std::to_string(url_.port));
      request_.set(bhttp::field::user_agent, "warmcity-sms");
      request_.set(bhttp::field::connection, "close");
      bhttp::async_write(socket_, request_, [this](beast::error_code ec, size_t) {
        if (ec) return finish(unreachable("cannot send", ec));
        parser_.body_limit(kMaxAnswerBytes);
        bhttp::async_read(socket_, buffer_, parser_, [this](beast::error_code ec, size_t) {
          if (ec) return finish(unreachable("no answer", ec));
          const unsigned status = parser_.get().result_int();
          if (status >= 200 && status < 300) return finish(SmsResult{});
          finish({SmsOutcome::kGatewayRefused, "the gateway answered " + std::to_string(status)});
        });
      });
    });
  }

  SmsResult unreachable(const char* what, const beast::error_code& ec) const {
    return {SmsOutcome::kGatewayUnreachable, timed_out_ ? std::string("no answer in time")
                                                        : std::string(what) + ": " + ec.message()};
  }

  void finish(SmsResult r) {
    result_ = std::move(r);
    timer_.cancel();
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  const SmsUrl& url_;
  const std::string target_;
  const std::chrono::milliseconds timeout_;
  asio::io_context ioc_{1};
  tcp::resolver resolver_{ioc_};
  tcp::socket socket_{ioc_};
  asio::steady_timer timer_{ioc_};
  bhttp::request<bhttp::empty_body> request_;
  beast::flat_buffer buffer_;
  bhttp::response_parser<bhttp::string_body> parser_;
  bool timed_out_ = false;
  SmsResult result_{SmsOutcome::kGatewayUnreachable, "not sent"};
};

class HttpSender final : public SmsSender {
 public:
  HttpSender(SmsUrl url, int64_t timeout_ms, int threads)
      : url_(std::move(url)),
        timeout_(timeout_ms),
        pool_(std::make_unique<core::WorkPool>(threads < 1 ? 1 : threads)) {}
  ~HttpSender() override { stop(); }

  void send(SmsMessage m, std::function<void(SmsResult)> done) override {
    auto task = [this, m = std::move(m), done]() {
      std::string target = expand_sms_target(url_, m.phone, m.text, m.code);
      SmsResult r = Exchange(url_, std::move(target), timeout_).run();
      if (r.outcome != SmsOutcome::kSent) {
        spdlog::warn("sms gateway {}:{}: {}", core::log_text(url_.host), url_.port,
                     core::log_text(r.detail));
      }
      done(std::move(r));
    };
    if (!pool_->try_post(std::move(task))) {
      done({SmsOutcome::kBusy, "too many messages in flight"});
    }
  }

  void stop() override { pool_->shutdown(); }
  const char* kind() const override { return "http"; }

 private:
  const SmsUrl url_;
  const std::chrono::milliseconds timeout_;
  std::unique_ptr<core::WorkPool> pool_;  // last: its tasks use the members above
};

}  // namespace

std::unique_ptr<SmsSender> make_http_sender(SmsUrl url, int64_t timeout_ms, int threads) {
  return std::make_unique<HttpSender>(std::move(url), timeout_ms, threads);
}

}  // namespace warmcity::accounts
