#include "mock_server.h"

#include <atomic>
#include <optional>

#include "error_response.h"

namespace reqprobe::replay {
namespace {

constexpr std::string_view kJson = "application/json;charset=UTF-8";

// One Validator per worker thread (a Validator is not thread-safe; the contract is shared).
Validator& thread_validator(const std::shared_ptr<const Contract>& contract) {
  thread_local std::optional<Validator> validator;
  thread_local const Contract* owner = nullptr;
  if (!validator || owner != contract.get()) {
    validator.emplace(contract);
    owner = contract.get();
  }
  return *validator;
}

}  // namespace

// The responder behind the HTTP server: a complete request is validated on its exact head and body; a refused one
// gets the documented error format.
class MockServer::Handler final : public HttpHandler {
 public:
  explicit Handler(std::shared_ptr<const MockResponder> responder) : responder_(std::move(responder)) {}

  HttpAnswer answer(const Http1Head& head, std::optional<std::string_view> body) override {
    const Request request{head.method, head.target, head.headers, body};
    const MockAnswer decided =
        responder_->answer(thread_validator(responder_->contract()), request, sequence_.fetch_add(1));
    HttpAnswer answer;
    answer.action =
        decided.action == MockAnswer::Action::answer ? HttpAnswer::Action::answer : HttpAnswer::Action::reset;
    answer.status = decided.status;
    answer.delay = decided.delay;
    answer.retry_after_seconds = decided.retry_after_seconds;
    if (decided.problem) {
      answer.content_type = "application/problem+json";
      answer.body = problem_body(decided.status, decided.error_msg);
    } else if (!decided.error_code.empty()) {
      answer.content_type = kJson;
      answer.body = error_body(responder_->contract()->plan().exact_answers, decided.error_code, decided.error_msg);
    } else {
      answer.content_type = decided.documented_content_type;
      answer.extra_headers = decided.documented_headers;
      answer.body = decided.documented_body;
    }
    return answer;
  }

  HttpAnswer refuse(const Http1Error& error) override {
    const RefusalAnswer decided = refusal_answer(error.refusal, error.message, responder_->unparsable_code());
    HttpAnswer answer;
    answer.status = decided.status;
    if (responder_->contract()->plan().answer_profile == AnswerProfile::openapi) {
      answer.content_type = "application/problem+json";
      answer.body = problem_body(decided.status, decided.error_msg);
    } else {
      answer.content_type = kJson;
      answer.body = error_body(responder_->contract()->plan().exact_answers, decided.error_code, decided.error_msg);
    }
    answer.retry_after_seconds = decided.retry_after_seconds;
    return answer;
  }

  /// Requests the responder has judged.
  [[nodiscard]] std::uint64_t judged() const noexcept { return sequence_.load(std::memory_order_relaxed); }

 private:
  std::shared_ptr<const MockResponder> responder_;
  std::atomic<std::uint64_t> sequence_{0};
};

MockServer::MockServer(std::shared_ptr<const MockResponder> responder, MockServerOptions options) {
  auto handler = std::make_shared<Handler>(std::move(responder));
  handler_ = handler.get();
  server_ = std::make_unique<HttpServer>(std::move(handler), std::move(options));
}

MockServer::~MockServer() = default;

int MockServer::bind() {
  return server_->bind();
}

void MockServer::serve() {
  server_->serve();
}

int MockServer::start() {
  return server_->start();
}

void MockServer::stop() {
  server_->stop();
}

std::uint64_t MockServer::requests() const noexcept {
  return handler_->judged() + server_->stats().rejected;  // timeouts and connections refused at the cap are not
}

HttpServerStats MockServer::stats() const noexcept {
  return server_->stats();
}

const std::string& MockServer::error() const noexcept {
  return server_->error();
}

}  // namespace reqprobe::replay
