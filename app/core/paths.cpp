#include "core/paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace attune::core {
namespace {

std::string EnvOr(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

// An XDG base directory: the variable if it is set to an absolute path, else $HOME + fallback.
std::string XdgBase(const char* variable, const char* home_fallback) {
  const std::string value = EnvOr(variable);
  if (!value.empty() && value.front() == '/') return value;
  const std::string home = EnvOr("HOME");
  if (!home.empty()) return home + "/" + home_fallback;
  return home_fallback;
}

}  // namespace

std::string ConfigDir() { return XdgBase("XDG_CONFIG_HOME", ".config") + "/attune"; }
std::string DataDir() { return XdgBase("XDG_DATA_HOME", ".local/share") + "/attune"; }
std::string UserSessionsDir() { return DataDir() + "/sessions"; }
std::string SettingsPath() { return ConfigDir() + "/settings.yaml"; }

std::string DocumentsDir() {
  const std::string documents = EnvOr("XDG_DOCUMENTS_DIR");
  std::error_code error;
  if (!documents.empty() && documents.front() == '/' && std::filesystem::is_directory(documents, error))
    return documents;
  const std::string home = EnvOr("HOME");
  if (home.empty()) return ".";
  if (std::filesystem::is_directory(home + "/Documents", error)) return home + "/Documents";
  return home;
}

std::vector<std::string> BuiltInSessionsCandidates(const std::string& exe_dir) {
  std::vector<std::string> candidates;
  if (!exe_dir.empty()) candidates.push_back(exe_dir + "/../share/attune/sessions");
  candidates.emplace_back(ATTUNE_INSTALLED_SESSIONS_DIR);
  candidates.emplace_back(ATTUNE_SOURCE_SESSIONS_DIR);
  return candidates;
}

std::string BuiltInSessionsDir(const std::string& exe_dir) {
  for (const std::string& candidate : BuiltInSessionsCandidates(exe_dir)) {
    std::error_code error;
    if (std::filesystem::is_directory(candidate, error)) {
      return std::filesystem::weakly_canonical(candidate, error).string();
    }
  }
  return "";
}

}  // namespace attune::core
