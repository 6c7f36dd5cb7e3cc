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
    mkdir((dir_ + "/web/lib@1.2.3").c_str(), 0755);
    std::ofstream(dir_ + "/web/index.html") << "<h1>暖城</h1>";
    std::ofstream(dir_ + "/web/css/app.css") << "body{}";
    std::ofstream(dir_ + "/web/lib@1.2.3/lib.js") << "export {};";
    std::ofstream(dir_ + "/secret.txt") << "secret";
    symlink((dir_ + "/secret.txt").c_str(), (dir_ + "/web/link.txt").c_str());
  }
  void TearDown() override {
    for (const char* f : {"/web/link.txt", "/web/css/app.css", "/web/index.html", "/secret.txt",
                          "/web/lib@1.2.3/lib.js"}) {
      unlink((dir_ + f).c_str());
    }
    rmdir((dir_ + "/web/lib@1.2.3").c_str());
    rmdir((dir_ + "/web/css").c_str());
    rmdir((dir_ + "/web").c_str());
    rmdir(dir_.c_str());
  }

  Response get(const std::string& path, std::string etag = "", std::string since = "") {
    StaticFiles files(dir_ + "/web");
    Request r;
    r.path = path;
    if (!etag.empty()) r.headers.emplace_back("if-none-match", etag);
    if (!since.empty()) r.headers.emplace_back("if-modified-since", since);
    Response out;
    files.serve(r, [&](Response resp) { out = std::move(resp); });
    return out;
  }

  std::string dir_;
};

std::string header_of(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST_F(StaticFilesTest, ServesIndexAndAssetsWithTypesAndCaching) {
  Response index = get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<h1>暖城</h1>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  Response css = get("/css/app.css");
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(header_of(index, "Cache-Control"), "no-cache");
  EXPECT_EQ(header_of(css, "Cache-Control"), "no-cache");
  std::string etag = header_of(css, "ETag");
  ASSERT_FALSE(etag.empty());
  Response again = get("/css/app.css", etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(get("/css/app.css", "\"other\", W/" + etag).status, 304);
  EXPECT_EQ(get("/css/app.css", "\"other\"").status, 200);
}

TEST_F(StaticFilesTest, VersionedAssetsLiveLong) {
  Response lib = get("/lib@1.2.3/lib.js");
  EXPECT_EQ(lib.status, 200);
  EXPECT_EQ(header_of(lib, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(StaticFiles::cache_control_for("/vendor/leaflet@1.9.4/leaflet.css"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(StaticFiles::cache_control_for("/screens/near.js"), "no-cache");
  EXPECT_EQ(StaticFiles::cache_control_for("/a@b/x.js"), "no-cache");
}

TEST_F(StaticFilesTest, LastModifiedRevalidates) {
  Response css = get("/css/app.css");
  std::string last = header_of(css, "Last-Modified");
  ASSERT_NE(last.find(" GMT"), std::string::npos) << last;
  EXPECT_EQ(get("/css/app.css", "", last).status, 304);
  EXPECT_EQ(get("/css/app.css", "", "Mon, 01 Jan 2001 00:00:00 GMT").status, 200);
  EXPECT_EQ(get("/css/app.css", "", "not a date").status, 200);
  // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
  EXPECT_EQ(get("/css/app.css", "\"other\"", last).status, 200);
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
