// app/core/compile_file.cpp: reads a script, loads it and compiles it, with the diagnostics of both in the
// order of the file.
#include "core/compile_file.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

namespace attune::core {
namespace {

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

}  // namespace

CompiledFile CompileFile(const std::string& path, const LoadOptions& load, const CompileOptions& compile) {
  CompiledFile result;
  result.path = path;
  if (std::optional<Diagnostic> problem = ReadSessionFile(path, &result.text)) {
    result.diagnostics.push_back(std::move(*problem));
    return result;
  }
  CompileLoaded(LoadSessionText(result.text, path, ScriptFolder(path), load), compile, &result);
  return result;
}

CompiledFile CompileText(std::string_view text, const std::string& path, const LoadOptions& load,
                         const CompileOptions& compile) {
  CompiledFile result;
  result.path = path;
  result.text = std::string(text);
  CompileLoaded(
      LoadSessionText(result.text, path.empty() ? std::string("session") : path, ScriptFolder(path), load),
      compile, &result);
  return result;
}

}  // namespace attune::core
