// app/core/atomic_file.hpp: replacing a file's contents so that a reader at any moment sees the old text or
// the new one, whole, never a part.
#pragma once

#include <string>

namespace attune::core {

enum class Durability {
  kFast,     // atomic for readers; a power cut may leave the old text (a status file)
  kDurable,  // also fsynced, file and folder, before it returns (settings)
};

// Writes `text` to a temporary file beside `path` (unique per process, mode 0600 from the start) and
// renames it over `path`. `path` itself must be a regular file or not exist (callers resolve symlinks).
// On failure `path` is untouched, the temporary removed, and `error` (if given) says why, naming `path`.
bool ReplaceFileAtomically(const std::string& path, const std::string& text, Durability durability,
                           std::string* error);

}  // namespace attune::core
