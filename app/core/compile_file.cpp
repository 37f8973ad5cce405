// app/core/compile_file.cpp: reads a script, loads it and compiles it, with the diagnostics of both in the
// order of the file.
#include "core/compile_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <tuple>
#include <utility>

namespace attune::core {
namespace {

namespace fs = std::filesystem;

void SortByPosition(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(), [](const Diagnostic& x, const Diagnostic& y) {
    return std::tie(x.line, x.column) < std::tie(y.line, y.column);
  });
}

// The loaded session compiled into `result`; `load` is the loader's answer for `result->text`.
void CompileLoaded(LoadResult load, const CompileOptions& compile, CompiledFile* result) {
  result->diagnostics = std::move(load.diagnostics);
  if (load.session) {
    result->session = std::make_shared<const Session>(std::move(*load.session));
    CompileResult compiled = Compile(*result->session, compile);
    result->diagnostics.insert(result->diagnostics.end(), compiled.diagnostics.begin(),
                               compiled.diagnostics.end());
    if (compiled.timeline) result->timeline = std::make_shared<const Timeline>(std::move(*compiled.timeline));
  }
  SortByPosition(&result->diagnostics);
}

std::string FolderOf(const std::string& path) {
  const std::string folder = fs::path(path).parent_path().string();
  return folder.empty() ? std::string(".") : folder;
}

// The whole file into `text`; false when it is not a readable file of at most kMaxFileBytes.
bool ReadBounded(const std::string& path, std::string* text) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text->append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text->size() > kMaxFileBytes) return false;
  }
  return !in.bad();
}

}  // namespace

CompiledFile CompileFile(const std::string& path, const LoadOptions& load, const CompileOptions& compile) {
  CompiledFile result;
  result.path = path;
  if (!ReadBounded(path, &result.text)) {
    // The loader says why the file cannot be used (cannot open, a folder, too large), in its own words.
    result.text.clear();
    CompileLoaded(LoadSessionFile(path, load), compile, &result);
    return result;
  }
  CompileLoaded(LoadSessionText(result.text, path, FolderOf(path), load), compile, &result);
  return result;
}

CompiledFile CompileText(std::string_view text, const std::string& path, const LoadOptions& load,
                         const CompileOptions& compile) {
  CompiledFile result;
  result.path = path;
  result.text = std::string(text);
  CompileLoaded(
      LoadSessionText(result.text, path.empty() ? std::string("session") : path, FolderOf(path), load),
      compile, &result);
  return result;
}

}  // namespace attune::core
