// app/platform/status_file.cpp: the status files, replaced whole at each change.
#include "platform/status_file.hpp"

#include <cstdio>

#include "core/atomic_file.hpp"
#include "core/terminal_text.hpp"

namespace attune::platform {

void StatusFile::Update(const core::StatusReport& report) {
  std::string json = core::StatusJson(report);
  if (json == last_json_) return;
  std::string error;
  // The line first, then the JSON: a reader of both that sees the new JSON also finds the new line.
  const bool ok = core::ReplaceFileAtomically(LinePath(path_), core::StatusLine(report),
                                              core::Durability::kFast, &error) &&
                  core::ReplaceFileAtomically(path_, json, core::Durability::kFast, &error);
  if (!ok) {
    if (!failed_)
      std::fprintf(stderr, "attune: the status file is not written: %s\n",
                   core::EscapeForTerminal(error).c_str());
    failed_ = true;
    return;
  }
  failed_ = false;
  last_json_ = std::move(json);
}

}  // namespace attune::platform
