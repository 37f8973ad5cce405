// app/core/compile_file.hpp: the one way to load and compile a script. Every command (check, plan, render),
// the library, the quick timer and the app call CompileFile or CompileText, so a script means the same
// timeline, and reports the same diagnostics in the same order, wherever it is shown or heard.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/loader.hpp"
#include "core/model.hpp"
#include "core/timeline.hpp"

namespace attune::core {

struct CompiledFile {
  std::string path;                          // as given
  std::string text;                          // the script's text as read ("" if unreadable)
  std::shared_ptr<const Session> session;    // null when it did not load
  std::shared_ptr<const Timeline> timeline;  // null when it did not load or compile
  std::vector<Diagnostic> diagnostics;       // the loader's and the compiler's, sorted by line, column

  // Loaded and compiled without error (warnings allowed).
  bool ok() const { return timeline != nullptr && !HasErrors(diagnostics); }
};

// Reads, loads and compiles the file at `path`. Voice clips resolve next to it. Never throws: a missing,
// unreadable or too large file is a diagnostic of the file as a whole (line 0).
CompiledFile CompileFile(const std::string& path, const LoadOptions& load = {},
                         const CompileOptions& compile = {});

// Loads and compiles `text` as if it were the file `path` (voice clips resolve in its folder, or "." when it
// has none; diagnostics name `path`, or "session" when it is empty).
CompiledFile CompileText(std::string_view text, const std::string& path, const LoadOptions& load = {},
                         const CompileOptions& compile = {});

}  // namespace attune::core
