#include "store/file_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "store/test_util.h"

namespace warmcity::store {
namespace {

using testing_util::ScratchDir;

// Whether a child process (another open file, as another warmcity would
// have) can take the lock right now.
bool other_process_can_lock(const std::string& db) {
  const pid_t pid = ::fork();
  if (pid == 0) _exit(FileLock::acquire(db).ok() ? 0 : 1);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST(FileLock, OneHolderAtATimeAndReleasedWhenDropped) {
  ScratchDir dir;
  const std::string db = dir.file("w.db");
  {
    Result<FileLock> lock = FileLock::acquire(db);
    ASSERT_TRUE(lock.ok()) << lock.status().message();
    EXPECT_TRUE(std::filesystem::exists(db + ".lock"));
    EXPECT_FALSE(other_process_can_lock(db));
    FileLock moved = std::move(lock).value();  // still held after a move
    EXPECT_FALSE(other_process_can_lock(db));
  }
  EXPECT_TRUE(other_process_can_lock(db));
}

TEST(FileLock, AHeldLockIsRefusedNamingTheDatabaseAndFreedWhenTheHolderDies) {
  ScratchDir dir;
  const std::string db = dir.file("w.db");
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    Result<FileLock> held = FileLock::acquire(db);
    const char c = held.ok() ? 'y' : 'n';
    if (::write(ready[1], &c, 1) != 1) _exit(2);
    ::pause();
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  Result<FileLock> mine = FileLock::acquire(db);
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  ASSERT_FALSE(mine.ok());
  EXPECT_EQ(mine.status().code(), Code::kUnavailable);
  EXPECT_NE(mine.status().message().find(db), std::string::npos);
  EXPECT_TRUE(FileLock::acquire(db).ok());  // the kernel let go when the holder died
}

TEST(FileLock, AnUnwritableDirectoryIsUnavailable) {
  Result<FileLock> lock = FileLock::acquire("/proc/no-such-dir/w.db");
  ASSERT_FALSE(lock.ok());
  EXPECT_EQ(lock.status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace warmcity::store
