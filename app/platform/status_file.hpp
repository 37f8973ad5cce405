// app/platform/status_file.hpp: `--status-file PATH`: the session's state for other programs (OBS's text
// source, an overlay, a script), as JSON at PATH and as one line of text at PATH.txt, each replaced
// atomically (core::ReplaceFileAtomically) when it changes, so a reader never sees half a file.
#pragma once

#include <string>

#include "core/status_report.hpp"

namespace attune::platform {

class StatusFile {
 public:
  explicit StatusFile(std::string path) : path_(std::move(path)) {}

  // Writes `report` when it differs from the last one written. A failure is told once on stderr (naming
  // the file and why) and the app goes on; a later success clears it.
  void Update(const core::StatusReport& report);
  // The text file beside `path`.
  static std::string LinePath(const std::string& path) { return path + ".txt"; }

 private:
  std::string path_;
  std::string last_json_;
  bool failed_ = false;
};

}  // namespace attune::platform
