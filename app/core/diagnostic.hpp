// app/core/diagnostic.hpp: one located message about a script, and the list a load collects.
#pragma once

#include <string>
#include <vector>

namespace attune::core {

enum class Severity { kWarning, kError };

// A problem found in a script. `line` and `column` are 1-based; 0 means "the file as a whole".
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  Severity severity = Severity::kError;
  std::string message;

  // The sentence a person reads: "box.yaml:3:14: error: 'exhale' must be at least 0.5 s (got 0.2 s)".
  // Without a line: "box.yaml: error: ...".
  std::string Format() const;
};

using Diagnostics = std::vector<Diagnostic>;

bool HasErrors(const Diagnostics& diagnostics);
int CountErrors(const Diagnostics& diagnostics);

}  // namespace attune::core
