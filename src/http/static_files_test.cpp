#include "http/static_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

namespace warmcity::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warmcity-static-XXXXXX";
    dir_ = mkdtemp(tmpl);
    mkdir((dir_ + "/web").c_str(), 0755);
    mkdir((dir_ + "/web/css").c_str(), 0755);
    std::ofstream(dir_ + "/web/index.html") << "<h1>暖城</h1>";
    std::ofstream(dir_ + "/web/css/app.css") << "body{}";
    std::ofstream(dir_ + "/secret.txt") << "secret";
    symlink((dir_ + "/secret.txt").c_str(), (dir_ + "/web/link.txt").c_str());
  }
  void TearDown() override {
    for (const char* f : {"/web/link.txt", "/web/css/app.css", "/web/index.html", "/secret.txt"}) {
      unlink((dir_ + f).c_str());
    }
    rmdir((dir_ + "/web/css").c_str());
    rmdir((dir_ + "/web").c_str());
    rmdir(dir_.c_str());
  }

  Response get(const std::string& path, std::string etag = "") {
    StaticFiles files(dir_ + "/web");
    Request r;
    r.path = path;
    if (!etag.empty()) r.headers = {{"if-none-match", etag}};
    Response out;
    files.serve(r, [&](Response resp) { out = std::move(resp); });
    return out;
  }

  std::string dir_;
};

TEST_F(StaticFilesTest, ServesIndexAndAssetsWithTypesAndCaching) {
  Response index = get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<h1>暖城</h1>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  Response css = get("/css/app.css");
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  std::string etag;
  for (auto& [k, v] : css.headers) {
    if (k == "ETag") etag = v;
    if (k == "Cache-Control") {
      EXPECT_EQ(v, "public, max-age=3600");
    }
  }
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(get("/css/app.css", etag).status, 304);
}

TEST_F(StaticFilesTest, StaysInsideTheRoot) {
  EXPECT_EQ(get("/../secret.txt").status, 404);
  EXPECT_EQ(get("/%2e%2e/secret.txt").status, 404);
  EXPECT_EQ(get("/css/%2E%2E/%2E%2E/secret.txt").status, 404);
  EXPECT_EQ(get("/link.txt").status, 404);  // a symlink out of the root
  EXPECT_EQ(get("/nothing.html").status, 404);
  EXPECT_EQ(get("/api/v1/anything").status, 404);
  EXPECT_EQ(get("/a%00b").status, 404);
}

}  // namespace
}  // namespace warmcity::http
