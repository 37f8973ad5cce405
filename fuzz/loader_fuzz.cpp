// fuzz/loader_fuzz.cpp: libFuzzer entry point. Any bytes must load (or fail with diagnostics) and, when
// valid, compile within the limits: no crash, no sanitizer report, no hang, no exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/loader.hpp"
#include "core/timeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A folder that does not exist: voice paths are resolved and refused, never read.
  const attune::core::LoadResult loaded =
      attune::core::LoadSessionText(text, "fuzz.yaml", "/nonexistent-attune-fuzz");
  for (const attune::core::Diagnostic& d : loaded.diagnostics) {
    if (d.Format().empty()) __builtin_trap();
  }
  if (loaded.session) {
    const attune::core::CompileResult compiled = attune::core::Compile(*loaded.session);
    if (!compiled.timeline && !attune::core::HasErrors(compiled.diagnostics)) __builtin_trap();
  }
  return 0;
}
