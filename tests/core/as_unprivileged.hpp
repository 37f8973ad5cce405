// tests/core/as_unprivileged.hpp: runs a test body as an unprivileged user. Root ignores file permissions,
// so a read-only file or folder is only read-only to someone else: as root, the body runs in a child
// process as nobody (65534); otherwise it runs as is.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace attune::testing_support {

template <typename Body>
void AsUnprivileged(Body body) {
  if (::geteuid() != 0) {
    body();
    return;
  }
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    body();
    ::_exit(::testing::Test::HasFailure() ? 1 : 0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the unprivileged part failed (see above)";
}

}  // namespace attune::testing_support
