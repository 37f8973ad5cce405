// fuzz/loader_fuzz.cpp: libFuzzer entry point. Any bytes must load (or fail with diagnostics) and, when
// valid, compile within the limits: no crash, no sanitizer report, no hang, no exception.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/loader.hpp"
#include "core/timeline.hpp"

namespace {

// Every clip lasts 90 minutes, so voice lengths reach the loader's and the compiler's arithmetic.
class LongClipProbe : public attune::core::ClipProbe {
 public:
  std::optional<attune::core::ClipInfo> Probe(const std::string&, std::string*) const override {
    return attune::core::ClipInfo{48'000, 2, std::int64_t{90} * 60 * 48'000};
  }
};

// A folder with one clip, "a.wav", for voice and ambience paths to find (created once per process).
const std::string& ScriptFolder() {
  static const std::string folder = [] {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "attune-loader-fuzz";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a.wav") << "RIFF";
    return dir.string();
  }();
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  static const LongClipProbe probe;
  attune::core::LoadOptions options;
  options.probe = &probe;
  const attune::core::LoadResult loaded =
      attune::core::LoadSessionText(text, "fuzz.yaml", ScriptFolder(), options);
  for (const attune::core::Diagnostic& d : loaded.diagnostics) {
    if (d.Format().empty()) __builtin_trap();
  }
  if (loaded.session) {
    const attune::core::CompileResult compiled = attune::core::Compile(*loaded.session);
    if (!compiled.timeline && !attune::core::HasErrors(compiled.diagnostics)) __builtin_trap();
  }
  return 0;
}
