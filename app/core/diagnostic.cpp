#include "core/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace attune::core {

std::string Diagnostic::Format() const {
  const char* kind = severity == Severity::kError ? "error" : "warning";
  if (line <= 0) return fmt::format("{}: {}: {}", file, kind, message);
  return fmt::format("{}:{}:{}: {}: {}", file, line, column, kind, message);
}

bool HasErrors(const Diagnostics& diagnostics) { return CountErrors(diagnostics) > 0; }

int CountErrors(const Diagnostics& diagnostics) {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

}  // namespace attune::core
