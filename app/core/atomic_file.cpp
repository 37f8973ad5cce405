// app/core/atomic_file.cpp: write a temporary file beside the target, then rename it over the target.
#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace attune::core {

bool ReplaceFileAtomically(const std::string& path, const std::string& text, Durability durability,
                           std::string* error) {
  const std::filesystem::path target(path);
  // Unique per process (two instances never share one temporary file), in the same folder (the rename is
  // atomic), and 0600 from the start: mkstemp makes it so whatever the umask.
  std::string temporary = path + ".tmp-XXXXXX";
  std::vector<char> name(temporary.begin(), temporary.end());
  name.push_back('\0');
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    if (error != nullptr) *error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    return false;
  }
  temporary = name.data();
  bool ok = ::fchmod(fd, 0600) == 0;
  int failed_errno = ok ? 0 : errno;
  std::size_t written = 0;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      failed_errno = errno;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  if (ok && durability == Durability::kDurable && ::fsync(fd) != 0) {
    ok = false;
    failed_errno = errno;
  }
  if (::close(fd) != 0 && ok) {
    ok = false;
    failed_errno = errno;
  }
  if (ok && std::rename(temporary.c_str(), path.c_str()) != 0) {
    ok = false;
    failed_errno = errno;
  }
  if (!ok) {
    if (error != nullptr) *error = fmt::format("cannot write {}: {}", path, std::strerror(failed_errno));
    std::remove(temporary.c_str());
    return false;
  }
  if (durability == Durability::kDurable && target.has_parent_path()) {
    const int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
  }
  return true;
}

}  // namespace attune::core
