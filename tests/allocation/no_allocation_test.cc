// After warm-up, validating a valid request allocates nothing, in both modes (DESIGN.md: no heap allocation per
// valid request). Counted with a replaced global operator new, so this test is its own executable. Not a timing
// test: the count is exact.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>

#include "reqprobe/validator.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace reqprobe {
namespace {

// A typical request: every query parameter, both headers, a body with query_info and two image_info items.
const std::string kBody =
    R"({"scan_scope":983040,"rate_limit":100,"is_all":false,"query_info":{"local_image_type":"swr_image",)"
    R"("host_id":"h-0123456789","host_name":"build-host","public_ip":"203.0.113.7","private_ip":"10.0.0.7",)"
    R"("cluster_id":"c-1","container_id":"abc","container_name":"web","pod_id":"p-1","pod_name":"web-0",)"
    R"("app_name":"nginx","has_vul":true,"namespace":"default","image_name":"nginx","image_version":"1.25",)"
    R"("image_type":"private_image","scan_status":"success","image_size":1048576,)"
    R"("start_latest_update_time":1700000000000,"end_latest_update_time":1700000001000,)"
    R"("start_latest_scan_time":1700000000000,"end_latest_scan_time":1700000002000},)"
    R"("image_info":[{"id":1,"image_name":"nginx","image_version":"1.25","registry_id":"r1",)"
    R"("registry_name":"swr","registry_type":"SwrPrivate","namespace":"ns","image_digest":"sha256:ab"},)"
    R"({"image_name":"redis","image_version":"7","registry_id":"r2","registry_name":"harbor",)"
    R"("registry_type":"Harbor","instance_url":"https://h.example/v2/\u00e9"}]})";

long allocations_during(const std::function<void()>& work) {
  const long before = g_allocations.load();
  work();
  return g_allocations.load() - before;
}

TEST(NoAllocation, valid_requests_after_warm_up_in_both_modes) {
  const LoadResult loaded = load_embedded_contract();
  ASSERT_TRUE(loaded.ok());
  Validator validator(loaded.contract);
  const Header headers[] = {{"X-Auth-Token", "token-value"},
                            {"Content-Type", "application/json;charset=utf-8"},
                            {"region", "ap-southeast-1"},
                            {"User-Agent", "reqprobe-test"}};
  const Request request{"POST",
                        "/v5/0f7e0b2c4d/image/image-scan/tasks?enterprise_project_id=all_granted_eps"
                        "&global_image_type=registry",
                        headers, kBody};
  ASSERT_TRUE(validator.validate(request).valid());
  ASSERT_TRUE(validator.is_valid(request));
  EXPECT_EQ(allocations_during([&] {
              for (int i = 0; i < 100; ++i) EXPECT_TRUE(validator.is_valid(request));
            }),
            0);
  EXPECT_EQ(allocations_during([&] {
              for (int i = 0; i < 100; ++i) {
                const Report report = validator.validate(request);
                EXPECT_TRUE(report.violations.empty());
              }
            }),
            0);
  EXPECT_EQ(allocations_during([&] {
              for (int i = 0; i < 100; ++i) EXPECT_TRUE(validator.is_valid_body(kBody));
            }),
            0);
}

TEST(NoAllocation, the_counter_sees_allocations) {
  // Guards the test itself: a replaced operator new that counted nothing would make the test above vacuous.
  EXPECT_GT(allocations_during([] {
              auto* s = new std::string(100, 'x');
              delete s;
            }),
            0);
}

}  // namespace
}  // namespace reqprobe
